package dev.shipbridge.redis;

import static dev.shipbridge.testkit.QuotaWindows.maxInAnyWindow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.RateLimitedException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.resilience.Sleeper;
import dev.shipbridge.spi.TokenStore.Token;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.VirtualTimeSleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away in the middle and comes back: the configured behaviour, one WARN per transition.
 * Each test runs its own redis-server (stopped and restarted here), so the shared one is never
 * disturbed.
 */
class OutageTest {
  private static final String DOWN = "is unreachable";
  private static final String BACK = "is reachable again";

  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-02T10:00:00Z"));
  private final ArrivalServer server = new ArrivalServer(clock);
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private RedisTestSupport.OwnRedis own;
  private LogCapture log;

  @BeforeEach
  void startOwnRedis() {
    own = RedisTestSupport.OwnRedis.start();
    log = new LogCapture();
  }

  @AfterEach
  void stopAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) toClose.get(i).close();
    server.close();
    if (log != null) log.close();
    if (own != null) own.close();
  }

  private ShipbridgeRedis redis(WhenUnreachable when, int fleetSize) {
    ShipbridgeRedis r = ShipbridgeRedis.builder(own.url()).keyPrefix("outage:").clock(clock)
        .whenUnreachable(when).fleetSize(fleetSize)
        .commandTimeout(Duration.ofMillis(300)).recheckAfter(Duration.ofMillis(50)).reconnectDelay(Duration.ofMillis(100))
        .build();
    toClose.add(r);
    return r;
  }

  private Shipbridge instance(int k, ShipbridgeRedis redis, RateLimit limit, Duration permitTimeout, Sleeper sleeper) {
    Shipbridge sb = Shipbridge.builder().discoverCarriers(false)
        .carrier(FleetCarrier.plain(server.baseUrl(), "i" + k))
        .resilience(ResiliencePolicy.custom().operation(Operation.TRACK, s -> s.maxAttempts(1)
            .rateLimit(limit).rateLimitTimeout(permitTimeout)).build())
        .rateLimiterProvider(redis.rateLimiters()).tokenStore(redis.tokenStore())
        .clock(clock).sleeper(sleeper).build();
    toClose.add(sb);
    return sb;
  }

  /** Touches Redis through the token store until every instance has seen it back (bounded). */
  private static void awaitReachable(List<ShipbridgeRedis> fleet) {
    for (int i = 0; i < 200 && !fleet.stream().allMatch(ShipbridgeRedis::reachable); i++) {
      for (ShipbridgeRedis r : fleet) r.tokenStore().get("probe");
      RedisTestSupport.sleepMillis(25);
    }
    assertThat(fleet).allMatch(ShipbridgeRedis::reachable);
  }

  @Test
  void failingClosedRefusesEveryCallWithoutSendingItUntilRedisIsBack() {
    ShipbridgeRedis redis = redis(WhenUnreachable.FAIL_CLOSED, 1);
    Shipbridge sb = instance(0, redis, RateLimit.of(5, Duration.ofSeconds(10)), Duration.ofSeconds(30), clock::advance);
    sb.track("FL0001");
    redis.tokenStore().put("usps:oauth", new Token("cached-before-the-outage", clock.instant().plusSeconds(3600)));
    assertThat(server.arrivals()).hasSize(1);

    own.stopServer();
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> sb.track("FL0001")).isInstanceOfSatisfying(RateLimitedException.class, e -> {
        assertThat(e.getMessage()).contains("unreachable; failing closed").contains("not sent");
        assertThat(e.retryAfter()).contains(Duration.ofMillis(50));
      });
      RedisTestSupport.sleepMillis(20);
    }
    assertThat(server.arrivals()).hasSize(1);
    assertThat(redis.tokenStore().get("usps:oauth")).get().extracting(Token::value).isEqualTo("cached-before-the-outage");
    assertThat(log.lines(DOWN)).hasSize(1).allMatch(l -> l.contains("WARN") && l.contains("failing closed"));

    own.startServer();
    awaitReachable(List.of(redis));
    clock.advance(Duration.ofSeconds(2));
    sb.track("FL0001");
    assertThat(server.arrivals()).hasSize(2);
    assertThat(log.lines(DOWN)).hasSize(1);
    assertThat(log.lines(BACK)).hasSize(1).allMatch(l -> l.contains("WARN"));
    assertThat(log.text()).doesNotContain("cached-before-the-outage");
  }

  @Test
  void failingOpenEachInstanceFallsBackToItsShareOfTheQuotaAndRejoinsRedisWhenItIsBack() throws Exception {
    RateLimit limit = RateLimit.of(6, Duration.ofSeconds(60)); // one every 10 s; 2 a minute each alone
    int instances = 3;
    VirtualTimeSleeper sleeper = VirtualTimeSleeper.on(clock);
    List<ShipbridgeRedis> redises = new ArrayList<>();
    List<Shipbridge> fleet = new ArrayList<>();
    for (int k = 0; k < instances; k++) {
      ShipbridgeRedis r = redis(WhenUnreachable.FAIL_OPEN, instances);
      redises.add(r);
      fleet.add(instance(k, r, limit, Duration.ofMinutes(30), sleeper::sleep));
    }
    List<Throwable> unexpected = new CopyOnWriteArrayList<>();

    // Redis up: one shared quota.
    assertThat(SharedQuotaTest.hammer(fleet, sleeper, 2, 2, unexpected)).isEqualTo(12);
    assertThat(maxInAnyWindow(server.times(), limit.period())).isLessThanOrEqualTo(6);

    // Redis down: every call still goes, each instance spacing its own 6 / 3 = 2 a minute.
    own.stopServer();
    server.clear();
    clock.advance(Duration.ofMinutes(5));
    assertThat(SharedQuotaTest.hammer(fleet, sleeper, 2, 3, unexpected)).isEqualTo(18);
    assertThat(unexpected).isEmpty();
    for (int k = 0; k < instances; k++) {
      assertThat(server.timesFrom("i" + k)).hasSize(6);
      assertThat(maxInAnyWindow(server.timesFrom("i" + k), limit.period())).isEqualTo(2);
    }
    assertThat(maxInAnyWindow(server.times(), limit.period())).isLessThanOrEqualTo(6);
    assertThat(log.lines(DOWN)).hasSize(instances).allMatch(l -> l.contains("WARN") && l.contains("failing open, this instance allows 1/3 of each quota"));

    // Redis back: each instance's next call records it back in Redis (still on its local share);
    // once all three are back, the shared bucket again, after one period past the last local permit.
    own.startServer();
    awaitReachable(redises);
    clock.advance(Duration.ofMinutes(5));
    server.clear();
    for (Shipbridge sb : fleet) sb.track("FL0001");
    assertThat(server.arrivals()).hasSize(instances);
    server.clear();
    clock.advance(Duration.ofMinutes(5));
    assertThat(SharedQuotaTest.hammer(fleet, sleeper, 2, 2, unexpected)).isEqualTo(12);
    assertThat(unexpected).isEmpty();
    List<Instant> times = new ArrayList<>(server.times());
    times.sort(null);
    assertThat(Duration.between(times.get(0), times.get(11))).isEqualTo(limit.interval().multipliedBy(11));
    assertThat(log.lines(DOWN)).hasSize(instances);
    assertThat(log.lines(BACK)).hasSize(instances);
  }

  @Test
  void failingOpenReturnedInstancesKeepTheirLocalShareUntilTheWholeFleetIsBack() {
    RateLimit limit = RateLimit.of(6, Duration.ofSeconds(60)); // shared: one every 10 s; local share: 2 a minute
    int instances = 3;
    List<ShipbridgeRedis> redises = new ArrayList<>();
    List<Shipbridge> fleet = new ArrayList<>();
    for (int k = 0; k < instances; k++) {
      ShipbridgeRedis r = redis(WhenUnreachable.FAIL_OPEN, instances);
      redises.add(r);
      fleet.add(instance(k, r, limit, Duration.ofMinutes(30), clock::advance));
    }
    for (Shipbridge sb : fleet) sb.track("FL0001");
    own.stopServer();
    clock.advance(Duration.ofMinutes(5));
    for (Shipbridge sb : fleet) sb.track("FL0001"); // every instance on its local share
    own.startServer();
    awaitReachable(redises);
    clock.advance(Duration.ofMinutes(5));
    server.clear();

    // two of three back: still 2 a minute each, not the shared bucket's one every 10 s
    for (int c = 0; c < 4; c++) {
      fleet.get(0).track("FL0001");
      fleet.get(1).track("FL0001");
    }
    assertThat(maxInAnyWindow(server.timesFrom("i0"), limit.period())).isEqualTo(2);
    assertThat(maxInAnyWindow(server.timesFrom("i1"), limit.period())).isEqualTo(2);

    // the third back completes the fleet: after one period past the last local permit, shared again
    fleet.get(2).track("FL0001");
    clock.advance(Duration.ofMinutes(5));
    server.clear();
    for (int c = 0; c < 6; c++) fleet.get(0).track("FL0001");
    assertThat(maxInAnyWindow(server.timesFrom("i0"), limit.period())).isEqualTo(6);
  }

  /**
   * Three instances sharing 10 a second, Redis killed and restarted mid-run with no pause in
   * between: across both transitions, no 1-second window holds more than 10 calls, failing open
   * (local shares of 10 / 3, the fleet rejoining Redis together) as well as closed.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(WhenUnreachable.class)
  void threeInstancesNeverExceedTheLimitInAnyWindowAcrossRedisDeathAndRestart(WhenUnreachable when) throws Exception {
    RateLimit limit = RateLimit.of(10, Duration.ofSeconds(1));
    int instances = 3;
    VirtualTimeSleeper sleeper = VirtualTimeSleeper.on(clock);
    List<ShipbridgeRedis> redises = new ArrayList<>();
    List<Shipbridge> fleet = new ArrayList<>();
    for (int k = 0; k < instances; k++) {
      // a command timeout long enough that a loaded test machine does not cut one instance off alone
      ShipbridgeRedis r = ShipbridgeRedis.builder(own.url()).keyPrefix("outage:").clock(clock)
          .whenUnreachable(when).fleetSize(instances).commandTimeout(Duration.ofSeconds(3))
          .recheckAfter(Duration.ofMillis(50)).reconnectDelay(Duration.ofMillis(100)).build();
      toClose.add(r);
      redises.add(r);
      fleet.add(instance(k, r, limit, Duration.ofMinutes(10), sleeper::sleep));
    }
    List<Throwable> refused = new CopyOnWriteArrayList<>();

    int sent = SharedQuotaTest.hammer(fleet, sleeper, 3, 10, refused);
    own.stopServer();
    sent += SharedQuotaTest.hammer(fleet, sleeper, 3, 10, refused);
    own.startServer();
    awaitReachable(redises);
    sent += SharedQuotaTest.hammer(fleet, sleeper, 3, 10, refused);

    assertThat(server.arrivals()).hasSize(sent);
    assertThat(sent).as("calls went through in every phase").isGreaterThan(when == WhenUnreachable.FAIL_OPEN ? 200 : 150);
    assertThat(refused).allSatisfy(t -> assertThat(t).isInstanceOf(RateLimitedException.class));
    assertThat(maxInAnyWindow(server.times(), limit.period())).isLessThanOrEqualTo(limit.calls());
  }
}
