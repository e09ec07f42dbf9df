package dev.shipbridge.testkit.usps;

import static dev.shipbridge.testkit.usps.Inputs.*;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The Payments API ({@code /payments/v3}): payment authorization tokens and their checks. */
final class PaymentsApi {
  static final Duration PAYMENT_TOKEN_LIFETIME = Duration.ofHours(8);

  private static final Set<String> ROLE_NAMES = Set.of("PAYER", "RATE_HOLDER", "LABEL_OWNER", "SHIPPER",
      "MAIL_OWNER", "PLATFORM", "RETURN_LABEL_PAYER", "RETURN_LABEL_RATE_HOLDER", "RETURN_LABEL_OWNER",
      "LABEL_PROVIDER");

  record PaymentToken(Instant expires, String crid, String mid, String manifestMid) {}

  private final Clock clock;
  private final Map<String, PaymentToken> paymentTokens;

  PaymentsApi(UspsService s) {
    this.clock = s.clock;
    this.paymentTokens = s.paymentTokens;
  }

  Wire.Reply paymentAuthorization(String api, String body) {
    Map<String, Object> req = object(Json.parse(body), "body");
    Object rolesObj = req.get("roles");
    Problems p = new Problems();
    if (!(rolesObj instanceof List) || ((List<?>) rolesObj).isEmpty()) {
      p.add("160229", "LABEL_OWNER is required", "LABEL_OWNER is required", "roles");
      p.throwIfAny();
    }
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    for (Object o : (List<?>) rolesObj) {
      Map<String, Object> role = object(o, "roles[]");
      String name = str(role, "roleName");
      if (name == null || !ROLE_NAMES.contains(name)) {
        p.add("160252", "Invalid roleName", "roleName " + name + " is not valid.", "roles.roleName");
        continue;
      }
      if (byName.put(name, role) != null) {
        p.add("160227", "Duplicate role", "no duplicate roles allowed", "roles.roleName");
      }
    }
    p.throwIfAny();
    if (!byName.containsKey("PAYER")) {
      p.add("160228", "PAYER is required", "PAYER is required", "roles");
    }
    if (!byName.containsKey("LABEL_OWNER")) {
      p.add("160229", "LABEL_OWNER is required", "LABEL_OWNER is required", "roles");
    }
    byName.forEach((name, role) -> {
      String crid = str(role, "CRID");
      if (crid == null || crid.length() < 2 || crid.length() > 18) {
        p.add("160218", name + " requires CRID", name + " requires CRID", "roles.CRID");
      }
      if (role.containsKey("MID") && !String.valueOf(role.get("MID")).matches("^(\\d{6}|\\d{9})$")) {
        p.add("160252", "Invalid MID", "MID must be 6 or 9 digits.", "roles.MID");
      }
      if (name.equals("LABEL_OWNER")) {
        if (str(role, "MID") == null) {
          p.add("160221", name + " requires MID", name + " requires MID", "roles.MID");
        }
        if (str(role, "manifestMID") == null) {
          p.add("160222", name + " requires manifestMID", name + " requires manifestMID", "roles.manifestMID");
        }
      }
      if (name.equals("PAYER")) {
        String type = str(role, "accountType");
        if (type == null) {
          p.add("160252", "PAYER requires accountType", "PAYER requires accountType", "roles.accountType");
        } else if ((type.equals("EPS") || type.equals("METER")) && str(role, "accountNumber") == null) {
          p.add("160224", "PAYER requires accountNumber", "PAYER requires accountNumber when accountType is " + type,
              "roles.accountNumber");
        } else if (type.equals("PERMIT") || type.equals("OMAS")) {
          if (str(role, "permitNumber") == null) {
            p.add("160225", "PAYER requires permitNumber", "PAYER requires permitNumber when accountType is " + type,
                "roles.permitNumber");
          }
          if (str(role, "permitZIP") == null) {
            p.add("160226", "PAYER requires permitZIP", "PAYER requires permitZipCode when accountType is " + type,
                "roles.permitZIP");
          }
        }
      }
    });
    p.throwIfAny();
    Map<String, Object> owner = byName.get("LABEL_OWNER");
    Instant now = clock.instant();
    String token = OAuthApi.jwt(Json.obj().with("iss", "https://apis.usps.com/payments/v3").with("crid", str(owner, "CRID"))
        .with("mid", str(owner, "MID")).with("iat", now.getEpochSecond())
        .with("exp", now.plus(PAYMENT_TOKEN_LIFETIME).getEpochSecond()).with("jti", UUID.randomUUID().toString()));
    paymentTokens.put(token, new PaymentToken(now.plus(PAYMENT_TOKEN_LIFETIME), str(owner, "CRID"),
        str(owner, "MID"), str(owner, "manifestMID")));
    return Wire.json(200, Answers.of("payment-authorization", "token", token, "roles", rolesObj));
  }

  PaymentToken checkPaymentToken(String api, Map<String, String> headers) {
    String t = headers.get("X-Payment-Authorization-Token");
    PaymentToken pt = t == null ? null : paymentTokens.get(t.trim());
    if (pt == null || !clock.instant().isBefore(pt.expires())) {
      throw new Unauthorized(Wire.withHeader(Wire.error(401, api, "Missing, invalid or expired payment authorization token.",
          List.of(Wire.item("401", null, "invalid_token", t == null
              ? "The X-Payment-Authorization-Token header is required."
              : "The payment authorization token is not valid or has expired.",
              "Header: X-Payment-Authorization-Token"))),
          "WWW-Authenticate", "Bearer realm=\"https://api.usps.com\""));
    }
    return pt;
  }

  /** Thrown to answer 401 from deep inside a handler. */
  static final class Unauthorized extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Wire.Reply reply;

    Unauthorized(Wire.Reply reply) {
      super(null, null, false, false);
      this.reply = reply;
    }
  }
}
