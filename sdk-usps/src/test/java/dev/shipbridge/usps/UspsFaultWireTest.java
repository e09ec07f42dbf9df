package dev.shipbridge.usps;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.Money;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.usps.internal.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Answers the emulator does not give: stubbed with plain WireMock from the fixture files. */
class UspsFaultWireTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-02T15:00:00Z"));
  final WireRecorder recorder = new WireRecorder();
  Shipbridge shipbridge;

  @BeforeEach
  void setUp() {
    wm.stubFor(post(urlPathEqualTo("/oauth2/v3/token")).inScenario("tokens").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody("{\"access_token\":\"token-A\",\"token_type\":\"Bearer\",\"expires_in\":\"28799\"}"))
        .willSetStateTo("second"));
    wm.stubFor(post(urlPathEqualTo("/oauth2/v3/token")).inScenario("tokens").whenScenarioStateIs("second")
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody("{\"access_token\":\"token-B\",\"token_type\":\"Bearer\",\"expires_in\":28799}")));
    wm.stubFor(post(urlPathEqualTo("/payments/v3/payment-authorization")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"paymentAuthorizationToken\":\"pay.jwt.sig\",\"roles\":[]}")));
    UspsCarrier carrier = UspsCarrier.builder().baseUrl(wm.baseUrl()).clientId("client").clientSecret("secret")
        .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525")).build();
    shipbridge = Shipbridge.builder().discoverCarriers(false).carrier(carrier).clock(clock).sleeper(d -> { })
        .httpClient(new OkHttpClient.Builder().addNetworkInterceptor(recorder).build())
        .resilience(ResiliencePolicy.custom().carrier(CarrierId.USPS, s -> s.maxAttempts(1).unlimited()).build())
        .build();
  }

  @AfterEach
  void tearDown() {
    shipbridge.close();
    if (SpecConformance.enabled()) {
      assertThat(SpecConformance.requestViolations(recorder.exchanges())).as("requests conform to USPS's specs").isEmpty();
    }
  }

  @Test
  void a401RefreshesTheTokenAndReplaysTheCallOnce() {
    wm.stubFor(get(urlPathEqualTo("/addresses/v3/address")).withHeader("Authorization", equalTo("Bearer token-A"))
        .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
            .withBody(Fixtures.bytes("errors/unauthorized-source-string.response.json"))));
    wm.stubFor(get(urlPathEqualTo("/addresses/v3/address")).withHeader("Authorization", equalTo("Bearer token-B"))
        .willReturn(aResponse().withHeader("Content-Type", "application/json")
            .withBody(Fixtures.bytes("address/address.response.json"))));

    assertThat(shipbridge.validateAddress(EmulatorTestBase.CUSTOMER).deliverable()).isTrue();
    wm.verify(2, postRequestedFor(urlPathEqualTo("/oauth2/v3/token")));
    wm.verify(2, getRequestedFor(urlPathEqualTo("/addresses/v3/address")));
  }

  @Test
  void a429BecomesRateLimitedWithTheCarriersRetryAfter() {
    wm.stubFor(get(urlPathEqualTo("/addresses/v3/address")).willReturn(aResponse().withStatus(429)
        .withHeader("Retry-After", "30").withHeader("Content-Type", "application/json")
        .withBody(Fixtures.bytes("errors/quota-exceeded.response.json"))));
    assertThatThrownBy(() -> shipbridge.validateAddress(EmulatorTestBase.CUSTOMER))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(30)));
  }

  @Test
  void anHtmlGatewayPageIsARetryableUnavailableCarrier() {
    wm.stubFor(post(urlPathEqualTo("/tracking/v3r2/tracking")).willReturn(aResponse().withStatus(503)
        .withHeader("Content-Type", "text/html").withBody("<html><body>Service Unavailable</body></html>")));
    assertThatThrownBy(() -> shipbridge.track("9400109104250532908587"))
        .isInstanceOfSatisfying(CarrierUnavailableException.class, e -> assertThat(e.retryable()).isTrue());
  }

  @Test
  void aMalformedSuccessBodyIsACarrierExceptionNeverAParserException() {
    wm.stubFor(post(urlPathEqualTo("/prices/v3/total-rates/search")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"rateOptions\":[{\"totalBasePrice\":\"abc\",")));
    wm.stubFor(post(urlPathEqualTo("/tracking/v3r2/tracking")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("[{\"trackingNumber\":\"9400109104250532908587\",\"trackingEvents\":\"nope\"}]")));
    var request = dev.shipbridge.model.QuoteRequest.builder().from(EmulatorTestBase.WAREHOUSE).to(EmulatorTestBase.CUSTOMER)
        .parcel(dev.shipbridge.model.Parcel.of(dev.shipbridge.model.Weight.grams(500))).build();
    assertThat(shipbridge.quote(request).failures()).singleElement()
        .satisfies(f -> assertThat(f.error()).isExactlyInstanceOf(CarrierException.class));
    assertThatThrownBy(() -> shipbridge.track("9400109104250532908587")).isExactlyInstanceOf(CarrierException.class)
        .hasMessageContaining("usps");
  }

  @Test
  void aV3r2NotFoundForTheWholeCallIsNotFound() {
    wm.stubFor(post(urlPathEqualTo("/tracking/v3r2/tracking")).willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"apiVersion\":\"v3r2\",\"error\":{\"code\":\"404\",\"message\":\"Tracking is not available for this item.\"}}")));
    assertThatThrownBy(() -> shipbridge.track("9400109104250532908587"))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.retryable()).isFalse());
  }

  @Test
  void readsAMultipartLabelAnswerWhoseBoundaryHasAPlus() {
    wm.stubFor(post(urlPathEqualTo("/labels/v3/label")).willReturn(aResponse()
        .withHeader("Content-Type", "multipart/form-data; boundary=FNfrpx9bbvOkzqOIlaOc8mp+")
        .withBody(Fixtures.text("label/domestic.response.multipart.txt").replace("\n", "\r\n"))));
    Label label = UspsLabelWireTest.buy(shipbridge, "multipart-1");
    assertThat(label.trackingNumber()).isEqualTo("9205590109769900012613");
    assertThat(label.postage()).isEqualTo(Money.of("13.45", "USD"));
    assertThat(new String(label.content(), StandardCharsets.ISO_8859_1)).startsWith("%PDF");
  }

  @Test
  void aRefundUspsRefusesIsARejectedCancellation() {
    wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete(urlPathMatching("/labels/v3/label/.*"))
        .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json").withBody(
            "{\"apiVersion\":\"/labels/v3\",\"error\":{\"code\":\"400\",\"message\":\"Bad Request\",\"errors\":[{\"status\":\"400\","
                + "\"detail\":\"A refund request for this order cannot be submitted\",\"source\":{\"parameter\":\"trackingNumber\"}}]}}")));
    assertThat(shipbridge.cancel("9205590109769900012613").status())
        .isEqualTo(dev.shipbridge.model.CancelResult.Status.REJECTED);
  }
}
