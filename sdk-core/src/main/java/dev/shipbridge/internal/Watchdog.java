package dev.shipbridge.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs an action when something outlives its time limit: cancels an HTTP attempt past its attempt
 * timeout, however the server behaves (a stall, or a dribble that never lets a read time out), or
 * interrupts a quote past the quote timeout. One daemon thread looks every {@link #TICK_MILLIS}
 * ms, so an action runs at most one tick late. Not part of the public API.
 *
 * <p>Why not OkHttp's call timeout or a {@code ScheduledExecutorService}: both wake their thread
 * whenever a new deadline becomes the earliest, which with sequential calls is every call: a
 * thread hand-off per call, which on a loopback round trip of ~130 µs was the largest single cost
 * Shipbridge added. Here watching is a set insertion and removal. The thread stops after a second
 * with nothing to watch.
 *
 * <pre>{@code
 * Watchdog.Watch w = Watchdog.watch(timeout.toNanos(), call::cancel);
 * try { ... } finally { w.done(); }
 * if (w.expired()) ... // the action ran
 * }</pre>
 */
public final class Watchdog {
  static final long TICK_MILLIS = 20;
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS);
  /** Idle ticks before the thread stops (about a second). */
  private static final int IDLE_TICKS = 50;

  private static final Set<Watch> WATCHED = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean RUNNING = new AtomicBoolean();

  private Watchdog() {}

  /** Runs {@code onExpiry} once {@code timeoutNanos} from now have passed, unless {@link Watch#done()} came first. */
  public static Watch watch(long timeoutNanos, Runnable onExpiry) {
    Watch w = new Watch(onExpiry, System.nanoTime() + Math.max(0, timeoutNanos));
    WATCHED.add(w);
    if (!RUNNING.get() && RUNNING.compareAndSet(false, true)) start();
    return w;
  }

  private static void start() {
    Thread t = new Thread(Watchdog::run, "shipbridge-watchdog");
    t.setDaemon(true);
    t.start();
  }

  private static void run() {
    int idle = 0;
    while (true) {
      LockSupport.parkNanos(TICK_NANOS);
      long now = System.nanoTime();
      for (Watch w : WATCHED) {
        if (now - w.deadline >= 0) w.expire();
      }
      idle = WATCHED.isEmpty() ? idle + 1 : 0;
      if (idle >= IDLE_TICKS) {
        RUNNING.set(false);
        // a call watched after the check above must find the thread running, or start one
        if (WATCHED.isEmpty() || !RUNNING.compareAndSet(false, true)) return;
        idle = 0;
      }
    }
  }

  /** One watched deadline. */
  public static final class Watch {
    private final Runnable onExpiry;
    private final long deadline;
    private volatile boolean expired;

    private Watch(Runnable onExpiry, long deadline) {
      this.onExpiry = onExpiry;
      this.deadline = deadline;
    }

    private void expire() {
      if (!WATCHED.remove(this)) return; // done meanwhile
      expired = true;
      try {
        onExpiry.run();
      } catch (RuntimeException ignored) {
        // an action must not stop the watchdog for everyone else
      }
    }

    /** True when the deadline passed and the action ran (or is running). */
    public boolean expired() {
      return expired;
    }

    /** Stops watching; the action does not run after this returns unless it had started. */
    public void done() {
      WATCHED.remove(this);
    }
  }
}
