package dev.shipbridge.usps.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.CarrierException;
import dev.shipbridge.ValidationException;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.spi.TokenStore;
import dev.shipbridge.spi.TokenStore.Token;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import dev.shipbridge.usps.UspsCarrier;
import dev.shipbridge.usps.UspsCarrier.PaymentAccount;

/**
 * The payment authorization token ({@code POST /payments/v3/payment-authorization}, roles {@code
 * PAYER} and {@code LABEL_OWNER}), sent as {@code X-Payment-Authorization-Token} with label,
 * cancel and SCAN-form calls. USPS says it is valid for eight hours and should not be fetched per
 * label; it is cached for that lifetime less the safety margin, single-flight.
 */
public final class PaymentTokenSource {
  /** "Payment Authorization Tokens are valid for eight hours after issuance." */
  static final Duration LIFETIME = Duration.ofHours(8);

  private final TokenCache cache;
  private final PaymentAccount payment;

  PaymentTokenSource(TokenStore store, Clock clock, JsonCodec json, String baseUrl, String clientId, PaymentAccount payment,
      Function<byte[], HttpResult> post) {
    this.payment = payment;
    String key = payment == null ? "usps:payment:none" : TokenCache.key("payment", baseUrl, clientId, payment.crid(),
        payment.mid(), payment.manifestMid(), payment.accountType().name(), payment.accountNumber(), payment.permitZip());
    this.cache = new TokenCache(store, key, clock, () -> {
      HttpResult r = post.apply(json.write(request(payment)));
      JsonNode root = json.tree(CarrierId.USPS, r.body());
      JsonNode t = root.get("paymentAuthorizationToken");
      if (t == null || !t.isTextual() || t.asText().isBlank()) {
        throw new CarrierException(CarrierException.details(CarrierId.USPS,
            "the payment authorization answer has no paymentAuthorizationToken").httpStatus(r.status()).requestId(r.requestId()));
      }
      return new Token(t.asText(), clock.instant().plus(LIFETIME).minus(TokenCache.safetyMargin(LIFETIME)));
    });
  }

  String token() {
    if (payment == null) {
      throw ValidationException.of("paymentAccount",
          "USPS labels and SCAN forms need a payment account: set UspsCarrier.builder().paymentAccount(...)");
    }
    return cache.get();
  }

  void invalidate(String rejected) {
    cache.invalidate(rejected);
  }

  /** The {@code Parties} body: a PAYER and a LABEL_OWNER role for the configured account. */
  static Map<String, Object> request(PaymentAccount p) {
    List<Map<String, Object>> roles = new ArrayList<>();
    Map<String, Object> payer = new LinkedHashMap<>();
    payer.put("roleName", "PAYER");
    payer.put("CRID", p.crid());
    payer.put("MID", p.mid());
    payer.put("manifestMID", p.manifestMid());
    payer.put("accountType", p.accountType().name());
    if (p.accountType() == UspsCarrier.AccountType.PERMIT) {
      payer.put("permitNumber", p.accountNumber());
      payer.put("permitZIP", p.permitZip());
    } else {
      payer.put("accountNumber", p.accountNumber());
    }
    roles.add(payer);
    Map<String, Object> owner = new LinkedHashMap<>();
    owner.put("roleName", "LABEL_OWNER");
    owner.put("CRID", p.crid());
    owner.put("MID", p.mid());
    owner.put("manifestMID", p.manifestMid());
    roles.add(owner);
    payer.values().removeIf(v -> v == null);
    return Map.of("roles", roles);
  }
}
