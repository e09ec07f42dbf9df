package dev.shipbridge.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * A carrier quota: at most {@link #calls()} calls in any window of {@link #period()}. Shipbridge
 * spaces permits evenly, one every {@link #interval()} = {@code (period + guard) / calls}, so any
 * {@code calls + 1} consecutive permits span at least {@code period + guard}: no window of one
 * period ever holds more than {@code calls} permits, not even one that straddles a refresh.
 *
 * <p><b>The guard.</b> Requests reach the carrier a little, and unevenly, late after their permits;
 * with permits exactly {@code period / calls} apart a strict sliding-window carrier could count
 * {@code calls + 1} in one window and answer 429. The {@link #guard()} stretches each window of
 * permits by a fixed time to absorb that jitter: {@link #DEFAULT_GUARD} (25 ms, 2.4 % of a
 * per-second quota), or 1/40 of a period under one second; {@code withGuard(Duration.ZERO)} spaces
 * exactly.
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

  /** The guard of a quota of one second or longer built without one: above a busy JVM's arrival jitter. */
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

  // equals and hashCode by hand: a record's are linked on first use, at a fresh JVM's first call.
  @Override
  public boolean equals(Object o) {
    return o instanceof RateLimit r && calls == r.calls && period.equals(r.period) && guard.equals(r.guard);
  }

  @Override
  public int hashCode() { return (calls * 31 + period.hashCode()) * 31 + guard.hashCode(); }

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
