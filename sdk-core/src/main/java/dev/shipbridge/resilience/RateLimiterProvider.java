package dev.shipbridge.resilience;

import dev.shipbridge.internal.SpacingRateLimiter;
import dev.shipbridge.model.CarrierId;
import java.time.Clock;

/**
 * Where a {@code Shipbridge} gets the rate limiter of each carrier operation that has a quota.
 * The default, {@link #inJvm()}, is right for one instance; a fleet shares one limiter per carrier
 * credential and operation through the {@code shipbridge-redis} module.
 *
 * <pre>{@code
 * Shipbridge.builder().rateLimiterProvider(RateLimiterProvider.inJvm());   // the default
 * Shipbridge.builder().rateLimiterProvider(redis.rateLimiters());        // shared by a fleet
 * }</pre>
 *
 * <p>The core asks once per carrier and operation, at build time, and keeps the limiter.
 */
@FunctionalInterface
public interface RateLimiterProvider {
  /**
   * The limiter for {@code operation} of {@code carrier}, enforcing {@code limit}.
   *
   * @param clock the {@code Shipbridge}'s clock: limiters read time from it
   */
  CarrierRateLimiter limiter(CarrierId carrier, Operation operation, RateLimit limit, Clock clock);

  /** One limiter per carrier and operation in this JVM, one permit every {@link RateLimit#interval()}. */
  static RateLimiterProvider inJvm() {
    return (carrier, operation, limit, clock) -> new SpacingRateLimiter(limit, clock);
  }
}
