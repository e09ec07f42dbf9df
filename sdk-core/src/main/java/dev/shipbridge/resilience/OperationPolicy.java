package dev.shipbridge.resilience;

import java.time.Duration;
import java.util.Optional;

/**
 * The resolved settings for one operation of one carrier, from {@link ResiliencePolicy#resolve}.
 *
 * @param maxAttempts attempts per call, the first included
 * @param initialBackoff the backoff ceiling before the first retry (full jitter draws below it)
 * @param backoffMultiplier how the ceiling grows per retry
 * @param maxBackoff the largest ceiling
 * @param maxRetryAfter the longest carrier {@code Retry-After} Shipbridge waits; longer fails fast
 * @param rateLimit the carrier quota for this operation, or null when unlimited
 * @param rateLimitTimeout how long a caller waits for a permit before {@code RateLimitedException}
 * @param connectTimeout TCP and TLS connect timeout of one attempt
 * @param readTimeout the longest silence while reading or writing one attempt
 * @param attemptTimeout the whole of one attempt
 * @param callTimeout the whole call: every attempt, backoff and permit wait
 * @param circuitBreaker the carrier's breaker (per carrier: the carrier-level setting)
 * @param maxConcurrentCalls the carrier's bulkhead (per carrier: the carrier-level setting)
 * @param maxWaitForConcurrency how long a call waits for a free bulkhead slot
 */
public record OperationPolicy(
    int maxAttempts, Duration initialBackoff, double backoffMultiplier, Duration maxBackoff,
    Duration maxRetryAfter, RateLimit rateLimit, Duration rateLimitTimeout,
    Duration connectTimeout, Duration readTimeout, Duration attemptTimeout, Duration callTimeout,
    CircuitBreakerSettings circuitBreaker, int maxConcurrentCalls, Duration maxWaitForConcurrency) {

  /** The quota, when the operation has one. */
  public Optional<RateLimit> quota() {
    return Optional.ofNullable(rateLimit);
  }

  /**
   * A carrier's circuit-breaker settings.
   *
   * @param enabled false to never open
   * @param failureRateThreshold percentage of failed calls (1..100) that opens the breaker
   * @param slidingWindowSize how many recent calls the rate is computed over
   * @param minimumNumberOfCalls calls needed before the rate counts
   * @param waitInOpenState how long the breaker stays open before probing
   * @param permittedCallsInHalfOpenState probe calls let through when half open
   */
  public record CircuitBreakerSettings(boolean enabled, float failureRateThreshold, int slidingWindowSize,
      int minimumNumberOfCalls, Duration waitInOpenState, int permittedCallsInHalfOpenState) {
    public static final String FAILURE_RATE_OUT_OF_RANGE = "failureRateThreshold must be in (0, 100]";
    public static final String WINDOW_MUST_BE_POSITIVE = "slidingWindowSize must be at least 1";
    public static final String MINIMUM_CALLS_MUST_BE_POSITIVE = "minimumNumberOfCalls must be at least 1";
    public static final String WAIT_MUST_BE_POSITIVE = "waitInOpenState must be positive";
    public static final String HALF_OPEN_CALLS_MUST_BE_POSITIVE = "permittedCallsInHalfOpenState must be at least 1";

    /** 50 % of the last 20 calls, once 10 were made; open for 30 s; 3 probes. */
    public static final CircuitBreakerSettings DEFAULTS =
        new CircuitBreakerSettings(true, 50f, 20, 10, Duration.ofSeconds(30), 3);
    /** A breaker that never opens. */
    public static final CircuitBreakerSettings DISABLED =
        new CircuitBreakerSettings(false, 100f, 1, 1, Duration.ofSeconds(1), 1);

    public CircuitBreakerSettings {
      if (!(failureRateThreshold > 0f && failureRateThreshold <= 100f)) {
        throw new IllegalArgumentException(FAILURE_RATE_OUT_OF_RANGE);
      }
      if (slidingWindowSize < 1) throw new IllegalArgumentException(WINDOW_MUST_BE_POSITIVE);
      if (minimumNumberOfCalls < 1) throw new IllegalArgumentException(MINIMUM_CALLS_MUST_BE_POSITIVE);
      if (waitInOpenState == null || waitInOpenState.isZero() || waitInOpenState.isNegative()) {
        throw new IllegalArgumentException(WAIT_MUST_BE_POSITIVE);
      }
      if (permittedCallsInHalfOpenState < 1) throw new IllegalArgumentException(HALF_OPEN_CALLS_MUST_BE_POSITIVE);
    }

    /** Opens at {@code failureRateThreshold} % of the last {@code window} calls, once {@code minimumCalls} were made. */
    public static CircuitBreakerSettings of(float failureRateThreshold, int window, int minimumCalls, Duration waitInOpenState) {
      return new CircuitBreakerSettings(true, failureRateThreshold, window, minimumCalls, waitInOpenState, 3);
    }
  }
}
