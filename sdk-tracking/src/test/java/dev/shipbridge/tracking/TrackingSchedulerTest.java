package dev.shipbridge.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.ValidationException;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.PushedTracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingStatus;
import dev.shipbridge.tracking.sim.Population;
import dev.shipbridge.tracking.sim.SimParcel;
import dev.shipbridge.tracking.sim.SimRig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Single behaviours of the scheduler, on the in-process carrier (an extra subject; the emulator tests are the others). */
class TrackingSchedulerTest {
  private static Population one() {
    return new Population(1, SimRig.START, Duration.ofMinutes(1), 0.0, 0.0, 0.0, 3L);
  }

  @Test
  void aBadWatchListsEveryViolationAndWatchesNothing() {
    try (SimRig rig = new SimRig(one(), CarrierBudget.USPS)) {
      TrackingScheduler s = rig.addInstance(new InMemoryScheduleStore(), "a");
      assertThatThrownBy(() -> s.watch(CarrierId.CAINIAO, " ", WatchOptions.account("nobody")))
          .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
              .extracting(ValidationException.Violation::path).containsExactly("number", "account"));
      assertThatThrownBy(() -> s.watch(CarrierId.CAINIAO, "LP00012345678901"))
          .isInstanceOf(ValidationException.class).hasMessageContaining("carrier");
    }
  }

  @Test
  void aPassWritesAPolledBatchBackInOneStoreCall() {
    Population seventy = new Population(70, SimRig.START, Duration.ofMinutes(1), 0.0, 0.0, 0.0, 3L);
    try (SimRig rig = new SimRig(seventy, CarrierBudget.USPS)) {
      InMemoryScheduleStore memory = new InMemoryScheduleStore();
      List<String> calls = new ArrayList<>();
      List<Integer> batchSizes = new ArrayList<>();
      ScheduleStore counting = (ScheduleStore) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {ScheduleStore.class}, (proxy, method, args) -> {
            calls.add(method.getName());
            if (method.getName().equals("completeAll")) batchSizes.add(((List<?>) args[0]).size());
            try {
              return method.invoke(memory, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
              throw e.getCause();
            }
          });
      TrackingScheduler s = TrackingScheduler.builder().shipbridge(rig.addInstanceFacade()).clock(rig.clock).store(counting)
          .budget(SimRig.SIMPOST, CarrierBudget.USPS).listener(c -> { }).build();
      rig.clock.set(SimRig.START.plus(Duration.ofDays(1)));
      for (SimParcel p : rig.population) s.watch(SimRig.SIMPOST, p.number());
      rig.clock.advance(Duration.ofMinutes(1));
      calls.clear();
      assertThat(s.runOnce().calls()).as("one slot: one call of 35").isEqualTo(1);
      assertThat(calls).as("no parcel written back on its own").doesNotContain("complete");
      assertThat(batchSizes).containsExactly(35);
      assertThat(memory.dueCount(rig.clock.instant())).as("the other 35 wait for the next slot").isEqualTo(35);
    }
  }

  @Test
  void aListenerThatFailsGetsTheSameChangeAgainAfterTheLeaseAndTheCarrierIsNotAskedAgainForIt() {
    try (SimRig rig = new SimRig(one(), CarrierBudget.USPS)) {
      List<TrackingChanged> heard = new ArrayList<>();
      AtomicInteger failures = new AtomicInteger(1);
      TrackingScheduler s = TrackingScheduler.builder().shipbridge(rig.addInstanceFacade()).clock(rig.clock)
          .budget(SimRig.SIMPOST, CarrierBudget.USPS).lease(Duration.ofMinutes(2))
          .listener(c -> {
            heard.add(c);
            if (failures.getAndDecrement() > 0) throw new IllegalStateException("queue down");
          }).build();
      SimParcel p = rig.population.get(0);
      rig.clock.set(p.events().get(0).time().toInstant().plusSeconds(60));
      s.watch(SimRig.SIMPOST, p.number());
      s.runOnce();
      assertThat(heard).hasSize(1);
      int calls = rig.carrier.calls().size();
      rig.clock.advance(Duration.ofMinutes(1));
      s.runOnce();
      assertThat(heard).as("still leased").hasSize(1);
      rig.clock.advance(Duration.ofMinutes(2));
      s.runOnce();
      assertThat(heard).hasSize(2);
      assertThat(heard.get(1)).isEqualTo(heard.get(0));
      assertThat(rig.carrier.calls()).hasSize(calls);
    }
  }

  @Test
  void aPushIsReportedInTheNextPassWithoutACallAndPushesTheNextPollOut() {
    try (SimRig rig = new SimRig(one(), CarrierBudget.USPS)) {
      TrackingScheduler s = rig.addInstance(new InMemoryScheduleStore(), "a");
      SimParcel p = rig.population.get(0);
      TrackingEvent first = p.events().get(0);
      TrackingEvent second = p.events().get(1);
      rig.clock.set(first.time().toInstant().plusSeconds(60));
      s.watch(SimRig.SIMPOST, p.number());
      s.runOnce();
      Instant dueBefore = s.snapshot(p.number()).orElseThrow().nextDueAt();
      int calls = rig.carrier.calls().size();
      Instant pushAt = second.time().toInstant().isBefore(dueBefore.minusSeconds(120))
          ? second.time().toInstant() : dueBefore.minusSeconds(120);
      rig.clock.set(pushAt);
      assertThat(s.onPush(new PushedTracking(SimRig.SIMPOST, p.number(), List.of(second), pushAt, "m1"))).isTrue();
      s.runOnce();
      assertThat(rig.carrier.calls()).hasSize(calls);
      assertThat(rig.consumer.heard(p.number(), second)).isTrue();
      ParcelState after = s.snapshot(p.number()).orElseThrow();
      assertThat(after.status()).isEqualTo(TrackingStatus.IN_TRANSIT);
      assertThat(after.nextDueAt()).isAfter(dueBefore);
      assertThat(s.onPush(new PushedTracking(SimRig.SIMPOST, "SP999", List.of(second), null, null))).isFalse();
      TrackingStats stats = s.stats();
      assertThat(stats.pushesApplied()).isEqualTo(1);
      assertThat(stats.calls()).isEqualTo(calls).isEqualTo(stats.callsLastDay());
      assertThat(stats.changesDelivered()).isEqualTo(2);
    }
  }

  @Test
  void aDeliveredParcelIsNeverAskedAgain() {
    try (SimRig rig = new SimRig(one(), CarrierBudget.USPS)) {
      TrackingScheduler s = rig.addInstance(new InMemoryScheduleStore(), "a");
      SimParcel p = rig.population.get(0);
      rig.clock.set(p.events().get(p.events().size() - 1).time().toInstant().plusSeconds(1));
      s.watch(SimRig.SIMPOST, p.number());
      s.runOnce();
      assertThat(s.snapshot(p.number()).orElseThrow().stopReason()).isEqualTo(ParcelState.Stop.TERMINAL);
      int calls = rig.carrier.calls().size();
      rig.clock.advance(Duration.ofDays(30));
      s.runOnce();
      assertThat(rig.carrier.calls()).hasSize(calls);
      assertThat(rig.consumer.acceptedEvents()).isEqualTo(p.events().size());
    }
  }
}
