package dev.shipbridge.resilience;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The rate limiter guarding one operation of one carrier credential: what a {@link
 * RateLimiterProvider} hands the core. The core asks it for a permit before every attempt, pauses
 * for the permit's delay with its own {@link Sleeper}, and tells it when the carrier answered 429.
 * A caller that wakes more than half the limit's {@linkplain RateLimit#guard() guard} after its
 * permit's time leaves that permit unused and asks once more.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #reserve(Duration)} never blocks for the wait: it reserves a permit that comes within
 *       the timeout and says how long to wait for it (the core waits), or reserves nothing and says
 *       when the next permit would come (the core throws {@code RateLimitedException} with that as
 *       {@code retryAfter()}, and the call is not sent). A reserved permit is spent even if the
 *       caller then fails.
 *   <li>{@link #holdUntil(Instant)}: the carrier said 429 with a {@code Retry-After}; grant no
 *       permit before {@code until} (to anyone sharing this limiter).
 *   <li>Implementations are thread-safe and read time from the {@link java.time.Clock} their
 *       provider was given, so tests can run them on a fake clock.
 * </ul>
 */
public interface CarrierRateLimiter {
  /** The quota this limiter enforces, for messages and planning. */
  RateLimit limit();

  /** Reserves the next permit if it comes within {@code timeout} (zero: only if free now). */
  Permit reserve(Duration timeout);

  /** Grants no permit before {@code until}: the carrier answered 429 with a {@code Retry-After}. */
  void holdUntil(Instant until);

  /**
   * The answer of {@link #reserve(Duration)}.
   *
   * @param granted whether a permit was reserved
   * @param delay granted: how long to wait before calling; refused: when the next permit would come
   * @param reason refused: why, when it is not simply the quota (for example, "the shared limiter is
   *     unreachable"); otherwise null
   */
  record Permit(boolean granted, Duration delay, String reason) {
    public Permit {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) delay = Duration.ZERO;
    }

    /** A reserved permit, usable after {@code wait}. */
    public static Permit after(Duration wait) {
      return new Permit(true, wait, null);
    }

    /** No permit within the timeout; the next one comes in {@code nextPermitIn}. */
    public static Permit refused(Duration nextPermitIn) {
      return new Permit(false, nextPermitIn, null);
    }

    /** No permit, for a reason other than the quota itself. */
    public static Permit refused(Duration retryIn, String reason) {
      return new Permit(false, retryIn, Objects.requireNonNull(reason, "reason"));
    }
  }
}
