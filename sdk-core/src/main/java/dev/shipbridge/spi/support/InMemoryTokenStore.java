package dev.shipbridge.spi.support;

import dev.shipbridge.spi.TokenStore;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The default {@link TokenStore}: one JVM's memory, tokens served until their expiry on the given
 * clock, {@link #getOrFetch} single-flight per key. For an adapter used without a {@code Shipbridge}.
 *
 * <pre>{@code
 * TokenStore tokens = new InMemoryTokenStore(clock);
 * TokenStore.Token t = tokens.getOrFetch("acme:" + clientId, () -> fetchToken()); // one fetch per key
 * }</pre>
 */
public final class InMemoryTokenStore implements TokenStore {
  private final ConcurrentHashMap<String, Token> tokens = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ReentrantLock> fetchLocks = new ConcurrentHashMap<>();
  private final Clock clock;

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
    return exclusively(key, () -> TokenStore.super.getOrFetch(key, fetch)); // checks again, then fetches
  }

  @Override
  public <T> T exclusively(String key, Supplier<T> action) {
    // A lock, not synchronized: the fetch is HTTP, and a virtual thread must not pin its carrier across it.
    ReentrantLock lock = fetchLocks.computeIfAbsent(key, k -> new ReentrantLock());
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "InMemoryTokenStore[" + tokens.size() + " tokens]";
  }
}
