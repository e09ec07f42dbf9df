package dev.shipbridge.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.tracking.sim.Population;
import dev.shipbridge.tracking.sim.SimRig;
import dev.shipbridge.tracking.sim.Simulation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** 10,000 parcels over 14 simulated days on one JVM (in-memory store), against a fixed 2-hour poll. */
class TrackingSimulationTest {
  static final Duration DAYS_14 = Duration.ofDays(14);

  @Test
  void tenThousandParcelsForTwoWeeksStayFreshOnAQuarterCallPerParcelDayWithinTheQuota() {
    try (SimRig rig = new SimRig(Population.of(10_000, SimRig.START), CarrierBudget.USPS)) {
      rig.addInstance(new InMemoryScheduleStore(), "solo");
      Simulation.Figures f = rig.run(DAYS_14, Duration.ofSeconds(20), now -> {});
      Simulation.Figures peers = Simulation.fixedPoll(rig.population, SimRig.START.plus(DAYS_14), Duration.ofHours(2), Duration.ofDays(10));
      System.out.println("scheduler: " + f);
      System.out.println("fixed 2-hour poll: " + peers);

      assertThat(peers.callsPerActiveParcelDay()).isBetween(11.5, 12.5);
      assertThat(f.callsPerActiveParcelDay()).isLessThanOrEqualTo(0.25);
      assertThat(f.maxCallsInWindow()).isLessThanOrEqualTo(60);
      assertThat(f.lostEvents()).isZero();
      assertThat(f.p95Pushed()).isLessThanOrEqualTo(Duration.ofMinutes(1));
      assertThat(f.p95Polled()).isLessThanOrEqualTo(TrackingPolicy.DEFAULTS.intervals().get(dev.shipbridge.model.TrackingStatus.PRE_TRANSIT)
          .multipliedBy(TrackingPolicy.DEFAULTS.staleFactor()));
      assertThat(rig.consumer.acceptedEvents()).isPositive();
    }
  }

  @Test
  void aRaisedQuotaIsSpentEvenlyAndNeverExceeded() {
    CarrierBudget raised = new CarrierBudget(RateLimit.perHour(600), 35);
    try (SimRig rig = new SimRig(new Population(3_000, SimRig.START, Duration.ofHours(6), 0.0, 0.0, 0.2, 7L), raised)) {
      rig.addInstance(new InMemoryScheduleStore(), "solo");
      Simulation.Figures f = rig.run(Duration.ofDays(3), Duration.ofSeconds(30), now -> {});
      assertThat(f.maxCallsInWindow()).isLessThanOrEqualTo(600);
      assertThat(dev.shipbridge.testkit.QuotaWindows.maxInAnyWindow(rig.carrier.calls(), Duration.ofMinutes(6)))
          .as("no burst: at most one tenth of the hourly quota in any tenth of an hour").isLessThanOrEqualTo(61);
      assertThat(f.lostEvents()).isZero();
    }
  }
}
