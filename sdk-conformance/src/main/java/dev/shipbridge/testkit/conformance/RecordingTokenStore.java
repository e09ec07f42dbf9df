package dev.shipbridge.testkit.conformance;

import dev.shipbridge.spi.TokenStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** The facade's token store in a binding case: an in-memory store that records how it is used. */
final class RecordingTokenStore implements TokenStore {
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private final java.time.Clock clock;
  final List<String> keys = new CopyOnWriteArrayList<>();
  final List<Token> stored = new CopyOnWriteArrayList<>();
  final AtomicInteger fetches = new AtomicInteger();

  RecordingTokenStore(java.time.Clock clock) {
    this.clock = clock;
  }

  private final java.util.Deque<Token> planted = new java.util.concurrent.ConcurrentLinkedDeque<>();

  /**
   * Plants {@code inOrder}: the first key asked for gets the first token, the next new key the
   * next one (an adapter's keys may name the base URL, which differs between cases).
   */
  void plant(List<Token> inOrder) {
    planted.addAll(inOrder);
  }

  /** The tokens held, in the order their keys were first used. */
  List<Token> contents() {
    List<Token> out = new java.util.ArrayList<>();
    for (String k : new java.util.LinkedHashSet<>(keys)) {
      Token t = tokens.get(k);
      if (t != null && !out.contains(t)) out.add(t);
    }
    return out;
  }

  @Override
  public Optional<Token> get(String key) {
    if (!keys.contains(key) && !tokens.containsKey(key)) {
      Token p = planted.poll();
      if (p != null) tokens.put(key, p);
    }
    keys.add(key);
    Token t = tokens.get(key);
    return t == null || !t.expiresAt().isAfter(clock.instant()) ? Optional.empty() : Optional.of(t);
  }

  @Override
  public void put(String key, Token token) {
    keys.add(key);
    planted.clear();
    stored.add(token);
    tokens.put(key, token);
  }

  @Override
  public void remove(String key) {
    keys.add(key);
    tokens.remove(key);
  }

  @Override
  public Token getOrFetch(String key, Supplier<Token> fetch) {
    Optional<Token> cached = get(key);
    if (cached.isPresent()) return cached.get();
    fetches.incrementAndGet();
    Token fresh = java.util.Objects.requireNonNull(fetch.get(), "fetch returned no token");
    put(key, fresh);
    return fresh;
  }

  @Override
  public String toString() {
    return "RecordingTokenStore[" + tokens.size() + " tokens]";
  }
}
