package dev.shipbridge.usps.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.CarrierException;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.spi.TokenStore.Token;
import dev.shipbridge.usps.UspsCarrier;
import dev.shipbridge.usps.UspsCarrier.PaymentAccount;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The two tokens USPS calls carry, read from their answers (each is cached by a {@link TokenCache}):
 * the OAuth 2.0 access token ({@code POST /oauth2/v3/token}, client credentials; {@code expires_in}
 * as a number or a numeric string, an hour when missing or unreadable), and the payment
 * authorization token ({@code POST /payments/v3/payment-authorization}, roles {@code PAYER} and
 * {@code LABEL_OWNER}), sent as {@code X-Payment-Authorization-Token} with label, cancel and
 * SCAN-form calls: "valid for eight hours after issuance", so it is not fetched per label.
 */
final class UspsTokens {
  static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
  static final Duration PAYMENT_LIFETIME = Duration.ofHours(8);

  private UspsTokens() {}

  /** The access token of an OAuth answer, valid until a safety margin before {@code expires_in}. */
  static Token access(HttpResult r, Clock clock, JsonCodec json) {
    return access(r, answer(r, clock, json), clock);
  }

  /** The token answer's tree; a refusal becomes the mapped USPS error. */
  static JsonNode answer(HttpResult r, Clock clock, JsonCodec json) {
    if (!r.isSuccessful()) throw UspsErrors.map(r, UspsApi.OAUTH, clock, dev.shipbridge.http.RequestSafety.IDEMPOTENT, null);
    return json.tree(CarrierId.USPS, r.body());
  }

  /** The access token of an answer already read ({@code root}: its tree), parsed once. */
  static Token access(HttpResult r, JsonNode root, Clock clock) {
    String token = text(root.get("access_token"), r, "the token answer has no access_token");
    Duration lifetime = lifetime(root.get("expires_in"));
    return new Token(token, clock.instant().plus(lifetime).minus(TokenCache.safetyMargin(lifetime)));
  }

  static Duration lifetime(JsonNode expiresIn) {
    long seconds;
    try {
      seconds = expiresIn == null ? 0 : expiresIn.isNumber() ? expiresIn.asLong()
          : expiresIn.isTextual() ? Long.parseLong(expiresIn.asText().strip()) : 0;
    } catch (NumberFormatException e) {
      seconds = 0;
    }
    return seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_LIFETIME;
  }

  /** The payment authorization token of a 2xx answer, valid eight hours less the safety margin. */
  static Token payment(HttpResult r, Clock clock, JsonCodec json) {
    JsonNode root = json.tree(CarrierId.USPS, r.body());
    String token = text(root.get("paymentAuthorizationToken"), r,
        "the payment authorization answer has no paymentAuthorizationToken");
    return new Token(token, clock.instant().plus(PAYMENT_LIFETIME).minus(TokenCache.safetyMargin(PAYMENT_LIFETIME)));
  }

  private static String text(JsonNode n, HttpResult r, String missing) {
    if (n == null || !n.isTextual() || n.asText().isBlank()) {
      throw new CarrierException(CarrierException.details(CarrierId.USPS, missing).httpStatus(r.status())
          .requestId(r.requestId()));
    }
    return n.asText();
  }

  /** {@code Parties}: the roles of the payment authorization request. */
  record Parties(List<Role> roles) {}

  /** A {@code Role}; null fields are left out. */
  record Role(String roleName, @JsonProperty("CRID") String crid, @JsonProperty("MID") String mid,
      @JsonProperty("manifestMID") String manifestMid, String accountType, String accountNumber, String permitNumber,
      @JsonProperty("permitZIP") String permitZip) {}

  /** The {@code Parties} body: a PAYER and a LABEL_OWNER role for the account. */
  static Parties paymentRequest(PaymentAccount p) {
    boolean permit = p.accountType() == UspsCarrier.AccountType.PERMIT;
    return new Parties(List.of(new Role("PAYER", p.crid(), p.mid(), p.manifestMid(), p.accountType().name(),
        permit ? null : p.accountNumber(), permit ? p.accountNumber() : null, permit ? p.permitZip() : null),
        new Role("LABEL_OWNER", p.crid(), p.mid(), p.manifestMid(), null, null, null, null)));
  }
}
