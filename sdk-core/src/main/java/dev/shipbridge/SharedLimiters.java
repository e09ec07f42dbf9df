package dev.shipbridge;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.CarrierRateLimiter;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.RateLimiterProvider;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rate limiters of one {@link Shipbridge} and every instance derived with {@link
 * Shipbridge#newBuilder()}: one limiter per carrier operation and quota, so they spend one quota.
 */
final class SharedLimiters implements RateLimiterProvider {
  private record Key(CarrierId carrier, Operation operation, RateLimit limit) {}

  private final RateLimiterProvider provider;
  private final Map<Key, CarrierRateLimiter> limiters = new ConcurrentHashMap<>();

  private SharedLimiters(RateLimiterProvider provider) {
    this.provider = provider;
  }

  /** {@code provider} itself when it already shares, else a sharing wrapper of it. */
  static SharedLimiters of(RateLimiterProvider provider) {
    return provider instanceof SharedLimiters s ? s : new SharedLimiters(provider);
  }

  @Override
  public CarrierRateLimiter limiter(CarrierId carrier, Operation operation, RateLimit limit, Clock clock) {
    return limiters.computeIfAbsent(new Key(carrier, operation, limit), k -> provider.limiter(carrier, operation, limit, clock));
  }

  @Override
  public String toString() {
    return "SharedLimiters[" + provider + "]";
  }
}
