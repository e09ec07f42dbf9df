package dev.shipbridge.redis.internal;

import dev.shipbridge.resilience.CarrierRateLimiter;
import dev.shipbridge.resilience.RateLimit;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One quota in Redis: a Bucket4j bucket of capacity 1 refilled greedily with 1 token every {@link
 * RateLimit#interval()} ({@code (period + guard) / L}), so permits are evenly spaced across the
 * fleet and no window of one period holds more than {@code L}, even with requests reaching the
 * carrier up to the guard unevenly late. Reservations go into the bucket's debt (negative tokens), so a caller that
 * may wait reserves its future slot atomically, as the in-JVM limiter does. When Redis cannot be
 * reached: the local fallback (fail open) or a refusal (fail closed).
 */
final class RedisRateLimiter implements CarrierRateLimiter {
  private final RedisLink link;
  private final byte[] key;
  private final String keyText;
  private final RateLimit limit;
  private final Clock clock;
  private final CarrierRateLimiter fallback;
  private final BucketConfiguration configuration;
  private final long intervalNanos;
  private volatile BucketProxy bucket;

  RedisRateLimiter(RedisLink link, String key, RateLimit limit, Clock clock, CarrierRateLimiter fallback) {
    this.link = link;
    this.keyText = key;
    this.key = RedisRateLimiters.bytes(key);
    this.limit = limit;
    this.clock = clock;
    this.fallback = fallback;
    this.intervalNanos = Math.max(1, limit.interval().toNanos());
    this.configuration = BucketConfiguration.builder()
        .addLimit(l -> l.capacity(1).refillGreedy(1, Duration.ofNanos(intervalNanos)).initialTokens(1))
        .build();
  }

  @Override
  public RateLimit limit() {
    return limit;
  }

  @Override
  public Permit reserve(Duration timeout) {
    if (!link.shouldTry()) return unreachable(timeout);
    Permit permit;
    try {
      permit = reserveInRedis(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reserving a rate-limit permit", e);
    } catch (RuntimeException e) {
      link.failed(e);
      return unreachable(timeout);
    }
    link.succeeded();
    return permit;
  }

  private Permit reserveInRedis(Duration timeout) throws InterruptedException {
    BucketProxy b = bucket();
    if (timeout.isZero()) {
      ConsumptionProbe p = b.tryConsumeAndReturnRemaining(1);
      return p.isConsumed() ? Permit.after(Duration.ZERO) : Permit.refused(Duration.ofNanos(p.getNanosToWaitForRefill()));
    }
    // Bucket4j reserves the slot in Redis and hands the wait to the blocking strategy: take it
    // from there instead of parking, and let the core wait with its own Sleeper.
    long[] wait = {0};
    if (b.asBlocking().tryConsume(1, timeout.toNanos(), nanos -> wait[0] = nanos)) {
      return Permit.after(Duration.ofNanos(wait[0]));
    }
    return Permit.refused(Duration.ofNanos(b.estimateAbilityToConsume(1).getNanosToWaitForRefill()));
  }

  /**
   * Holds the whole fleet: puts the shared bucket into enough debt that its next token comes no
   * sooner than {@code until} (rounded up to a whole interval).
   */
  @Override
  public void holdUntil(Instant until) {
    if (fallback != null) fallback.holdUntil(until);
    if (!link.shouldTry()) return;
    try {
      BucketProxy b = bucket();
      long needed = Duration.between(clock.instant(), until).toNanos();
      long already = b.estimateAbilityToConsume(1).getNanosToWaitForRefill();
      if (needed > already) {
        long debt = (needed - already + intervalNanos - 1) / intervalNanos;
        b.consumeIgnoringRateLimits(debt);
      }
      link.succeeded();
    } catch (RuntimeException e) {
      link.failed(e);
    }
  }

  private Permit unreachable(Duration timeout) {
    if (fallback != null) return fallback.reserve(timeout);
    return Permit.refused(link.recheckAfter(),
        "the shared rate limiter (Redis at " + link.where() + ") is unreachable; failing closed");
  }

  private BucketProxy bucket() {
    BucketProxy b = bucket;
    if (b == null) {
      b = link.buckets(clock).builder().build(key, () -> configuration);
      bucket = b;
    }
    return b;
  }

  @Override
  public String toString() {
    return "RedisRateLimiter[" + keyText + ", " + limit + "]";
  }
}
