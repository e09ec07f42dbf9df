package dev.shipbridge.sandbox;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.ResilienceListener;
import dev.shipbridge.resilience.Sleeper;
import dev.shipbridge.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * The sandbox's time source: a {@link Sleeper} and a {@link ResilienceListener} on one {@link
 * MutableClock}, safe for any number of concurrent callers.
 *
 * <p>Discrete-event time: a thread that sleeps (a retry pause, a wait for a rate-limit permit)
 * blocks until the clock reaches its wake-up time. With auto-advance on, the clock jumps to the
 * earliest wake-up only when no thread is <em>inside a carrier call and awake</em> (the listener's
 * {@code onCallStarted}/{@code onCallFinished} pair says which threads are inside one). So a call
 * in flight never sees the clock jump under it, and sleepers wake in time order, each exactly at its
 * time: 32 callers queueing for a quota of one call a minute wake a minute apart, instead of each
 * pushing the clock forward by its own wait as {@code sleeper(d -> clock.advance(d))} does. With
 * auto-advance off, only {@link #advance(Duration)} moves time.
 */
final class SandboxTime implements Sleeper, ResilienceListener {
  private static final class WakeUp implements Comparable<WakeUp> {
    final Instant at;
    boolean released;

    WakeUp(Instant at) {
      this.at = at;
    }

    @Override
    public int compareTo(WakeUp o) {
      return at.compareTo(o.at);
    }
  }

  private final MutableClock clock;
  private final PriorityQueue<WakeUp> wakeUps = new PriorityQueue<>();
  private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
  private volatile ResilienceListener delegate = ResilienceListener.NONE;
  private boolean autoAdvance = true;
  /** Threads inside a carrier call (or sleeping outside one) that are not asleep. */
  private int awake;

  SandboxTime(MutableClock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  MutableClock clock() {
    return clock;
  }

  void delegate(ResilienceListener listener) {
    this.delegate = Objects.requireNonNull(listener, "listener");
  }

  synchronized void autoAdvance(boolean on) {
    autoAdvance = on;
    advanceIfIdle();
  }

  synchronized boolean autoAdvance() {
    return autoAdvance;
  }

  /** Moves the clock forward by {@code d} and wakes every sleeper whose time has come. */
  synchronized Instant advance(Duration d) {
    if (d.isNegative()) throw new IllegalArgumentException("time only moves forward");
    Instant now = clock.advance(d);
    release(now);
    return now;
  }

  /** Moves the clock to the earliest sleeper's wake-up (if later than now) and wakes it; empty when nobody sleeps. */
  synchronized java.util.Optional<Instant> advanceToNextWakeUp() {
    if (wakeUps.isEmpty()) return java.util.Optional.empty();
    Instant next = wakeUps.peek().at;
    if (next.isAfter(clock.instant())) clock.set(next);
    release(clock.instant());
    return java.util.Optional.of(clock.instant());
  }

  /** How many threads are asleep on this time source (for tests and diagnostics). */
  synchronized int sleeping() {
    return wakeUps.size();
  }

  @Override
  public void sleep(Duration d) throws InterruptedException {
    if (d.isZero() || d.isNegative()) return;
    boolean inCall = depth.get()[0] > 0;
    synchronized (this) {
      if (!inCall) awake++; // counted like a caller inside a call for the length of this sleep
      WakeUp w = new WakeUp(clock.instant().plus(d));
      wakeUps.add(w);
      awake--;
      advanceIfIdle();
      try {
        while (!w.released) {
          if (!clock.instant().isBefore(w.at)) { // the clock was moved past it directly
            wakeUps.remove(w);
            w.released = true;
            awake++;
            break;
          }
          wait(100); // a direct MutableClock.advance sends no notification: look again now and then
        }
      } catch (InterruptedException e) {
        if (wakeUps.remove(w)) awake++;
        if (!inCall) awake--;
        advanceIfIdle();
        throw e;
      }
      if (!inCall) {
        awake--;
        advanceIfIdle();
      }
    }
  }

  private void advanceIfIdle() {
    if (!autoAdvance || awake > 0 || wakeUps.isEmpty()) return;
    Instant next = wakeUps.peek().at;
    if (next.isAfter(clock.instant())) clock.set(next);
    release(clock.instant());
  }

  private void release(Instant now) {
    boolean any = false;
    while (!wakeUps.isEmpty() && !wakeUps.peek().at.isAfter(now)) {
      wakeUps.poll().released = true;
      awake++;
      any = true;
    }
    if (any) notifyAll();
  }

  // ------------------------------------------------------------------ which threads are in a call

  @Override
  public void onCallStarted(CarrierId carrier, Operation operation) {
    if (depth.get()[0]++ == 0) {
      synchronized (this) {
        awake++;
      }
    }
    delegate.onCallStarted(carrier, operation);
  }

  @Override
  public void onCallFinished(CarrierId carrier, Operation operation, int attempts, Duration latency, Throwable failure) {
    try {
      delegate.onCallFinished(carrier, operation, attempts, latency, failure);
    } finally {
      if (--depth.get()[0] == 0) {
        synchronized (this) {
          awake--;
          advanceIfIdle();
        }
      }
    }
  }

  @Override
  public void onAttempt(CarrierId carrier, Operation operation, int attempt) {
    delegate.onAttempt(carrier, operation, attempt);
  }

  @Override
  public void onRetry(CarrierId carrier, Operation operation, int attempt, Duration delay, Throwable reason) {
    delegate.onRetry(carrier, operation, attempt, delay, reason);
  }

  @Override
  public void onRateLimiterWait(CarrierId carrier, Operation operation, Duration waited) {
    delegate.onRateLimiterWait(carrier, operation, waited);
  }

  @Override
  public void onRateLimiterRefused(CarrierId carrier, Operation operation, Duration nextPermitIn) {
    delegate.onRateLimiterRefused(carrier, operation, nextPermitIn);
  }

  @Override
  public void onCircuitBreakerTransition(CarrierId carrier, BreakerState from, BreakerState to) {
    delegate.onCircuitBreakerTransition(carrier, from, to);
  }

  @Override
  public void onBulkheadFull(CarrierId carrier, Operation operation) {
    delegate.onBulkheadFull(carrier, operation);
  }
}
