package dev.shipbridge.usps.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.CarrierException;
import dev.shipbridge.http.AttemptLimits;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.http.HttpTransport;
import dev.shipbridge.http.RequestSafety;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.spi.TokenStore.Token;
import dev.shipbridge.spi.support.KnownSecrets;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The OAuth 2.0 endpoints of USPS ({@code /oauth2/v3}): {@code POST /token} with the {@code
 * client_credentials}, {@code authorization_code} and {@code refresh_token} grants (form-encoded,
 * client id and secret in the body, as the spec's {@code ClientCredentials} schema has them), and
 * {@code POST /revoke} (HTTP Basic, RFC 7009). Every token USPS answers with is registered as a
 * known secret before anything else reads the answer; the authorization code is a redacted form
 * field in TRACE logs besides.
 */
final class UspsOAuth {
  /** The spec's prose: "refresh tokens are valid for seven days" (used when the answer says nothing). */
  static final Duration REFRESH_LIFETIME = Duration.ofDays(7);

  /** An answer's access token and, with the merchant grants, its (rotated) refresh token. */
  record Grant(Token access, Token refresh) {}

  private final HttpUrl base;
  private final HttpTransport http;
  private final Clock clock;
  private final String clientId;
  private final String clientSecret;

  /**
   * The scopes of the last token answer this instance read, or null (none read, or it named none).
   * Kept here, not in the token store: the store holds tokens only (a fleet's other instances report
   * the scopes asked for).
   */
  private volatile List<String> granted;

  UspsOAuth(UspsConfig config, HttpTransport http, Clock clock) {
    this.base = config.baseUrl().newBuilder().addPathSegments(UspsApi.OAUTH.basePath()).build();
    this.http = http.withRedactedFields("code", "redirect_uri");
    this.clock = clock;
    this.clientId = config.clientId();
    this.clientSecret = config.clientSecret();
  }

  /** {@code grant_type=client_credentials}, asking for {@code scopes} when any. */
  Token clientCredentials(List<String> scopes, AttemptLimits limits) {
    HttpResult r = post(form("client_credentials", scopes), limits);
    JsonNode root = UspsTokens.answer(r, clock, http.json());
    Token access = UspsTokens.access(r, root, clock);
    granted(root);
    return access;
  }

  /**
   * The scopes the last token answer read here granted (its {@code scope}, space-delimited); empty
   * when none was read here or it named none (RFC 6749 section 5.1: then they are the ones asked for).
   */
  Optional<List<String>> granted() {
    return Optional.ofNullable(granted);
  }

  /** Forgets the scopes of the last answer (its tokens were revoked). */
  void forgetGranted() {
    granted = null;
  }

  private void granted(JsonNode root) {
    JsonNode scope = root.get("scope");
    granted = scope != null && scope.isTextual() && !scope.asText().isBlank()
        ? List.of(scope.asText().trim().split(" +")) : null;
  }

  /** {@code grant_type=authorization_code}: the code is sent once, whatever the answer. */
  Grant exchangeCode(String merchant, String code, String redirectUri, List<String> scopes, AttemptLimits limits) {
    FormBody.Builder f = form("authorization_code", scopes).add("code", code).add("redirect_uri", redirectUri);
    return grant(post(f, limits), merchant, scopes, "authorization_code");
  }

  /** {@code grant_type=refresh_token}: a new access token and, when USPS rotates it, a new refresh token. */
  Grant refresh(String merchant, String refreshToken, List<String> scopes, AttemptLimits limits) {
    return grant(post(form("refresh_token", scopes).add("refresh_token", refreshToken), limits), merchant, scopes,
        "refresh_token");
  }

  /** {@code POST /revoke} of {@code token} ({@code refresh_token} or {@code access_token}); 200 with no body is success. */
  void revoke(String merchant, String token, String hint) {
    KnownSecrets.register(token); // read from the store, maybe by an instance that never fetched it: masked by value
    String basic = Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
    Request request = new Request.Builder().url(base.newBuilder().addPathSegment("revoke").build())
        .post(new FormBody.Builder().add("token", token).add("token_type_hint", hint).build())
        .header("Authorization", "Basic " + basic).header("Accept", "application/json").build();
    HttpResult r = http.execute(CarrierId.USPS, request, RequestSafety.IDEMPOTENT, null);
    if (!r.isSuccessful()) throw OAuthRefusals.refused(r, merchant, List.of(), "revoke", clock);
  }

  private FormBody.Builder form(String grant, List<String> scopes) {
    KnownSecrets.register(clientSecret); // in use again: kept among the values masked, however many come and go
    FormBody.Builder f = new FormBody.Builder().add("grant_type", grant).add("client_id", clientId)
        .add("client_secret", clientSecret);
    if (!scopes.isEmpty()) f.add("scope", String.join(" ", scopes));
    return f;
  }

  /** The token call, inside the attempt of the operation that needs the token ({@code limits}: its deadline). */
  private HttpResult post(FormBody.Builder form, AttemptLimits limits) {
    Request request = new Request.Builder().url(base.newBuilder().addPathSegment("token").build()).post(form.build())
        .header("Accept", "application/json").build();
    // Sent as a read, as before: a token call runs inside another operation's attempt, and a lost
    // answer must not make that operation (a label) look sent. A refresh grant whose answer was lost
    // may have rotated the token: the next refresh is then refused as invalid_grant, and says so.
    return http.execute(CarrierId.USPS, request, RequestSafety.IDEMPOTENT, null, limits);
  }

  private Grant grant(HttpResult r, String merchant, List<String> scopes, String grantType) {
    if (!r.isSuccessful()) throw OAuthRefusals.refused(r, merchant, scopes, grantType, clock);
    JsonNode root = http.json().tree(CarrierId.USPS, r.body());
    JsonNode refresh = root.get("refresh_token");
    String refreshValue = refresh != null && refresh.isTextual() && !refresh.asText().isBlank() ? refresh.asText() : null;
    KnownSecrets.register(refreshValue, root.path("access_token").asText(null));
    Token access = UspsTokens.access(r, root, clock);
    granted(root);
    Duration life = UspsTokens.lifetime(root.get("refresh_token_expires_in"));
    if (root.get("refresh_token_expires_in") == null) life = REFRESH_LIFETIME;
    if (grantType.equals("authorization_code") && refreshValue == null) {
      throw new CarrierException(CarrierException.details(CarrierId.USPS, "USPS answered merchant '" + merchant
          + "''s authorization code without a refresh token: the authorization cannot be renewed").httpStatus(r.status())
          .requestId(r.requestId()));
    }
    return new Grant(access, refreshValue == null ? null : new Token(refreshValue, clock.instant().plus(life)));
  }
}
