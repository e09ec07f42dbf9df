package dev.shipbridge.usps.internal;

import dev.shipbridge.AuthenticationException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.http.RequestSafety;
import dev.shipbridge.model.CarrierId;
import java.time.Clock;
import java.util.List;

/**
 * What a refused authorization means for the merchant, in words (the scope refused or needed, or
 * to authorize the platform again in the USPS Business Portal); never a token, code or secret.
 */
final class OAuthRefusals {
  static final String PORTAL = "the USPS Business Portal (platform authorization)";

  private OAuthRefusals() {}

  /** The exception for a non-2xx answer of {@code POST /token} or {@code /revoke}. */
  static CarrierException refused(HttpResult r, String merchant, List<String> scopes, String grant, Clock clock) {
    UspsErrors.Parsed p = UspsErrorBody.read(r);
    String error = p.code() == null ? "" : p.code();
    String who = merchant == null ? "the platform's client application" : "merchant '" + merchant + "'";
    String advice = switch (error) {
      case "invalid_scope" -> "USPS refused the scope(s) " + (scopes.isEmpty() ? "asked for" : String.join(" ", scopes))
          + " for " + who + " (invalid_scope): " + (merchant == null
              ? "ask USPS to add the API product to the application, or request fewer scopes"
              : "the merchant must grant these scopes to the platform in " + PORTAL
                  + ", or configure UspsAuthorization with the scopes granted");
      case "invalid_grant" -> grant.equals("authorization_code")
          ? "USPS refused the authorization code of " + who + " (invalid_grant: used, expired after ten minutes, or "
              + "issued for another redirect URI): the merchant must authorize the platform again in " + PORTAL
          : "USPS refused the refresh token of " + who + " (invalid_grant: expired, revoked, or already rotated): "
              + "the merchant must authorize the platform again in " + PORTAL + " and the new code be exchanged";
      case "unauthorized_client" -> "USPS does not allow " + who + " the " + grant + " grant (unauthorized_client): "
          + "enable it for the application in the USPS developer portal";
      default -> null;
    };
    if (advice == null) return UspsErrors.map(r, UspsApi.OAUTH, clock, RequestSafety.IDEMPOTENT, null);
    if (p.message() != null && !p.message().equals(error)) advice += " (USPS: " + p.message() + ")";
    return new AuthenticationException(CarrierException.details(CarrierId.USPS, advice).httpStatus(r.status())
        .carrierCode(error).requestId(r.requestId()));
  }

  /** The OAuth scope an API needs, as the per-API specs name it ({@code labels}, {@code tracking}...). */
  static String scopeOf(UspsApi api) {
    String path = api.basePath();
    return path.substring(0, path.indexOf('/'));
  }

  /** A 403 from a resource API: which scope or entitlement is missing and what to do. */
  static String forbidden(UspsApi api, String uspsMessage) {
    return uspsMessage + " (USPS API " + api.basePath() + " needs the OAuth scope '" + scopeOf(api) + "' in the token and "
        + "the API product in the application; for a merchant's tracking, the merchant's authorization of the platform "
        + "for its Mailer ID in " + PORTAL + ")";
  }
}
