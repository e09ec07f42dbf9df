package dev.shipbridge.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Discrete-event time for concurrent tests: a sleeping thread blocks until the clock reaches its
 * wake-up time, and the clock jumps to the earliest wake-up only when every registered thread is
 * asleep or done. So what a thread does after waking happens exactly at its wake-up time, whatever
 * the real scheduling (work done while running, such as a Redis round trip, takes no virtual time):
 * deterministic, and no real waiting.
 *
 * <p>The testkit imports no SDK code, so this class does not implement the SDK's {@code Sleeper};
 * {@link #sleep(Duration)} has its signature, so pass {@code vts::sleep} where one is needed.
 */
public final class VirtualTimeSleeper {
  private final Clock clock;
  private final Consumer<Instant> moveForwardTo;
  private final PriorityQueue<Instant> wakeUps = new PriorityQueue<>();
  private int running;
  /** A lock, not synchronized: a sleeping virtual thread must not pin its carrier thread (JDK 21-23). */
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition advanced = lock.newCondition();

  /**
   * Reads time from {@code clock}; {@code moveForwardTo} must move that clock forward to the given
   * instant if it is later than now, and leave it alone otherwise.
   */
  public VirtualTimeSleeper(Clock clock, Consumer<Instant> moveForwardTo) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.moveForwardTo = Objects.requireNonNull(moveForwardTo, "moveForwardTo");
  }

  /** Virtual time on a {@link MutableClock}. */
  public static VirtualTimeSleeper on(MutableClock clock) {
    return new VirtualTimeSleeper(clock, t -> {
      if (t.isAfter(clock.instant())) clock.set(t);
    });
  }

  /** Counts a thread that will run; call before starting it. */
  public void register() {
    lock.lock();
    try {
      running++;
    } finally {
      lock.unlock();
    }
  }

  /** The calling thread will not sleep again. */
  public void done() {
    lock.lock();
    try {
      running--;
      advanceIfIdle();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Runs each body on its own registered thread, marking it {@link #done()} when the body returns
   * or throws, and waits up to {@code joinTimeout} for each thread in turn.
   */
  public void runAll(List<? extends Runnable> bodies, Duration joinTimeout) throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    for (Runnable body : bodies) {
      register();
      threads.add(new Thread(() -> {
        try {
          body.run();
        } finally {
          done();
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) t.join(joinTimeout.toMillis());
  }

  /** Blocks until the clock reaches now + {@code d}; returns at once for a zero or negative {@code d}. */
  public void sleep(Duration d) throws InterruptedException {
    if (d.isZero() || d.isNegative()) return;
    lock.lock();
    try {
      Instant target = clock.instant().plus(d);
      wakeUps.add(target);
      running--;
      advanceIfIdle();
      while (clock.instant().isBefore(target)) advanced.await();
    } finally {
      lock.unlock();
    }
  }

  private void advanceIfIdle() {
    if (running > 0 || wakeUps.isEmpty()) return;
    Instant next = wakeUps.peek();
    moveForwardTo.accept(next);
    while (!wakeUps.isEmpty() && !wakeUps.peek().isAfter(next)) {
      wakeUps.poll();
      running++;
    }
    advanced.signalAll();
  }
}
