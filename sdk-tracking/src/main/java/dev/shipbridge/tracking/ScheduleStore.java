package dev.shipbridge.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a {@link TrackingScheduler} keeps its watched parcels: a due-time index per group
 * (carrier and account), each parcel's state, its pushed events waiting to be applied, its
 * changes waiting to be acknowledged, leases, and one call pacer per group. Implementations:
 * {@link InMemoryScheduleStore} (one JVM) and {@code RedisScheduleStore} in {@code
 * shipbridge-redis} (a fleet). Both pass the same contract test suite (in this module's test-jar).
 *
 * <p>Leases: a claimed parcel is invisible to every other claim until its lease expires; only the
 * holder of the current lease's token may {@link #complete} or {@link #acknowledge} it, so an
 * instance that stalled past its lease cannot overwrite the work of the instance that re-claimed
 * the parcel. A completed parcel with changes in its outbox stays leased until they are
 * acknowledged; if its instance dies first, the next claimer gets the outbox and delivers it again.
 *
 * <pre>{@code
 * ScheduleStore store = new InMemoryScheduleStore();                     // one JVM
 * ScheduleStore fleet = RedisScheduleStore.connect("redis://redis:6379"); // many JVMs
 * }</pre>
 */
public interface ScheduleStore extends AutoCloseable {
  /** Adds a parcel (due at {@code state.nextDueAt()}); false when that number is already watched. */
  boolean add(ParcelState state);

  /** The parcel's state, watched or stopped. */
  Optional<ParcelState> get(String number);

  /** Forgets a parcel entirely; false when it was not known. */
  boolean remove(String number);

  /**
   * Leases up to {@code max} parcels of {@code group} that are due at {@code now} (or whose
   * lease expired), earliest first, and moves them out of everyone else's reach until {@code
   * now + lease}.
   */
  List<Claimed> claimDue(String group, Instant now, int max, Duration lease, String owner);

  /** Leases up to {@code max} parcels of {@code group} with pushed events waiting, oldest push first. */
  List<Claimed> claimPushed(String group, Instant now, int max, Duration lease, String owner);

  /**
   * Queues pushed events for a watched parcel; false when the number is not watched. Never waits
   * for a lease: the events are applied by whoever holds or next claims the parcel.
   */
  boolean push(String number, PushedEvents events);

  /**
   * Writes the parcel's new state, drops the first {@code inboxApplied} pushed events and stores
   * {@code outbox}; the parcel stays leased while its outbox is not empty, otherwise it is released
   * and due at {@code updated.nextDueAt()} (or at once, if events were pushed meanwhile). False
   * (and nothing written) when {@code claim}'s lease was lost.
   */
  boolean complete(Claimed claim, ParcelState updated, int inboxApplied, List<TrackingChanged> outbox);

  /**
   * One parcel's {@link ScheduleStore#complete} in a {@link ScheduleStore#completeAll} batch.
   *
   * <pre>{@code
   * List<Boolean> written = store.completeAll(List.of(
   *     new ScheduleStore.Completion(claim, claim.state().withSchedule(next, null), 0, List.of())));
   * }</pre>
   *
   * @param claim the lease
   * @param updated the parcel's new state
   * @param inboxApplied how many pushed events were applied (dropped from the inbox)
   * @param outbox changes to keep until acknowledged (empty: the parcel is released)
   */
  record Completion(Claimed claim, ParcelState updated, int inboxApplied, List<TrackingChanged> outbox) {
    public Completion {
      java.util.Objects.requireNonNull(claim, "claim");
      java.util.Objects.requireNonNull(updated, "updated");
      outbox = List.copyOf(outbox);
    }
  }

  /**
   * {@link #complete} for each element, in order; element {@code i} of the answer is what {@code
   * complete} answered for {@code completions.get(i)}. A store that can does it in one round trip
   * (the Redis store: one script call for a whole batch); this default calls {@code complete} for each.
   */
  default List<Boolean> completeAll(List<Completion> completions) {
    List<Boolean> out = new java.util.ArrayList<>(completions.size());
    for (Completion c : completions) out.add(complete(c.claim(), c.updated(), c.inboxApplied(), c.outbox()));
    return out;
  }

  /** Clears the outbox of a completed parcel and releases it; false when the lease was lost. */
  boolean acknowledge(Claimed claim);

  /**
   * The group's fleet-wide call pacer: true, and the next call allowed {@code spacing} later, when
   * a call may start at {@code now}; false when the last one was less than {@code spacing} ago.
   */
  boolean tryAcquireCallSlot(String group, Instant now, Duration spacing);

  /** When the group's next call may start (in the past, or {@link Instant#MIN}, when it may start now); reads only. */
  Instant nextCallSlot(String group);

  /** Counts {@code calls} made outside the pacer (a handoff followed by the facade): later slots move back. */
  void debitCallSlots(String group, Instant now, Duration spacing, int calls);

  /** How many parcels are watched (not stopped). */
  long watchedCount();

  /**
   * How many watched parcels are due at {@code now} and not leased: the backlog waiting for a call
   * slot. Stores that cannot count it cheaply return -1 (unknown).
   */
  default long dueCount(Instant now) {
    return -1;
  }

  @Override
  default void close() {}
}
