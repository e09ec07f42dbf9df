package dev.shipbridge.spi;

import java.time.Instant;
import java.util.Optional;

/**
 * A cache of carrier access tokens, keyed per credential. The default holds them in memory; a
 * shared implementation (Redis) lets a fleet of JVMs fetch one token per expiry. Values are
 * secrets: implementations never log them.
 */
public interface TokenStore {
  /** A cached token, or empty when none is cached or it expired. */
  Optional<Token> get(String key);

  /** Caches {@code token} until its {@link Token#expiresAt()}. */
  void put(String key, Token token);

  /** Forgets a token the carrier refused. */
  void remove(String key);

  /** A token and when it stops working. {@code toString()} hides the value. */
  record Token(String value, Instant expiresAt) {
    @Override
    public String toString() {
      return "Token[value=***, expiresAt=" + expiresAt + "]";
    }
  }
}
