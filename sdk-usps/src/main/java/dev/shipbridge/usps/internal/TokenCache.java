package dev.shipbridge.usps.internal;

import dev.shipbridge.spi.support.KnownSecrets;
import dev.shipbridge.http.AttemptLimits;
import dev.shipbridge.spi.TokenStore;
import dev.shipbridge.spi.TokenStore.Token;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One cached token in the shared {@link TokenStore}, fetched single-flight: however many threads
 * find it missing at once, one fetches and the others wait for and reuse its result.
 */
final class TokenCache {
  private final TokenStore store;
  private final String key;
  private final Clock clock;
  private final Function<AttemptLimits, Token> fetch;
  private final ReentrantLock lock = new ReentrantLock();

  TokenCache(TokenStore store, String key, Clock clock, Function<AttemptLimits, Token> fetch) {
    this.store = store;
    this.key = key;
    this.clock = clock;
    this.fetch = fetch;
  }

  /**
   * A valid token, from the store or freshly fetched within {@code limits} (the attempt that needs
   * it; null: the client's own timeouts); registered as a known secret value.
   */
  String get(AttemptLimits limits) {
    Optional<Token> cached = valid();
    if (cached.isPresent()) return known(cached.get().value());
    lock.lock();
    try {
      cached = valid();
      if (cached.isPresent()) return known(cached.get().value());
      // The store decides who fetches across a fleet (a shared store locks around the fetch);
      // the lock here keeps this JVM's threads to one caller.
      Token fresh = store.getOrFetch(key, () -> fetch.apply(limits));
      return known(fresh.value());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Masks the token by value in messages and logs from now on (a carrier may echo it); registered on
   * every use, so a token in use stays among the values {@link KnownSecrets} remembers.
   */
  private static String known(String token) {
    KnownSecrets.register(token);
    return token;
  }

  /** Forgets {@code rejected} if it is still the cached token (another thread may have replaced it). */
  void invalidate(String rejected) {
    lock.lock();
    try {
      store.get(key).filter(t -> t.value().equals(rejected)).ifPresent(t -> store.remove(key));
    } finally {
      lock.unlock();
    }
  }

  private Optional<Token> valid() {
    return store.get(key).filter(t -> t.expiresAt().isAfter(clock.instant()));
  }

  /**
   * How long before its stated expiry a token is refreshed: a tenth of its lifetime, at most 30
   * minutes (karrio refreshes USPS tokens 30 minutes early), so an 8-hour token is used 7.5 hours.
   */
  static Duration safetyMargin(Duration lifetime) {
    return java.util.Collections.min(java.util.List.of(lifetime.dividedBy(10), Duration.ofMinutes(30)));
  }

  /** A store key that identifies a credential without containing it. */
  static String key(String kind, String... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String p : parts) {
        md.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return "usps:" + kind + ":" + HexFormat.of().formatHex(md.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
