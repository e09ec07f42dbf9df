package dev.shipbridge.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link ScheduleStore} of one JVM: everything in memory, one lock. Lost when the JVM stops;
 * use {@code RedisScheduleStore} (shipbridge-redis) to survive restarts or to share the work
 * between instances.
 *
 * <pre>{@code
 * TrackingScheduler scheduler = TrackingScheduler.builder().shipbridge(shipbridge)
 *     .store(new InMemoryScheduleStore()).listener(listener).build();
 * }</pre>
 */
public final class InMemoryScheduleStore implements ScheduleStore {
  private record Entry(long score, String number) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry o) {
      int c = Long.compare(score, o.score);
      return c != 0 ? c : number.compareTo(o.number);
    }
  }

  private record Lease(String token, Instant until) {}

  private final Map<String, ParcelState> states = new HashMap<>();
  private final Map<String, TreeSet<Entry>> due = new HashMap<>();
  private final Map<String, Long> dueScore = new HashMap<>();
  private final Map<String, TreeSet<Entry>> pushed = new HashMap<>();
  private final Map<String, Long> pushScore = new HashMap<>();
  private final Map<String, Lease> leases = new HashMap<>();
  private final Map<String, List<PushedEvents>> inbox = new HashMap<>();
  private final Map<String, List<TrackingChanged>> outbox = new HashMap<>();
  private final Map<String, Instant> slots = new HashMap<>();
  private final AtomicLong tokens = new AtomicLong();

  @Override
  public synchronized boolean add(ParcelState state) {
    if (states.containsKey(state.number())) return false;
    states.put(state.number(), state);
    if (state.nextDueAt() != null) index(due, dueScore, state.group(), state.number(), state.nextDueAt().toEpochMilli());
    return true;
  }

  @Override
  public synchronized Optional<ParcelState> get(String number) {
    return Optional.ofNullable(states.get(number));
  }

  @Override
  public synchronized boolean remove(String number) {
    ParcelState s = states.remove(number);
    if (s == null) return false;
    unindex(due, dueScore, s.group(), number);
    unindex(pushed, pushScore, s.group(), number);
    leases.remove(number);
    inbox.remove(number);
    outbox.remove(number);
    return true;
  }

  @Override
  public synchronized List<Claimed> claimDue(String group, Instant now, int max, Duration lease, String owner) {
    List<Claimed> out = new ArrayList<>();
    TreeSet<Entry> set = due.get(group);
    if (set == null) return out;
    long nowMs = now.toEpochMilli();
    List<String> picked = new ArrayList<>();
    for (Entry e : set) {
      if (e.score() > nowMs || picked.size() >= max) break;
      if (leasedByOther(e.number(), now)) continue;
      picked.add(e.number());
    }
    Instant until = now.plus(lease);
    for (String n : picked) {
      index(due, dueScore, group, n, until.toEpochMilli());
      out.add(lease(n, until, owner));
    }
    return out;
  }

  @Override
  public synchronized List<Claimed> claimPushed(String group, Instant now, int max, Duration lease, String owner) {
    List<Claimed> out = new ArrayList<>();
    TreeSet<Entry> set = pushed.get(group);
    if (set == null) return out;
    List<String> picked = new ArrayList<>();
    for (Entry e : set) {
      if (picked.size() >= max) break;
      if (leasedByOther(e.number(), now)) continue;
      picked.add(e.number());
    }
    Instant until = now.plus(lease);
    for (String n : picked) {
      unindex(pushed, pushScore, group, n);
      Long current = dueScore.get(n);
      if (current != null && current > until.toEpochMilli()) index(due, dueScore, group, n, until.toEpochMilli());
      out.add(lease(n, until, owner));
    }
    return out;
  }

  private boolean leasedByOther(String number, Instant now) {
    Lease l = leases.get(number);
    return l != null && l.until().isAfter(now);
  }

  private Claimed lease(String number, Instant until, String owner) {
    String token = owner + ":" + tokens.incrementAndGet();
    leases.put(number, new Lease(token, until));
    return new Claimed(states.get(number), token, until, inbox.getOrDefault(number, List.of()),
        outbox.getOrDefault(number, List.of()));
  }

  @Override
  public synchronized boolean push(String number, PushedEvents events) {
    ParcelState s = states.get(number);
    if (s == null || s.nextDueAt() == null) return false;
    inbox.computeIfAbsent(number, k -> new ArrayList<>()).add(events);
    if (!pushScore.containsKey(number)) index(pushed, pushScore, s.group(), number, events.receivedAt().toEpochMilli());
    return true;
  }

  @Override
  public synchronized boolean complete(Claimed claim, ParcelState updated, int inboxApplied, List<TrackingChanged> changes) {
    String n = updated.number();
    if (!holds(claim)) return false;
    states.put(n, updated);
    List<PushedEvents> in = inbox.get(n);
    if (in != null) {
      in.subList(0, Math.min(inboxApplied, in.size())).clear();
      if (in.isEmpty()) inbox.remove(n);
    }
    if (!changes.isEmpty()) {
      outbox.put(n, List.copyOf(changes));
      index(due, dueScore, updated.group(), n, claim.leaseUntil().toEpochMilli());
      return true;
    }
    release(n, updated);
    return true;
  }

  @Override
  public synchronized boolean acknowledge(Claimed claim) {
    if (!holds(claim)) return false;
    String n = claim.state().number();
    outbox.remove(n);
    ParcelState s = states.get(n);
    if (s != null) release(n, s);
    return true;
  }

  private boolean holds(Claimed claim) {
    Lease l = leases.get(claim.state().number());
    return l != null && l.token().equals(claim.token()) && states.containsKey(claim.state().number());
  }

  private void release(String n, ParcelState s) {
    leases.remove(n);
    if (s.nextDueAt() == null) unindex(due, dueScore, s.group(), n);
    else index(due, dueScore, s.group(), n, s.nextDueAt().toEpochMilli());
    List<PushedEvents> in = inbox.get(n);
    if (in != null && !in.isEmpty() && !pushScore.containsKey(n)) {
      index(pushed, pushScore, s.group(), n, in.get(0).receivedAt().toEpochMilli());
    }
  }

  @Override
  public synchronized boolean tryAcquireCallSlot(String group, Instant now, Duration spacing) {
    Instant next = slots.get(group);
    if (next != null && next.isAfter(now)) return false;
    slots.put(group, now.plus(spacing));
    return true;
  }

  @Override
  public synchronized Instant nextCallSlot(String group) {
    return slots.getOrDefault(group, Instant.MIN);
  }

  @Override
  public synchronized void debitCallSlots(String group, Instant now, Duration spacing, int calls) {
    Instant next = slots.get(group);
    Instant from = next == null || next.isBefore(now) ? now : next;
    slots.put(group, from.plus(spacing.multipliedBy(calls)));
  }

  @Override
  public synchronized long dueCount(Instant now) {
    long n = 0;
    for (long score : dueScore.values()) if (score <= now.toEpochMilli()) n++;
    return n;
  }

  @Override
  public synchronized long watchedCount() {
    return dueScore.size();
  }

  private static void index(Map<String, TreeSet<Entry>> idx, Map<String, Long> scores, String group, String n, long score) {
    TreeSet<Entry> set = idx.computeIfAbsent(group, k -> new TreeSet<>());
    Long old = scores.put(n, score);
    if (old != null) set.remove(new Entry(old, n));
    set.add(new Entry(score, n));
  }

  private static void unindex(Map<String, TreeSet<Entry>> idx, Map<String, Long> scores, String group, String n) {
    Long old = scores.remove(n);
    if (old == null) return;
    TreeSet<Entry> set = idx.get(group);
    if (set != null) set.remove(new Entry(old, n));
  }

  @Override
  public String toString() {
    return "InMemoryScheduleStore";
  }
}
