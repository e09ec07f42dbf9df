package dev.shipbridge.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.EventLocation;
import dev.shipbridge.model.Handoff;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ScheduleStore} must do; {@code InMemoryScheduleStoreTest} and sdk-redis's
 * {@code RedisScheduleStoreTest} run it. Subclasses give a fresh, empty store.
 */
public abstract class ScheduleStoreContract {
  protected static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
  protected static final Duration LEASE = Duration.ofMinutes(2);
  protected static final String GROUP = "usps/default";
  protected ScheduleStore store;

  protected abstract ScheduleStore newStore();

  @BeforeEach
  void open() {
    store = newStore();
  }

  @AfterEach
  void shut() {
    if (store != null) store.close(); // null when newStore() skipped the test (no Redis configured)
  }

  protected static ParcelState parcel(String n, Instant due) {
    return ParcelState.watched(n, CarrierId.USPS, "default", false, T0).withSchedule(due, null);
  }

  protected static TrackingEvent event(Instant t, String code) {
    return new TrackingEvent(t.atOffset(ZoneOffset.ofHours(-5)), TrackingStatus.IN_TRANSIT, code, "Arrived | \"hub\"\n",
        new EventLocation("JAMAICA", "NY", "11430", "US", null), CarrierId.USPS);
  }

  @Test
  void theDueCountIsTheWatchedParcelsDueAndNotLeased() {
    store.add(parcel("9400100000000000000011", T0));
    store.add(parcel("9400100000000000000012", T0.plusSeconds(30)));
    store.add(parcel("9400100000000000000013", T0.plusSeconds(3600)));
    store.add(parcel("9400100000000000000014", T0).withSchedule(null, ParcelState.Stop.TERMINAL));
    assertThat(store.dueCount(T0.plusSeconds(60))).isEqualTo(2);
    assertThat(store.claimDue(GROUP, T0.plusSeconds(60), 1, LEASE, "a")).hasSize(1);
    assertThat(store.dueCount(T0.plusSeconds(60))).as("the claimed one is leased").isEqualTo(1);
    assertThat(store.dueCount(T0.plusSeconds(60).plus(LEASE).plusMillis(1))).as("its lease expired").isEqualTo(2);
    assertThat(store.dueCount(T0.plusSeconds(7200))).isEqualTo(3);
  }

  @Test
  void aWatchedParcelIsAddedOnceAndReadBackExactly() {
    ParcelState p = new ParcelState("9400100000000000000001", CarrierId.USPS, "acme-us", "LP00012345678CN",
        TrackingStatus.IN_CUSTOMS, T0, T0.plusSeconds(7), T0.plusSeconds(9), T0.plusSeconds(3600), 2, true, null, "AAAAAABBBBBB");
    assertThat(store.add(p)).isTrue();
    assertThat(store.add(parcel(p.number(), T0))).isFalse();
    assertThat(store.get(p.number())).contains(p);
    ParcelState stopped = parcel("9400100000000000000002", T0).withSchedule(null, ParcelState.Stop.NEVER_KNOWN);
    store.add(stopped);
    assertThat(store.get(stopped.number())).contains(stopped);
    assertThat(store.watchedCount()).isEqualTo(1);
    assertThat(store.remove(p.number())).isTrue();
    assertThat(store.get(p.number())).isEmpty();
    assertThat(store.remove(p.number())).isFalse();
  }

  @Test
  void onlyDueParcelsOfTheGroupAreClaimedEarliestFirstUpToMax() {
    store.add(parcel("A", T0.plusSeconds(30)));
    store.add(parcel("B", T0.plusSeconds(10)));
    store.add(parcel("C", T0.plusSeconds(20)));
    store.add(parcel("LATER", T0.plusSeconds(3600)));
    store.add(ParcelState.watched("OTHER", CarrierId.CAINIAO, "default", false, T0));
    List<Claimed> claims = store.claimDue(GROUP, T0.plusSeconds(60), 2, LEASE, "i1");
    assertThat(claims).extracting(c -> c.state().number()).containsExactly("B", "C");
    assertThat(store.claimDue(GROUP, T0.plusSeconds(60), 10, LEASE, "i1")).extracting(c -> c.state().number()).containsExactly("A");
    assertThat(store.claimDue("cainiao/default", T0, 10, LEASE, "i1")).extracting(c -> c.state().number()).containsExactly("OTHER");
  }

  @Test
  void aLeasedParcelIsInvisibleToOthersUntilTheLeaseExpiresThenReclaimable() {
    store.add(parcel("A", T0));
    Claimed first = store.claimDue(GROUP, T0, 10, LEASE, "i1").get(0);
    assertThat(store.claimDue(GROUP, T0.plusSeconds(60), 10, LEASE, "i2")).isEmpty();
    List<Claimed> again = store.claimDue(GROUP, T0.plus(LEASE).plusSeconds(1), 10, LEASE, "i2");
    assertThat(again).hasSize(1);
    assertThat(again.get(0).token()).isNotEqualTo(first.token());
    assertThat(store.complete(first, first.state().withSchedule(T0.plusSeconds(9999), null), 0, List.of()))
        .as("the stalled first holder cannot overwrite").isFalse();
    assertThat(store.complete(again.get(0), again.get(0).state().withSchedule(T0.plusSeconds(7200), null), 0, List.of())).isTrue();
    assertThat(store.get("A").orElseThrow().nextDueAt()).isEqualTo(T0.plusSeconds(7200));
  }

  @Test
  void completeAllWritesEachParcelOfABatchAndRefusesOnlyTheOneWhoseLeaseWasLost() {
    Instant later = T0.plus(LEASE).plusSeconds(1);
    store.add(parcel("B", T0));
    Claimed stalled = store.claimDue(GROUP, T0, 10, LEASE, "i1").get(0);
    store.add(parcel("A", later));
    store.add(parcel("C", later));
    Claimed stolen = store.claimDue(GROUP, later, 1, LEASE, "i2").get(0);
    assertThat(stolen.state().number()).isEqualTo("B");
    List<Claimed> c = store.claimDue(GROUP, later, 10, LEASE, "i1");
    assertThat(c).extracting(x -> x.state().number()).containsExactly("A", "C");
    TrackingChanged ch = new TrackingChanged("chg-c", "C", "C", CarrierId.USPS, List.of(event(T0.minusSeconds(60), "10")),
        List.of("ev-c"), TrackingStatus.IN_TRANSIT, TrackingStatus.UNKNOWN, null, T0);
    List<Boolean> written = store.completeAll(List.of(
        new ScheduleStore.Completion(c.get(0), c.get(0).state().withSchedule(T0.plusSeconds(600), null), 0, List.of()),
        new ScheduleStore.Completion(stalled, stalled.state().withSchedule(T0.plusSeconds(9999), null), 0, List.of()),
        new ScheduleStore.Completion(c.get(1), c.get(1).state().withSchedule(null, ParcelState.Stop.TERMINAL), 0, List.of(ch))));
    assertThat(written).containsExactly(true, false, true);
    assertThat(store.get("A").orElseThrow().nextDueAt()).isEqualTo(T0.plusSeconds(600));
    assertThat(store.get("B").orElseThrow().nextDueAt()).as("the stalled holder wrote nothing").isEqualTo(T0);
    assertThat(store.get("C").orElseThrow().stopReason()).isEqualTo(ParcelState.Stop.TERMINAL);
    assertThat(store.completeAll(List.of())).isEmpty();
    assertThat(store.complete(stolen, stolen.state().withSchedule(T0.plusSeconds(7200), null), 0, List.of())).isTrue();
  }

  @Test
  void completingReschedulesAndAStoppedParcelIsNeverClaimedAgain() {
    store.add(parcel("A", T0));
    store.add(parcel("B", T0));
    List<Claimed> c = store.claimDue(GROUP, T0, 10, LEASE, "i1");
    store.complete(c.get(0), c.get(0).state().withSchedule(T0.plusSeconds(600), null), 0, List.of());
    store.complete(c.get(1), c.get(1).state().withSchedule(null, ParcelState.Stop.TERMINAL), 0, List.of());
    assertThat(store.claimDue(GROUP, T0.plusSeconds(599), 10, LEASE, "i1")).isEmpty();
    assertThat(store.claimDue(GROUP, T0.plus(Duration.ofDays(90)), 10, LEASE, "i1")).extracting(x -> x.state().number()).containsExactly("A");
    assertThat(store.watchedCount()).isEqualTo(1);
  }

  @Test
  void anUnacknowledgedOutboxStaysLeasedAndIsHandedToTheNextClaimerAfterTheLease() {
    store.add(parcel("A", T0));
    Claimed c = store.claimDue(GROUP, T0, 10, LEASE, "i1").get(0);
    TrackingChanged ch = new TrackingChanged("chg-1", "A", "A", CarrierId.USPS, List.of(event(T0.minusSeconds(60), "10")),
        List.of("ev-1"), TrackingStatus.IN_TRANSIT, TrackingStatus.UNKNOWN, new Handoff(CarrierId.USPS, "B"), T0);
    assertThat(store.complete(c, c.state().withSchedule(T0.plusSeconds(3600), null), 0, List.of(ch))).isTrue();
    assertThat(store.claimDue(GROUP, T0.plusSeconds(60), 10, LEASE, "i2")).as("still leased: outbox pending").isEmpty();
    List<Claimed> after = store.claimDue(GROUP, T0.plus(LEASE).plusSeconds(1), 10, LEASE, "i2");
    assertThat(after).hasSize(1);
    assertThat(after.get(0).outbox()).containsExactly(ch);
    assertThat(store.acknowledge(after.get(0))).isTrue();
    assertThat(store.claimDue(GROUP, T0.plusSeconds(3599), 10, LEASE, "i2")).isEmpty();
    assertThat(store.claimDue(GROUP, T0.plusSeconds(3600), 10, LEASE, "i2").get(0).outbox()).isEmpty();
  }

  @Test
  void acknowledgingReleasesTheParcelToItsNextDueTime() {
    store.add(parcel("A", T0));
    Claimed c = store.claimDue(GROUP, T0, 10, LEASE, "i1").get(0);
    TrackingChanged ch = new TrackingChanged("chg-1", "A", "A", CarrierId.USPS, List.of(), List.of(),
        TrackingStatus.IN_TRANSIT, TrackingStatus.UNKNOWN, null, T0);
    store.complete(c, c.state().withSchedule(T0.plusSeconds(600), null), 0, List.of(ch));
    assertThat(store.acknowledge(c)).isTrue();
    assertThat(store.claimDue(GROUP, T0.plusSeconds(600), 10, LEASE, "i2")).hasSize(1);
  }

  @Test
  void pushedEventsWaitForTheirParcelAndAreClaimedOldestPushFirst() {
    store.add(parcel("A", T0.plusSeconds(9999)));
    store.add(parcel("B", T0.plusSeconds(9999)));
    assertThat(store.push("UNKNOWN", new PushedEvents(List.of(event(T0, "10")), T0))).isFalse();
    assertThat(store.push("B", new PushedEvents(List.of(event(T0, "10")), T0))).isTrue();
    assertThat(store.push("A", new PushedEvents(List.of(event(T0.plusSeconds(1), "07")), T0.plusSeconds(1)))).isTrue();
    assertThat(store.push("B", new PushedEvents(List.of(event(T0.plusSeconds(2), "OF")), T0.plusSeconds(2)))).isTrue();
    List<Claimed> c = store.claimPushed(GROUP, T0.plusSeconds(5), 10, LEASE, "i1");
    assertThat(c).extracting(x -> x.state().number()).containsExactly("B", "A");
    assertThat(c.get(0).inbox()).hasSize(2);
    assertThat(c.get(0).inbox().get(1).events().get(0)).isEqualTo(event(T0.plusSeconds(2), "OF"));
    assertThat(store.claimPushed(GROUP, T0.plusSeconds(5), 10, LEASE, "i2")).isEmpty();
    store.complete(c.get(0), c.get(0).state(), 2, List.of());
    store.push("A", new PushedEvents(List.of(event(T0.plusSeconds(3), "01")), T0.plusSeconds(3)));
    store.complete(c.get(1), c.get(1).state(), 1, List.of());
    List<Claimed> again = store.claimPushed(GROUP, T0.plusSeconds(6), 10, LEASE, "i1");
    assertThat(again).extracting(x -> x.state().number()).as("A got a push while leased").containsExactly("A");
    assertThat(again.get(0).inbox()).hasSize(1);
  }

  @Test
  void aPushClaimIsRecoveredByTheDueIndexWhenItsHolderDies() {
    store.add(parcel("A", T0.plus(Duration.ofDays(1))));
    store.push("A", new PushedEvents(List.of(event(T0, "10")), T0));
    assertThat(store.claimPushed(GROUP, T0, 10, LEASE, "dies")).hasSize(1);
    List<Claimed> later = store.claimDue(GROUP, T0.plus(LEASE).plusSeconds(1), 10, LEASE, "i2");
    assertThat(later).hasSize(1);
    assertThat(later.get(0).inbox()).hasSize(1);
  }

  @Test
  void theCallPacerGrantsOneCallPerSpacingAcrossCallersAndCountsDebits() {
    Duration spacing = Duration.ofSeconds(60);
    assertThat(store.nextCallSlot(GROUP)).isBeforeOrEqualTo(T0);
    assertThat(store.tryAcquireCallSlot(GROUP, T0, spacing)).isTrue();
    assertThat(store.nextCallSlot(GROUP)).isEqualTo(T0.plus(spacing));
    assertThat(store.tryAcquireCallSlot(GROUP, T0.plusSeconds(59), spacing)).isFalse();
    assertThat(store.tryAcquireCallSlot("cainiao/default", T0.plusSeconds(59), spacing)).isTrue();
    assertThat(store.tryAcquireCallSlot(GROUP, T0.plusSeconds(60), spacing)).isTrue();
    store.debitCallSlots(GROUP, T0.plusSeconds(60), spacing, 2);
    assertThat(store.tryAcquireCallSlot(GROUP, T0.plusSeconds(239), spacing)).isFalse();
    assertThat(store.tryAcquireCallSlot(GROUP, T0.plusSeconds(240), spacing)).isTrue();
  }
}
