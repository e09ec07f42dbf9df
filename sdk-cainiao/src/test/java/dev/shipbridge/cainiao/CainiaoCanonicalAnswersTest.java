package dev.shipbridge.cainiao;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.shipbridge.testkit.CanonicalAnswers.CAINIAO;
import static dev.shipbridge.testkit.CanonicalAnswers.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.shipbridge.AuthenticationException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.QuoteResult;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.Manifest;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.CanonicalAnswers;
import dev.shipbridge.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One source of truth per wire format: every canonical answer the testkit's Cainiao emulator
 * answers from ({@code dev/shipbridge/testkit/cainiao/answers/*.json}) is served by a plain
 * WireMock server and read through the adapter's public path ({@link Shipbridge} with a {@link
 * CainiaoCarrier}), under the default resilience policy and a permissive one. A new answer file
 * fails {@link #everyCanonicalAnswerIsReadByTheAdapterOrSaysWhyNot()} until a scenario reads it.
 */
class CainiaoCanonicalAnswersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> READ = new TreeSet<>();
  /** Answers the adapter has no public path to, and why. */
  private static final Map<String, String> NOT_READ = Map.of(
      "iop-token", "the adapter takes the seller's access token from its configuration; it never calls /rest/auth/token/create",
      "iop-error-rest", "the error shape of the path-style /rest/... calls, which the adapter never makes");
  private static final String LP = "LP00123456789012";
  private static final String S10 = "RB123456785CN";
  private static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);

  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-02T01:00:00Z"));
  private WireMockServer server;
  private Shipbridge shipbridge;

  private void start(String policy) {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    List<Object> solutions = List.of(
        tree("solution", "code", "CAINIAO_STANDARD", "name", "Cainiao Standard Shipping", "recommendIndex", 90,
            "fastDays", 7, "slowestDays", 15, "feeFen", 1815),
        tree("solution", "code", "CAINIAO_ECONOMY", "name", "Cainiao Saver Shipping", "recommendIndex", 50,
            "fastDays", 15, "slowestDays", 30, "feeFen", 1010));
    iop("cainiao.global.solution.inquiry", tree("solution-inquiry", "solutions", solutions));
    iop("cainiao.global.logistic.order.create", tree("order-create", "logisticsOrderId", 5002775118001L));
    iop("aliexpress.logistics.redefining.getonlinelogisticsinfo", tree("online-logistics-info", "rows", List.of(
        tree("online-logistics-row", "orderId", 8001234567890123L, "onlineLogisticsId", 5002775118001L,
            "lpNumber", LP, "internationalLogisticsId", S10, "originalInternationalLogisticsId", S10,
            "solutionCode", "CAINIAO_STANDARD", "logisticsStatus", "INIT", "lastMileResourceCode", null))));
    Map<String, Object> print = new LinkedHashMap<>();
    print.put("result", write(Map.of("body", Base64.getEncoder().encodeToString(PDF))));
    iop("aliexpress.logistics.redefining.getprintinfo", print);
    iop("aliexpress.logistics.redefining.querytrackingresult", tree("tracking-result", "details", List.of(
        tree("tracking-result-event", "eventDate", "2026-03-02 17:00:00", "eventDescription",
            "[Dongguan] Processing at sorting center", "address", "Dongguan", "actionCode", "SC_INBOUND_SUCCESS"),
        tree("tracking-result-event", "eventDate", "2026-03-02 09:00:00", "eventDescription",
            "[Shenzhen] Order received successfully", "address", "Shenzhen", "actionCode", "GWMS_ACCEPT"))));
    iop("cainiao.global.handover.savedraft", tree("handover-result", "success", true, "errorCode", null,
        "errorMessage", null, "data", Map.of("handover_order_id", 9100001L, "handover_content_id", 9200001L)));
    iop("cainiao.global.handover.commit", tree("handover-result", "success", true, "errorCode", null,
        "errorMessage", null, "data", Map.of("handover_content_code", "LP00999999999999",
            "handover_content_id", 9200001L, "handover_order_id", 9100001L)));
    iop("cainiao.global.handover.pdf.get", tree("handover-result", "success", true, "errorCode", null,
        "errorMessage", null, "data", Base64.getEncoder().encodeToString(PDF)));
    CainiaoCarrier carrier = CainiaoCarrier.builder().appKey("app-key-1").appSecret("app-secret-XYZ")
        .accessToken("token-123").iopBaseUrl(server.baseUrl()).handoverLoginId("seller@example.com").build();
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).carrier(carrier).clock(clock)
        .sleeper(d -> clock.advance(d));
    if (policy.equals("permissive")) {
      b.resilience(ResiliencePolicy.custom().carrier(CarrierId.CAINIAO,
          s -> s.maxAttempts(1).unlimited().maxConcurrentCalls(200)).build());
    }
    shipbridge = b.build();
  }

  @AfterEach
  void stop() {
    if (shipbridge != null) shipbridge.close();
    if (server != null) server.stop();
    shipbridge = null;
    server = null;
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "permissive"})
  void theCanonicalSolutionsAreQuotes(String policy) {
    start(policy);
    QuoteResult result = shipbridge.quote(TestData.quoteRequest());
    assertThat(result.failures()).isEmpty();
    assertThat(result.quotes()).extracting(Quote::serviceCode).containsExactlyInAnyOrder("CAINIAO_STANDARD",
        "CAINIAO_ECONOMY");
    assertThat(result.quotes()).allSatisfy(q -> assertThat(q.total().amount().signum()).isPositive());
    READ.add("solution-inquiry");
    READ.add("solution");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "permissive"})
  void theCanonicalCreateAndOnlineInfoAreALabel(String policy) {
    start(policy);
    Label label = shipbridge.label(TestData.labelRequest("order-1042"));
    assertThat(label.trackingNumber()).isEqualTo(LP);
    assertThat(label.content()).isEqualTo(PDF);
    READ.add("order-create");
    READ.add("online-logistics-info");
    READ.add("online-logistics-row");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "permissive"})
  void theCanonicalCreateFailureIsATypedRefusal(String policy) {
    start(policy);
    iop("cainiao.global.logistic.order.create", tree("order-create-failure", "errorCode", "SOLUTION_NOT_EXIST",
        "errorMessage", "solution_code CAINIAO_STANDARD is not a solution of this seller"));
    assertThatThrownBy(() -> shipbridge.label(TestData.labelRequest("order-1042")))
        .isInstanceOfSatisfying(CarrierException.class, e -> {
          assertThat(e.carrierCode()).contains("SOLUTION_NOT_EXIST");
          assertThat(e.outcomeUnknown()).isFalse();
        });
    READ.add("order-create-failure");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "permissive"})
  void theCanonicalTrackingResultIsATrackingWithItsEvents(String policy) {
    start(policy);
    Tracking t = shipbridge.track(CarrierId.CAINIAO, LP);
    assertThat(t.carrier()).isEqualTo(CarrierId.CAINIAO);
    assertThat(t.events()).hasSize(2);
    READ.add("tracking-result");
    READ.add("tracking-result-event");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "permissive"})
  void theCanonicalHandoverResultsAreAManifest(String policy) {
    start(policy);
    Manifest m = shipbridge.manifest(new ManifestRequest(CarrierId.CAINIAO, List.of(LP), TestData.shenzhen(), null));
    assertThat(m.document()).isEqualTo(PDF);
    assertThat(m.trackingNumbers()).containsExactly(LP);
    assertThat(m.containerCode()).isEqualTo("LP00999999999999");
    READ.add("handover-result");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "permissive"})
  void theCanonicalIopErrorIsATypedAuthenticationFailure(String policy) {
    start(policy);
    iop("cainiao.global.solution.inquiry", tree("iop-error-sync", "type", "ISV", "code", "IllegalAccessToken",
        "message", "The specified access token is invalid or expired", "requestId", "0ba2887315178178017221014"));
    QuoteResult result = shipbridge.quote(TestData.quoteRequest());
    assertThat(result.quotes()).isEmpty();
    assertThat(result.failures()).singleElement()
        .satisfies(f -> assertThat(f.error()).isInstanceOf(AuthenticationException.class));
    READ.add("iop-error-sync");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "permissive"})
  void theCanonicalPublicTrackingEventsAreATracking(String policy) {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    List<Object> events = List.of(
        tree("public-tracking-event", "epochMillis", 1772442000000L, "beijingTime", "2026-03-02 17:00:00",
            "description", "[Dongguan] Processing at sorting center", "standardDescription",
            "Processing at sorting center", "actionCode", "SC_INBOUND_SUCCESS"),
        tree("public-tracking-event", "epochMillis", 1772413200000L, "beijingTime", "2026-03-02 09:00:00",
            "description", "[Shenzhen] Order received successfully", "standardDescription",
            "Order received successfully", "actionCode", "GWMS_ACCEPT"));
    Map<String, Object> module = new LinkedHashMap<>();
    module.put("mailNo", LP);
    module.put("mailNoSource", "AE");
    module.put("status", "TRANSITING");
    module.put("latestTrace", events.get(0));
    module.put("detailList", events);
    server.stubFor(get(urlPathEqualTo("/global/detail.json")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json;charset=UTF-8")
        .withBody(write(Map.of("success", true, "module", List.of(module))))));
    CainiaoCarrier carrier = CainiaoCarrier.builder().publicTracking(true).publicTrackingUrl(server.baseUrl()).build();
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).carrier(carrier).clock(clock)
        .sleeper(d -> clock.advance(d));
    if (policy.equals("permissive")) {
      b.resilience(ResiliencePolicy.custom().carrier(CarrierId.CAINIAO,
          s -> s.maxAttempts(1).unlimited().maxConcurrentCalls(200)).build());
    }
    shipbridge = b.build();
    Tracking t = shipbridge.track(CarrierId.CAINIAO, LP);
    assertThat(t.events()).hasSize(2);
    READ.add("public-tracking-event");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "permissive"})
  void theCanonicalLinkTrackingIsATrackingWithItsEvents(String policy) {
    startLink(policy, tree("link-tracking", "trackingNumber", S10, "statuses", List.of(
        tree("link-tracking-status", "mailNo", S10, "actionCode", "SC_INBOUND_SUCCESS", "epochMillis", 1772442000000L,
            "beijingTime", "2026-03-02 17:00:00", "description", "[Dongguan] Processing at sorting center",
            "statusName", "Processing at sorting center"),
        tree("link-tracking-status", "mailNo", S10, "actionCode", "GWMS_ACCEPT", "epochMillis", 1772413200000L,
            "beijingTime", "2026-03-02 09:00:00", "description", "[Shenzhen] Order received successfully",
            "statusName", "Order received successfully"))));
    Tracking t = shipbridge.track(CarrierId.CAINIAO, LP);
    assertThat(t.events()).hasSize(2);
    assertThat(t.details()).containsEntry("source", "link");
    READ.add("link-tracking");
    READ.add("link-tracking-status");
  }

  @ParameterizedTest
  @ValueSource(strings = {"link-error", "link-business-error"})
  void theCanonicalLinkErrorsAreTypedCarrierErrors(String name) {
    startLink("default", tree(name, "errorCode", name.equals("link-error") ? "S02" : "P-011-0201-00-00-502",
        "errorMessage", name.equals("link-error") ? "digist sign check not pass" : "query logisticOrder by mailNo error"));
    assertThatThrownBy(() -> shipbridge.track(CarrierId.CAINIAO, LP))
        .isInstanceOfSatisfying(CarrierException.class, e -> assertThat(e.carrierCode())
            .contains(name.equals("link-error") ? "S02" : "P-011-0201-00-00-502"));
    READ.add(name);
  }

  /** A carrier with LINK only, whose gateway answers {@code body} to every message. */
  private void startLink(String policy, Map<String, Object> body) {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    server.stubFor(post(urlPathEqualTo("/gateway/link.do")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json;charset=UTF-8").withBody(write(body))));
    CainiaoCarrier carrier = CainiaoCarrier.builder().linkProviderId("provider-1").linkSecretKey("link-secret-ABC")
        .linkBaseUrl(server.baseUrl() + "/gateway/link.do").build();
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).carrier(carrier).clock(clock)
        .sleeper(d -> clock.advance(d));
    if (policy.equals("permissive")) {
      b.resilience(ResiliencePolicy.custom().carrier(CarrierId.CAINIAO,
          s -> s.maxAttempts(1).unlimited().maxConcurrentCalls(200)).build());
    }
    shipbridge = b.build();
  }

  @Test
  void everyCanonicalAnswerIsReadByTheAdapterOrSaysWhyNot() {
    List<Runnable> scenarios = List.of(
        () -> theCanonicalSolutionsAreQuotes("default"),
        () -> theCanonicalCreateAndOnlineInfoAreALabel("default"),
        () -> theCanonicalCreateFailureIsATypedRefusal("default"),
        () -> theCanonicalTrackingResultIsATrackingWithItsEvents("default"),
        () -> theCanonicalHandoverResultsAreAManifest("default"),
        () -> theCanonicalIopErrorIsATypedAuthenticationFailure("default"),
        () -> theCanonicalPublicTrackingEventsAreATracking("default"),
        () -> theCanonicalLinkTrackingIsATrackingWithItsEvents("default"),
        () -> theCanonicalLinkErrorsAreTypedCarrierErrors("link-error"),
        () -> theCanonicalLinkErrorsAreTypedCarrierErrors("link-business-error"));
    for (Runnable scenario : scenarios) {
      try {
        scenario.run();
      } finally {
        stop();
      }
    }
    List<String> all = CanonicalAnswers.names(CAINIAO);
    assertThat(all).containsAll(NOT_READ.keySet());
    List<String> expected = new ArrayList<>(all);
    expected.removeAll(NOT_READ.keySet());
    assertThat(READ).containsExactlyInAnyOrderElementsOf(expected);
  }

  // ---------------------------------------------------------------- helpers

  private static Map<String, Object> tree(String name, Object... namesAndValues) {
    return CanonicalAnswers.tree(CAINIAO, name, values(namesAndValues));
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Answers an IOP method-style call as the gateway does with {@code simplify=true}: the body plus its request id. */
  private void iop(String method, Map<String, Object> body) {
    Map<String, Object> answer = new LinkedHashMap<>(body);
    if (!answer.containsKey("error_response")) {
      answer.put("request_id", "0ba2887315178178017221014");
    }
    server.stubFor(post(urlPathEqualTo("/sync")).withQueryParam("method", equalTo(method))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json;charset=UTF-8")
            .withBody(write(answer))));
  }
}
