package dev.shipbridge.redis.internal;

import static dev.shipbridge.redis.ShipbridgeRedis.Builder.DEFAULT_CREDENTIAL;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.redis.WhenUnreachable;
import dev.shipbridge.resilience.CarrierRateLimiter;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.RateLimiterProvider;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * One quota in Redis: a Bucket4j bucket of capacity 1 refilled greedily with 1 token every {@link
 * RateLimit#interval()} ({@code (period + guard) / L}), so permits are evenly spaced across the
 * fleet and no window of one period holds more than {@code L}, even with requests reaching the
 * carrier up to the guard unevenly late. Reservations go into the bucket's debt (negative tokens), so a caller that
 * may wait reserves its future slot atomically, as the in-JVM limiter does. When Redis cannot be
 * reached: the local fallback (fail open) or a refusal (fail closed).
 *
 * <p>The two never grant the same window: on losing Redis, the fallback starts empty for one
 * period (plus guard) after now or the latest permit this instance had from Redis, whichever is
 * later. On getting Redis back (perhaps restarted, its bucket forgotten): failing closed, this
 * instance first puts the shared bucket into debt until one period (plus guard) after the latest
 * of losing it and its last Redis permit; failing open, the return is fleet-wide ({@link
 * FleetRejoin}): local shares only until every instance is back, then the bucket held one period
 * past the fleet's last local permit. (An instance cut off from a Redis the rest of the fleet still
 * reaches adds its local share on top of the fleet's: fail open trades that for availability.)
 */
public final class RedisRateLimiter implements CarrierRateLimiter {
  private final RedisLink link;
  private final byte[] key;
  private final RateLimit limit;
  private final Clock clock;
  private final CarrierRateLimiter fallback;
  private final BucketConfiguration configuration;
  private final long intervalNanos;
  /** The fleet-wide return to Redis (fail open only); null under fail closed. */
  private final FleetRejoin fleet;
  private volatile BucketProxy bucket;
  /** True from the first refusal to reach Redis until this limiter's first Redis permit after it. */
  private volatile boolean away;
  /** Epoch nanos of the latest permit granted by Redis / by the fallback in this instance. */
  private long lastRedisSlot = Long.MIN_VALUE;
  private long lastLocalSlot = Long.MIN_VALUE;
  /** Epoch nanos when this limiter last found Redis unreachable. */
  private long leftAt = Long.MIN_VALUE;

  RedisRateLimiter(RedisLink link, String key, RateLimit limit, Clock clock, CarrierRateLimiter fallback, int fleetSize) {
    this.link = link;
    this.key = RedisLink.bytes(key);
    this.limit = limit;
    this.clock = clock;
    this.fallback = fallback;
    this.intervalNanos = Math.max(1, limit.interval().toNanos());
    this.configuration = BucketConfiguration.builder()
        .addLimit(l -> l.capacity(1).refillGreedy(1, Duration.ofNanos(intervalNanos)).initialTokens(1))
        .build();
    this.fleet = fallback == null ? null : new FleetRejoin(link, key, fleetSize, windowNanos());
  }

  /**
   * The limiters of a {@code ShipbridgeRedis}: one bucket per carrier credential and operation, key
   * {@code <prefix>quota:<carrier>:<credential>:<operation>:<calls>/<period>}.
   */
  public static RateLimiterProvider provider(RedisLink link, String keyPrefix, Map<CarrierId, String> credentials,
      WhenUnreachable whenUnreachable, int fleetSize) {
    return (carrier, operation, limit, clock) -> {
      String key = keyPrefix + "quota:" + carrier.value() + ":" + credentials.getOrDefault(carrier, DEFAULT_CREDENTIAL)
          + ":" + operation.name().toLowerCase(Locale.ROOT) + ":" + limit.calls() + "/" + limit.period();
      // fail open: this instance's share while Redis is away, L / N per period (at least 1), same guard
      RateLimit share = new RateLimit(Math.max(1, limit.calls() / fleetSize), limit.period(), limit.guard());
      CarrierRateLimiter fallback = whenUnreachable == WhenUnreachable.FAIL_OPEN
          ? RateLimiterProvider.inJvm().limiter(carrier, operation, share, clock) : null;
      return new RedisRateLimiter(link, key, limit, clock, fallback, fleetSize);
    };
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
      if (fleet != null && away) return rejoinFleet(timeout);
      if (!rejoin()) return unreachable(timeout);
      permit = reserveInRedis(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reserving a rate-limit permit", e);
    } catch (RuntimeException e) {
      link.failed(e);
      return unreachable(timeout);
    }
    link.succeeded();
    if (permit.granted()) noteSlot(true, permit.delay());
    return permit;
  }

  private synchronized void noteSlot(boolean redis, Duration delay) {
    long slot = nowNanos() + delay.toNanos();
    if (redis) lastRedisSlot = Math.max(lastRedisSlot, slot);
    else lastLocalSlot = Math.max(lastLocalSlot, slot);
  }

  /**
   * Fail open, Redis reachable again after an outage: a local permit, recorded in the fleet's rejoin
   * hash before it is used, until the whole fleet is back; then the shared bucket, held until one
   * window after the fleet's latest local permit (see {@link FleetRejoin}).
   */
  private Permit rejoinFleet(Duration timeout) throws InterruptedException {
    long[] state;
    try {
      state = fleet.record(latestPlusWindow(), nowNanos());
    } catch (RuntimeException e) {
      link.failed(e);
      return unreachable(timeout);
    }
    link.succeeded();
    if (state[0] == FleetRejoin.RECORDING) {
      Permit local = fallback.reserve(timeout);
      if (!local.granted()) return local;
      noteSlot(false, local.delay());
      try {
        state = fleet.record(latestPlusWindow(), nowNanos());
      } catch (RuntimeException e) {
        link.failed(e);
        return local; // still away: recorded with the next call that reaches Redis
      }
      if (state[0] == FleetRejoin.RECORDING) return local;
      if (state[0] == FleetRejoin.COMPLETED) {
        if (holdInRedis(state[1])) away = false;
        return local;
      }
      // the fleet was back before this permit was recorded: it may share a window with Redis ones, drop it
    }
    if (!holdInRedis(state[1])) return Permit.refused(link.recheckAfter());
    away = false;
    Permit permit = reserveInRedis(timeout);
    if (permit.granted()) noteSlot(true, permit.delay());
    return permit;
  }

  /** One window after this instance's latest permit (local or Redis) or its leaving, whichever is latest. */
  private synchronized long latestPlusWindow() {
    long latest = Math.max(leftAt, Math.max(lastRedisSlot, lastLocalSlot));
    return latest == Long.MIN_VALUE ? nowNanos() : latest + windowNanos();
  }

  /** Back on Redis after an outage: the shared bucket grants nothing within a period of this instance's local permits. */
  private boolean rejoin() {
    if (!away) return true;
    // a restarted Redis has forgotten the bucket: nothing from before the outage may share a window
    long until = latestPlusWindow();
    if (until > nowNanos() && !holdInRedis(until)) return false;
    away = false;
    return true;
  }

  /** Leaving Redis: the fallback grants nothing within a period of this instance's Redis permits. */
  private synchronized void leave() {
    if (away) return;
    away = true;
    leftAt = nowNanos();
    // never reached Redis (unreachable at start): nothing of ours to keep apart from
    if (lastRedisSlot == Long.MIN_VALUE) return;
    // held before any other thread of this instance can reach the fallback (in-JVM, no I/O)
    if (fallback != null) fallback.holdUntil(Instant.ofEpochSecond(0, Math.max(leftAt, lastRedisSlot) + windowNanos()));
  }

  private long windowNanos() {
    return limit.period().plus(limit.guard()).toNanos();
  }

  private long nowNanos() {
    return RedisLink.epochNanos(clock.instant());
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
    holdInRedis(RedisLink.epochNanos(until));
  }

  /** Puts the shared bucket into debt until {@code untilNanos} (epoch nanos); false when Redis failed. */
  private boolean holdInRedis(long untilNanos) {
    try {
      BucketProxy b = bucket();
      long needed = untilNanos - nowNanos();
      long already = b.estimateAbilityToConsume(1).getNanosToWaitForRefill();
      if (needed > already) {
        long debt = (needed - already + intervalNanos - 1) / intervalNanos;
        b.consumeIgnoringRateLimits(debt);
      }
      link.succeeded();
      return true;
    } catch (RuntimeException e) {
      link.failed(e);
      return false;
    }
  }

  private Permit unreachable(Duration timeout) {
    leave();
    if (fallback != null) {
      Permit p = fallback.reserve(timeout);
      if (p.granted()) noteSlot(false, p.delay());
      return p;
    }
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
    return "RedisRateLimiter[" + new String(key, StandardCharsets.UTF_8) + ", " + limit + "]";
  }
}
