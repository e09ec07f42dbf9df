package dev.shipbridge.redis;

import dev.shipbridge.resilience.Sleeper;
import dev.shipbridge.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * Discrete-event time for concurrent tests: a sleeping thread blocks until the clock reaches its
 * wake-up time, and the clock jumps to the earliest wake-up only when every registered thread is
 * asleep or done. Redis round trips happen while a thread is running, so they take no virtual
 * time: windows are counted exactly, whatever the real scheduling.
 */
final class VirtualTimeSleeper implements Sleeper {
  private final MutableClock clock;
  private final PriorityQueue<Instant> wakeUps = new PriorityQueue<>();
  private int running;

  VirtualTimeSleeper(MutableClock clock) {
    this.clock = clock;
  }

  /** Counts a thread that will run; call before starting it. */
  synchronized void register() {
    running++;
  }

  /** The calling thread will not sleep again. */
  synchronized void done() {
    running--;
    advanceIfIdle();
  }

  @Override
  public void sleep(Duration d) throws InterruptedException {
    if (d.isZero() || d.isNegative()) return;
    synchronized (this) {
      Instant target = clock.instant().plus(d);
      wakeUps.add(target);
      running--;
      advanceIfIdle();
      while (clock.instant().isBefore(target)) wait();
    }
  }

  private void advanceIfIdle() {
    if (running > 0 || wakeUps.isEmpty()) return;
    Instant next = wakeUps.peek();
    if (next.isAfter(clock.instant())) clock.set(next);
    while (!wakeUps.isEmpty() && !wakeUps.peek().isAfter(next)) {
      wakeUps.poll();
      running++;
    }
    notifyAll();
  }
}
