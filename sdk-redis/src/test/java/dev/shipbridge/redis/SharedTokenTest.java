package dev.shipbridge.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.spi.TokenStore;
import dev.shipbridge.spi.TokenStore.Token;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One OAuth token per expiry for a whole fleet, against the USPS emulator's counting token endpoint. */
class SharedTokenTest {
  private static final String TOKEN_PATH = "/oauth2/v3/token";

  private final MutableClock clock = MutableClock.startingAt(UspsEmulator.DEFAULT_INSTANT);
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) toClose.get(i).close();
  }

  private ShipbridgeRedis redis(String url, String prefix) {
    ShipbridgeRedis r = ShipbridgeRedis.builder(url).keyPrefix(prefix).clock(clock).build();
    toClose.add(r);
    return r;
  }

  /** Every thread of every instance calls once, all released at the same moment. */
  private static void everyoneCallsAtOnce(List<Shipbridge> fleet, int threadsPerInstance, List<Throwable> failures)
      throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (Shipbridge sb : fleet) {
      for (int t = 0; t < threadsPerInstance; t++) {
        threads.add(new Thread(() -> {
          try {
            go.await();
            sb.track("FL0001");
          } catch (Throwable e) {
            failures.add(e);
          }
        }));
      }
    }
    threads.forEach(Thread::start);
    go.countDown();
    for (Thread t : threads) t.join(30_000);
  }

  @Test
  void threeInstancesFetchOneTokenPerExpiryEvenOnAColdStart() throws Exception {
    String url = RedisTestSupport.url();
    String prefix = RedisTestSupport.freshPrefix();
    UspsEmulator usps = UspsEmulator.start(clock);
    toClose.add(usps);
    List<Shipbridge> fleet = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      Shipbridge sb = Shipbridge.builder().discoverCarriers(false)
          .carrier(FleetCarrier.withToken(usps.baseUrl(), "i" + k, usps.clientId(), usps.clientSecret()))
          .tokenStore(redis(url, prefix).tokenStore())
          .clock(clock).build();
      toClose.add(sb);
      fleet.add(sb);
    }
    List<Throwable> failures = new CopyOnWriteArrayList<>();

    everyoneCallsAtOnce(fleet, 4, failures);
    assertThat(failures).isEmpty();
    assertThat(usps.requestCount("POST", TOKEN_PATH)).isEqualTo(1);
    assertThat(usps.requestCount("GET", "/addresses/v3/address")).isEqualTo(12);

    everyoneCallsAtOnce(fleet, 4, failures);
    assertThat(failures).isEmpty();
    assertThat(usps.requestCount("POST", TOKEN_PATH)).isEqualTo(1);

    clock.advance(Duration.ofHours(8)); // the emulator's tokens live 8 h less a second
    everyoneCallsAtOnce(fleet, 4, failures);
    assertThat(failures).isEmpty();
    assertThat(usps.requestCount("POST", TOKEN_PATH)).isEqualTo(2);
    assertThat(usps.requestCount("GET", "/addresses/v3/address")).isEqualTo(36);
  }

  @Test
  void aTokenLivesInRedisForItsRemainingLifetimeUnderAHashedKey() {
    String url = RedisTestSupport.url();
    String prefix = RedisTestSupport.freshPrefix();
    TokenStore store = redis(url, prefix).tokenStore();
    store.put("usps:oauth:client-123", new Token("canary-access-token", clock.instant().plusSeconds(90)));

    RedisClient client = RedisClient.create(url);
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      List<String> keys = c.sync().keys(prefix + "*");
      assertThat(keys).hasSize(1);
      assertThat(keys.get(0)).startsWith(prefix + "token:").doesNotContain("client-123");
      assertThat(c.sync().pttl(keys.get(0))).isBetween(85_000L, 90_000L);
    } finally {
      client.shutdown();
    }
    assertThat(redis(url, prefix).tokenStore().get("usps:oauth:client-123")).get()
        .extracting(Token::value).isEqualTo("canary-access-token");
    assertThat(store.toString()).doesNotContain("canary");
  }

  @Test
  void anExpiredTokenIsGoneForEveryInstanceAndRemoveForgetsItFleetWide() {
    String url = RedisTestSupport.url();
    String prefix = RedisTestSupport.freshPrefix();
    TokenStore a = redis(url, prefix).tokenStore();
    TokenStore b = redis(url, prefix).tokenStore();
    a.put("k1", new Token("t1", clock.instant().plusSeconds(60)));
    a.put("k2", new Token("t2", clock.instant().plusSeconds(600)));

    clock.advance(Duration.ofSeconds(61));
    assertThat(b.get("k1")).isEmpty();
    assertThat(b.get("k2")).isPresent();

    b.remove("k2");
    assertThat(a.get("k2")).isEmpty();
    assertThat(a.getOrFetch("k2", () -> new Token("t3", clock.instant().plusSeconds(600))).value()).isEqualTo("t3");
    assertThat(b.get("k2")).get().extracting(Token::value).isEqualTo("t3");
  }
}
