package dev.shipbridge.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A cache of carrier access tokens, keyed per credential. The default holds them in memory; a
 * shared implementation (Redis) lets a fleet of JVMs fetch one token per expiry. Values are
 * secrets: implementations never log them.
 */
public interface TokenStore {
  /**
   * The store a {@code Shipbridge} uses when given none: tokens in this JVM's memory, one fetch at
   * a time per key. For decorating it (metrics, logging) without re-implementing it.
   *
   * <pre>{@code
   * TokenStore metered = shipbridgeMicrometer.tokenStore(TokenStore.inMemory(clock)); // shipbridge-micrometer
   * }</pre>
   */
  static TokenStore inMemory(java.time.Clock clock) {
    return new dev.shipbridge.spi.support.InMemoryTokenStore(clock);
  }

  /** A cached token, or empty when none is cached or it expired. */
  Optional<Token> get(String key);

  /** Caches {@code token} until its {@link Token#expiresAt()}. */
  void put(String key, Token token);

  /** Forgets a token the carrier refused. */
  void remove(String key);

  /**
   * The token as the store of record holds it, for a revocation: a shared store reads it there (not
   * a local copy) and throws a {@link dev.shipbridge.ShipbridgeException} when it cannot. The
   * default is {@link #get}.
   *
   * <pre>{@code
   * Optional<TokenStore.Token> refresh = store.getConfirmed(refreshKey); // throws if Redis is unreachable
   * }</pre>
   */
  default Optional<Token> getConfirmed(String key) {
    return get(key);
  }

  /**
   * Deletes a token from the store of record, for a revocation: a shared store throws a {@link
   * dev.shipbridge.ShipbridgeException} when it cannot confirm the deletion (the token may still be
   * served to other instances), where {@link #remove} would only log. The default is {@link #remove}.
   */
  default void removeConfirmed(String key) {
    remove(key);
  }

  /**
   * Runs {@code action} holding the lock {@link #getOrFetch} holds for {@code key}, so no fetch of
   * {@code key} is in flight meanwhile (a revocation must not race a refresh that stores new
   * tokens). The in-memory and Redis stores lock; the default runs {@code action} unlocked.
   *
   * <pre>{@code
   * boolean revoked = store.exclusively(accessKey, () -> revokeAndDelete(accessKey));
   * }</pre>
   */
  default <T> T exclusively(String key, Supplier<T> action) {
    return action.get();
  }

  /**
   * The cached token, or else a fresh one from {@code fetch}, cached before it is returned. Prefer
   * it to {@code get} then {@code put}: the in-memory and Redis stores make concurrent callers share
   * one fetch. A fetch that throws caches nothing. The default is not single-flight.
   *
   * @param fetch asks the carrier for a new token; never returns null
   */
  default Token getOrFetch(String key, Supplier<Token> fetch) {
    Optional<Token> cached = get(key);
    if (cached.isPresent()) return cached.get();
    Token fresh = Objects.requireNonNull(fetch.get(), "fetch returned no token");
    put(key, fresh);
    return fresh;
  }

  /** A token and when it stops working. {@code toString()} hides the value. */
  record Token(String value, Instant expiresAt) {
    @Override
    public String toString() {
      return "Token[value=***, expiresAt=" + expiresAt + "]";
    }
  }
}
