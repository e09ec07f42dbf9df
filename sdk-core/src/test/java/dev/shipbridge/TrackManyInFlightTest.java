package dev.shipbridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.internal.SpacingRateLimiter;
import dev.shipbridge.resilience.CarrierRateLimiter;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.OperationPolicy;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.ResiliencePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * How many batches {@code trackMany} keeps in flight: under a quota, enough that the carrier's
 * latency never leaves a permit slot without a caller, within the permit timeout and the bulkhead.
 * The schedule is checked on a discrete-event model of the batch workers around the real {@link
 * SpacingRateLimiter}, on virtual nanoseconds.
 */
class TrackManyInFlightTest {
  private static final CarrierId ALPHA = CarrierId.of("alpha");
  /** 10,000 USPS numbers in batches of 35. */
  private static final int BATCHES = 286;

  private static OperationPolicy track(ResiliencePolicy.Builder b) {
    return b.build().resolve(ALPHA, Operation.TRACK);
  }

  @Test
  void underAQuotaAsManyBatchesAsCanHoldAPermitWithinTheTimeoutBulkheadAndCap() {
    // without a quota: 4, never more than the bulkhead or the batches
    assertThat(Tracker.batchesInFlight(track(ResiliencePolicy.custom()), 100)).isEqualTo(4);
    assertThat(Tracker.batchesInFlight(track(ResiliencePolicy.custom().all(s -> s.maxConcurrentCalls(2))), 100))
        .isEqualTo(2);
    assertThat(Tracker.batchesInFlight(track(ResiliencePolicy.custom()), 1)).isEqualTo(1);
    // 100 a second, 5 s permit timeout (488 would fit): the default bulkhead of 25
    ResiliencePolicy.Builder fast = ResiliencePolicy.custom().all(s -> s.rateLimit(RateLimit.perSecond(100)));
    assertThat(Tracker.batchesInFlight(track(fast), BATCHES)).isEqualTo(25);
    assertThat(Tracker.batchesInFlight(track(fast), 3)).isEqualTo(3);
    // a larger bulkhead: the cap
    assertThat(Tracker.batchesInFlight(track(ResiliencePolicy.custom()
        .all(s -> s.rateLimit(RateLimit.perSecond(100)).maxConcurrentCalls(50))), BATCHES))
        .isEqualTo(Tracker.MAX_BATCHES_IN_FLIGHT);
    // a short permit timeout: only the batches whose permit comes within it (1 + 100 ms / 51.25 ms)
    assertThat(Tracker.batchesInFlight(track(ResiliencePolicy.custom()
        .all(s -> s.rateLimit(RateLimit.perSecond(20)).rateLimitTimeout(Duration.ofMillis(100)))), BATCHES)).isEqualTo(2);
    // the call's deadline bounds the permit wait too (1 + 1 s / 102.5 ms)
    assertThat(Tracker.batchesInFlight(track(ResiliencePolicy.custom().all(s -> s.rateLimit(RateLimit.perSecond(10))
        .rateLimitTimeout(Duration.ofMinutes(1)).attemptTimeout(Duration.ofMillis(500)).callTimeout(Duration.ofSeconds(1)))),
        BATCHES)).isEqualTo(10);
    // USPS's 60 an hour with the default 5 s timeout: one at a time; with 2 minutes, two
    ResiliencePolicy.Builder usps = ResiliencePolicy.custom().all(s -> s.rateLimit(RateLimit.perHour(60)));
    assertThat(Tracker.batchesInFlight(track(usps), BATCHES)).isEqualTo(1);
    assertThat(Tracker.batchesInFlight(track(ResiliencePolicy.custom()
        .all(s -> s.rateLimit(RateLimit.perHour(60)).rateLimitTimeout(Duration.ofMinutes(2)))), BATCHES)).isEqualTo(2);
  }

  @Test
  void trackManyRunsThatManyBatchesAtOnce() {
    AtomicInteger helpers = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(0, 64, 1, TimeUnit.SECONDS, new SynchronousQueue<>()) {
      @Override
      public void execute(Runnable command) {
        helpers.incrementAndGet();
        super.execute(command);
      }
    };
    FakeCarrier alpha = new FakeCarrier("alpha", "AA", "1");
    alpha.batchSize = 35;
    ResiliencePolicy policy = ResiliencePolicy.custom()
        .carrier(ALPHA, s -> s.maxConcurrentCalls(50))
        .carrier(ALPHA, Operation.TRACK, s -> s.rateLimit(RateLimit.perSecond(100)).rateLimitTimeout(Duration.ofSeconds(30)))
        .build();
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < 35 * 100; i++) numbers.add(String.format("AA%06d", i));
    // The sleeper does not wait: permits are reserved 10.25 ms apart, but nobody sleeps for them.
    try (Shipbridge s = Shipbridge.builder().discoverCarriers(false).carrier(alpha).resilience(policy)
        .executor(pool).sleeper(d -> { }).build()) {
      assertThat(s.trackMany(numbers)).hasSize(numbers.size()).allMatch(TrackResult::isSuccess);
    } finally {
      pool.shutdownNow();
    }
    assertThat(alpha.batches).hasSize(100);
    assertThat(helpers.get()).isEqualTo(Tracker.MAX_BATCHES_IN_FLIGHT - 1); // and the caller
  }

  @Test
  void enoughBatchesInFlightThatASlowCarrierNeverStarvesTheLimiter() {
    RateLimit quota = RateLimit.perSecond(100);
    OperationPolicy policy = track(ResiliencePolicy.custom().all(s -> s.rateLimit(quota)));
    int inFlight = Tracker.batchesInFlight(policy, BATCHES);
    long latency = Duration.ofMillis(200).toNanos(); // 20 intervals: a batch takes 20 permits' time

    Run run = simulate(quota, policy.rateLimitTimeout(), inFlight, BATCHES, k -> latency, k -> 0);

    // every slot taken: the last permit exactly where back-to-back permits put it
    assertThat(run.refused).isZero();
    assertThat(run.lastPermit).isEqualTo(quota.timeFor(BATCHES).toNanos());
    // four in flight (the old fixed number) cap it at 4 / 200 ms = 20 calls a second
    Run four = simulate(quota, policy.rateLimitTimeout(), 4, BATCHES, k -> latency, k -> 0);
    assertThat(four.lastPermit).isGreaterThan(3 * quota.timeFor(BATCHES).toNanos());
  }

  @Test
  void theBenchmarksRunKeepsThePaceAndTheWindowOnAModel() {
    // TrackManyRateLimitBenchmark on virtual time: L = 20 and 100, 20 ms service plus up to 15 ms of
    // client work, requests reaching the carrier 0..25 ms (the guard) after their permits.
    for (int calls : new int[] {20, 100}) {
      RateLimit quota = RateLimit.perSecond(calls);
      OperationPolicy policy = track(ResiliencePolicy.custom()
          .all(s -> s.rateLimit(quota).maxConcurrentCalls(50).rateLimitTimeout(Duration.ofSeconds(30))));
      Random random = new Random(calls);
      long guard = quota.guard().toNanos();
      Run run = simulate(quota, policy.rateLimitTimeout(), Tracker.batchesInFlight(policy, BATCHES), BATCHES,
          k -> Duration.ofMillis(20 + random.nextInt(16)).toNanos(), k -> (long) (random.nextDouble() * guard));

      assertThat(run.refused).isZero();
      assertThat(maxInAnyWindow(run.arrivals, quota.period().toNanos())).isLessThanOrEqualTo(calls);
      double seconds = run.end / 1e9;
      assertThat(BATCHES / seconds).as("L = %d", calls).isGreaterThanOrEqualTo(0.95 * calls);
    }
  }

  /** The outcome of a simulated trackMany: permits, arrivals at the carrier, end of the last batch. */
  private record Run(long lastPermit, long end, int refused, List<Long> arrivals) {}

  /**
   * {@code workers} batch workers, as in {@code trackInBatches}: each reserves a permit (waiting up
   * to {@code timeout}), its request reaches the carrier {@code lag(k)} after the permit, and the
   * worker is free for the next batch {@code latency(k)} after the permit.
   */
  private static Run simulate(RateLimit quota, Duration timeout, int workers, int batches,
      LongUnaryOperator latency, LongUnaryOperator lag) {
    AtomicLong now = new AtomicLong();
    SpacingRateLimiter limiter = new SpacingRateLimiter(quota, now::get);
    PriorityQueue<Long> free = new PriorityQueue<>();
    for (int w = 0; w < workers; w++) free.add(0L);
    List<Long> arrivals = new ArrayList<>();
    long lastPermit = 0;
    long end = 0;
    int refused = 0;
    for (int k = 0; k < batches; k++) {
      now.set(free.poll()); // the worker free first takes the next batch
      CarrierRateLimiter.Permit r = limiter.reserve(timeout);
      if (!r.granted()) {
        refused++;
        free.add(now.get());
        continue;
      }
      long permit = now.get() + r.delay().toNanos();
      lastPermit = Math.max(lastPermit, permit);
      arrivals.add(permit + lag.applyAsLong(k));
      long done = permit + latency.applyAsLong(k);
      end = Math.max(end, done);
      free.add(done);
    }
    return new Run(lastPermit, end, refused, arrivals);
  }

  /** The most of {@code nanos} in any half-open window (t - period, t], as a strict carrier counts. */
  private static int maxInAnyWindow(List<Long> nanos, long period) {
    List<Long> sorted = new ArrayList<>(nanos);
    sorted.sort(null);
    int max = 0;
    int from = 0;
    for (int to = 0; to < sorted.size(); to++) {
      while (sorted.get(from) <= sorted.get(to) - period) from++;
      max = Math.max(max, to - from + 1);
    }
    return max;
  }
}
