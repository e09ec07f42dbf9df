package dev.shipbridge.resilience;

import dev.shipbridge.model.CarrierId;
import java.time.Duration;

/**
 * Hears what the resilience layer does with each carrier call: attempts, retries and why, waits
 * for rate-limit permits, circuit-breaker transitions and the latency of whole calls. Bridge it to
 * your metrics; every method defaults to doing nothing. Shipbridge also logs each event at DEBUG
 * on the {@code dev.shipbridge.resilience} logger.
 *
 * <p>Methods run on the calling thread, inside the call: keep them fast and never throw (what they
 * throw is logged and dropped).
 *
 * <pre>{@code
 * Shipbridge.builder().resilienceListener(new ResilienceListener() {
 *   public void onRetry(CarrierId c, Operation op, int attempt, Duration delay, Throwable reason) {
 *     retries.increment(c.value(), op.name());
 *   }
 * });
 * }</pre>
 */
public interface ResilienceListener {
  /** A listener that does nothing. */
  ResilienceListener NONE = new ResilienceListener() {};

  /**
   * A call begins, on the caller's thread, before its first permit or attempt; {@link
   * #onCallFinished} always follows on the same thread. (The testkit's sandbox uses the pair to
   * know which threads are inside a call.)
   */
  default void onCallStarted(CarrierId carrier, Operation operation) {}

  /** Attempt {@code attempt} (1 for the first) is about to reach the carrier. */
  default void onAttempt(CarrierId carrier, Operation operation, int attempt) {}

  /**
   * Attempt {@code attempt} failed with {@code reason} and will be tried again after {@code
   * delay} (the carrier's {@code Retry-After} when it sent one, else jittered backoff).
   */
  default void onRetry(CarrierId carrier, Operation operation, int attempt, Duration delay, Throwable reason) {}

  /** A caller waited {@code waited} for a permit of the carrier's rate limiter (zero: none needed). */
  default void onRateLimiterWait(CarrierId carrier, Operation operation, Duration waited) {}

  /** The rate limiter refused a permit: none was free within the caller's timeout. */
  default void onRateLimiterRefused(CarrierId carrier, Operation operation, Duration nextPermitIn) {}

  /** The carrier's circuit breaker changed state. */
  default void onCircuitBreakerTransition(CarrierId carrier, BreakerState from, BreakerState to) {}

  /**
   * A whole call ended, retries included: {@code failure} is null on success, else what the caller
   * received.
   */
  default void onCallFinished(CarrierId carrier, Operation operation, int attempts, Duration latency, Throwable failure) {}

  /** The states of a carrier's circuit breaker. */
  enum BreakerState {
    /** Calls flow. */
    CLOSED,
    /** Calls fail at once with {@code CarrierUnavailableException}, without reaching the carrier. */
    OPEN,
    /** A few probe calls are let through to decide between CLOSED and OPEN. */
    HALF_OPEN,
    /** Any other state of the underlying breaker (disabled, forced open, metrics only). */
    OTHER
  }
}
