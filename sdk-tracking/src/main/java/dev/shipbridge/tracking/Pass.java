package dev.shipbridge.tracking;

import dev.shipbridge.NotFoundException;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeException;
import dev.shipbridge.TrackResult;
import dev.shipbridge.TrackingAccessDeniedException;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Handoff;
import dev.shipbridge.model.LegStatus;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduler pass over one group (carrier and account): pushes, redeliveries, then paced polls.
 * A pass that stops at the pacer (the next call's slot is still ahead) says when that slot comes,
 * so the scheduler can wake up for it instead of wasting the quota until its next tick.
 */
final class Pass {
  /**
   * What a pass did for its group.
   *
   * @param calls carrier calls made
   * @param changes changes delivered
   * @param nextSlot when the group's next call may start, if the pass stopped because the slot was
   *     still ahead (due parcels may be waiting); null when no parcel was due
   */
  record Outcome(int calls, int changes, Instant nextSlot) {}

  private static final Logger LOG = LoggerFactory.getLogger(Pass.class);
  /** After a failed call (not "unknown number"), the parcel is asked again this soon at the latest. */
  static final Duration RETRY_AFTER_FAILURE = Duration.ofMinutes(15);
  /**
   * How long a number the carrier refused this caller access to (USPS's rule on the Mailer ID in the
   * barcode) waits before it is asked again: only the shipper's authorization in the carrier's
   * portal changes the answer, so retrying every few minutes would only spend quota.
   */
  static final Duration RETRY_AFTER_ACCESS_DENIED = TrackingAccessDeniedException.RECHECK_AFTER;
  private static final int PUSH_BATCH = 500;

  private final ScheduleStore store;
  private final TrackingPolicy policy;
  private final TrackingListener listener;
  private final String owner;
  private final Duration lease;
  private final Function<CarrierId, CarrierBudget> budgets;
  private final BiFunction<CarrierId, String, String> accountFor;
  private final Counters counters;

  Pass(ScheduleStore store, TrackingPolicy policy, TrackingListener listener, String owner, Duration lease,
      Function<CarrierId, CarrierBudget> budgets, BiFunction<CarrierId, String, String> accountFor, Counters counters) {
    this.counters = counters;
    this.store = store;
    this.policy = policy;
    this.listener = listener;
    this.owner = owner;
    this.lease = lease;
    this.budgets = budgets;
    this.accountFor = accountFor;
  }

  Outcome run(CarrierId carrier, String account, Shipbridge shipbridge, CarrierBudget budget, Instant now) {
    String group = carrier.value() + "/" + account;
    int changes = 0;
    int calls = 0;
    for (List<Claimed> claims; !(claims = store.claimPushed(group, now, PUSH_BATCH, lease, owner)).isEmpty(); ) {
      List<Settled> settled = new ArrayList<>(claims.size());
      for (Claimed c : claims) settled.add(prepare(c, null, null, now));
      changes += finish(settled);
    }
    Duration spacing = budget.quota().interval();
    Instant nextSlot;
    boolean drained = false;
    while (!drained && !(nextSlot = store.nextCallSlot(group)).isAfter(now)) {
      List<Claimed> claims = store.claimDue(group, now, budget.numbersPerCall(), lease, owner);
      if (claims.isEmpty()) break;
      drained = claims.size() < budget.numbersPerCall();
      List<Claimed> toPoll = new ArrayList<>();
      List<Settled> early = new ArrayList<>();
      for (Claimed c : claims) {
        if (!c.outbox().isEmpty()) changes += redeliver(c);
        else if (c.state().nextDueAt() != null && c.state().nextDueAt().isAfter(now)) early.add(prepare(c, null, null, now));
        else if (c.state().nextDueAt() == null) early.add(unchanged(c, c.inbox().size()));
        else toPoll.add(c);
      }
      changes += finish(early);
      if (toPoll.isEmpty()) continue;
      if (!store.tryAcquireCallSlot(group, now, spacing)) {
        // another instance took this slot: the next one is at most one spacing away
        List<Settled> back = new ArrayList<>(toPoll.size());
        for (Claimed c : toPoll) back.add(unchanged(c, 0));
        finish(back);
        break;
      }
      calls++;
      List<String> numbers = toPoll.stream().map(c -> c.state().number()).toList();
      counters.call(numbers.size(), now);
      Map<String, TrackResult> results = new HashMap<>();
      ShipbridgeException batchFailure = null;
      try {
        for (TrackResult r : shipbridge.trackMany(numbers)) results.put(r.trackingNumber(), r);
      } catch (ShipbridgeException e) {
        batchFailure = e;
        LOG.warn("tracking batch of {} {} numbers failed; asked again later: {}", numbers.size(), carrier, e.getClass().getSimpleName());
      }
      Map<CarrierId, Integer> followed = new HashMap<>();
      List<Settled> settled = new ArrayList<>(toPoll.size());
      for (Claimed c : toPoll) {
        TrackResult r = results.get(c.state().number());
        if (r != null && r.isSuccess() && r.tracking().legs().size() > 1) followed.merge(r.tracking().legs().get(1).carrier(), 1, Integer::sum);
        settled.add(prepare(c, r, batchFailure, now));
      }
      changes += finish(settled);
      for (var f : followed.entrySet()) {
        String nextAccount = accountFor.apply(f.getKey(), account);
        if (nextAccount == null) continue;
        CarrierBudget b = budgets.apply(f.getKey());
        int extra = (f.getValue() + b.numbersPerCall() - 1) / b.numbersPerCall();
        store.debitCallSlots(f.getKey().value() + "/" + nextAccount, now, b.quota().interval(), extra);
      }
    }
    if (drained) return new Outcome(calls, changes, null);
    nextSlot = store.nextCallSlot(group);
    return new Outcome(calls, changes, nextSlot.isAfter(now) ? nextSlot : null);
  }

  private int redeliver(Claimed c) {
    if (deliver(c.outbox())) store.acknowledge(c);
    return c.outbox().size();
  }

  /** A parcel's new state and its change (if any), not written yet; {@code countPushes}: its inbox was applied. */
  private record Settled(ScheduleStore.Completion completion, List<TrackingChanged> changes, boolean countPushes) {}

  private static Settled unchanged(Claimed c, int inboxDropped) {
    return new Settled(new ScheduleStore.Completion(c, c.state(), inboxDropped, List.of()), List.of(), false);
  }

  /**
   * Writes a batch of settled parcels in one store call, then reports each change and acknowledges
   * it. An instance that dies in between leaves the changes in the parcels' outboxes, still leased:
   * the next claimer delivers them (same ids).
   */
  private int finish(List<Settled> batch) {
    if (batch.isEmpty()) return 0;
    List<ScheduleStore.Completion> completions = new ArrayList<>(batch.size());
    for (Settled s : batch) completions.add(s.completion());
    List<Boolean> written = store.completeAll(completions);
    int delivered = 0;
    for (int i = 0; i < batch.size(); i++) {
      if (!written.get(i)) continue;
      Settled s = batch.get(i);
      if (s.countPushes()) counters.pushes(s.completion().inboxApplied());
      if (s.changes().isEmpty()) continue;
      if (deliver(s.changes())) store.acknowledge(s.completion().claim());
      delivered += s.changes().size();
    }
    return delivered;
  }

  /** Applies pushes and a poll's answer (either may be absent): the parcel's new state and its change, to be written by {@link #finish}. */
  private Settled prepare(Claimed c, TrackResult result, ShipbridgeException batchFailure, Instant now) {
    ParcelState s = c.state();
    List<TrackingEvent> candidates = new ArrayList<>();
    for (PushedEvents p : c.inbox()) candidates.addAll(p.events());
    Tracking tracking = result != null && result.isSuccess() ? result.tracking() : null;
    if (tracking != null) candidates.addAll(tracking.events());
    candidates.sort(Comparator.comparing((TrackingEvent e) -> e.time().toInstant()));

    StringBuilder seen = new StringBuilder(s.seen());
    List<TrackingEvent> fresh = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    Instant lastEvent = s.lastEventAt();
    TrackingStatus newestStatus = null;
    for (TrackingEvent e : candidates) {
      String id = EventIds.eventId(s.journey(), e);
      String fp = EventIds.fingerprint(id);
      if (EventIds.seen(seen.toString(), fp) || ids.contains(id)) continue;
      seen.append(fp);
      fresh.add(e);
      ids.add(id);
      Instant t = e.time().toInstant();
      if (lastEvent == null || !t.isBefore(lastEvent)) {
        lastEvent = t;
        newestStatus = e.status();
      }
    }
    TrackingStatus status = tracking != null ? tracking.status() : newestStatus != null ? newestStatus : s.status();
    boolean polled = result != null || batchFailure != null;
    int misses = s.misses();
    if (tracking != null) misses = 0;
    else if (result != null && result.failure() instanceof NotFoundException) misses++;
    ParcelState next = s.observed(status, lastEvent, polled ? now : s.lastPolledAt(), misses, seen.toString());

    Handoff handoff = tracking == null ? null : tracking.handoff();
    // A next leg refused for access is not watched on its own (it would only be refused again): the
    // first number stays watched, its journey carrying the last-mile events its carrier mirrors.
    boolean handedOff = handoff != null && !handoff.carrier().equals(s.carrier())
        && accountFor.apply(handoff.carrier(), s.account()) != null && !accessDenied(tracking, handoff);
    next = next.withSchedule(nextDue(next, result, batchFailure, !c.inbox().isEmpty(), handedOff, now), stopOf(next, handedOff, now));
    if (handedOff) {
      ParcelState leg = new ParcelState(handoff.trackingNumber(), handoff.carrier(), accountFor.apply(handoff.carrier(), s.account()),
          s.journey(), status, s.watchedAt(), lastEvent, now, null, 0, s.pushed(), null, seen.toString());
      leg = leg.withSchedule(status.isTerminal() ? null : now.plus(policy.jittered(
          policy.intervalFor(status, lastEvent, s.pushed(), now), leg.number())), status.isTerminal() ? ParcelState.Stop.TERMINAL : null);
      store.add(leg);
    }
    List<TrackingChanged> changes = List.of();
    if (!fresh.isEmpty() || status != s.status()) {
      String changeId = EventIds.sha256Hex(s.journey() + '|' + s.number() + '|' + String.join(",", ids) + '|' + status
          + '|' + (fresh.isEmpty() ? now.toString() : ""), 24);
      changes = List.of(new TrackingChanged(changeId, s.journey(), s.number(), s.carrier(), fresh, ids, status, s.status(),
          handedOff ? handoff : null, now));
    }
    return new Settled(new ScheduleStore.Completion(c, next, c.inbox().size(), changes), changes, true);
  }

  private Instant nextDue(ParcelState p, TrackResult r, ShipbridgeException batchFailure, boolean pushedNow, boolean handedOff, Instant now) {
    if (stopOf(p, handedOff, now) != null) return null;
    if (r == null && batchFailure == null) {
      // only pushes applied: the next poll moves out to a full interval from now
      Instant pushedOut = now.plus(policy.jittered(policy.intervalFor(p.status(), p.lastEventAt(), p.pushed(), now), p.number()));
      return pushedNow && pushedOut.isAfter(p.nextDueAt()) ? pushedOut : p.nextDueAt();
    }
    if (batchFailure != null || (r != null && r.failure() != null && !(r.failure() instanceof NotFoundException))) {
      ShipbridgeException f = batchFailure != null ? batchFailure : r.failure();
      // only a refusal about this parcel waits long: one of a whole request (no number named) may be
      // about another number of the batch, so the parcel is asked again like after any failure
      Duration wait = f instanceof TrackingAccessDeniedException d && d.trackingNumber().isPresent()
          ? RETRY_AFTER_ACCESS_DENIED : RETRY_AFTER_FAILURE;
      if (f instanceof RateLimitedException rl && rl.retryAfter().isPresent() && rl.retryAfter().get().compareTo(wait) > 0) {
        wait = rl.retryAfter().get();
      }
      return now.plus(wait);
    }
    if (r != null && r.failure() instanceof NotFoundException) return now.plus(policy.unknownBackoff(p.misses()));
    return now.plus(policy.jittered(policy.intervalFor(p.status(), p.lastEventAt(), p.pushed(), now), p.number()));
  }

  /** Whether {@code t}'s leg to {@code handoff}'s number was refused for access (see {@link LegStatus#ACCESS_DENIED}). */
  private static boolean accessDenied(Tracking t, Handoff handoff) {
    return t.legs().stream().anyMatch(l -> l.status() == LegStatus.ACCESS_DENIED
        && handoff.carrier().equals(l.carrier()) && java.util.Objects.equals(handoff.trackingNumber(), l.trackingNumber()));
  }

  private ParcelState.Stop stopOf(ParcelState p, boolean handedOff, Instant now) {
    if (p.status().isTerminal()) return ParcelState.Stop.TERMINAL;
    if (handedOff) return ParcelState.Stop.HANDED_OFF;
    if (!now.isBefore(p.watchedAt().plus(policy.cutoff()))) return ParcelState.Stop.CUTOFF;
    if (p.lastEventAt() == null && p.misses() > 0 && !now.isBefore(p.watchedAt().plus(policy.unknownGiveUp()))) {
      return ParcelState.Stop.NEVER_KNOWN;
    }
    return null;
  }

  private boolean deliver(List<TrackingChanged> changes) {
    for (TrackingChanged ch : changes) {
      try {
        listener.onChange(ch);
      } catch (Exception e) {
        LOG.warn("tracking listener refused change {}; it is delivered again after the lease: {}", ch.id(), e.getClass().getSimpleName());
        return false;
      }
      counters.changes(1);
    }
    return true;
  }
}
