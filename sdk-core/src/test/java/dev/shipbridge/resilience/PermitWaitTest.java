package dev.shipbridge.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingStatus;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.TrackingCapability;
import dev.shipbridge.spi.TrackingNumberMatcher;
import dev.shipbridge.testkit.VirtualTimeSleeper;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Waiting for a rate-limit permit: outside the bulkhead, and a permit woken up for too late is given
 * up once. On virtual time.
 */
class PermitWaitTest {
  private final FakeClock clock = new FakeClock();

  @Test
  void callersWaitingForTheirPermitsHoldNoBulkheadSlot() throws Exception {
    // One bulkhead slot, no wait for it, ten callers queued for permits 102.5 ms apart: if a
    // caller held the slot while waiting for its permit, the others would find the bulkhead full.
    int callers = 10;
    SlowCarrier carrier = new SlowCarrier(clock);
    VirtualTimeSleeper sleeper = new VirtualTimeSleeper(clock, clock::advanceTo);
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    ResiliencePolicy policy = ResiliencePolicy.custom()
        .carrier(SlowCarrier.ID, s -> s.maxConcurrentCalls(1).maxWaitForConcurrency(Duration.ZERO))
        .carrier(SlowCarrier.ID, Operation.TRACK, s -> s.maxAttempts(1).rateLimit(RateLimit.perSecond(10))
            .rateLimitTimeout(Duration.ofSeconds(5)))
        .build();
    Instant start = clock.instant();
    try (Shipbridge shipbridge = Shipbridge.builder().discoverCarriers(false).carrier(carrier).resilience(policy)
        .clock(clock).sleeper(sleeper::sleep).build()) {
      List<Runnable> bodies = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        String number = String.format("SL%06d", i);
        bodies.add(() -> {
          try {
            shipbridge.track(number);
          } catch (Throwable t) {
            failures.add(t);
          }
        });
      }
      sleeper.runAll(bodies, Duration.ofSeconds(20));
    }

    assertThat(failures).isEmpty();
    assertThat(carrier.calls).hasValue(callers);
    assertThat(carrier.arrivals).hasSize(callers);
    Duration interval = RateLimit.perSecond(10).interval();
    for (int i = 0; i < callers; i++) {
      assertThat(carrier.arrivals).contains(start.plus(interval.multipliedBy(i)));
    }
  }

  @Test
  void aCallerThatWakesTooLateForItsPermitQueuesOnceMore() {
    // 10 a second: permits 102.5 ms apart; a caller may use its permit up to 12.5 ms (half the
    // guard) late. The second call's sleeper overshoots by 40 ms: it gives the permit up and takes
    // the next one, so the carrier never sees two calls closer than the spacing allows.
    assertThat(arrivalsWhenTheSleeperOvershoots(RateLimit.perSecond(10), Duration.ofMillis(40), 1))
        .containsExactly(Duration.ZERO, Duration.ofMillis(205));
    // within half the guard, the permit is used; just beyond, it is not
    assertThat(arrivalsWhenTheSleeperOvershoots(RateLimit.perSecond(10), Duration.ofMillis(12).plusNanos(500_000), 1))
        .containsExactly(Duration.ZERO, Duration.ofMillis(115));
    assertThat(arrivalsWhenTheSleeperOvershoots(RateLimit.perSecond(10), Duration.ofMillis(12).plusNanos(500_001), 1))
        .containsExactly(Duration.ZERO, Duration.ofMillis(205));
    // queued once more only: a second late wake-up still calls
    assertThat(arrivalsWhenTheSleeperOvershoots(RateLimit.perSecond(10), Duration.ofMillis(40), 2))
        .containsExactly(Duration.ZERO, Duration.ofMillis(245));
    // no guard, no tolerance: exact spacing, and every permit is used however late
    assertThat(arrivalsWhenTheSleeperOvershoots(RateLimit.perSecond(10).withGuard(Duration.ZERO), Duration.ofMillis(40), 1))
        .containsExactly(Duration.ZERO, Duration.ofMillis(140));
  }

  /** Two calls in a row on one thread; the first {@code overshoots} sleeps last {@code extra} longer. */
  private List<Duration> arrivalsWhenTheSleeperOvershoots(RateLimit limit, Duration extra, int overshoots) {
    FakeClock fake = new FakeClock();
    Instant start = fake.instant();
    AtomicInteger sleeps = new AtomicInteger();
    Sleeper late = d -> fake.advance(sleeps.incrementAndGet() <= overshoots ? d.plus(extra) : d);
    SlowCarrier carrier = new SlowCarrier(fake);
    ResiliencePolicy policy = ResiliencePolicy.custom()
        .carrier(SlowCarrier.ID, Operation.TRACK, s -> s.maxAttempts(1).rateLimit(limit).rateLimitTimeout(Duration.ofSeconds(5)))
        .build();
    try (Shipbridge shipbridge = Shipbridge.builder().discoverCarriers(false).carrier(carrier).resilience(policy)
        .clock(fake).sleeper(late).build()) {
      shipbridge.track("SL000001");
      shipbridge.track("SL000002");
    }
    List<Duration> out = new ArrayList<>();
    for (Instant a : carrier.arrivals) out.add(Duration.between(start, a));
    return out;
  }

  /** Tracks one number at a time; each call records when it arrived. */
  private static final class SlowCarrier implements Carrier, TrackingCapability {
    static final CarrierId ID = CarrierId.of("slow");
    final AtomicInteger calls = new AtomicInteger();
    final List<Instant> arrivals = new CopyOnWriteArrayList<>();
    final FakeClock clock;

    SlowCarrier(FakeClock clock) {
      this.clock = clock;
    }

    @Override
    public CarrierId id() {
      return ID;
    }

    @Override
    public TrackingNumberMatcher trackingNumbers() {
      return n -> n.startsWith("SL");
    }

    @Override
    public Tracking track(String n) {
      calls.incrementAndGet();
      arrivals.add(clock.instant());
      return Tracking.of(n, ID, List.of(new TrackingEvent(OffsetDateTime.parse("2026-03-01T10:00:00Z"),
          TrackingStatus.IN_TRANSIT, "X", "moving", null, ID)), null, null, null);
    }
  }
}
