package dev.shipbridge.redis.internal;

import dev.shipbridge.redis.WhenUnreachable;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Redis connection of a {@code ShipbridgeRedis}, opened on first use, and whether Redis is
 * reachable. Logs one WARN per transition (reachable → unreachable → reachable), never per call;
 * while Redis is unreachable, {@link #shouldTry()} lets one call in per recheck interval.
 */
public final class RedisLink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger("dev.shipbridge.redis");
  /** How long a full (idle) bucket stays in Redis; recreating it full loses nothing. */
  static final Duration KEEP_FULL_BUCKETS = Duration.ofMinutes(1);
  /** The shortest connect timeout: a command timeout shorter than this is too short to connect. */
  private static final Duration ONE_SECOND = Duration.ofSeconds(1);

  private final RedisURI uri;
  private final Duration commandTimeout;
  private final Duration recheckAfter;
  private final WhenUnreachable whenUnreachable;
  private final int fleetSize;
  private final ClientResources resources;
  private final RedisClient client;
  private final AtomicBoolean up = new AtomicBoolean(true);
  private volatile long nextTryNanos;
  private volatile StatefulRedisConnection<byte[], byte[]> connection;
  private final Map<Clock, ProxyManager<byte[]>> buckets = new ConcurrentHashMap<>();
  private volatile boolean closed;
  /** Guards connecting and closing (network I/O): a lock, so a virtual thread is not pinned. */
  private final ReentrantLock connectionLock = new ReentrantLock();

  public RedisLink(RedisURI uri, Duration commandTimeout, Duration reconnectDelay, Duration recheckAfter,
      WhenUnreachable whenUnreachable, int fleetSize) {
    this.uri = uri;
    this.commandTimeout = commandTimeout;
    this.recheckAfter = recheckAfter;
    this.whenUnreachable = whenUnreachable;
    this.fleetSize = fleetSize;
    Duration firstDelay = Duration.ofMillis(Math.min(50, reconnectDelay.toMillis()));
    this.resources = DefaultClientResources.builder()
        .reconnectDelay(Delay.exponential(firstDelay, reconnectDelay, 2, TimeUnit.MILLISECONDS))
        .build();
    this.client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        // Fail at once while disconnected instead of queueing until the command timeout.
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
        .socketOptions(SocketOptions.builder().connectTimeout(
            commandTimeout.compareTo(ONE_SECOND) >= 0 ? commandTimeout : ONE_SECOND).build())
        .build());
  }

  /** {@code host:port} of the Redis, never its password. */
  public String where() {
    return uri.getHost() + ":" + uri.getPort();
  }

  public boolean up() {
    return up.get();
  }

  /** Whether to try Redis now: always while it is reachable, once per recheck interval while it is not. */
  public boolean shouldTry() {
    return up.get() || System.nanoTime() - nextTryNanos >= 0;
  }

  /** Synchronous commands on the shared connection; connects first if needed (throws when it cannot). */
  public RedisCommands<byte[], byte[]> commands() {
    return connection().sync();
  }

  /** Bucket4j's proxies on the shared connection, reading bucket time from {@code clock}. */
  public ProxyManager<byte[]> buckets(Clock clock) {
    StatefulRedisConnection<byte[], byte[]> c = connection();
    return buckets.computeIfAbsent(clock, k -> Bucket4jLettuce.casBasedBuilder(c)
        .clientClock(timeMeter(k))
        .requestTimeout(commandTimeout)
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL_BUCKETS))
        .build());
  }

  /** A command reached Redis. */
  public void succeeded() {
    if (!up.get() && up.compareAndSet(false, true)) {
      log.warn("Redis at {} is reachable again: shared rate limits and tokens are back in use", where());
    }
  }

  /** A command could not reach Redis (or the connection could not be opened). */
  public void failed(RuntimeException e) {
    nextTryNanos = System.nanoTime() + recheckAfter.toNanos();
    if (up.get() && up.compareAndSet(true, false)) {
      log.warn("Redis at {} is unreachable ({}): {}; tokens are cached in this JVM until it is back; trying again every {} ms",
          where(), describe(e), whenUnreachable == WhenUnreachable.FAIL_OPEN
              ? "failing open, this instance allows 1/" + fleetSize + " of each quota on its own (fleetSize " + fleetSize + ")"
              : "failing closed, rate-limited calls are refused without being sent", recheckAfter.toMillis());
    }
  }

  public Duration recheckAfter() {
    return recheckAfter;
  }

  private StatefulRedisConnection<byte[], byte[]> connection() {
    StatefulRedisConnection<byte[], byte[]> c = connection;
    if (c != null) return c;
    connectionLock.lock();
    try {
      if (closed) throw new IllegalStateException("ShipbridgeRedis is closed");
      if (connection == null) connection = client.connect(ByteArrayCodec.INSTANCE);
      return connection;
    } finally {
      connectionLock.unlock();
    }
  }

  /** The exception's type and message (Lettuce's messages name host and port, never the password). */
  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String m = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
    return root == e ? m : m + "; cause: " + root.getClass().getSimpleName();
  }

  @Override
  public void close() {
    connectionLock.lock();
    try {
      closed = true;
      if (connection != null) connection.close();
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      resources.shutdown(0, 2, TimeUnit.SECONDS);
    } finally {
      connectionLock.unlock();
    }
  }

  /** Bucket4j time from a {@link Clock}: nanoseconds since the epoch. */
  private static TimeMeter timeMeter(Clock clock) {
    return new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return epochNanos(clock.instant());
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    };
  }

  static long epochNanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
