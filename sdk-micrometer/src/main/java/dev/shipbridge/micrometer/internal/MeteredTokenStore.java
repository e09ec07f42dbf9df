package dev.shipbridge.micrometer.internal;

import dev.shipbridge.micrometer.ShipbridgeMicrometer;
import dev.shipbridge.spi.TokenStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/** A token store that counts the fetches it makes (the keys, which name credentials, are never tags). */
public final class MeteredTokenStore implements TokenStore {
  private final TokenStore delegate;
  private final Counter fetched;
  private final Counter failed;

  public MeteredTokenStore(TokenStore delegate, MeterRegistry meters) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.fetched = counter(meters, "success");
    this.failed = counter(meters, "failure");
  }

  private static Counter counter(MeterRegistry meters, String outcome) {
    return Counter.builder(ShipbridgeMicrometer.TOKEN_REFRESHES).description("Access tokens fetched from carriers")
        .tag("outcome", outcome).register(meters);
  }

  @Override
  public Optional<Token> get(String key) {
    return delegate.get(key);
  }

  @Override
  public void put(String key, Token token) {
    delegate.put(key, token);
  }

  @Override
  public void remove(String key) {
    delegate.remove(key);
  }

  @Override
  public Token getOrFetch(String key, Supplier<Token> fetch) {
    return delegate.getOrFetch(key, () -> {
      try {
        Token t = fetch.get();
        fetched.increment();
        return t;
      } catch (RuntimeException e) {
        failed.increment();
        throw e;
      }
    });
  }

  @Override
  public String toString() {
    return "MeteredTokenStore[" + delegate + "]";
  }
}
