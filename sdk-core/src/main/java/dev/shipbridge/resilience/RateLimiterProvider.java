package dev.shipbridge.resilience;

import dev.shipbridge.internal.SpacingRateLimiter;
import dev.shipbridge.model.CarrierId;
import java.time.Clock;

/**
 * Where a {@code Shipbridge} gets the rate limiter of each carrier operation that has a quota
 * ({@link OperationPolicy#rateLimit()}). The default, {@link #inJvm()}, keeps each limiter in this
 * JVM's memory: right for one instance, wrong for a fleet, whose instances would each spend the
 * whole quota. A shared implementation (the {@code shipbridge-redis} module) keeps one limiter per
 * carrier credential and operation for every instance.
 *
 * <pre>{@code
 * Shipbridge.builder().rateLimiterProvider(RateLimiterProvider.inJvm());   // the default
 * Shipbridge.builder().rateLimiterProvider(redis.rateLimiters());        // shared by a fleet
 * }</pre>
 *
 * <p>The core calls {@link #limiter} once per carrier and operation with a quota, when the {@code
 * Shipbridge} is built, and keeps the answer; retries, circuit breaker and timeouts stay in the
 * core. See {@link CarrierRateLimiter} for the limiter's contract.
 */
@FunctionalInterface
public interface RateLimiterProvider {
  /**
   * The limiter for {@code operation} of {@code carrier}, enforcing {@code limit}.
   *
   * @param clock the {@code Shipbridge}'s clock: limiters read time from it
   */
  CarrierRateLimiter limiter(CarrierId carrier, Operation operation, RateLimit limit, Clock clock);

  /**
   * One limiter per carrier and operation in this JVM, spacing permits evenly: one every {@link
   * RateLimit#interval()}, so no window of one period ever holds more than the limit, even when
   * requests reach the carrier up to {@link RateLimit#guard()} unevenly late.
   */
  static RateLimiterProvider inJvm() {
    return (carrier, operation, limit, clock) -> new SpacingRateLimiter(limit, clock);
  }
}
