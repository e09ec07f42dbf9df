package dev.shipbridge.usps.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.AuthenticationException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.spi.support.InMemoryTokenStore;
import dev.shipbridge.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class UspsTokensTest {
  final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-02T15:00:00Z"));
  final InMemoryTokenStore store = new InMemoryTokenStore(clock);
  final AtomicInteger fetches = new AtomicInteger();

  TokenCache source(Supplier<String> body) {
    return new TokenCache(store, storeKey(), clock, limits -> {
      fetches.incrementAndGet();
      return UspsTokens.access(ok(body.get()), clock, Fixtures.JSON);
    });
  }

  static HttpResult ok(String body) {
    return new HttpResult(200, Headers.of(), body.getBytes(StandardCharsets.UTF_8), "application/json", null);
  }

  @Test
  void readsExpiresInAsANumberOrANumericString() {
    TokenCache numeric = source(() -> Fixtures.text("auth/token.response.json"));
    assertThat(numeric.get(null)).startsWith("eyJ");
    store.remove(storeKey());
    TokenCache text = source(() -> "{\"access_token\":\"t2\",\"expires_in\":\"14399\"}");
    assertThat(text.get(null)).isEqualTo("t2");
    clock.advance(Duration.ofSeconds(14399 - 1440 - 1));
    assertThat(text.get(null)).isEqualTo("t2");
    clock.advance(Duration.ofSeconds(2)); // past 14399 s less a tenth
    text.get(null);
    assertThat(fetches.get()).isEqualTo(3);
  }

  @Test
  void aHundredConcurrentColdCallersCauseExactlyOneTokenRequest() throws Exception {
    CountDownLatch inFetch = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TokenCache src = source(() -> {
      inFetch.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "{\"access_token\":\"shared\",\"expires_in\":28799}";
    });
    ExecutorService pool = Executors.newFixedThreadPool(100);
    try {
      List<Future<String>> calls = new ArrayList<>();
      for (int i = 0; i < 100; i++) calls.add(pool.submit(() -> src.get(null)));
      inFetch.await();
      release.countDown();
      for (Future<String> f : calls) assertThat(f.get()).isEqualTo("shared");
    } finally {
      pool.shutdownNow();
    }
    assertThat(fetches.get()).isEqualTo(1);
  }

  @Test
  void invalidatingARejectedTokenFetchesANewOneButNotWhenAnotherThreadAlreadyDid() {
    AtomicInteger n = new AtomicInteger();
    TokenCache src = source(() -> "{\"access_token\":\"t" + n.incrementAndGet() + "\",\"expires_in\":3600}");
    assertThat(src.get(null)).isEqualTo("t1");
    src.invalidate("t1");
    assertThat(src.get(null)).isEqualTo("t2");
    src.invalidate("t1"); // stale rejection: t2 stays
    assertThat(src.get(null)).isEqualTo("t2");
    assertThat(fetches.get()).isEqualTo(2);
  }

  @Test
  void tokenErrorsAreTypedAndATokenlessAnswerIsMalformed() {
    TokenCache refused = new TokenCache(store, storeKey(), clock, limits -> UspsTokens.access(
        new HttpResult(401, Headers.of(), Fixtures.bytes("errors/oauth-invalid-client.response.json"), "application/json", null),
        clock, Fixtures.JSON));
    assertThatThrownBy(() -> refused.get(null)).isInstanceOf(AuthenticationException.class).hasMessageContaining("invalid_client");
    TokenCache empty = source(() -> "{\"token_type\":\"Bearer\"}");
    assertThatThrownBy(() -> empty.get(null)).isExactlyInstanceOf(CarrierException.class).hasMessageContaining("access_token");
  }

  private static String storeKey() {
    return TokenCache.key("oauth2", "https://apis-tem.usps.com/", "client", "secret");
  }
}
