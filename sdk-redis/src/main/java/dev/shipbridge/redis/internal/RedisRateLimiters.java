package dev.shipbridge.redis.internal;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.redis.ShipbridgeRedis;
import dev.shipbridge.redis.WhenUnreachable;
import dev.shipbridge.resilience.CarrierRateLimiter;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.RateLimiterProvider;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/** The {@link RateLimiterProvider} of a {@code ShipbridgeRedis}: one Redis bucket per carrier credential and operation. */
public final class RedisRateLimiters implements RateLimiterProvider {
  private final RedisLink link;
  private final String keyPrefix;
  private final Map<CarrierId, String> credentials;
  private final WhenUnreachable whenUnreachable;
  private final int fleetSize;

  public RedisRateLimiters(RedisLink link, String keyPrefix, Map<CarrierId, String> credentials,
      WhenUnreachable whenUnreachable, int fleetSize) {
    this.link = link;
    this.keyPrefix = keyPrefix;
    this.credentials = credentials;
    this.whenUnreachable = whenUnreachable;
    this.fleetSize = fleetSize;
  }

  @Override
  public CarrierRateLimiter limiter(CarrierId carrier, Operation operation, RateLimit limit, Clock clock) {
    CarrierRateLimiter fallback = whenUnreachable == WhenUnreachable.FAIL_OPEN
        ? RateLimiterProvider.inJvm().limiter(carrier, operation, localShare(limit, fleetSize), clock) : null;
    return new RedisRateLimiter(link, key(carrier, operation, limit), limit, clock, fallback, fleetSize);
  }

  /** The Redis key of one quota: {@code <prefix>quota:<carrier>:<credential>:<operation>:<calls>/<period>}. */
  public String key(CarrierId carrier, Operation operation, RateLimit limit) {
    String credential = credentials.getOrDefault(carrier, ShipbridgeRedis.Builder.DEFAULT_CREDENTIAL);
    return keyPrefix + "quota:" + carrier.value() + ":" + credential + ":" + operation.name().toLowerCase(Locale.ROOT)
        + ":" + limit.calls() + "/" + limit.period();
  }

  /** One instance's share of {@code limit} while Redis is away: {@code L / N} per period, at least 1, same guard. */
  static RateLimit localShare(RateLimit limit, int fleetSize) {
    return new RateLimit(Math.max(1, limit.calls() / fleetSize), limit.period(), limit.guard());
  }

  @Override
  public String toString() {
    return "RedisRateLimiters[" + link.where() + ", " + whenUnreachable + "]";
  }
}
