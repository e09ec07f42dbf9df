package dev.shipbridge.redis;

import dev.shipbridge.tracking.Claimed;
import dev.shipbridge.tracking.ParcelState;
import dev.shipbridge.tracking.PushedEvents;
import dev.shipbridge.tracking.ScheduleStore;
import dev.shipbridge.tracking.TrackingChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A store that lets its instance die like kill -9 in the middle of a lease: once armed, the first
 * {@code complete} or {@code completeAll} of a polled parcel (the carrier was asked, nothing written
 * yet) throws, and so does every later
 * call: the instance does nothing more; its claimed parcels stay leased until the lease expires.
 */
final class CrashingStore implements ScheduleStore {
  static final class Killed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Killed() {
      super("instance killed mid-lease");
    }
  }

  private final ScheduleStore delegate;
  private volatile boolean armed;
  private volatile boolean dead;
  private List<String> lastClaimed = List.of();
  private List<String> abandoned = List.of();

  private final Runnable atDeath;

  CrashingStore(ScheduleStore delegate) {
    this(delegate, () -> {});
  }

  /** {@code atDeath} runs when the instance dies, before the call throws (a process of its own blocks there until killed). */
  CrashingStore(ScheduleStore delegate, Runnable atDeath) {
    this.delegate = delegate;
    this.atDeath = atDeath;
  }

  void arm() {
    armed = true;
  }

  boolean dead() {
    return dead;
  }

  List<String> abandoned() {
    return abandoned;
  }

  @Override
  public boolean add(ParcelState state) {
    return delegate.add(state);
  }

  @Override
  public Optional<ParcelState> get(String number) {
    return delegate.get(number);
  }

  @Override
  public boolean remove(String number) {
    return delegate.remove(number);
  }

  private void alive() {
    if (dead) throw new Killed();
  }

  @Override
  public List<Claimed> claimDue(String group, Instant now, int max, Duration lease, String owner) {
    alive();
    List<Claimed> c = delegate.claimDue(group, now, max, lease, owner);
    if (!c.isEmpty()) lastClaimed = new ArrayList<>(c.stream().map(x -> x.state().number()).toList());
    return c;
  }

  @Override
  public List<Claimed> claimPushed(String group, Instant now, int max, Duration lease, String owner) {
    alive();
    return delegate.claimPushed(group, now, max, lease, owner);
  }

  @Override
  public boolean push(String number, PushedEvents events) {
    return delegate.push(number, events);
  }

  @Override
  public boolean complete(Claimed claim, ParcelState updated, int inboxApplied, List<TrackingChanged> outbox) {
    dieIfPolled(claim, updated);
    alive();
    return delegate.complete(claim, updated, inboxApplied, outbox);
  }

  /** The batch write the scheduler's pass uses: it dies before writing any of it, like {@link #complete}. */
  @Override
  public List<Boolean> completeAll(List<Completion> completions) {
    for (Completion c : completions) dieIfPolled(c.claim(), c.updated());
    alive();
    return delegate.completeAll(completions);
  }

  private void dieIfPolled(Claimed claim, ParcelState updated) {
    if (armed && !dead && updated.lastPolledAt() != null && !updated.lastPolledAt().equals(claim.state().lastPolledAt())) {
      dead = true;
      abandoned = lastClaimed;
      atDeath.run();
      throw new Killed();
    }
  }

  @Override
  public boolean acknowledge(Claimed claim) {
    alive();
    return delegate.acknowledge(claim);
  }

  @Override
  public boolean tryAcquireCallSlot(String group, Instant now, Duration spacing) {
    alive();
    return delegate.tryAcquireCallSlot(group, now, spacing);
  }

  @Override
  public Instant nextCallSlot(String group) {
    return delegate.nextCallSlot(group);
  }

  @Override
  public void debitCallSlots(String group, Instant now, Duration spacing, int calls) {
    delegate.debitCallSlots(group, now, spacing, calls);
  }

  @Override
  public long dueCount(Instant now) {
    return delegate.dueCount(now);
  }

  @Override
  public long watchedCount() {
    return delegate.watchedCount();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
