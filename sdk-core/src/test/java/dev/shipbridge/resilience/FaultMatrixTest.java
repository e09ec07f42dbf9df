package dev.shipbridge.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.shipbridge.resilience.WireFixtures.LABEL_OK;
import static dev.shipbridge.resilience.WireFixtures.QUOTE_OK;
import static dev.shipbridge.resilience.WireFixtures.TRACKING_NUMBER;
import static dev.shipbridge.resilience.WireFixtures.TRACK_OK;
import static dev.shipbridge.resilience.WireFixtures.json;
import static dev.shipbridge.resilience.WireFixtures.labelRequest;
import static dev.shipbridge.resilience.WireFixtures.quoteRequest;
import static dev.shipbridge.resilience.WireFixtures.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.QuoteResult;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.Tracking;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fault matrix at the wire: quote, label and track of a carrier adapter on the real transport,
 * against WireMock faults. Each test asserts the outcome, the exact number of requests the server
 * saw and, for labels, that no two purchases ever went out under different keys. Time is a fake
 * clock moved by the sleeper: nothing waits for real backoff.
 */
class FaultMatrixTest {
  // One server per test: a delayed answer still being served when a test ends must not reach the
  // next test's request journal.
  @RegisterExtension
  WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private final FakeClock clock = new FakeClock();
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private Shipbridge shipbridge;

  /** Read timeout short enough for the delay fault yet far above a loaded machine's answer time (1.5 s), small backoff, no rate limit. */
  private static ResiliencePolicy testPolicy() {
    return ResiliencePolicy.custom().all(s -> s.maxAttempts(3)
        .backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(8))
        .readTimeout(Duration.ofMillis(1500)).attemptTimeout(Duration.ofSeconds(5))).build();
  }

  private Shipbridge build(boolean carrierHonoursKey) {
    return build(carrierHonoursKey, wm.baseUrl());
  }

  private Shipbridge build(boolean carrierHonoursKey, String baseUrl) {
    shipbridge = Shipbridge.builder().discoverCarriers(false)
        .carrier(new WireCarrier(baseUrl, carrierHonoursKey, ResiliencePolicy.ofDefaults()))
        .resilience(testPolicy()).clock(clock).sleeper(sleeper).build();
    return shipbridge;
  }

  @BeforeEach
  void noShipbridgeYet() {
    shipbridge = null;
  }

  @AfterEach
  void close() {
    if (shipbridge != null) shipbridge.close();
  }

  /** The transport faults WireMock injects, one per row of the matrix. */
  enum TransportFault {
    CONNECTION_RESET_BY_PEER(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
    EMPTY_RESPONSE(aResponse().withFault(Fault.EMPTY_RESPONSE)),
    MALFORMED_RESPONSE_CHUNK(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)),
    RANDOM_DATA_THEN_CLOSE(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)),
    DELAY_BEYOND_READ_TIMEOUT(json(200, TRACK_OK).withFixedDelay(4000)),
    HTML_502(aResponse().withStatus(502).withHeader("Content-Type", "text/html")
        .withBody("<html><body><h1>502 Bad Gateway</h1></body></html>")),
    TRUNCATED_JSON_200(json(200, "{\"trackingNumber\":\"WR12"));

    final ResponseDefinitionBuilder answer;

    TransportFault(ResponseDefinitionBuilder answer) {
      this.answer = answer;
    }
  }

  // ------------------------------------------------------------------ reads: retried

  @ParameterizedTest
  @EnumSource(TransportFault.class)
  void trackingRecoversFromATransientFaultOnTheNextAttempt(TransportFault fault) {
    sequence(wm, "/track/" + TRACKING_NUMBER, fault.answer, json(200, TRACK_OK));

    Tracking t = build(false).track(TRACKING_NUMBER);

    assertThat(t.trackingNumber()).isEqualTo(TRACKING_NUMBER);
    wm.verify(exactly(2), getRequestedFor(urlEqualTo("/track/" + TRACKING_NUMBER)));
    assertThat(sleeper.sleeps).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(TransportFault.class)
  void quoteRecoversFromATransientFaultOnTheNextAttempt(TransportFault fault) {
    sequence(wm, "/quote", fault.answer, json(200, QUOTE_OK));

    QuoteResult r = build(false).quote(quoteRequest());

    assertThat(r.failures()).isEmpty();
    assertThat(r.quotes()).singleElement().satisfies(q -> assertThat(q.serviceCode()).isEqualTo("GROUND"));
    wm.verify(exactly(2), postRequestedFor(urlEqualTo("/quote")));
  }

  @Test
  void trackingGivesUpAfterMaxAttemptsOfA502HtmlPageWithoutQuotingIt() {
    sequence(wm, "/track/" + TRACKING_NUMBER, TransportFault.HTML_502.answer.withHeader("X-Request-ID", "req-502"));

    CarrierUnavailableException e = catchThrowableOfType(CarrierUnavailableException.class,
        () -> build(false).track(TRACKING_NUMBER));

    assertThat(e.httpStatus()).isEqualTo(502);
    assertThat(e.retryable()).isTrue();
    assertThat(e.requestId()).contains("req-502");
    assertThat(e.getMessage()).doesNotContain("<html").contains("text/html");
    wm.verify(exactly(3), getRequestedFor(urlEqualTo("/track/" + TRACKING_NUMBER)));
  }

  @Test
  void readsRecoverFrom503Then503Then200() {
    sequence(wm, "/track/" + TRACKING_NUMBER, json(503, "{}"), json(503, "{}"), json(200, TRACK_OK));

    Tracking t = build(false).track(TRACKING_NUMBER);

    assertThat(t.trackingNumber()).isEqualTo(TRACKING_NUMBER);
    wm.verify(exactly(3), getRequestedFor(urlEqualTo("/track/" + TRACKING_NUMBER)));
    assertThat(sleeper.sleeps).hasSize(2)
        .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(2))); // full jitter under the ceiling
  }

  @Test
  void readsRetryA500() {
    sequence(wm, "/quote", json(500, "{\"code\":\"E1\",\"message\":\"boom\"}"), json(200, QUOTE_OK));

    QuoteResult r = build(false).quote(quoteRequest());

    assertThat(r.quotes()).hasSize(1);
    wm.verify(exactly(2), postRequestedFor(urlEqualTo("/quote")));
  }

  @Test
  void waitsForRetryAfterSecondsAfterA429() {
    sequence(wm, "/quote", json(429, "{\"message\":\"slow down\"}").withHeader("Retry-After", "7"), json(200, QUOTE_OK));

    QuoteResult r = build(false).quote(quoteRequest());

    assertThat(r.quotes()).hasSize(1);
    assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(7));
    wm.verify(exactly(2), postRequestedFor(urlEqualTo("/quote")));
  }

  @Test
  void waitsForRetryAfterGivenAsAnHttpDate() {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().plusSeconds(30).atOffset(ZoneOffset.UTC));
    sequence(wm, "/track/" + TRACKING_NUMBER, json(429, "{}").withHeader("Retry-After", date), json(200, TRACK_OK));

    build(false).track(TRACKING_NUMBER);

    assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(30));
    wm.verify(exactly(2), getRequestedFor(urlEqualTo("/track/" + TRACKING_NUMBER)));
  }

  @Test
  void retryAfterBeyondTheCapFailsFastWithTheValueExposed() {
    sequence(wm, "/track/" + TRACKING_NUMBER, json(429, "{}").withHeader("Retry-After", "3600"), json(200, TRACK_OK));

    RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> build(false).track(TRACKING_NUMBER));

    assertThat(e.retryAfter()).contains(Duration.ofHours(1));
    assertThat(sleeper.sleeps).isEmpty();
    wm.verify(exactly(1), getRequestedFor(urlEqualTo("/track/" + TRACKING_NUMBER)));
  }

  @Test
  void retryAfterBeyondTheRemainingDeadlineFailsFast() {
    sequence(wm, "/track/" + TRACKING_NUMBER, json(429, "{}").withHeader("Retry-After", "30"), json(200, TRACK_OK));
    shipbridge = Shipbridge.builder().discoverCarriers(false)
        .carrier(new WireCarrier(wm.baseUrl(), false, ResiliencePolicy.ofDefaults()))
        .resilience(ResiliencePolicy.from(testPolicy()).all(s -> s.callTimeout(Duration.ofSeconds(10))).build())
        .clock(clock).sleeper(sleeper).build();

    RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> shipbridge.track(TRACKING_NUMBER));

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
    assertThat(sleeper.sleeps).isEmpty();
    wm.verify(exactly(1), getRequestedFor(urlEqualTo("/track/" + TRACKING_NUMBER)));
  }

  @Test
  void jsonOfTheWrongShapeIsNotRetried() {
    sequence(wm, "/quote", json(200, "{\"services\":[{\"code\":\"G\",\"amount\":{\"x\":1},\"currency\":\"USD\"}]}"));

    QuoteResult r = build(false).quote(quoteRequest());

    assertThat(r.quotes()).isEmpty();
    assertThat(r.failures()).singleElement().satisfies(f -> {
      assertThat(f.error()).isInstanceOf(CarrierException.class);
      assertThat(((CarrierException) f.error()).retryable()).isFalse();
      assertThat(f.message()).contains("unexpected shape").doesNotContain("Jackson", "com.fasterxml");
    });
    wm.verify(exactly(1), postRequestedFor(urlEqualTo("/quote")));
  }

  @Test
  void sendsTheShipbridgeUserAgent() {
    sequence(wm, "/track/" + TRACKING_NUMBER, json(200, TRACK_OK));

    build(false).track(TRACKING_NUMBER);

    LoggedRequest r = wm.findAll(getRequestedFor(urlEqualTo("/track/" + TRACKING_NUMBER))).get(0);
    assertThat(r.getHeader("User-Agent")).matches("shipbridge/\\d[^ ]* java/\\d.*");
  }

  // ------------------------------------------------------------------ labels: never two purchases

  @ParameterizedTest
  @EnumSource(TransportFault.class)
  void neverBuysTwoLabelsWhenTheOutcomeOfASentPurchaseIsUnknown(TransportFault fault) {
    sequence(wm, "/label", fault.answer, json(200, LABEL_OK));

    // A key of this row's own: the previous row's delayed answer may still reach the server's
    // journal after the reset, and must not be counted here.
    String key = "order-1-" + fault.ordinal();
    CarrierException e = catchThrowableOfType(CarrierException.class, () -> build(false).label(labelRequest(key)));

    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.retryable()).isFalse();
    assertThat(e.idempotencyKey()).contains(key);
    assertThat(e.getMessage()).contains(key);
    wm.verify(exactly(1), postRequestedFor(urlEqualTo("/label"))
        .withHeader(WireCarrier.KEY_HEADER, com.github.tomakehurst.wiremock.client.WireMock.equalTo(key)));
  }

  @Test
  void neverBuysTwoLabelsWhenConnectionResetsAfterRequestSent() {
    sequence(wm, "/label", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), json(200, LABEL_OK));

    CarrierException e = catchThrowableOfType(CarrierException.class, () -> build(false).label(labelRequest("order-2")));

    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.idempotencyKey()).contains("order-2");
    wm.verify(exactly(1), postRequestedFor(urlEqualTo("/label")));
    assertThat(sleeper.sleeps).isEmpty();
  }

  @Test
  void labelIsNotRetriedOnA500FromACarrierWithoutIdempotency() {
    sequence(wm, "/label", json(500, "{\"code\":\"E500\",\"message\":\"internal\"}"), json(200, LABEL_OK));

    CarrierException e = catchThrowableOfType(CarrierException.class, () -> build(false).label(labelRequest("order-3")));

    assertThat(e.httpStatus()).isEqualTo(500);
    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.idempotencyKey()).contains("order-3");
    wm.verify(exactly(1), postRequestedFor(urlEqualTo("/label")));
  }

  @Test
  void labelIsNotRetriedOn503FromACarrierWithoutIdempotency() {
    sequence(wm, "/label", json(503, "{}"), json(200, LABEL_OK));

    CarrierException e = catchThrowableOfType(CarrierException.class, () -> build(false).label(labelRequest("order-4")));

    assertThat(e.outcomeUnknown()).isTrue();
    wm.verify(exactly(1), postRequestedFor(urlEqualTo("/label")));
  }

  @Test
  void labelIsRetriedAfterA429BecauseNothingWasBought() {
    sequence(wm, "/label", json(429, "{}").withHeader("Retry-After", "2"), json(200, LABEL_OK));

    Label label = build(false).label(labelRequest("order-5"));

    assertThat(label.trackingNumber()).isEqualTo("WR000000001");
    assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(2));
    wm.verify(exactly(2), postRequestedFor(urlEqualTo("/label")));
    assertOnePurchaseKey("order-5");
  }

  @Test
  void labelIsRetriedWhenTheConnectionWasRefusedBecauseNothingWasSent() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }

    CarrierUnavailableException e = catchThrowableOfType(CarrierUnavailableException.class,
        () -> build(false, "http://127.0.0.1:" + closedPort).label(labelRequest("order-6")));

    assertThat(e.outcomeUnknown()).isFalse();
    assertThat(e.retryable()).isTrue();
    assertThat(sleeper.sleeps).hasSize(2); // three attempts
  }

  @ParameterizedTest
  @EnumSource(TransportFault.class)
  void labelFromACarrierHonouringTheKeyIsRetriedWithTheSameKey(TransportFault fault) {
    sequence(wm, "/label", fault.answer, json(200, LABEL_OK));

    Label label = build(true).label(labelRequest("order-7"));

    assertThat(label.idempotencyKey().value()).isEqualTo("order-7");
    wm.verify(exactly(2), postRequestedFor(urlEqualTo("/label")));
    assertOnePurchaseKey("order-7");
  }

  @Test
  void labelFromACarrierHonouringTheKeyIsRetriedOn500WithTheSameKey() {
    sequence(wm, "/label", json(500, "{}"), json(503, "{}"), json(200, LABEL_OK));

    build(true).label(labelRequest("order-8"));

    wm.verify(exactly(3), postRequestedFor(urlEqualTo("/label")));
    assertOnePurchaseKey("order-8");
  }

  @Test
  void labelJsonOfTheWrongShapeIsAnUnknownOutcomeNotARetry() {
    sequence(wm, "/label", json(200, "{\"trackingNumber\":[1,2]}"), json(200, LABEL_OK));

    CarrierException e = catchThrowableOfType(CarrierException.class, () -> build(true).label(labelRequest("order-9")));

    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.idempotencyKey()).contains("order-9");
    wm.verify(exactly(1), postRequestedFor(urlEqualTo("/label")));
  }

  private void assertOnePurchaseKey(String key) {
    Set<String> keys = wm.findAll(postRequestedFor(urlEqualTo("/label"))).stream()
        .map(r -> r.getHeader(WireCarrier.KEY_HEADER)).collect(Collectors.toSet());
    assertThat(keys).as("idempotency keys of all purchases").isEqualTo(Set.of(key));
  }

  @SuppressWarnings("unused")
  private List<LoggedRequest> purchases() {
    return wm.findAll(postRequestedFor(urlEqualTo("/label")));
  }
}
