package dev.shipbridge.cainiao;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.shipbridge.cainiao.internal.LabelMapper;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.Malformations;
import dev.shipbridge.testkit.conformance.CarrierConformanceKit;
import dev.shipbridge.testkit.conformance.Operation;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The real {@link CainiaoCarrier} through the facade, on the testkit's emulator, under the default policy. */
class CainiaoConformanceTest extends CarrierConformanceKit {
  static CainiaoEmulator cainiao;
  private static final AtomicInteger KEYS = new AtomicInteger();

  @BeforeAll
  static void startEmulator() {
    cainiao = CainiaoEmulator.start(java.time.Clock.fixed(java.time.Instant.parse("2026-03-02T15:00:00Z"),
        java.time.ZoneOffset.UTC));
  }

  @AfterAll
  static void stopEmulator() {
    cainiao.close();
  }

  @Override
  protected String upstream() {
    return cainiao.iopBaseUrl();
  }

  /**
   * Two stores under the platform's app (the emulator knows one app and seller): one AliExpress
   * quota, so one rate limiter; their own breakers. Cainiao fetches no token.
   */
  @Override
  protected Carrier accountCarrier(String baseUrl, int n) {
    return carrier(baseUrl);
  }

  @Override
  protected Carrier carrier(String baseUrl) {
    return CainiaoCarrier.builder().appKey(cainiao.appKey()).appSecret(cainiao.appSecret())
        .accessToken(cainiao.accessToken()).iopBaseUrl(baseUrl).handoverLoginId("seller@example.com").build();
  }

  private static Supplier<MappingBuilder> method(String method) {
    return () -> post(urlPathEqualTo("/sync")).withQueryParam("method", equalTo(method));
  }

  @Override
  protected List<String> secrets() {
    return List.of(cainiao.appSecret(), cainiao.accessToken());
  }

  @Override
  protected List<String> ownTrackingNumbers() {
    return List.of("LP00123456789012");
  }

  @Override
  protected dev.shipbridge.spi.CarrierProvider provider() {
    return new dev.shipbridge.cainiao.internal.CainiaoCarrierProvider();
  }

  @Override
  protected List<Operation> operations() {
    String key = "conformance-" + KEYS.incrementAndGet();
    return List.of(
        Operation.read("quote", method("cainiao.global.solution.inquiry"), sb -> sb.quote(TestData.quoteRequest()))
            .malformations(json(TestData.text("quote/solution-inquiry.response.json"))),
        Operation.read("track", method("aliexpress.logistics.redefining.querytrackingresult"),
            sb -> sb.track(sb.label(TestData.labelRequest(key + "-t")).trackingNumber()))
            .malformations(json(TRACK))
            // the answer template: one event whose action code Cainiao never documented
            .eventCodes(code -> okJson(TRACK.replace("\"GWMS_ACCEPT\"", "\"" + code + "\"")))
            // Cainiao tracks one number a call: the seller has no order for the second LP code
            .perNumberFailure(List.of("LP00123456789012", NO_ORDER, "LP00579396348112"), NO_ORDER, server -> {
              server.stubFor(method(LabelMapper.ONLINE_INFO).get().atPriority(2)
                  .willReturn(okJson(TestData.text("label/online-logistics-info.response.json"))));
              server.stubFor(method(LabelMapper.ONLINE_INFO).get().withRequestBody(containing(NO_ORDER)).atPriority(1)
                  .willReturn(okJson("{\"is_success\":true,\"current_page\":1,\"total_page\":0,\"result_list\":[]}")));
              server.stubFor(method("aliexpress.logistics.redefining.querytrackingresult").get().atPriority(2)
                  .willReturn(okJson(TRACK)));
            }),
        Operation.purchase("label", method("cainiao.global.logistic.order.create"),
            sb -> sb.label(TestData.labelRequest(key)), key)
            // check(): Cainiao prints PDF only, so a ZPL label is refused before any call
            .refusing(sb -> sb.label(TestData.labelRequest(key + "-zpl").toBuilder()
                .format(dev.shipbridge.model.LabelFormat.zpl(203)).build()))
            .malformations(json(TestData.text("label/order-create.response.json"))));
  }

  static final String TRACK = TestData.text("track/query-tracking-result.response.json");
  static final String NO_ORDER = "LP00987654321098";

  static Malformations.Valid json(String body) {
    return new Malformations.Valid("application/json", body, null, null, null, null);
  }
}
