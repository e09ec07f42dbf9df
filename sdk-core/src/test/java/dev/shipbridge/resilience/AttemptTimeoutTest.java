package dev.shipbridge.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.shipbridge.resilience.WireFixtures.TRACKING_NUMBER;
import static dev.shipbridge.resilience.WireFixtures.TRACK_OK;
import static dev.shipbridge.resilience.WireFixtures.json;
import static dev.shipbridge.resilience.WireFixtures.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.shipbridge.CarrierException;
import dev.shipbridge.Shipbridge;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The attempt timeout is hard: a server that dribbles its answer, each piece well inside the read
 * timeout, is cut off once the attempt timeout has passed (not after the 30 s the dribble takes),
 * and the failure reads as a timeout.
 */
class AttemptTimeoutTest {
  @RegisterExtension
  WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private Shipbridge shipbridge;

  @AfterEach
  void close() {
    if (shipbridge != null) shipbridge.close();
  }

  @Test
  void aDribblingAnswerIsCutOffAtTheAttemptTimeout() {
    // 300 pieces over 30 s: one every 100 ms, never silent for the 2 s read timeout
    sequence(wm, "/track/" + TRACKING_NUMBER, json(200, TRACK_OK + " ".repeat(600)).withChunkedDribbleDelay(300, 30_000));
    ResiliencePolicy policy = ResiliencePolicy.custom().all(s -> s.maxAttempts(1)
        .readTimeout(Duration.ofSeconds(2)).attemptTimeout(Duration.ofSeconds(3))).build();
    shipbridge = Shipbridge.builder().discoverCarriers(false)
        .carrier(new WireCarrier(wm.baseUrl(), false, ResiliencePolicy.ofDefaults())).resilience(policy).build();

    long start = System.nanoTime();
    CarrierException e = catchThrowableOfType(CarrierException.class, () -> shipbridge.track(TRACKING_NUMBER));
    long tookMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("timed out");
    assertThat(e.retryable()).isTrue(); // a read: may be sent again
    assertThat(tookMillis).as("ended long before the 30 s dribble").isLessThan(15_000);
    wm.verify(exactly(1), getRequestedFor(urlEqualTo("/track/" + TRACKING_NUMBER)));
  }
}
