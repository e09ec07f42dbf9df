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
