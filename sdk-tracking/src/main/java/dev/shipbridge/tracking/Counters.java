package dev.shipbridge.tracking;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** The counts behind {@link TrackingStats}; calls also kept per hour over the last day. Thread-safe. */
final class Counters {
  private static final int HOURS = 24;
  private final LongAdder calls = new LongAdder();
  private final LongAdder numbers = new LongAdder();
  private final LongAdder pushes = new LongAdder();
  private final LongAdder changes = new LongAdder();
  /** Slot {@code hour % 24}: the epoch hour it counts, and its calls. */
  private final AtomicLongArray hourOf = new AtomicLongArray(HOURS);
  private final AtomicLongArray callsIn = new AtomicLongArray(HOURS);

  void call(int numbersAsked, Instant at) {
    calls.increment();
    numbers.add(numbersAsked);
    long hour = Math.floorDiv(at.getEpochSecond(), 3600);
    int slot = (int) Math.floorMod(hour, (long) HOURS);
    rollSlot(slot, hour);
    callsIn.incrementAndGet(slot);
  }

  private void rollSlot(int slot, long hour) {
    long seen = hourOf.get(slot);
    if (seen != hour && hourOf.compareAndSet(slot, seen, hour)) callsIn.set(slot, 0);
  }

  void pushes(int applied) {
    pushes.add(applied);
  }

  void changes(int delivered) {
    changes.add(delivered);
  }

  TrackingStats snapshot(Instant now) {
    long hour = Math.floorDiv(now.getEpochSecond(), 3600);
    long lastDay = 0;
    for (int i = 0; i < HOURS; i++) {
      long h = hourOf.get(i);
      if (h > hour - HOURS && h <= hour) lastDay += callsIn.get(i);
    }
    return new TrackingStats(calls.sum(), numbers.sum(), pushes.sum(), changes.sum(), lastDay);
  }
}
