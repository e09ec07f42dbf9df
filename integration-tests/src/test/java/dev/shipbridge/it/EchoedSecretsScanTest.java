package dev.shipbridge.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.cainiao.CainiaoCarrier;
import dev.shipbridge.it.logging.Capture;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.resilience.OperationPolicy;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.usps.UspsCarrier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Carriers that echo the secrets they were sent: error bodies quoting the USPS client secret,
 * access and payment tokens and EPS account, and Cainiao's access token and app secret, with
 * SLF4J capturing at TRACE. None of those values may appear in an exception message, a log line
 * (TRACE bodies included) or a result's {@code toString()}. Real adapters through the facade, on a
 * loopback WireMock standing in for each carrier.
 */
class EchoedSecretsScanTest {
  static final String USPS_SECRET = "uspsClientSecretEcho0a1b2c3d";
  static final String USPS_ACCESS = "uspsAccessTokenEcho9f8e7d6c5b";
  static final String USPS_PAYMENT = "uspsPaymentTokenEcho1q2w3e4r";
  static final String EPS_ACCOUNT = "1000987654";
  static final String CAINIAO_TOKEN = "cainiaoAccessTokenEcho5t6y7u8i";
  static final String CAINIAO_SECRET = "cainiaoAppSecretEcho2z3x4c5v";
  static final Map<String, String> CANARIES = Map.of("USPS client secret", USPS_SECRET, "USPS access token", USPS_ACCESS,
      "USPS payment token", USPS_PAYMENT, "EPS account number", EPS_ACCOUNT, "Cainiao access token", CAINIAO_TOKEN,
      "Cainiao app secret", CAINIAO_SECRET);

  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-02T15:00:00Z"));
  private final List<Object> results = new ArrayList<>();
  private final List<Throwable> failures = new ArrayList<>();
  private WireMockServer usps;
  private WireMockServer cainiao;

  @BeforeEach
  void start() {
    usps = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    cainiao = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    usps.start();
    cainiao.start();
    String echo = "Request echoed: Authorization Bearer " + USPS_ACCESS + ", X-Payment-Authorization-Token "
        + USPS_PAYMENT + ", client_secret=" + USPS_SECRET + ", accountNumber " + EPS_ACCOUNT;
    usps.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"apiVersion\":\"v3\",\"error\":{\"code\":\"" + USPS_ACCESS + "\",\"message\":\"" + echo
            + "\",\"errors\":[{\"code\":\"x\",\"title\":\"" + USPS_PAYMENT + "\",\"detail\":\"" + echo + "\"}]}}")));
    usps.stubFor(post(urlPathEqualTo("/oauth2/v3/token")).atPriority(1).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\":\"" + USPS_ACCESS + "\",\"token_type\":\"Bearer\",\"expires_in\":28799}")));
    usps.stubFor(post(urlPathEqualTo("/payments/v3/payment-authorization")).atPriority(1).willReturn(aResponse()
        .withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"paymentAuthorizationToken\":\"" + USPS_PAYMENT + "\"}")));
    cainiao.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"error_response\":{\"code\":\"IllegalAccessToken\",\"msg\":\"session " + CAINIAO_TOKEN
            + " is not valid\",\"sub_msg\":\"app_secret " + CAINIAO_SECRET + " does not sign\",\"request_id\":\"r1\"},"
            + "\"code\":\"IllegalAccessToken\",\"message\":\"session " + CAINIAO_TOKEN + "\"}")));
  }

  @AfterEach
  void stop() {
    usps.stop();
    cainiao.stop();
  }

  @Test
  void aTraceScanWithCarrierEchoedSecretsFindsNone() {
    List<Capture.Event> events;
    Capture.start();
    try {
      runFlows();
    } finally {
      events = Capture.stop();
    }
    assertThat(events).as("TRACE bodies were captured").anySatisfy(e -> assertThat(e.formatted()).matches("(?s).* response \\d{3}\\n.*"));
    assertThat(failures).as("the echoing answers failed the calls").hasSizeGreaterThanOrEqualTo(3);
    assertThat(usps.getAllServeEvents()).as("the EPS account went over the wire")
        .anySatisfy(e -> assertThat(e.getRequest().getBodyAsString()).contains(EPS_ACCOUNT));
    List<String> leaks = new ArrayList<>();
    for (Capture.Event e : events) for (String t : e.texts()) leaks.addAll(find("log " + e.level() + " " + e.logger(), t));
    for (Throwable t : failures) leaks.addAll(find("exception " + t.getClass().getSimpleName(), Capture.trace(t)));
    for (Object r : results) leaks.addAll(find("toString of " + r.getClass().getSimpleName(), String.valueOf(r)));
    assertThat(usps.getAllServeEvents()).as("the payment token was issued before it was echoed")
        .anySatisfy(e -> assertThat(e.getRequest().getUrl()).contains("/payments/v3/payment-authorization"));
    assertThat(leaks).isEmpty();
  }

  private static List<String> find(String where, String text) {
    List<String> out = new ArrayList<>();
    if (text == null) return out;
    CANARIES.forEach((what, value) -> {
      if (text.contains(value)) out.add(what + " in " + where + ": " + text.substring(0, Math.min(400, text.length())));
    });
    return out;
  }

  private void runFlows() {
    ResiliencePolicy policy = ResiliencePolicy.custom().all(s -> s.unlimited().maxAttempts(1)
        .circuitBreaker(OperationPolicy.CircuitBreakerSettings.DISABLED)).build();
    UspsCarrier uspsCarrier = UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId("usps-client-id")
        .clientSecret(USPS_SECRET)
        .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", EPS_ACCOUNT))
        .inductionZip("11430").build();
    CainiaoCarrier cainiaoCarrier = CainiaoCarrier.builder().appKey("502001").appSecret(CAINIAO_SECRET)
        .accessToken(CAINIAO_TOKEN).iopBaseUrl(cainiao.baseUrl()).handoverLoginId("seller@example.com").build();
    try (Shipbridge sb = Shipbridge.builder().discoverCarriers(false).clock(clock).sleeper(d -> { }).resilience(policy)
        .carrier(uspsCarrier).carrier(cainiaoCarrier).build()) {
      QuoteRequest domestic = QuoteRequest.builder().from(Requests.WAREHOUSE).to(Requests.BROOKLYN).parcel(Requests.BOX)
          .build();
      // the label first: it fetches the payment token every later echo quotes
      attempt(() -> sb.label(Requests.uspsLabel("echo-usps-1", Requests.BROOKLYN)));
      attempt(() -> sb.quote(domestic));
      attempt(() -> sb.quote(Requests.crossBorderQuote()));
      attempt(() -> sb.track("9205590109769900012613"));
      attempt(() -> sb.track("LP00579396348112"));
      attempt(() -> sb.label(Requests.cainiaoLabel("echo-cainiao-1", "8000000000001", Requests.BROOKLYN)));
    }
    try (Shipbridge refused = Shipbridge.builder().discoverCarriers(false).clock(clock).sleeper(d -> { }).resilience(policy)
        .carrier(UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId("usps-client-id").clientSecret(USPS_SECRET).build())
        .build()) {
      usps.stubFor(post(urlPathEqualTo("/oauth2/v3/token")).atPriority(0).willReturn(aResponse().withStatus(401)
          .withHeader("Content-Type", "application/json")
          .withBody("{\"error\":\"invalid_client\",\"error_description\":\"client_secret " + USPS_SECRET + " is wrong\"}")));
      attempt(() -> refused.track("9205590109769900012613"));
    }
  }

  private void attempt(Supplier<Object> flow) {
    try {
      Object r = flow.get();
      results.add(r);
      if (r instanceof dev.shipbridge.QuoteResult q) q.failures().forEach(f -> results.add(f));
    } catch (RuntimeException e) {
      failures.add(e);
    }
  }
}
