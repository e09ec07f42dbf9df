package dev.shipbridge.redis;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.redis.internal.RedisLink;
import dev.shipbridge.redis.internal.RedisRateLimiter;
import dev.shipbridge.redis.internal.RedisReplayStore;
import dev.shipbridge.redis.internal.RedisTokenStore;
import dev.shipbridge.resilience.RateLimiterProvider;
import dev.shipbridge.spi.ReplayStore;
import dev.shipbridge.spi.TokenStore;
import io.lettuce.core.RedisURI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One carrier quota and one token cache shared by a fleet of JVMs, on Redis.
 *
 * <p>Carriers count quotas per credential (USPS: 60 calls an hour per API), not per instance. With
 * Shipbridge's default in-JVM limiters, ten instances spend ten times the quota and fetch ten
 * tokens per expiry. Give every instance the same {@code ShipbridgeRedis} settings and they share
 * one rate limiter per carrier credential and operation, and one cached token per credential:
 *
 * <pre>{@code
 * ShipbridgeRedis redis = ShipbridgeRedis.builder("redis://quota-redis:6379")
 *     .credential(CarrierId.USPS, "acme-prod")          // one quota per carrier account
 *     .whenUnreachable(WhenUnreachable.FAIL_OPEN).fleetSize(4)
 *     .build();
 * Shipbridge shipbridge = Shipbridge.builder()
 *     .carrier(usps)
 *     .rateLimiterProvider(redis.rateLimiters())
 *     .tokenStore(redis.tokenStore())
 *     .build();
 * ...
 * shipbridge.close();
 * redis.close();
 * }</pre>
 *
 * <h2>Rate limits</h2>
 *
 * Each quota of {@code L} calls per period is a Bucket4j bucket in Redis of capacity 1, refilled
 * with 1 token every {@code RateLimit.interval()} ({@code (period + guard) / L}): the in-JVM
 * limiter's even spacing, so no window of one period holds more than {@code L} permits across the
 * fleet (a larger capacity would let a burst follow a full period). Callers wait for their permit
 * up to the policy's {@code rateLimitTimeout}; a carrier's 429 with {@code Retry-After} holds the
 * whole fleet. Bucket time comes from each instance's clock: keep the clocks in sync (NTP); skew
 * counts against the guard (default 25 ms, {@code RateLimit.withGuard}). Keys: {@code
 * <prefix>quota:<carrier>:<credential>:<operation>:<calls>/<period>}, expiring once full for a
 * minute; give every instance the same quota (another quota is another bucket).
 *
 * <h2>Tokens</h2>
 *
 * {@link #tokenStore()} keeps tokens under {@code <prefix>token:<sha-256 of the adapter's key>},
 * with a time to live of the token's remaining lifetime. {@code getOrFetch} holds a short lock
 * ({@code SET NX PX}) around the fetch, so a fleet fetches one token per expiry, even on a cold
 * start. Values are never logged. Tokens are stored as they are: protect the Redis (ACL, TLS with
 * {@code rediss://}, a private network).
 *
 * <h2>When Redis is unreachable</h2>
 *
 * See {@link WhenUnreachable}. Shipbridge logs one WARN when Redis becomes unreachable and one when
 * it is back, not one per call; while it is away, it tries Redis again at most once per {@link
 * Builder#recheckAfter(Duration) recheck interval}, and Lettuce reconnects in the background.
 *
 * <p>Thread-safe; one per application, closed after the {@code Shipbridge} instances that use it.
 */
public final class ShipbridgeRedis implements AutoCloseable {
  private final RedisLink link;
  private final RateLimiterProvider limiters;
  private final RedisTokenStore tokens;
  private final RedisReplayStore replays;
  private final String description;

  private ShipbridgeRedis(Builder b) {
    this.link = new RedisLink(b.uri, b.commandTimeout, b.reconnectDelay, b.recheckAfter, b.whenUnreachable, b.fleetSize);
    this.limiters = RedisRateLimiter.provider(link, b.keyPrefix, Map.copyOf(b.credentials), b.whenUnreachable, b.fleetSize);
    this.tokens = new RedisTokenStore(link, b.keyPrefix, b.clock, b.tokenLockTimeout);
    this.replays = new RedisReplayStore(link, b.keyPrefix);
    this.description = "ShipbridgeRedis[" + link.where() + ", prefix=" + b.keyPrefix + ", " + b.whenUnreachable
        + (b.whenUnreachable == WhenUnreachable.FAIL_OPEN ? ", fleetSize=" + b.fleetSize : "") + "]";
  }

  /**
   * Starts configuring a connection to {@code redisUri} ({@code redis://host:port}, {@code
   * rediss://...} for TLS, with {@code user:password@} or {@code /database} as Lettuce reads them).
   */
  public static Builder builder(String redisUri) {
    return new Builder(redisUri);
  }

  /** The shared rate limiters, for {@code ShipbridgeBuilder.rateLimiterProvider}. */
  public RateLimiterProvider rateLimiters() {
    return limiters;
  }

  /** The shared token cache, for {@code ShipbridgeBuilder.tokenStore}. */
  public TokenStore tokenStore() {
    return tokens;
  }

  /**
   * The shared memory of accepted pushes, for {@code ShipbridgeBuilder.replayStore} (and {@code
   * CainiaoPush.withReplayStore}): a push accepted by one receiver is a duplicate at every other.
   * While Redis is unreachable, pushes are refused ({@code REPLAY_MEMORY_FULL}), never accepted
   * unchecked.
   *
   * <pre>{@code
   * Shipbridge sb = Shipbridge.builder().replayStore(redis.replayStore()).build();
   * }</pre>
   */
  public ReplayStore replayStore() {
    return replays;
  }

  /** Whether the last command reached Redis. */
  public boolean reachable() {
    return link.up();
  }

  /** Closes the Redis connection and Lettuce's threads. */
  @Override
  public void close() {
    link.close();
  }

  /** Host, port, prefix and outage policy; never the password. */
  @Override
  public String toString() {
    return description;
  }

  /** Configures a {@link ShipbridgeRedis}. Every setter checks its argument at once. */
  public static final class Builder {
    public static final String DEFAULT_KEY_PREFIX = "shipbridge:";
    public static final String DEFAULT_CREDENTIAL = "default";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._:{}-]{0,64}");

    private final RedisURI uri;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private final Map<CarrierId, String> credentials = new HashMap<>();
    private WhenUnreachable whenUnreachable = WhenUnreachable.FAIL_CLOSED;
    private int fleetSize = 1;
    private Duration commandTimeout = Duration.ofMillis(500);
    private Duration recheckAfter = Duration.ofSeconds(1);
    private Duration reconnectDelay = Duration.ofSeconds(5);
    private Duration tokenLockTimeout = Duration.ofSeconds(10);
    private Clock clock = Clock.systemUTC();

    private Builder(String redisUri) {
      Objects.requireNonNull(redisUri, "redisUri");
      try {
        this.uri = RedisURI.create(redisUri);
      } catch (IllegalArgumentException e) {
        // Lettuce's message may echo the URI, password included: say only what is wrong.
        throw new IllegalArgumentException("not a Redis URI (expected redis://host:port or rediss://host:port)");
      }
    }

    /** The start of every key (default {@code "shipbridge:"}); one per environment sharing a Redis. */
    public Builder keyPrefix(String keyPrefix) {
      Objects.requireNonNull(keyPrefix, "keyPrefix");
      if (!PREFIX.matcher(keyPrefix).matches()) {
        throw new IllegalArgumentException("keyPrefix must be at most 64 of A-Z a-z 0-9 . _ : { } -");
      }
      this.keyPrefix = keyPrefix;
      return this;
    }

    /**
     * Names the credential (carrier account) whose quota {@code carrier}'s calls spend (default
     * {@code "default"}). Instances with the same name share one quota; use one name per account,
     * a label such as {@code "acme-prod"}, never the secret.
     */
    public Builder credential(CarrierId carrier, String name) {
      Objects.requireNonNull(carrier, "carrier");
      Objects.requireNonNull(name, "name");
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("credential name must be 1 to 64 of A-Z a-z 0-9 . _ @ -");
      }
      credentials.put(carrier, name);
      return this;
    }

    /** What the rate limiters do while Redis is unreachable (default {@link WhenUnreachable#FAIL_CLOSED}). */
    public Builder whenUnreachable(WhenUnreachable whenUnreachable) {
      this.whenUnreachable = Objects.requireNonNull(whenUnreachable, "whenUnreachable");
      return this;
    }

    /**
     * How many instances share the quotas (default 1); under {@link WhenUnreachable#FAIL_OPEN}
     * each instance allows {@code L / fleetSize} calls per period while Redis is away, and after an
     * outage the fleet goes back to the shared bucket once {@code fleetSize} instances are back.
     */
    public Builder fleetSize(int fleetSize) {
      if (fleetSize < 1) throw new IllegalArgumentException("fleetSize must be at least 1");
      this.fleetSize = fleetSize;
      return this;
    }

    /** How long one Redis command may take before Redis counts as unreachable (default 500 ms). */
    public Builder commandTimeout(Duration timeout) {
      this.commandTimeout = positive(timeout, "commandTimeout");
      return this;
    }

    /** While Redis is unreachable, how often a call tries it again (default 1 s); the others skip it. */
    public Builder recheckAfter(Duration interval) {
      this.recheckAfter = positive(interval, "recheckAfter");
      return this;
    }

    /** The longest pause between Lettuce's reconnection attempts (default 5 s; it backs off up to this). */
    public Builder reconnectDelay(Duration max) {
      this.reconnectDelay = positive(max, "reconnectDelay");
      return this;
    }

    /**
     * How long the instance fetching a token holds the fleet's lock (default 10 s); the others wait
     * for its token up to this long, then fetch their own.
     */
    public Builder tokenLockTimeout(Duration timeout) {
      this.tokenLockTimeout = positive(timeout, "tokenLockTimeout");
      return this;
    }

    /** The clock tokens expire by (default UTC system clock); give it the {@code Shipbridge}'s in tests. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Builds it; connects on first use, so an unreachable Redis does not fail start-up. */
    public ShipbridgeRedis build() {
      return new ShipbridgeRedis(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) throw new IllegalArgumentException(name + " must be positive");
      return d;
    }
  }
}
