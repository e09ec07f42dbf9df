package dev.shipbridge.testkit.usps;

import static dev.shipbridge.testkit.usps.Inputs.*;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The OAuth 2.0 API ({@code /oauth2/v3}): client-credentials, authorization-code and refresh-token
 * grants (the last two through {@link MerchantGrants}), revocation, bearer and scope checks.
 */
final class OAuthApi {
  static final Duration TOKEN_LIFETIME = Duration.ofSeconds(28_799);
  static final String SCOPES = "addresses international-prices subscriptions payments pickup tracking labels "
      + "scan-forms companies service-delivery-standards locations international-labels prices shipments";

  private final Clock clock;
  private final String clientId;
  private final String clientSecret;
  private final Map<String, Instant> accessTokens;
  private final Set<String> issuedTokens;
  private final MerchantGrants grants;

  private final UspsService service;

  OAuthApi(UspsService s) {
    this.service = s;
    this.grants = s.grants;
    this.clock = s.clock;
    this.clientId = s.clientId;
    this.clientSecret = s.clientSecret;
    this.accessTokens = s.accessTokens;
    this.issuedTokens = s.issuedTokens;
  }

  Wire.Reply token(Map<String, String> headers, String body) {
    Map<String, String> form = new LinkedHashMap<>();
    String ct = headers.getOrDefault("Content-Type", "");
    String trimmed = body == null ? "" : body.trim();
    if (ct.contains("json") || (!ct.contains("x-www-form-urlencoded") && trimmed.startsWith("{"))) {
      Object parsed;
      try {
        parsed = Json.parse(trimmed);
      } catch (Json.ParseException e) {
        return Wire.oauthError(400, "invalid_request", "The request body is not valid JSON.");
      }
      if (!(parsed instanceof Map)) {
        return Wire.oauthError(400, "invalid_request", "The request body must be a JSON object.");
      }
      ((Map<?, ?>) parsed).forEach((k, v) -> form.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
    } else {
      FormPairs.decode(trimmed, form::put);
    }
    String[] basic = basicCredentials(headers.get("Authorization"));
    String id = form.getOrDefault("client_id", basic == null ? null : basic[0]);
    String secret = form.getOrDefault("client_secret", basic == null ? null : basic[1]);
    String grant = form.get("grant_type");
    if (grant == null || grant.isEmpty()) {
      return Wire.oauthError(400, "invalid_request", "The grant_type parameter is required.");
    }
    if (!Set.of("client_credentials", "refresh_token", "authorization_code", "password").contains(grant)) {
      return Wire.oauthError(400, "unsupported_grant_type", "The grant type " + grant + " is not supported.");
    }
    if (id == null || secret == null || !id.equals(clientId) || !secret.equals(clientSecret)) {
      return Wire.oauthError(401, "invalid_client", "Client authentication failed.");
    }
    MerchantGrants.Consent consent = null;
    String family = null;
    if (grant.equals("authorization_code") || grant.equals("refresh_token")) {
      family = grant.equals("refresh_token") ? grants.familyOf(form.get("refresh_token")) : null;
      Object granted = grant.equals("authorization_code") ? grants.exchangeCode(form) : grants.refresh(form);
      if (granted instanceof Wire.Reply refused) return refused;
      consent = (MerchantGrants.Consent) granted;
    } else if (!grant.equals("client_credentials")) {
      return Wire.oauthError(400, "invalid_grant", "The provided grant is invalid, expired or revoked.");
    }
    Instant now = clock.instant();
    String token = jwt(Json.obj().with("iss", "https://keyc.usps.com/realms/USPS").with("sub", clientId)
        .with("azp", clientId).with("iat", now.getEpochSecond())
        .with("exp", now.plus(TOKEN_LIFETIME).getEpochSecond()).with("jti", UUID.randomUUID().toString())
        .with("scope", SCOPES));
    accessTokens.put(token, now.plus(TOKEN_LIFETIME));
    issuedTokens.add(token);
    if (consent != null) {
      String refresh = grants.issued(consent, token, family);
      return Wire.json(200, Answers.of("oauth-tokens", "accessToken", token, "issuedAt", now.toEpochMilli(),
          "expiresIn", TOKEN_LIFETIME.getSeconds(), "scope", String.join(" ", consent.scopes()), "clientId", clientId,
          "refreshToken", refresh, "refreshExpiresIn", MerchantGrants.REFRESH_LIFETIME.getSeconds()));
    }
    String scope = form.get("scope");
    Set<String> products = service.applicationProducts;
    if (products != null && scope != null && !scope.isBlank()) { // RFC 6749 3.3: fewer than asked, named in "scope"
      scope = String.join(" ", java.util.Arrays.stream(scope.trim().split(" +")).filter(products::contains).toList());
    }
    return Wire.json(200, Answers.of("oauth-token", "accessToken", token, "issuedAt", now.toEpochMilli(),
        "expiresIn", TOKEN_LIFETIME.getSeconds(), "scope", scope == null || scope.isBlank() ? SCOPES : scope,
        "clientId", clientId));
  }

  Wire.Reply revoke(Map<String, String> headers, String body) {
    String[] basic = basicCredentials(headers.get("Authorization"));
    if (basic == null || !basic[0].equals(clientId) || !basic[1].equals(clientSecret)) {
      return Wire.oauthError(401, "invalid_client", "Client authentication failed.");
    }
    String token = null;
    String hint = null;
    String unknown = null; // TokenRevokeRequest has additionalProperties: false
    String trimmed = body == null ? "" : body.trim();
    if (trimmed.startsWith("{")) {
      Object parsed;
      try {
        parsed = Json.parse(trimmed);
      } catch (Json.ParseException e) {
        return Wire.oauthError(400, "invalid_request", "The request body is not valid JSON.");
      }
      if (parsed instanceof Map<?, ?> m) {
        unknown = m.keySet().stream().map(String::valueOf).filter(k -> !k.equals("token") && !k.equals("token_type_hint"))
            .findFirst().orElse(null);
      }
      if (parsed instanceof Map && ((Map<?, ?>) parsed).get("token") instanceof String) {
        token = (String) ((Map<?, ?>) parsed).get("token");
      }
      if (parsed instanceof Map && ((Map<?, ?>) parsed).get("token_type_hint") != null) {
        hint = String.valueOf(((Map<?, ?>) parsed).get("token_type_hint"));
      }
    } else {
      for (String pair : trimmed.split("&")) {
        if (pair.startsWith("token=")) {
          token = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
        } else if (pair.startsWith("token_type_hint=")) {
          hint = URLDecoder.decode(pair.substring(16), StandardCharsets.UTF_8);
        } else if (!pair.isEmpty()) {
          unknown = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
        }
      }
    }
    if (unknown != null) {
      return Wire.oauthError(400, "invalid_request", "The parameter " + unknown + " is not allowed.");
    }
    if (token == null || token.isEmpty()) {
      return Wire.oauthError(400, "invalid_request", "The token parameter is required.");
    }
    if (hint != null && !hint.equals("access_token") && !hint.equals("refresh_token")) {
      return Wire.oauthError(400, "unsupported_token_type", "The token_type_hint " + hint + " is not supported.");
    }
    grants.revoke(token, accessTokens);
    return new Wire.Reply(200, new LinkedHashMap<>(), new byte[0]);
  }

  static String[] basicCredentials(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static String jwt(Json.Obj claims) {
    Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
    byte[] sig = new byte[64];
    java.util.concurrent.ThreadLocalRandom.current().nextBytes(sig);
    return enc.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + enc.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8)) + "." + enc.encodeToString(sig);
  }

  Wire.Reply checkBearer(String api, String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Wire.unauthorized(api, "The access token presented with the request is missing or malformed (not a JWT).");
    }
    String token = header.substring(7).trim();
    Instant expires = accessTokens.get(token);
    if (expires == null) {
      return Wire.unauthorized(api, token.split("\\.").length == 3
          ? "The access token presented with the request is not recognised."
          : "The access token presented with the request is missing or malformed (not a JWT).");
    }
    if (!clock.instant().isBefore(expires)) {
      return Wire.unauthorized(api, "The access token presented with the request has expired.");
    }
    java.util.Set<String> scopes = grants.accessScopes.get(token);
    String needed = MerchantGrants.scopeOf(api);
    if (scopes != null && !scopes.contains(needed)) {
      return Wire.error(403, api, "Access is denied.", java.util.List.of(Wire.item("403", null, "Forbidden",
          "The access token does not grant the scope " + needed + " that this API requires.", null)));
    }
    return null;
  }
}
