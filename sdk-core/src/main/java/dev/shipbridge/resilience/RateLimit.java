package dev.shipbridge.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * A carrier quota: at most {@link #calls()} calls in any window of {@link #period()}. Shipbridge
 * spaces permits evenly, one every {@link #interval()} = {@code (period + guard) / calls}, so any
 * {@code calls + 1} consecutive permits span at least {@code period + guard}: no window of one
 * period ever holds more than {@code calls} permits, not even one that straddles a refresh.
 *
 * <p><b>The guard.</b> A request reaches the carrier a little after its permit (the wake-up after
 * the wait, the thread scheduler, the HTTP client, the network), and not always equally late. With
 * permits exactly {@code period / calls} apart, a request sent on time followed, {@code calls}
 * permits later, by one that was a few milliseconds quicker puts {@code calls + 1} requests into one
 * window as the carrier counts them, and a strict sliding-window carrier answers 429. The {@link
 * #guard()} stretches each window of {@code calls} permits by a small fixed time, so requests may
 * arrive up to {@code guard} unevenly late and the carrier still never sees more than {@code
 * calls} in any window of {@code period}. It is absolute, not a percentage: 25 ms costs 2.4 % of a
 * per-second quota and nothing measurable of a per-hour one. The default is {@link #DEFAULT_GUARD}
 * (25 ms), or 1/40 of a period shorter than one second (never more than 2.5 % of the quota); {@link
 * #withGuard(Duration) withGuard(Duration.ZERO)} restores exact spacing, one permit every {@code
 * period / calls}.
 *
 * <pre>{@code
 * RateLimit usps = RateLimit.perHour(60);     // one call a minute (and 0.4 ms)
 * RateLimit fast = RateLimit.of(20, Duration.ofSeconds(1));                  // 51.25 ms apart
 * RateLimit exact = RateLimit.perSecond(20).withGuard(Duration.ZERO);        // 50 ms apart
 * RateLimit jittery = RateLimit.perSecond(20).withGuard(Duration.ofMillis(60));
 * }</pre>
 *
 * @param calls how many calls a period allows, at least 1
 * @param period the length of the window, positive
 * @param guard how much longer than {@code period} any {@code calls + 1} consecutive permits span:
 *     the arrival jitter the spacing absorbs; zero or positive and shorter than {@code period}
 */
public record RateLimit(int calls, Duration period, Duration guard) {
  public static final String CALLS_MUST_BE_POSITIVE = "calls must be at least 1";
  public static final String PERIOD_MUST_BE_POSITIVE = "period must be positive";
  public static final String GUARD_OUT_OF_RANGE = "guard must not be negative and must be shorter than the period";

  /**
   * The guard of a quota built without one whose period is one second or longer: 25 ms, more than
   * the arrival jitter of a busy JVM on a loaded machine, and 2.4 % of a per-second quota.
   */
  public static final Duration DEFAULT_GUARD = Duration.ofMillis(25);

  /**
   * @throws IllegalArgumentException when calls, period or guard is out of range
   */
  public RateLimit {
    Objects.requireNonNull(period, "period");
    if (calls < 1) throw new IllegalArgumentException(CALLS_MUST_BE_POSITIVE);
    if (period.isZero() || period.isNegative()) throw new IllegalArgumentException(PERIOD_MUST_BE_POSITIVE);
    Objects.requireNonNull(guard, "guard");
    if (guard.isNegative() || guard.compareTo(period) >= 0) throw new IllegalArgumentException(GUARD_OUT_OF_RANGE);
  }

  /** A quota of {@code calls} per {@code period} with the default guard ({@link #defaultGuard(Duration)}). */
  public RateLimit(int calls, Duration period) {
    this(calls, period, defaultGuard(period));
  }

  /**
   * The guard a quota of {@code period} gets unless told otherwise: {@link #DEFAULT_GUARD}, or
   * {@code period / 40} when that is shorter (a period under one second).
   */
  public static Duration defaultGuard(Duration period) {
    if (period == null || period.isZero() || period.isNegative()) return Duration.ZERO; // the constructor refuses it
    Duration share = period.dividedBy(40);
    return share.compareTo(DEFAULT_GUARD) < 0 ? share : DEFAULT_GUARD;
  }

  /** {@code calls} per {@code period}, with the default guard. */
  public static RateLimit of(int calls, Duration period) {
    return new RateLimit(calls, period);
  }

  /** {@code calls} a second, with the default guard (25 ms). */
  public static RateLimit perSecond(int calls) {
    return new RateLimit(calls, Duration.ofSeconds(1));
  }

  /** {@code calls} a minute, with the default guard (25 ms). */
  public static RateLimit perMinute(int calls) {
    return new RateLimit(calls, Duration.ofMinutes(1));
  }

  /** {@code calls} an hour, with the default guard (25 ms). */
  public static RateLimit perHour(int calls) {
    return new RateLimit(calls, Duration.ofHours(1));
  }

  /** {@code calls} a day, with the default guard (25 ms). */
  public static RateLimit perDay(int calls) {
    return new RateLimit(calls, Duration.ofDays(1));
  }

  /**
   * This quota with another guard: more when requests reach the carrier less evenly (a fleet
   * sharing a Redis limiter, a distant carrier, long GC pauses), {@link Duration#ZERO} for exact
   * spacing (one permit every {@code period / calls}, for a carrier that counts leniently).
   *
   * @throws IllegalArgumentException when {@code guard} is negative or not shorter than the period
   */
  public RateLimit withGuard(Duration guard) {
    return new RateLimit(calls, period, guard);
  }

  /**
   * The spacing between two permits: {@code (period + guard) / calls}, rounded up to the
   * nanosecond, so {@code calls} intervals always cover at least {@code period + guard}.
   */
  public Duration interval() {
    long nanos = period.plus(guard).toNanos();
    return Duration.ofNanos(nanos / calls + (nanos % calls == 0 ? 0 : 1));
  }

  /** How long {@code n} calls take at this rate, the first one immediate. */
  public Duration timeFor(int n) {
    return n <= 1 ? Duration.ZERO : interval().multipliedBy(n - 1L);
  }

  /** {@code "20 calls per PT1S"}, and the guard when it is not the default one. */
  @Override
  public String toString() {
    String s = calls + (calls == 1 ? " call per " : " calls per ") + dev.shipbridge.internal.HumanDuration.format(period);
    return guard.equals(defaultGuard(period)) ? s : s + " (guard " + dev.shipbridge.internal.HumanDuration.format(guard) + ")";
  }
}
