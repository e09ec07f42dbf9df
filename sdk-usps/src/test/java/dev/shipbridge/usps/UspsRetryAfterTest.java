package dev.shipbridge.usps;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.resilience.OperationPolicy;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Absurd {@code Retry-After} values on a 429 from USPS (loopback WireMock, the real adapter through
 * the facade): read without overflow, and holding the operation no longer than {@code
 * maxRetryAfter}, under the default policy and a permissive one.
 */
class UspsRetryAfterTest {
  static final String NUMBER = "9205590109769900012613";
  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-02T15:00:00Z"));
  private WireMockServer usps;

  @BeforeEach
  void start() {
    usps = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    usps.start();
    usps.stubFor(post(urlPathEqualTo("/oauth2/v3/token")).atPriority(1).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\":\"tok-0123456789\",\"token_type\":\"Bearer\",\"expires_in\":28799}")));
  }

  @AfterEach
  void stop() {
    usps.stop();
  }

  static List<Object[]> cases() {
    String tenYears = String.valueOf(Duration.ofDays(3650).getSeconds());
    ResiliencePolicy permissive = ResiliencePolicy.custom().all(s -> s.unlimited().maxAttempts(1).maxRetryAfter(Duration.ofSeconds(30))
        .circuitBreaker(OperationPolicy.CircuitBreakerSettings.DISABLED)).build();
    return List.of(
        new Object[] {"default", null, tenYears}, new Object[] {"permissive", permissive, tenYears},
        new Object[] {"default", null, "10000000000"}, new Object[] {"permissive", permissive, "10000000000"},
        new Object[] {"default", null, String.valueOf(Long.MAX_VALUE)},
        new Object[] {"permissive", permissive, String.valueOf(Long.MAX_VALUE)},
        new Object[] {"default", null, "99999999999999999999999999"},
        new Object[] {"default", null, "Fri, 31 Dec 9999 23:59:59 GMT"});
  }

  @ParameterizedTest(name = "{0} policy, Retry-After {2}")
  @MethodSource("cases")
  void anAbsurdRetryAfterIsATypedRateLimitAndHoldsTheOperationNoLongerThanMaxRetryAfter(String name,
      ResiliencePolicy policy, String retryAfter) {
    usps.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(429).withHeader("Retry-After", retryAfter)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":\"429\",\"message\":\"Too Many Requests\"}}")));
    UspsCarrier carrier = UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId("id").clientSecret("secret").build();
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).carrier(carrier).clock(clock)
        .sleeper(d -> clock.advance(d));
    if (policy != null) b.resilience(policy);
    try (Shipbridge sb = b.build()) {
      Duration maxRetryAfter = policy == null ? Duration.ofSeconds(60) : Duration.ofSeconds(30); // the default's, the permissive one's
      assertThatThrownBy(() -> sb.track(NUMBER)).isInstanceOfSatisfying(RateLimitedException.class,
          e -> assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive()));
      int reached = trackingCalls();
      clock.advance(maxRetryAfter.plusSeconds(1));
      assertThatThrownBy(() -> sb.track(NUMBER)).isInstanceOf(RateLimitedException.class);
      assertThat(trackingCalls()).as("the hold ended at maxRetryAfter: the call reached USPS").isGreaterThan(reached);
    }
  }

  private int trackingCalls() {
    return (int) usps.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().contains("/tracking")).count();
  }
}
