package dev.shipbridge.internal;

import dev.shipbridge.spi.TokenStore;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The default {@link TokenStore}: one JVM's memory. {@link #getOrFetch} is single-flight per key:
 * threads that find no token wait for the one fetching it.
 */
public final class InMemoryTokenStore implements TokenStore {
  private final ConcurrentHashMap<String, Token> tokens = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Object> fetchLocks = new ConcurrentHashMap<>();
  private final Clock clock;

  public InMemoryTokenStore() {
    this(Clock.systemUTC());
  }

  public InMemoryTokenStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Optional<Token> get(String key) {
    Token t = tokens.get(key);
    if (t == null) return Optional.empty();
    if (!t.expiresAt().isAfter(clock.instant())) {
      tokens.remove(key, t);
      return Optional.empty();
    }
    return Optional.of(t);
  }

  @Override
  public void put(String key, Token token) {
    tokens.put(key, token);
  }

  @Override
  public void remove(String key) {
    tokens.remove(key);
  }

  @Override
  public Token getOrFetch(String key, Supplier<Token> fetch) {
    Optional<Token> cached = get(key);
    if (cached.isPresent()) return cached.get();
    synchronized (fetchLocks.computeIfAbsent(key, k -> new Object())) {
      return TokenStore.super.getOrFetch(key, fetch); // checks again, then fetches: one caller per key at a time
    }
  }

  @Override
  public String toString() {
    return "InMemoryTokenStore[" + tokens.size() + " tokens]";
  }
}
