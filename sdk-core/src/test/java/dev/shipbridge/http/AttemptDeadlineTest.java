package dev.shipbridge.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.model.CarrierId;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link AttemptLimits} is one deadline for every exchange of an attempt, a value bound to no
 * thread: an exchange that would start after it is not sent at all (so even a purchase may be sent
 * again), and an exchange handed to another thread runs under the same deadline.
 */
class AttemptDeadlineTest {
  private static final CarrierId CARRIER = CarrierId.of("acme");
  private static final Duration SECOND = Duration.ofSeconds(1);

  @RegisterExtension
  WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @Test
  void anExchangeStartedAfterTheAttemptsDeadlineIsNotSentAndIsARetryableTimeout() {
    wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(anyUrl()).willReturn(aResponse().withStatus(200)));
    AttemptLimits spent = AttemptLimits.until("acme LABEL attempt 1", SECOND, SECOND, System.nanoTime() - 1);
    Request purchase = new Request.Builder().url(wm.baseUrl() + "/labels")
        .post(RequestBody.create("{}", okhttp3.MediaType.get("application/json"))).build();

    CarrierException e = catchThrowableOfType(CarrierException.class, () -> new HttpTransport(new OkHttpClient())
        .execute(CARRIER, purchase, RequestSafety.NON_IDEMPOTENT, "order-7", spent));

    assertThat(e).isInstanceOf(CarrierUnavailableException.class);
    assertThat(e.getMessage()).contains("timed out");
    assertThat(e.outcomeUnknown()).as("nothing was sent").isFalse();
    assertThat(e.retryable()).isTrue();
    assertThat(HttpTransport.provablyNotSent(e)).isTrue();
    assertThat(spent.remaining()).isZero();
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void anExchangeHandedToAnotherThreadRunsUnderTheAttemptsDeadline() {
    // 300 pieces over 30 s: never silent for the 5 s read timeout, cut off by the 2 s deadline
    wm.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody(" ".repeat(600))
        .withChunkedDribbleDelay(300, 30_000)));
    AttemptLimits limits = AttemptLimits.startingNow("acme TRACK attempt 1", SECOND, Duration.ofSeconds(5),
        Duration.ofSeconds(2));
    HttpTransport transport = new HttpTransport(new OkHttpClient());
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<HttpResult> f = CompletableFuture.supplyAsync(() -> transport.execute(CARRIER,
          new Request.Builder().url(wm.baseUrl() + "/track/1").build(), RequestSafety.IDEMPOTENT, null, limits), other);
      Throwable t = catchThrowableOfType(CompletionException.class, f::join).getCause();

      assertThat(t).isInstanceOf(CarrierUnavailableException.class).hasMessageContaining("timed out");
      assertThat(((CarrierException) t).retryable()).isTrue();
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void limitsNameTheAttemptAndCountDownToZero() {
    AttemptLimits limits = AttemptLimits.startingNow("usps TRACK attempt 2", SECOND, Duration.ofSeconds(2), Duration.ofHours(1));
    assertThat(limits.label()).isEqualTo("usps TRACK attempt 2");
    assertThat(limits.connectTimeout()).isEqualTo(SECOND);
    assertThat(limits.readTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(limits.remaining()).isPositive().isLessThanOrEqualTo(Duration.ofHours(1));
    assertThat(limits.toString()).contains("usps TRACK attempt 2");
    assertThat(AttemptLimits.until(null, SECOND, SECOND, System.nanoTime() - 5).remaining()).isZero();
  }
}
