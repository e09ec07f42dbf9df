package dev.shipbridge.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.shipbridge.internal.SpacingRateLimiter;
import dev.shipbridge.testkit.QuotaWindows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard of a {@link RateLimit}: permits spaced so that requests reaching a strict
 * sliding-window carrier up to {@code guard} unevenly late after their permits never put more than
 * the quota into one window, at a cost of {@code guard} per window. All on a fake nanosecond clock.
 */
class RateLimitGuardTest {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Duration GUARD = RateLimit.DEFAULT_GUARD;

  @Test
  void theDefaultGuardIs25MsOrAFortiethOfAShortPeriod() {
    assertThat(RateLimit.perSecond(20).guard()).isEqualTo(Duration.ofMillis(25));
    assertThat(RateLimit.perHour(60).guard()).isEqualTo(Duration.ofMillis(25));
    assertThat(RateLimit.of(5000, Duration.ofDays(1)).guard()).isEqualTo(Duration.ofMillis(25));
    assertThat(RateLimit.of(5, Duration.ofMillis(100)).guard()).isEqualTo(Duration.ofMillis(100).dividedBy(40));
    assertThat(RateLimit.of(1, Duration.ofNanos(1)).guard()).isEqualTo(Duration.ZERO);
    assertThat(new RateLimit(20, SECOND)).isEqualTo(RateLimit.perSecond(20));

    // (period + guard) / calls
    assertThat(RateLimit.perSecond(20).interval()).isEqualTo(Duration.ofNanos(51_250_000));
    assertThat(RateLimit.perSecond(100).interval()).isEqualTo(Duration.ofNanos(10_250_000));
  }

  @Test
  void guardZeroRestoresExactSpacing() {
    RateLimit exact = RateLimit.perSecond(20).withGuard(Duration.ZERO);
    assertThat(exact.interval()).isEqualTo(Duration.ofMillis(50));
    assertThat(exact.timeFor(21)).isEqualTo(SECOND);

    AtomicLong now = new AtomicLong();
    SpacingRateLimiter limiter = new SpacingRateLimiter(exact, now::get);
    for (int i = 0; i < 50; i++) {
      assertThat(limiter.reserve(Duration.ofNanos(Long.MAX_VALUE)).delay().toNanos()).isEqualTo(i * 50_000_000L);
    }
  }

  @Test
  void theGuardMustBeZeroOrMoreAndShorterThanThePeriod() {
    RateLimit q = RateLimit.perSecond(10);
    assertThatIllegalArgumentException().isThrownBy(() -> q.withGuard(Duration.ofNanos(-1)))
        .withMessage(RateLimit.GUARD_OUT_OF_RANGE);
    assertThatIllegalArgumentException().isThrownBy(() -> q.withGuard(SECOND))
        .withMessage(RateLimit.GUARD_OUT_OF_RANGE);
    assertThatIllegalArgumentException().isThrownBy(() -> new RateLimit(10, SECOND, Duration.ofSeconds(2)))
        .withMessage(RateLimit.GUARD_OUT_OF_RANGE);
    assertThatNullPointerException().isThrownBy(() -> q.withGuard(null)).withMessage("guard");
    // the period is checked first, so a bad period is reported as such, not as a bad guard
    assertThatIllegalArgumentException().isThrownBy(() -> RateLimit.of(10, Duration.ZERO))
        .withMessage(RateLimit.PERIOD_MUST_BE_POSITIVE);
    assertThatNullPointerException().isThrownBy(() -> RateLimit.of(10, null)).withMessage("period");

    assertThat(q.withGuard(SECOND.minusNanos(1)).guard()).isEqualTo(SECOND.minusNanos(1));
    assertThat(q.withGuard(Duration.ZERO).guard()).isZero();
  }

  @Test
  void onlyAGuardOtherThanTheDefaultShowsAndMakesAnotherQuota() {
    assertThat(RateLimit.perMinute(6)).hasToString("6 calls per 1 min");
    assertThat(RateLimit.perMinute(6).withGuard(Duration.ZERO)).hasToString("6 calls per 1 min (guard 0 s)")
        .isNotEqualTo(RateLimit.perMinute(6));
    assertThat(RateLimit.perMinute(6).withGuard(GUARD)).isEqualTo(RateLimit.perMinute(6));
  }

  @Test
  void theGuardCostsItsLengthPerWindowNotAShareOfTheQuota() {
    // 60 calls an hour with the guard: the 61st permit comes 25 ms (plus rounding) after the hour.
    Duration hour = RateLimit.perHour(60).timeFor(61);
    assertThat(hour).isBetween(Duration.ofHours(1).plus(GUARD), Duration.ofHours(1).plus(GUARD).plusNanos(60));
    // 100 a second: 286 calls (10,000 USPS numbers) well inside 286 / (0.95 L) = 3.01 s
    RateLimit fast = RateLimit.perSecond(100);
    assertThat(fast.timeFor(286)).isEqualTo(Duration.ofNanos(285 * 10_250_000L));
    assertThat(286 / (fast.timeFor(286).plus(fast.interval()).toNanos() / 1e9)).isGreaterThan(0.97 * 100);
  }

  @Test
  void reservedPermitsKeepTheirSlotsHoweverLateTheirCallersWake() {
    // Callers that reserve ahead and wake late do not push later permits back: 286 permits reserved
    // by callers arriving at random times (always one waiting) end exactly at timeFor(286).
    RateLimit q = RateLimit.perSecond(100);
    AtomicLong now = new AtomicLong();
    SpacingRateLimiter limiter = new SpacingRateLimiter(q, now::get);
    Random random = new Random(7);
    long last = 0;
    for (int i = 0; i < 286; i++) {
      CarrierRateLimiter.Permit r = limiter.reserve(Duration.ofNanos(Long.MAX_VALUE));
      last = now.get() + r.delay().toNanos();
      now.addAndGet(random.nextInt(10_000_000)); // the next caller reserves up to 10 ms later
    }
    assertThat(Duration.ofNanos(last)).isEqualTo(q.timeFor(286));
  }

  @ParameterizedTest(name = "L = {0}")
  @ValueSource(ints = {20, 100})
  void noWindowHoldsMoreThanTheQuotaWhenArrivalsLagTheirPermitsUnevenlyByUpToTheGuard(int calls) {
    RateLimit quota = RateLimit.perSecond(calls);
    // The worst case: every request of one block of L permits arrives a whole guard late, every
    // request of the next block on time, so a late request and the one L permits later are as
    // close as they can be.
    IntToLongFunction lateThenOnTime = k -> (k / calls) % 2 == 0 ? GUARD.toNanos() : 0;
    Random random = new Random(calls);
    IntToLongFunction anywhereInTheGuard = k -> (long) (random.nextDouble() * GUARD.toNanos());

    assertThat(maxAtTheCarrier(quota, 10 * calls, lateThenOnTime)).isEqualTo(calls);
    assertThat(maxAtTheCarrier(quota, 10 * calls, anywhereInTheGuard)).isLessThanOrEqualTo(calls);
    // The same arrivals with exact spacing: the carrier counts too many (the 429s of issue 8).
    assertThat(maxAtTheCarrier(quota.withGuard(Duration.ZERO), 10 * calls, lateThenOnTime)).isGreaterThan(calls);
  }

  @Test
  void withIdleGapsAndARefusedTimeoutTheCarrierStillNeverCountsMoreThanTheQuota() {
    RateLimit quota = RateLimit.perSecond(5);
    AtomicLong now = new AtomicLong();
    SpacingRateLimiter limiter = new SpacingRateLimiter(quota, now::get);
    Random random = new Random(42);
    List<Instant> arrivals = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      now.addAndGet(random.nextInt(3) == 0 ? random.nextInt(400_000_000) : random.nextInt(2_000_000));
      CarrierRateLimiter.Permit r = limiter.reserve(Duration.ofNanos(random.nextInt(300_000_000)));
      if (!r.granted()) continue;
      long lag = (long) (random.nextDouble() * GUARD.toNanos());
      arrivals.add(Instant.ofEpochSecond(0, now.get() + r.delay().toNanos() + lag));
    }
    assertThat(arrivals.size()).isGreaterThan(1000);
    assertThat(QuotaWindows.maxInAnyWindow(arrivals, SECOND)).isLessThanOrEqualTo(5);
  }

  /**
   * Reserves {@code n} permits back to back (callers always waiting) and returns the most requests
   * a strict sliding-window carrier sees in one period when request {@code k} arrives {@code
   * lag(k)} after its permit.
   */
  private static int maxAtTheCarrier(RateLimit quota, int n, IntToLongFunction lag) {
    AtomicLong now = new AtomicLong();
    SpacingRateLimiter limiter = new SpacingRateLimiter(quota, now::get);
    List<Instant> arrivals = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      CarrierRateLimiter.Permit r = limiter.reserve(Duration.ofNanos(Long.MAX_VALUE));
      assertThat(r.granted()).isTrue();
      arrivals.add(Instant.ofEpochSecond(0, now.get() + r.delay().toNanos() + lag.applyAsLong(k)));
    }
    return QuotaWindows.maxInAnyWindow(arrivals, quota.period());
  }
}
