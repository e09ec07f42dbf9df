package dev.shipbridge.resilience;

import dev.shipbridge.model.CarrierId;
import java.time.Duration;

/**
 * Hears what the resilience layer does with each carrier call (attempts, retries, permit waits,
 * breaker transitions, latencies), for your metrics; each method defaults to nothing. Methods run
 * on the calling thread: keep them fast (what they throw is logged and dropped).
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
   * A call to the carrier begins, before its rate-limit permit, breaker and first attempt; {@link
   * #onCallFinished} follows on the same thread, whatever happens.
   */
  default void onCallStarted(CarrierId carrier, Operation operation) {}

  /** The carrier's bulkhead was full: the call was refused without reaching the carrier. */
  default void onBulkheadFull(CarrierId carrier, Operation operation) {}

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
