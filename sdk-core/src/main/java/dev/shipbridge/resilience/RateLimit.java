package dev.shipbridge.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * A carrier quota: at most {@link #calls()} calls in any window of {@link #period()}. Shipbridge
 * spaces permits evenly, one every {@link #interval()}, so no window of that length ever holds more
 * than {@code calls} requests, not even one that straddles a refresh.
 *
 * <pre>{@code
 * RateLimit usps = RateLimit.perHour(60);     // one call a minute
 * RateLimit fast = RateLimit.of(20, Duration.ofSeconds(1));
 * }</pre>
 *
 * @param calls how many calls a period allows, at least 1
 * @param period the length of the window, positive
 */
public record RateLimit(int calls, Duration period) {
  public static final String CALLS_MUST_BE_POSITIVE = "calls must be at least 1";
  public static final String PERIOD_MUST_BE_POSITIVE = "period must be positive";

  public RateLimit {
    Objects.requireNonNull(period, "period");
    if (calls < 1) throw new IllegalArgumentException(CALLS_MUST_BE_POSITIVE);
    if (period.isZero() || period.isNegative()) throw new IllegalArgumentException(PERIOD_MUST_BE_POSITIVE);
  }

  public static RateLimit of(int calls, Duration period) {
    return new RateLimit(calls, period);
  }

  public static RateLimit perSecond(int calls) {
    return new RateLimit(calls, Duration.ofSeconds(1));
  }

  public static RateLimit perMinute(int calls) {
    return new RateLimit(calls, Duration.ofMinutes(1));
  }

  public static RateLimit perHour(int calls) {
    return new RateLimit(calls, Duration.ofHours(1));
  }

  public static RateLimit perDay(int calls) {
    return new RateLimit(calls, Duration.ofDays(1));
  }

  /** The spacing between two permits: {@code period / calls}, rounded up to the nanosecond. */
  public Duration interval() {
    long nanos = period.toNanos();
    return Duration.ofNanos(nanos / calls + (nanos % calls == 0 ? 0 : 1));
  }

  /** How long {@code n} calls take at this rate, the first one immediate. */
  public Duration timeFor(int n) {
    return n <= 1 ? Duration.ZERO : interval().multipliedBy(n - 1L);
  }

  @Override
  public String toString() {
    return calls + " calls per " + period;
  }
}
