package dev.shipbridge.resilience;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The rate limiter guarding one operation of one carrier credential, from a {@link
 * RateLimiterProvider}. The core reserves a permit before every attempt and waits its delay with
 * its own {@link Sleeper}; {@link #reserve(Duration)} never blocks, and a reserved permit is spent
 * even if the call then fails. Implementations are thread-safe and read time from the provider's
 * {@link java.time.Clock}.
 */
public interface CarrierRateLimiter {
  /** The quota this limiter enforces, for messages and planning. */
  RateLimit limit();

  /**
   * Reserves the next permit if it comes within {@code timeout} (zero: only if free now); refused,
   * the permit's delay says when the next would come (the call fails with {@code RateLimitedException}).
   */
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
