package dev.shipbridge.internal;

import dev.shipbridge.resilience.CarrierRateLimiter;
import dev.shipbridge.resilience.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The default {@link CarrierRateLimiter}: permits spaced evenly, one every {@link
 * RateLimit#interval()}, so unlike a fixed-window limiter no window of one period ever holds more
 * than the limit. A permit's time is fixed when reserved; a slot nobody reserved is not made up
 * later. Lock-free, no threads.
 */
public final class SpacingRateLimiter implements CarrierRateLimiter {
  private final RateLimit limit;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final AtomicLong nextFree = new AtomicLong(Long.MIN_VALUE);

  public SpacingRateLimiter(RateLimit limit, LongSupplier nanoTime) {
    this.limit = limit;
    this.intervalNanos = Math.max(1, limit.interval().toNanos());
    this.nanoTime = nanoTime;
  }

  /** A limiter reading time from {@code clock}, in nanoseconds since the epoch. */
  public SpacingRateLimiter(RateLimit limit, Clock clock) {
    this(limit, () -> epochNanos(clock.instant()));
  }

  @Override
  public RateLimit limit() {
    return limit;
  }

  /** Refused, nothing is reserved and the delay says when the next permit would be free. */
  @Override
  public Permit reserve(Duration timeout) {
    long timeoutNanos = timeout.toNanos();
    while (true) {
      long now = nanoTime.getAsLong();
      long next = nextFree.get();
      long slot = Math.max(now, next);
      long wait = slot - now;
      if (wait > timeoutNanos) return Permit.refused(Duration.ofNanos(wait));
      if (nextFree.compareAndSet(next, slot + intervalNanos)) return Permit.after(Duration.ofNanos(wait));
    }
  }

  /** Only for a limiter built with a {@link Clock}: its time is nanoseconds since the epoch. */
  @Override
  public void holdUntil(Instant until) {
    holdUntil(epochNanos(until));
  }

  static long epochNanos(Instant i) {
    // saturates instead of overflowing (year 2262 and beyond)
    if (i.getEpochSecond() >= Long.MAX_VALUE / 1_000_000_000L - 1) return Long.MAX_VALUE;
    if (i.getEpochSecond() <= Long.MIN_VALUE / 1_000_000_000L + 1) return Long.MIN_VALUE;
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  /** Grants no permit before {@code nanos} (the carrier said 429 with a {@code Retry-After}). */
  public void holdUntil(long nanos) {
    nextFree.accumulateAndGet(nanos, Math::max);
  }
}
