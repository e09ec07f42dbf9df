package dev.shipbridge.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.testkit.QuotaWindows;
import dev.shipbridge.tracking.sim.Population;
import dev.shipbridge.tracking.sim.SimRig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The call pacer spends a carrier account's quota in full, never above it, whatever the pass
 * rhythm: a pass that stops at a slot still ahead asks to be woken for it ({@code nextCallAt}).
 */
class PacerTest {
  /** 20,000 parcels watched at once: 572 calls of 35, more than 9 hours of USPS's 60 calls an hour. */
  private static Population backlog() {
    return new Population(20_000, SimRig.START, Duration.ofMillis(1), 0.0, 0.0, 0.0, 5L);
  }

  @ParameterizedTest(name = "{0} instance(s), {1} s steps")
  @CsvSource({"1, 20", "1, 45", "1, 300", "3, 60", "3, 7"})
  void aLargeBacklogGetsExactlyTheQuotaEveryHourAndNeverMore(int instances, int stepSeconds) {
    try (SimRig rig = new SimRig(backlog(), CarrierBudget.USPS)) {
      InMemoryScheduleStore store = new InMemoryScheduleStore();
      for (int i = 0; i < instances; i++) rig.addInstance(store, "i" + i);
      rig.run(Duration.ofHours(6), Duration.ofSeconds(stepSeconds), now -> {});
      List<Instant> calls = rig.carrier.calls();

      assertThat(QuotaWindows.maxInAnyWindow(calls, Duration.ofHours(1))).as("never above the quota").isEqualTo(60);
      for (int h = 0; h < 6; h++) {
        Instant from = SimRig.START.plus(Duration.ofHours(h));
        Instant to = from.plus(Duration.ofHours(1));
        long inHour = calls.stream().filter(t -> !t.isBefore(from) && t.isBefore(to)).count();
        assertThat(inHour).as("calls in hour %d", h).isEqualTo(60);
      }
      assertThat(rig.carrier.numbersAsked()).as("full batches of 35").isEqualTo(35L * calls.size());
    }
  }

  @Test
  void aRaisedQuotaWithASpacingShorterThanTheStepIsSpentInFullAndEvenly() {
    CarrierBudget raised = new CarrierBudget(RateLimit.perHour(600), 35);
    try (SimRig rig = new SimRig(backlog(), raised)) {
      rig.addInstance(new InMemoryScheduleStore(), "solo");
      rig.run(Duration.ofMinutes(30), Duration.ofSeconds(20), now -> {});
      List<Instant> calls = rig.carrier.calls();
      assertThat(calls).as("one call every 6 s (and 25 ms an hour: the RateLimit guard) for 30 minutes").hasSize(300);
      assertThat(QuotaWindows.maxInAnyWindow(calls, Duration.ofMinutes(6))).as("no burst").isEqualTo(60);
    }
  }

  @Test
  void theStatsCountEveryCallAndTheDueBacklogShrinksByOneBatchPerCall() {
    try (SimRig rig = new SimRig(backlog(), CarrierBudget.USPS)) {
      TrackingScheduler s = rig.addInstance(new InMemoryScheduleStore(), "solo");
      rig.run(Duration.ofHours(2), Duration.ofSeconds(30), now -> {});
      TrackingStats stats = s.stats();
      assertThat(stats.calls()).isEqualTo(rig.carrier.calls().size()).isEqualTo(120);
      assertThat(stats.numbersAsked()).isEqualTo(rig.carrier.numbersAsked()).isEqualTo(120 * 35);
      assertThat(stats.callsLastDay()).isEqualTo(120);
      assertThat(s.watchedCount()).isEqualTo(20_000);
      // the first batch, asked at once, was not known yet (first scans come 1 to 30 minutes after
      // the watch): due again after the 2-hour unknown back-off, now
      assertThat(s.dueBacklog()).isEqualTo(20_000 - 120 * 35 + 35);
      rig.clock.advance(Duration.ofDays(1).plusHours(1));
      assertThat(s.stats().callsLastDay()).as("a day later").isZero();
      assertThat(s.stats().calls()).isEqualTo(120);
    }
  }

  @Test
  void theBackgroundRunnerWakesAtASlotBeforeTheTickAndNeverLaterThanTheTick() {
    Instant now = SimRig.START;
    Duration tick = Duration.ofSeconds(5);
    assertThat(TrackingScheduler.delayUntilNextPass(new TrackingScheduler.PassResult(1, 0, now.plusSeconds(2)), now, tick))
        .isEqualTo(Duration.ofSeconds(2));
    assertThat(TrackingScheduler.delayUntilNextPass(new TrackingScheduler.PassResult(1, 0, now.plusSeconds(60)), now, tick))
        .isEqualTo(tick);
    assertThat(TrackingScheduler.delayUntilNextPass(new TrackingScheduler.PassResult(1, 0, now.minusMillis(1)), now, tick))
        .isEqualTo(Duration.ZERO);
    assertThat(TrackingScheduler.delayUntilNextPass(new TrackingScheduler.PassResult(0, 0), now, tick)).isEqualTo(tick);
  }
}
