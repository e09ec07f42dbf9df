package dev.shipbridge.testkit.usps;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A merchant's authorization of the platform (USPS Business Portal platform authorization), as
 * strict as the OAuth spec ({@code oauth2_3_update.yaml}, RFC 6749 sections 4.1 and 6): an
 * authorization code is single-use, bound to its redirect URI and to the scopes the merchant
 * consented to, and expires after ten minutes; a refresh grant rotates the refresh token (the old
 * one is refused from then on) and cannot widen the consented scopes; a revoked or expired
 * refresh token is refused with {@code invalid_grant}. Access tokens issued here carry the granted
 * scopes, and a call to an API outside them is refused with 403.
 */
final class MerchantGrants {
  /** The spec example's {@code refresh_token_expires_in} (its prose says seven days: the stricter reading). */
  static final Duration REFRESH_LIFETIME = Duration.ofSeconds(43_199);
  static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

  /** One merchant's consent. */
  record Consent(String merchant, String redirectUri, Set<String> scopes) {}

  private record Code(Consent consent, Instant expiresAt) {}

  private record Refresh(Consent consent, Instant expiresAt) {}

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Code> codes = new ConcurrentHashMap<>();
  private final Map<String, Refresh> refreshTokens = new ConcurrentHashMap<>();
  /** Access token to the scopes it grants (only tokens issued to a merchant's authorization). */
  final Map<String, Set<String>> accessScopes = new ConcurrentHashMap<>();
  /** Access token to the refresh token family it came from, so a revocation reaches them. */
  private final Map<String, String> accessFamily = new ConcurrentHashMap<>();
  /**
   * The merchant of every access token issued under a grant (kept after revocation: whose it was;
   * tracking access is decided per merchant).
   */
  final Map<String, String> accessMerchant = new ConcurrentHashMap<>();
  private final Map<String, String> family = new ConcurrentHashMap<>();
  final AtomicInteger refreshGrants = new AtomicInteger();
  final AtomicInteger codeGrants = new AtomicInteger();

  MerchantGrants(Clock clock) {
    this.clock = clock;
  }

  /** A fresh code for a merchant that consented to {@code scopes}, redirected to {@code redirectUri}. */
  String authorize(String merchant, String redirectUri, List<String> scopes) {
    String code = "ac_" + opaque();
    codes.put(code, new Code(new Consent(merchant, redirectUri, new LinkedHashSet<>(scopes)),
        clock.instant().plus(CODE_LIFETIME)));
    return code;
  }

  /** The consent behind an authorization-code grant; an OAuth error reply when refused. */
  Object exchangeCode(Map<String, String> form) {
    String code = form.get("code");
    String redirect = form.get("redirect_uri");
    if (code == null || code.isEmpty()) return Wire.oauthError(400, "invalid_request", "The code parameter is required.");
    if (redirect == null || redirect.isEmpty()) {
      return Wire.oauthError(400, "invalid_request", "The redirect_uri parameter is required.");
    }
    Code c = codes.remove(code); // single use, even when refused below
    if (c == null || !clock.instant().isBefore(c.expiresAt())) {
      return Wire.oauthError(400, "invalid_grant", "The authorization code is invalid, expired or already used.");
    }
    if (!c.consent().redirectUri().equals(redirect)) {
      return Wire.oauthError(400, "invalid_grant", "The redirect_uri does not match the authorization request.");
    }
    codeGrants.incrementAndGet();
    return narrowed(c.consent(), form.get("scope"));
  }

  /** The consent behind a refresh grant, the old refresh token retired; an OAuth error reply when refused. */
  Object refresh(Map<String, String> form) {
    String token = form.get("refresh_token");
    if (token == null || token.isEmpty()) {
      return Wire.oauthError(400, "invalid_request", "The refresh_token parameter is required.");
    }
    Refresh r = refreshTokens.remove(token); // rotation: a refresh token is good for one refresh
    if (r == null || !clock.instant().isBefore(r.expiresAt())) {
      return Wire.oauthError(400, "invalid_grant", "The refresh token is invalid, expired or revoked.");
    }
    refreshGrants.incrementAndGet();
    Object narrowed = narrowed(r.consent(), form.get("scope"));
    if (narrowed instanceof Wire.Reply) refreshTokens.put(token, r); // a refused scope does not spend the token
    return narrowed;
  }

  /** {@code invalid_scope} when {@code requested} asks for more than the merchant consented to. */
  private static Object narrowed(Consent c, String requested) {
    if (requested == null || requested.isBlank()) return c;
    Set<String> asked = new LinkedHashSet<>(Arrays.asList(requested.trim().split(" +")));
    Set<String> refused = new LinkedHashSet<>(asked);
    refused.removeAll(c.scopes());
    if (!refused.isEmpty()) {
      return Wire.oauthError(400, "invalid_scope", "The requested scope is invalid, unknown, or exceeds the scope "
          + "granted by the resource owner: " + String.join(" ", refused));
    }
    return new Consent(c.merchant(), c.redirectUri(), asked);
  }

  /** Records an access token issued for {@code consent} and returns a new refresh token for it. */
  String issued(Consent consent, String accessToken, String previousFamily) {
    String refresh = "rt_" + opaque();
    String fam = previousFamily == null ? refresh : previousFamily;
    refreshTokens.put(refresh, new Refresh(consent, clock.instant().plus(REFRESH_LIFETIME)));
    family.put(refresh, fam);
    accessScopes.put(accessToken, Set.copyOf(consent.scopes()));
    accessMerchant.put(accessToken, consent.merchant());
    accessFamily.put(accessToken, fam);
    return refresh;
  }

  /** The family of a refresh token being spent (call before {@link #refresh} removes it). */
  String familyOf(String refreshToken) {
    return refreshToken == null ? null : family.get(refreshToken);
  }

  /**
   * Revokes a refresh token and every token of its family (the access tokens it produced), or an
   * access token alone; unknown tokens are ignored, as RFC 7009 section 2.2 says.
   */
  void revoke(String token, Map<String, java.time.Instant> accessTokens) {
    String fam = family.get(token);
    if (fam == null) {
      accessTokens.remove(token);
      accessScopes.remove(token);
      return;
    }
    family.entrySet().removeIf(e -> {
      if (!e.getValue().equals(fam)) return false;
      refreshTokens.remove(e.getKey());
      return true;
    });
    accessFamily.entrySet().removeIf(e -> {
      if (!e.getValue().equals(fam)) return false;
      accessTokens.remove(e.getKey());
      accessScopes.remove(e.getKey());
      return true;
    });
  }

  /** Whether a live refresh token exists for {@code merchant}. */
  boolean authorized(String merchant) {
    Instant now = clock.instant();
    return refreshTokens.values().stream().anyMatch(r -> r.consent().merchant().equals(merchant)
        && now.isBefore(r.expiresAt()));
  }

  void clear() {
    codes.clear();
    refreshTokens.clear();
    accessScopes.clear();
    accessFamily.clear();
    accessMerchant.clear();
    family.clear();
    refreshGrants.set(0);
    codeGrants.set(0);
  }

  private String opaque() {
    byte[] b = new byte[24];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** The OAuth scope an API's base path needs (the per-API specs' {@code securitySchemes}). */
  static String scopeOf(String api) {
    if (api == null) return null;
    String first = api.startsWith("/") ? api.substring(1) : api;
    int slash = first.indexOf('/');
    return slash < 0 ? first : first.substring(0, slash);
  }
}
