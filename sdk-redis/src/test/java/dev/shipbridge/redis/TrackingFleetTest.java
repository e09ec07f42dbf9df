package dev.shipbridge.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.tracking.CarrierBudget;
import dev.shipbridge.tracking.ParcelState;
import dev.shipbridge.tracking.sim.Population;
import dev.shipbridge.tracking.sim.SimRig;
import dev.shipbridge.tracking.sim.Simulation;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Three scheduler instances on one real Redis (its own redis-server, append-only file), 2,000
 * parcels over 14 simulated days: one instance is killed in the middle of a lease on day 3, and
 * Redis is killed -9 and restarted on day 7. No event is lost, the consumer sees none twice after
 * de-duplication, the fleet never exceeds the carrier's quota, and every parcel the dead instance
 * held is polled again within the longest interval plus the lease (it queues behind parcels due
 * earlier). The quota is USPS's 60 calls an hour scaled down with the population (2,000 parcels on
 * 12 calls an hour load it as 10,000 load 60: the quota stays busy), so the run takes well under a
 * minute; the 10,000-parcel figures are {@code TrackingSimulationTest}'s and BENCHMARKS.md's.
 * Its instances share this JVM, so its "kill" is a stall; {@link TrackingFleetProcessTest} kills a
 * real process with SIGKILL.
 */
class TrackingFleetTest {
  static final Duration LEASE = Duration.ofMinutes(2);
  static final int PARCELS = 2_000;
  /** USPS's 60 calls an hour for 10,000 parcels, scaled to the population. */
  static final CarrierBudget BUDGET = new CarrierBudget(RateLimit.perHour(60 * PARCELS / 10_000), 35);

  @Test
  void threeInstancesSurviveAKilledInstanceAndARedisRestartWithoutLosingOrDuplicatingEvents() {
    try (PersistentRedis redis = PersistentRedis.start();
        SimRig rig = new SimRig(Population.of(PARCELS, SimRig.START), BUDGET)) {
      String prefix = RedisTestSupport.freshPrefix() + "{fleet}:";
      List<RedisScheduleStore> stores = new ArrayList<>();
      for (int i = 0; i < 3; i++) stores.add(RedisScheduleStore.connect(RedisURI.create(redis.url()), prefix, Duration.ofSeconds(2)));
      CrashingStore doomed = new CrashingStore(stores.get(1));
      rig.addInstance(stores.get(0), "a");
      rig.addInstance(doomed, "b");
      rig.addInstance(stores.get(2), "c");
      Instant killAt = SimRig.START.plus(Duration.ofDays(3));
      Instant restartAt = SimRig.START.plus(Duration.ofDays(7));
      long[] bytesPerParcel = {0};
      boolean[] checkedAbandoned = {false};
      Duration[] repolledAfter = {null};
      Instant[] diedAt = {null};
      Simulation.Figures f = rig.run(Duration.ofDays(14), Duration.ofMinutes(1), now -> {
        if (now.equals(killAt)) doomed.arm();
        if (doomed.dead() && rig.alive.get(1)) {
          rig.alive.set(1, false);
          diedAt[0] = now;
        }
        if (now.equals(killAt.plus(Duration.ofDays(1)))) {
          bytesPerParcel[0] = stores.get(0).memoryUsage() / PARCELS;
        }
        if (doomed.dead() && !checkedAbandoned[0]) {
          boolean all = !doomed.abandoned().isEmpty();
          for (String n : doomed.abandoned()) {
            Instant polled = stores.get(0).get(n).orElseThrow().lastPolledAt();
            all &= polled != null && polled.isAfter(killAt);
          }
          if (all) {
            checkedAbandoned[0] = true;
            repolledAfter[0] = Duration.between(killAt, now);
          }
        }
        if (now.equals(restartAt)) {
          redis.kill();
          redis.startServer();
          for (RedisScheduleStore s : stores) awaitReconnected(s);
        }
      });
      System.out.println("fleet of 3 on Redis (quota " + BUDGET.quota().calls() + " an hour): " + f + " redisBytesPerParcel=" + bytesPerParcel[0]
          + " parcelsLeasedByTheKilledInstance=" + doomed.abandoned().size() + " allPolledAgainAfter=" + repolledAfter[0]);
      System.out.println("killed instance died (seen at the step of) " + diedAt[0]);
      assertThat(doomed.dead()).isTrue();
      assertThat(diedAt[0]).as("died in the middle of a lease the first hour after it was armed")
          .isBefore(killAt.plus(Duration.ofHours(1)));
      assertThat(checkedAbandoned[0]).as("every parcel the dead instance held was polled again").isTrue();
      assertThat(repolledAfter[0]).as("within the longest polling interval (12 h pre-transit x 2 when stale) + the lease")
          .isLessThanOrEqualTo(Duration.ofHours(24).plus(LEASE));
      assertThat(f.lostEvents()).isZero();
      assertThat(f.maxCallsInWindow()).as("never above the quota").isLessThanOrEqualTo(BUDGET.quota().calls());
      assertThat(f.callsPerActiveParcelDay()).isLessThanOrEqualTo(0.25);
      assertThat(f.p95Pushed()).isLessThanOrEqualTo(Duration.ofMinutes(1));
      assertThat(bytesPerParcel[0]).isPositive().isLessThanOrEqualTo(300);
      for (var p : rig.population) {
        assertThat(stores.get(0).get(p.number())).as("%s survived the Redis restart", p.number()).isPresent();
      }
      assertThat(stores.get(0).watchedCount()).as("every parcel delivered or given up by day 14").isZero();
      for (RedisScheduleStore s : stores) s.close();
    }
  }

  private static void awaitReconnected(RedisScheduleStore store) {
    for (int i = 0; i < 400; i++) {
      try {
        store.watchedCount();
        return;
      } catch (RuntimeException e) {
        RedisTestSupport.sleepMillis(25);
      }
    }
    store.watchedCount();
  }
}
