package dev.shipbridge.resilience;

import java.time.Duration;

/**
 * How Shipbridge waits: between retry attempts and for a rate-limit permit. The default sleeps the
 * calling thread; tests inject one that moves a fake clock instead, so no test waits for real time.
 *
 * <pre>{@code
 * Shipbridge.builder().clock(clock).sleeper(d -> clock.advance(d));
 * }</pre>
 */
@FunctionalInterface
public interface Sleeper {
  /** Waits {@code duration} (zero or negative: returns at once). */
  void sleep(Duration duration) throws InterruptedException;

  /** Sleeps the calling thread with {@link Thread#sleep(long, int)}. */
  static Sleeper system() {
    return SystemSleeper.INSTANCE;
  }
}

enum SystemSleeper implements Sleeper {
  INSTANCE;

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    if (duration.isZero() || duration.isNegative()) return;
    long nanos = duration.toNanos();
    Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
  }
}
