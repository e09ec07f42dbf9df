package dev.shipbridge.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.Address;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import dev.shipbridge.usps.UspsAuthorization;
import dev.shipbridge.usps.UspsCarrier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A merchant's authorization shared by a fleet through a real Redis: the real {@link UspsCarrier}
 * on the USPS emulator, three instances each with its own Redis client (so its own in-JVM mirror),
 * under the carrier's default policy and a permissive one. The code is exchanged once for the
 * fleet, an expiry costs one refresh grant however many instances race, and the rotated refresh
 * token is what the next instance reads (the emulator refuses a rotated-away one).
 */
class RedisMerchantAuthorizationTest {
  private static final String REDIRECT = "https://platform.example/usps/callback";
  private static final Address CUSTOMER = Address.builder().name("Joe Doe").line("1100 Wyoming").line("Suite 150")
      .city("St. Louis").region("MO").postalCode("63118").country("US").build();

  private final MutableClock clock = MutableClock.startingAt(UspsEmulator.DEFAULT_INSTANT);
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) toClose.get(i).close();
  }

  private Shipbridge instance(boolean permissive, String url, String prefix, UspsEmulator usps, UspsAuthorization a) {
    ShipbridgeRedis redis = ShipbridgeRedis.builder(url).keyPrefix(prefix).clock(clock).build();
    toClose.add(redis);
    UspsCarrier carrier = UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId())
        .clientSecret(usps.clientSecret()).authorization(a).quotaPerHour(360_000).build();
    var b = Shipbridge.builder().discoverCarriers(false).carrier(carrier).tokenStore(redis.tokenStore()).clock(clock)
        .sleeper(d -> { });
    if (permissive) b.resilience(ResiliencePolicy.custom().all(s -> s.maxAttempts(3).unlimited()).build());
    Shipbridge sb = b.build();
    toClose.add(sb);
    return sb;
  }

  private static void everyoneCallsAtOnce(List<Shipbridge> fleet, int threadsPerInstance, List<Throwable> failures)
      throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (Shipbridge sb : fleet) {
      for (int t = 0; t < threadsPerInstance; t++) {
        threads.add(new Thread(() -> {
          try {
            go.await();
            sb.validateAddress(CUSTOMER);
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

  @ParameterizedTest(name = "permissive={0}")
  @ValueSource(booleans = {false, true})
  void aFleetExchangesTheCodeOnceRefreshesOncePerExpiryAndSharesTheRotatedRefreshToken(boolean permissive)
      throws Exception {
    String url = RedisTestSupport.url();
    String prefix = RedisTestSupport.freshPrefix();
    UspsEmulator usps = UspsEmulator.start(clock);
    toClose.add(usps);
    String code = usps.authorizeMerchant("acme-store", REDIRECT, "addresses");
    UspsAuthorization withCode = UspsAuthorization.merchant("acme-store", "addresses").withAuthorizationCode(code, REDIRECT);
    List<Shipbridge> fleet = new ArrayList<>();
    for (int k = 0; k < 3; k++) fleet.add(instance(permissive, url, prefix, usps, withCode));
    List<Throwable> failures = new CopyOnWriteArrayList<>();

    everyoneCallsAtOnce(fleet, 4, failures); // cold start
    assertThat(failures).isEmpty();
    assertThat(usps.codeGrants()).isEqualTo(1);
    assertThat(usps.requestCount("POST", "/oauth2/v3/token")).isEqualTo(1);

    clock.advance(Duration.ofHours(7).plusMinutes(31)); // inside the refresh margin of the 8-hour token
    everyoneCallsAtOnce(fleet, 4, failures);
    assertThat(failures).isEmpty();
    assertThat(usps.refreshGrants()).isEqualTo(1);

    clock.advance(Duration.ofHours(7).plusMinutes(31));
    // a new instance, no code, its own empty mirror: only the rotated refresh token in Redis can serve it
    Shipbridge late = instance(permissive, url, prefix, usps, UspsAuthorization.merchant("acme-store", "addresses"));
    assertThat(late.validateAddress(CUSTOMER).deliverable()).isTrue();
    assertThat(usps.refreshGrants()).isEqualTo(2);
    assertThat(usps.codeGrants()).isEqualTo(1);
    assertThat(usps.requestCount("POST", "/oauth2/v3/token")).isEqualTo(3);
  }
}
