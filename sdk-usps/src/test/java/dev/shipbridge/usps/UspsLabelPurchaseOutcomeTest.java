package dev.shipbridge.usps;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.shipbridge.CarrierException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 14's USPS leftovers on the real {@link UspsCarrier} through the facade (plain WireMock),
 * under USPS's default policy and under a permissive one: a 200 label answer the adapter cannot
 * represent is never asked again and keeps its real cause; the mailing date of a purchase without
 * a ship date is taken once, so every attempt under one key sends the same body.
 */
class UspsLabelPurchaseOutcomeTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String PDF = Base64.getEncoder().encodeToString("%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1));
  /** 23:59:30 in Chicago on 2 March: the next attempt may well be on 3 March. */
  final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-03T05:59:30Z"));
  Shipbridge shipbridge;

  @BeforeEach
  void tokens() {
    wm.stubFor(post(urlPathEqualTo("/oauth2/v3/token")).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\":\"token-A\",\"token_type\":\"Bearer\",\"expires_in\":28799}")));
    wm.stubFor(post(urlPathEqualTo("/payments/v3/payment-authorization")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"paymentAuthorizationToken\":\"pay.jwt.sig\",\"roles\":[]}")));
  }

  @AfterEach
  void close() {
    if (shipbridge != null) shipbridge.close();
  }

  /** The facade under USPS's own default policy (60 calls an hour per API), or one with quotas off and 3 attempts. */
  Shipbridge facade(boolean defaults) {
    UspsCarrier usps = UspsCarrier.builder().baseUrl(wm.baseUrl()).clientId("client").clientSecret("secret")
        .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525")).build();
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).carrier(usps).clock(clock).sleeper(clock::advance);
    if (!defaults) {
      b.resilience(ResiliencePolicy.custom().carrier(CarrierId.USPS, s -> s.maxAttempts(3).unlimited()).build());
    }
    shipbridge = b.build();
    return shipbridge;
  }

  static Stream<Arguments> unrepresentableAnswers() {
    return Stream.of(true, false).flatMap(defaults -> Stream.of(
        Arguments.of(defaults, "a label without a tracking number", "application/vnd.usps.labels+json",
            "{\"labelMetadata\":{\"postage\":6.25},\"labelImage\":\"" + PDF + "\"}", "without a tracking number"),
        Arguments.of(defaults, "an image that is not the PDF asked for", "application/vnd.usps.labels+json",
            "{\"labelMetadata\":{\"trackingNumber\":\"9205590109769900012613\"},\"labelImage\":\"aGVsbG8=\"}", "is not PDF"),
        Arguments.of(defaults, "a multipart label without its image", "multipart/form-data; boundary=B",
            "--B\r\nContent-Disposition: form-data; name=\"labelMetadata\"\r\nContent-Type: application/json\r\n\r\n"
                + "{\"trackingNumber\":\"9205590109769900012613\"}\r\n--B--\r\n", "without a label image"),
        Arguments.of(defaults, "a tracking number the model refuses", "application/vnd.usps.labels+json",
            "{\"labelMetadata\":{\"trackingNumber\":\"92 05\"},\"labelImage\":\"" + PDF + "\"}", "tracking number")));
  }

  @ParameterizedTest(name = "default policy {0}: {1}")
  @MethodSource("unrepresentableAnswers")
  void uspsLabelAnswerTheAdapterCannotRepresentIsOutcomeUnknownAndNeverAskedAgain(boolean defaults, String what,
      String contentType, String body, String cause) {
    wm.stubFor(post(urlPathEqualTo("/labels/v3/label")).willReturn(aResponse().withHeader("Content-Type", contentType)
        .withBody(body)));
    Shipbridge sb = facade(defaults);

    CarrierException e = catchThrowableOfType(CarrierException.class, () -> UspsLabelWireTest.buy(sb, "order-77"));

    assertThat(e).as(what).isNotNull();
    assertThat(e.outcomeUnknown()).as("a label was likely bought").isTrue();
    assertThat(e.retryable()).isFalse();
    assertThat(e.idempotencyKey()).contains("order-77");
    assertThat(e.getMessage()).as("the real cause, not a generic parse failure").contains(cause);
    assertThat(e.attempts()).isEqualTo(1);
    wm.verify(1, postRequestedFor(urlPathEqualTo("/labels/v3/label")));
  }

  @Test
  void uspsMailingDateIsTakenOnceSoEveryAttemptUnderOneKeySendsTheSameBody() {
    // The first answer is lost; the retry comes after the backoff, past midnight in Chicago (the virtual clock).
    // One nanosecond before midnight: full jitter draws any pause from 0 to 500 ms, and every one crosses it.
    clock.advance(Duration.ofSeconds(30).minusNanos(1));
    wm.stubFor(post(urlPathEqualTo("/labels/v3/label")).inScenario("lost").whenScenarioStateIs("Started")
        .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json").withBody("{}"))
        .willSetStateTo("answered"));
    wm.stubFor(post(urlPathEqualTo("/labels/v3/label")).inScenario("lost").whenScenarioStateIs("answered")
        .willReturn(aResponse().withHeader("Content-Type", "application/vnd.usps.labels+json")
            .withBody("{\"labelMetadata\":{\"trackingNumber\":\"9205590109769900012613\",\"postage\":6.25},"
                + "\"labelImage\":\"" + PDF + "\"}")));
    UspsCarrier usps = UspsCarrier.builder().baseUrl(wm.baseUrl()).clientId("client").clientSecret("secret")
        .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525")).build();
    shipbridge = Shipbridge.builder().discoverCarriers(false).carrier(usps).clock(clock)
        .sleeper(clock::advance)
        .resilience(ResiliencePolicy.custom().carrier(CarrierId.USPS, s -> s.maxAttempts(2).unlimited()).build()).build();

    assertThat(UspsLabelWireTest.buy(shipbridge, "order-78").trackingNumber()).isEqualTo("9205590109769900012613");
    assertThat(clock.instant()).as("the retry was sent on 3 March").isAfter(Instant.parse("2026-03-03T06:00:00Z"));

    List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlPathEqualTo("/labels/v3/label")));
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).getBodyAsString()).as("same key, same body").isEqualTo(sent.get(0).getBodyAsString());
    assertThat(sent.get(1).getHeader("X-Idempotency-Key")).isEqualTo(sent.get(0).getHeader("X-Idempotency-Key"));
    assertThat(sent.get(0).getBodyAsString()).as("USPS's today on the injected clock (Chicago)").contains("\"2026-03-02\"");
  }

  @Test
  void uspsMailingDateOfANewKeyIsTodayOnTheInjectedClock() {
    wm.stubFor(post(urlPathEqualTo("/labels/v3/label")).willReturn(aResponse()
        .withHeader("Content-Type", "application/vnd.usps.labels+json")
        .withBody("{\"labelMetadata\":{\"trackingNumber\":\"9205590109769900012613\"},\"labelImage\":\"" + PDF + "\"}")));
    Shipbridge sb = facade(false);
    UspsLabelWireTest.buy(sb, "order-79");
    clock.advance(Duration.ofMinutes(1)); // now 3 March in Chicago
    UspsLabelWireTest.buy(sb, "order-80");
    UspsLabelWireTest.buy(sb, "order-79"); // the first key again: its first date

    List<LoggedRequest> sent = wm.findAll(postRequestedFor(urlPathEqualTo("/labels/v3/label")));
    assertThat(sent.get(0).getBodyAsString()).contains("\"2026-03-02\"");
    assertThat(sent.get(1).getBodyAsString()).contains("\"2026-03-03\"");
    assertThat(sent.get(2).getBodyAsString()).isEqualTo(sent.get(0).getBodyAsString());
  }
}
