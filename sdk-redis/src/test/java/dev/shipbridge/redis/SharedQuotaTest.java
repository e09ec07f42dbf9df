package dev.shipbridge.redis;

import static dev.shipbridge.testkit.QuotaWindows.maxInAnyWindow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.RateLimitedException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.resilience.CarrierRateLimiter;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.RateLimiterProvider;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.resilience.Sleeper;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.VirtualTimeSleeper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three {@code Shipbridge} instances, each with its own in-JVM state and its own Redis connection
 * (as three JVMs would have), share one quota through Redis. Time is virtual: the server stamps
 * arrivals with the test's clock, and the windows are counted exactly.
 */
class SharedQuotaTest {
  private static final RateLimit LIMIT = RateLimit.of(5, Duration.ofSeconds(10)); // one every 2 s
  private static final int INSTANCES = 3;
  private static final int THREADS_PER_INSTANCE = 4;
  private static final int CALLS_PER_THREAD = 3;

  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-02T10:00:00Z"));
  private final ArrivalServer server = new ArrivalServer(clock);
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) toClose.get(i).close();
    server.close();
  }

  private ShipbridgeRedis redis(String url, String prefix, Function<ShipbridgeRedis.Builder, ShipbridgeRedis.Builder> extra) {
    ShipbridgeRedis r = extra.apply(ShipbridgeRedis.builder(url).keyPrefix(prefix).clock(clock)).build();
    toClose.add(r);
    return r;
  }

  private Shipbridge instance(int k, RateLimiterProvider limiters, Sleeper sleeper, Duration permitTimeout, int maxAttempts) {
    Shipbridge sb = Shipbridge.builder().discoverCarriers(false)
        .carrier(FleetCarrier.plain(server.baseUrl(), "i" + k))
        .resilience(ResiliencePolicy.custom().operation(Operation.TRACK, s -> s.maxAttempts(maxAttempts)
            .rateLimit(LIMIT).rateLimitTimeout(permitTimeout)).build())
        .rateLimiterProvider(limiters)
        .clock(clock).sleeper(sleeper).build();
    toClose.add(sb);
    return sb;
  }

  /** Runs THREADS_PER_INSTANCE threads per instance, each making CALLS_PER_THREAD calls; returns the successes. */
  static int hammer(List<Shipbridge> instances, VirtualTimeSleeper sleeper, int threadsPerInstance, int callsPerThread,
      List<Throwable> unexpected) throws InterruptedException {
    AtomicInteger succeeded = new AtomicInteger();
    List<Runnable> bodies = new ArrayList<>();
    for (Shipbridge sb : instances) {
      for (int t = 0; t < threadsPerInstance; t++) {
        bodies.add(() -> {
          try {
            for (int c = 0; c < callsPerThread; c++) {
              sb.track("FL0001");
              succeeded.incrementAndGet();
            }
          } catch (Throwable e) {
            unexpected.add(e);
          }
        });
      }
    }
    sleeper.runAll(bodies, Duration.ofSeconds(30));
    return succeeded.get();
  }

  @Test
  void threeInstancesSharingRedisNeverSendMoreThanTheLimitInAnyWindow() throws Exception {
    String url = RedisTestSupport.url();
    String prefix = RedisTestSupport.freshPrefix();
    VirtualTimeSleeper sleeper = VirtualTimeSleeper.on(clock);
    List<Shipbridge> fleet = new ArrayList<>();
    for (int k = 0; k < INSTANCES; k++) {
      fleet.add(instance(k, redis(url, prefix, b -> b).rateLimiters(), sleeper::sleep, Duration.ofMinutes(10), 1));
    }
    List<Throwable> unexpected = new CopyOnWriteArrayList<>();

    int succeeded = hammer(fleet, sleeper, THREADS_PER_INSTANCE, CALLS_PER_THREAD, unexpected);

    int total = INSTANCES * THREADS_PER_INSTANCE * CALLS_PER_THREAD;
    assertThat(unexpected).isEmpty();
    assertThat(succeeded).isEqualTo(total);
    assertThat(server.arrivals()).hasSize(total);
    assertThat(maxInAnyWindow(server.times(), LIMIT.period())).isLessThanOrEqualTo(LIMIT.calls());
    // ... and the fleet still gets the whole quota: one call every period / L, back to back.
    List<Instant> times = new ArrayList<>(server.times());
    times.sort(null);
    assertThat(Duration.between(times.get(0), times.get(total - 1))).isEqualTo(LIMIT.interval().multipliedBy(total - 1));
    for (int k = 0; k < INSTANCES; k++) assertThat(server.timesFrom("i" + k)).isNotEmpty();
  }

  @Test
  void withoutRedisThreeInstancesSpendThreeTimesTheQuota() throws Exception {
    VirtualTimeSleeper sleeper = VirtualTimeSleeper.on(clock);
    List<Shipbridge> fleet = new ArrayList<>();
    for (int k = 0; k < INSTANCES; k++) fleet.add(instance(k, RateLimiterProvider.inJvm(), sleeper::sleep, Duration.ofMinutes(10), 1));

    hammer(fleet, sleeper, THREADS_PER_INSTANCE, CALLS_PER_THREAD, new CopyOnWriteArrayList<>());

    assertThat(maxInAnyWindow(server.times(), LIMIT.period())).isEqualTo(INSTANCES * LIMIT.calls());
  }

  @Test
  void aCarrier429WithRetryAfterHoldsTheWholeFleet() {
    String url = RedisTestSupport.url();
    String prefix = RedisTestSupport.freshPrefix();
    server.answer429Once(30);
    Sleeper noSleep = d -> clock.advance(d);
    Shipbridge first = instance(0, redis(url, prefix, b -> b).rateLimiters(), noSleep, Duration.ZERO, 1);
    Shipbridge second = instance(1, redis(url, prefix, b -> b).rateLimiters(), noSleep, Duration.ZERO, 1);

    assertThatThrownBy(() -> first.track("FL0001")).isInstanceOf(RateLimitedException.class);
    assertThatThrownBy(() -> second.track("FL0001")).isInstanceOfSatisfying(RateLimitedException.class,
        e -> assertThat(e.retryAfter().orElseThrow()).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(32)));
    assertThat(server.arrivals()).hasSize(1);

    clock.advance(Duration.ofSeconds(32));
    second.track("FL0001");
    assertThat(server.arrivals()).hasSize(2);
  }

  @Test
  void anAbsurdRetryAfterHoldsTheFleetNoLongerThanMaxRetryAfterAndNewInstancesDoNotInheritMore() {
    for (String absurd : List.of(String.valueOf(Duration.ofDays(3650).getSeconds()), "10000000000",
        String.valueOf(Long.MAX_VALUE))) {
      String url = RedisTestSupport.url();
      String prefix = RedisTestSupport.freshPrefix();
      server.answer429Once(absurd);
      Sleeper noSleep = d -> clock.advance(d);
      ShipbridgeRedis failClosed = redis(url, prefix, b -> b);
      Shipbridge first = instance(0, failClosed.rateLimiters(), noSleep, Duration.ZERO, 1);
      int before = server.arrivals().size();
      assertThatThrownBy(() -> first.track("FL0001")).as(absurd).isInstanceOf(RateLimitedException.class);
      assertThat(failClosed.reachable()).as("Redis is not marked unreachable by the hold").isTrue();
      clock.advance(Duration.ofSeconds(61)); // the default maxRetryAfter is 60 s
      Shipbridge restarted = instance(1, redis(url, prefix, b -> b).rateLimiters(), noSleep, Duration.ZERO, 1);
      restarted.track("FL0001");
      assertThat(server.arrivals()).as(absurd).hasSize(before + 2);
    }
  }

  @Test
  void eachCredentialHasItsOwnQuotaAndEveryInstanceOfOneCredentialSharesIt() {
    String url = RedisTestSupport.url();
    String prefix = RedisTestSupport.freshPrefix();
    CarrierRateLimiter a1 = redis(url, prefix, b -> b.credential(FleetCarrier.ID, "acct-a")).rateLimiters()
        .limiter(FleetCarrier.ID, Operation.TRACK, LIMIT, clock);
    CarrierRateLimiter a2 = redis(url, prefix, b -> b.credential(FleetCarrier.ID, "acct-a")).rateLimiters()
        .limiter(FleetCarrier.ID, Operation.TRACK, LIMIT, clock);
    CarrierRateLimiter b1 = redis(url, prefix, b -> b.credential(FleetCarrier.ID, "acct-b")).rateLimiters()
        .limiter(FleetCarrier.ID, Operation.TRACK, LIMIT, clock);
    CarrierRateLimiter otherOperation = redis(url, prefix, b -> b.credential(FleetCarrier.ID, "acct-a")).rateLimiters()
        .limiter(FleetCarrier.ID, Operation.QUOTE, LIMIT, clock);

    assertThat(a1.reserve(Duration.ZERO).granted()).isTrue();
    CarrierRateLimiter.Permit tooFar = a2.reserve(Duration.ofSeconds(1)); // the next permit is 2 s away
    assertThat(tooFar.granted()).isFalse();
    assertThat(tooFar.delay()).isEqualTo(LIMIT.interval());
    CarrierRateLimiter.Permit refused = a2.reserve(Duration.ZERO); // a refusal reserved nothing
    assertThat(refused.granted()).isFalse();
    assertThat(refused.delay()).isEqualTo(LIMIT.interval());
    assertThat(b1.reserve(Duration.ZERO).granted()).isTrue();
    assertThat(otherOperation.reserve(Duration.ZERO).granted()).isTrue();
    CarrierRateLimiter.Permit queued = a2.reserve(Duration.ofSeconds(5));
    assertThat(queued.granted()).isTrue();
    assertThat(queued.delay()).isEqualTo(LIMIT.interval());
  }

  @Test
  void aQuotaIsOneExpiringKeyNamedByCarrierCredentialOperationAndLimit() {
    String url = RedisTestSupport.url();
    String prefix = RedisTestSupport.freshPrefix();
    redis(url, prefix, b -> b.credential(FleetCarrier.ID, "acct-a")).rateLimiters()
        .limiter(FleetCarrier.ID, Operation.TRACK, LIMIT, clock).reserve(Duration.ZERO);

    RedisClient client = RedisClient.create(url);
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      String key = prefix + "quota:fleet:acct-a:track:5/PT10S";
      assertThat(c.sync().keys(prefix + "*")).containsExactly(key);
      // Bucket4j keeps a key for the time to refill (one interval: (10 s + 25 ms guard) / 5) plus
      // 60 s, counted on the injected clock; Redis counts the TTL down in real time, so only the
      // upper bound is exact.
      long keep = LIMIT.interval().plusSeconds(60).toMillis();
      assertThat(c.sync().pttl(key)).isGreaterThan(keep - 30_000).isLessThanOrEqualTo(keep);
    } finally {
      client.shutdown();
    }
  }
}
