package dev.shipbridge.usps.internal;

import dev.shipbridge.AuthenticationException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.http.AttemptLimits;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.spi.TokenStore;
import dev.shipbridge.spi.TokenStore.Token;
import dev.shipbridge.usps.UspsAuthorization;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The access token of a merchant's authorization, as the fetch of a {@link TokenCache}: the
 * cache's store runs it single-flight (in the JVM, and across a fleet with a shared store), so one
 * instance at a time reads the merchant's refresh token, spends it on a {@code refresh_token}
 * grant and stores the rotated one before any other instance can read the old one. With no
 * refresh token stored, the configured authorization code is exchanged, once per code for the
 * whole fleet (a marker in the store records that it was spent, even if the answer was lost).
 *
 * <p>Store keys (hashes, no secret in them): {@code usps:merchant-refresh:<base, client, merchant>}
 * for the refresh token, {@code usps:merchant-code:<base, client, code>} for the spent-code marker;
 * both are per merchant id, so a later carrier-account id can take the merchant id's place.
 */
final class MerchantTokens {
  /** How long the store remembers that a code was spent (USPS codes live ten minutes). */
  static final Duration CODE_MEMORY = Duration.ofDays(1);

  private final TokenStore store;
  private final Clock clock;
  private final UspsOAuth oauth;
  private final String merchant;
  private final List<String> scopes;
  private final String code;
  private final String redirectUri;
  private final String refreshKey;
  private final String codeKey;

  MerchantTokens(UspsConfig config, TokenStore store, Clock clock, UspsOAuth oauth) {
    UspsAuthorization a = config.authorization();
    this.store = store;
    this.clock = clock;
    this.oauth = oauth;
    this.merchant = a.merchantId();
    this.scopes = a.scopes();
    this.code = a.authorizationCode();
    this.redirectUri = a.redirectUri();
    String base = config.baseUrl().toString();
    this.refreshKey = TokenCache.key("merchant-refresh", base, config.clientId(), merchant);
    this.codeKey = code == null ? null : TokenCache.key("merchant-code", base, config.clientId(), code);
  }

  /** The access-token key of a configuration: the merchant's, or the client application's (unchanged without scopes). */
  static String accessKey(UspsConfig c) {
    UspsAuthorization a = c.authorization();
    String base = c.baseUrl().toString();
    if (a.merchantId() != null) {
      return TokenCache.key("merchant-access", base, c.clientId(), a.merchantId(), String.join(" ", a.scopes()));
    }
    return a.scopes().isEmpty() ? TokenCache.key("oauth2", base, c.clientId(), c.clientSecret())
        : TokenCache.key("oauth2", base, c.clientId(), c.clientSecret(), String.join(" ", a.scopes()));
  }

  /** A new access token: by the stored refresh token, else by the unspent code; rotates the refresh token. */
  Token fetch(AttemptLimits limits) {
    Optional<Token> refresh = store.get(refreshKey);
    UspsOAuth.Grant g;
    if (refresh.isPresent()) {
      g = refresh(refresh.get().value(), true, limits);
    } else if (code != null && store.get(codeKey).isEmpty()) {
      store.put(codeKey, new Token("spent", clock.instant().plus(CODE_MEMORY))); // before sending: a code is single-use
      g = oauth.exchangeCode(merchant, code, redirectUri, scopes, limits);
    } else {
      throw new AuthenticationException(CarrierException.details(CarrierId.USPS, "merchant '" + merchant
          + "' has no USPS authorization on record (never authorized, revoked, or its refresh token expired): the "
          + "merchant must authorize the platform in " + OAuthRefusals.PORTAL + ", then configure "
          + "UspsAuthorization.merchant(...).withAuthorizationCode(code, redirectUri) with the new code"));
    }
    if (g.refresh() != null) store.put(refreshKey, g.refresh()); // rotation: the new one replaces the old
    return g.access();
  }

  /**
   * A refresh grant with {@code token}. Refused as {@code invalid_grant} while the store already
   * holds a newer refresh token (another instance rotated it: a fleet lock that timed out, a lagging
   * read), the grant is tried once more with the newer one; otherwise the refused token is forgotten.
   */
  private UspsOAuth.Grant refresh(String token, boolean mayRetry, AttemptLimits limits) {
    try {
      return oauth.refresh(merchant, token, scopes, limits);
    } catch (AuthenticationException e) {
      if (e.carrierCode().filter("invalid_grant"::equals).isEmpty()) throw e;
      Optional<Token> now = store.get(refreshKey);
      if (mayRetry && now.isPresent() && !now.get().value().equals(token)) return refresh(now.get().value(), false, limits);
      forget(token);
      throw e;
    }
  }

  /** Forgets a refused refresh token, unless another instance already stored a newer one. */
  private void forget(String refused) {
    store.get(refreshKey).filter(t -> t.value().equals(refused)).ifPresent(t -> store.remove(refreshKey));
  }

  /**
   * Revokes the tokens of this configuration at USPS ({@code POST /revoke} of the merchant's refresh
   * token, then of the access token) after deleting them, and {@code alsoForget}'s keys (the payment
   * token got with them), from the store: forgotten here whatever USPS answers. Runs under the
   * store's lock of the access token, so no refresh in flight stores new tokens after it; the
   * tokens are read from the store of record, and a deletion it did not confirm (Redis unreachable)
   * is thrown after USPS was asked to revoke what this instance knows. Each token is revoked even
   * when another's revocation failed; the first failure is thrown, later ones suppressed.
   *
   * @return whether there was a token to revoke
   */
  boolean revoke(String accessKey, String... alsoForget) {
    return store.exclusively(accessKey, () -> revokeLocked(accessKey, alsoForget));
  }

  private boolean revokeLocked(String accessKey, String... alsoForget) {
    RuntimeException storeFailure = null;
    Optional<Token> refresh;
    Optional<Token> access;
    try {
      refresh = store.getConfirmed(refreshKey);
      access = store.getConfirmed(accessKey);
    } catch (RuntimeException e) { // the shared store unreachable: revoke at least what this instance knows
      storeFailure = e;
      refresh = store.get(refreshKey);
      access = store.get(accessKey);
    }
    List<String> keys = new java.util.ArrayList<>(List.of(refreshKey, accessKey));
    for (String key : alsoForget) if (key != null) keys.add(key);
    for (String key : keys) {
      try {
        store.removeConfirmed(key);
      } catch (RuntimeException e) {
        if (storeFailure == null) storeFailure = e;
      }
    }
    oauth.forgetGranted();
    RuntimeException failure = storeFailure;
    if (refresh.isPresent()) failure = revoked(refresh.get().value(), "refresh_token", failure);
    if (access.isPresent()) failure = revoked(access.get().value(), "access_token", failure);
    if (failure != null) throw failure;
    return refresh.isPresent() || access.isPresent();
  }

  /** Revokes one token; a failure is returned ({@code earlier} first, this one suppressed in it). */
  private RuntimeException revoked(String token, String hint, RuntimeException earlier) {
    try {
      oauth.revoke(merchant, token, hint);
      return earlier;
    } catch (RuntimeException e) {
      if (earlier == null) return e;
      earlier.addSuppressed(e);
      return earlier;
    }
  }
}
