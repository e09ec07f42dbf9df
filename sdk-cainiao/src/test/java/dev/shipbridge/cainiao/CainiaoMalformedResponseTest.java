package dev.shipbridge.cainiao;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.shipbridge.CarrierException;
import dev.shipbridge.QuoteResult;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeException;
import dev.shipbridge.testkit.Malformations;
import dev.shipbridge.testkit.Malformations.Answer;
import dev.shipbridge.testkit.Malformations.Kind;
import dev.shipbridge.testkit.Malformations.Valid;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.Manifest;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.resilience.OperationPolicy;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Cainiao call of every capability against every kind of broken answer (plain WireMock,
 * dynamic port), one call broken at a time, the others answered well: the capability either
 * returns a sane value (a documented tolerant parse) or throws a typed {@link CarrierException}
 * whose cause chain holds only Shipbridge and I/O exceptions and whose messages never quote the
 * body.
 */
class CainiaoMalformedResponseTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String LP = "LP00579396348112";
  static final AtomicInteger KEYS = new AtomicInteger();
  static final MutableClock CLOCK = MutableClock.startingAt(Instant.parse("2026-03-10T04:00:00Z"));
  static final Map<String, String> OUTCOMES = new ConcurrentSkipListMap<>();
  static Shipbridge iop;
  static Shipbridge link;

  /** The IOP methods (and the LINK gateway) with a valid answer each. */
  enum Api {
    INQUIRY("cainiao.global.solution.inquiry", "quote/solution-inquiry.response.json", null),
    CREATE("cainiao.global.logistic.order.create", "label/order-create.response.json", null),
    ONLINE_INFO("aliexpress.logistics.redefining.getonlinelogisticsinfo", "label/online-logistics-info.response.json", null),
    PRINT("aliexpress.logistics.redefining.getprintinfo", "label/print-info-raw.response.json", "result"),
    QUERY_TRACKING("aliexpress.logistics.redefining.querytrackingresult", "track/query-tracking-result.response.json", null),
    SAVE_DRAFT("cainiao.global.handover.savedraft", "manifest/savedraft.response.json", null),
    COMMIT("cainiao.global.handover.commit", "manifest/commit.response.json", null),
    HANDOVER_PDF("cainiao.global.handover.pdf.get", "manifest/pdf.response.json", "data"),
    LINK_TRACKING(null, "track/link-tracking.response.json", null);

    final String method;
    final String fixture;
    final String imageField;

    Api(String method, String fixture, String imageField) {
      this.method = method;
      this.fixture = fixture;
      this.imageField = imageField;
    }

    Valid valid() {
      return new Valid("application/json;charset=UTF-8", TestData.text(fixture), imageField, null, null, null);
    }

    MappingBuilder stub() {
      if (this == LINK_TRACKING) return any(urlPathEqualTo("/gateway/link.do"));
      return any(urlPathEqualTo("/sync")).withQueryParam("method", equalTo(method));
    }
  }

  /** One call of one capability, broken while the capability runs. */
  enum Step {
    QUOTE(Api.INQUIRY, s -> {
      QuoteResult r = iop.quote(TestData.quoteRequest());
      if (!r.failures().isEmpty()) throw r.failures().get(0).error();
      r.quotes().forEach(q -> assertThat(q.total().amount().signum()).as("a quoted price is never negative").isGreaterThanOrEqualTo(0));
      return r;
    }),
    LABEL_CREATE(Api.CREATE, Step::label),
    LABEL_ONLINE_INFO(Api.ONLINE_INFO, Step::label),
    LABEL_PRINT(Api.PRINT, Step::label),
    TRACK_ONLINE_INFO(Api.ONLINE_INFO, Step::track),
    TRACK_QUERY(Api.QUERY_TRACKING, Step::track),
    TRACK_LINK(Api.LINK_TRACKING, s -> {
      Tracking t = link.track(LP);
      assertThat(t.trackingNumber()).isEqualTo(LP);
      return t;
    }),
    MANIFEST_DRAFT(Api.SAVE_DRAFT, Step::manifest),
    MANIFEST_COMMIT(Api.COMMIT, Step::manifest),
    MANIFEST_PDF(Api.HANDOVER_PDF, Step::manifest);

    final Api api;
    final Function<Step, Object> call;

    Step(Api api, Function<Step, Object> call) {
      this.api = api;
      this.call = call;
    }

    boolean buysALabel() {
      return this == LABEL_CREATE || this == LABEL_ONLINE_INFO || this == LABEL_PRINT;
    }

    private static Object label(Step s) {
      Label l = iop.label(TestData.labelRequest("malformed-" + KEYS.incrementAndGet()));
      assertThat(l.trackingNumber()).matches("[A-Z0-9]{6,40}");
      assertThat(new String(l.content(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
      return l;
    }

    private static Object track(Step s) {
      Tracking t = iop.track(LP);
      assertThat(t.trackingNumber()).isEqualTo(LP);
      return t;
    }

    private static Object manifest(Step s) {
      Manifest m = iop.manifest(new ManifestRequest(CarrierId.CAINIAO, List.of(LP), TestData.shenzhen(), null));
      assertThat(m.manifestId()).isNotBlank();
      return m;
    }
  }

  @BeforeAll
  static void facades() {
    ResiliencePolicy policy = ResiliencePolicy.custom().carrier(CarrierId.CAINIAO, s -> s.maxAttempts(2).unlimited()
        .circuitBreaker(OperationPolicy.CircuitBreakerSettings.DISABLED)).build();
    iop = Shipbridge.builder().discoverCarriers(false).clock(CLOCK).sleeper(d -> { }).resilience(policy)
        .carrier(CainiaoCarrier.builder().appKey("500100").appSecret("app-secret").accessToken("seller-token")
            .iopBaseUrl(wm.baseUrl()).handoverLoginId("seller@example.com").build())
        .build();
    link = Shipbridge.builder().discoverCarriers(false).clock(CLOCK).sleeper(d -> { }).resilience(policy)
        .carrier(CainiaoCarrier.builder().linkProviderId("provider").linkSecretKey("link-secret")
            .linkBaseUrl(wm.baseUrl() + "/gateway/link.do").build())
        .build();
  }

  @AfterAll
  static void close() {
    iop.close();
    link.close();
    if (Boolean.getBoolean("shipbridge.malformed.print")) OUTCOMES.forEach((k, v) -> System.out.println("OUTCOME " + k + " -> " + v));
  }

  @BeforeEach
  void validAnswers() {
    for (Api a : Api.values()) {
      wm.stubFor(a.stub().willReturn(aResponse().withHeader("Content-Type", "application/json;charset=UTF-8")
          .withBody(TestData.bytes(a.fixture))));
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Step s : Step.values()) {
      for (Kind k : Kind.values()) out.add(Arguments.of(s, k));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} answered with {1}")
  @MethodSource("cases")
  void aBrokenAnswerIsATypedCarrierExceptionOrATolerantParse(Step step, Kind kind) {
    Answer a = kind.answer(step.api.valid());
    ResponseDefinitionBuilder r = aResponse().withStatus(a.status());
    a.headers().forEach(r::withHeader);
    if (a.fault() != null) r.withFault(a.fault());
    else r.withBody(a.body());
    wm.stubFor(step.api.stub().willReturn(r));

    Object result;
    try {
      result = step.call.apply(step);
    } catch (Throwable t) {
      OUTCOMES.put(kind + " " + step, t.getClass().getSimpleName() + ": " + t.getMessage());
      checkFailure(step, kind, t);
      return;
    }
    OUTCOMES.put(kind + " " + step, "OK " + result);
    assertThat(result).isNotNull();
    assertThat(expected(step, kind)).as("%s with %s should have failed, but returned %s", step, kind, result)
        .isNotEqualTo(Expect.FAIL);
  }

  static void checkFailure(Step step, Kind kind, Throwable t) {
    if (t instanceof AssertionError ae) throw ae;
    if (!(t instanceof CarrierException ce)) {
      throw new AssertionError(step + " with " + kind + " threw " + t.getClass().getName() + " instead of a CarrierException", t);
    }
    assertThat(expected(step, kind)).as("%s with %s should have been tolerated: %s", step, kind, t).isNotEqualTo(Expect.OK);
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      boolean allowed = c instanceof ShipbridgeException || c instanceof IOException
          || c.getClass().getName().equals("dev.shipbridge.http.JsonCodec$MalformedResponse");
      if (!allowed) {
        throw new AssertionError(step + " with " + kind + ": a raw " + c.getClass().getName() + " is in the cause chain of " + t, t);
      }
      String m = String.valueOf(c.getMessage());
      if (m.contains(Malformations.CANARY) || m.contains("[Source:") || m.toLowerCase(Locale.ROOT).contains("unrecognized token")
          || m.contains("Cannot deserialize") || m.contains("Cannot construct") || m.contains("line: ")) {
        fail(step + " with " + kind + ": a message quotes the body: " + m);
      }
    }
    if (step.buysALabel()) {
      assertThat(ce.idempotencyKey()).as("a failed purchase carries its idempotency key: %s", t).isPresent();
      if (step == Step.LABEL_CREATE && ce.httpStatus() >= 200 && ce.httpStatus() < 300
          && !(t instanceof dev.shipbridge.InvalidRequestException)) {
        assertThat(ce.outcomeUnknown() || ce.retryable())
            .as("an unreadable answer to a create is outcome-unknown: %s", t).isTrue();
      }
    }
  }

  enum Expect { FAIL, OK, EITHER }

  /**
   * FAIL: a typed CarrierException; OK: a documented tolerant parse; EITHER: depends on where the
   * damage lands (Cainiao's lenient readers skip a broken optional field and fail on a required one).
   */
  static Expect expected(Step step, Kind k) {
    return switch (k) {
      case EMPTY_BODY, HTML_PAGE, HTML_PAGE_LABELLED_JSON, TRUNCATED_JSON, TRUNCATED_INSIDE_A_STRING, PLAIN_TEXT_GARBAGE,
          OVERLONG_NUMBER, TEN_MEGABYTE_BODY, DEEP_NESTING, DEEP_NESTING_INSIDE, NULL_DOCUMENT, STRING_DOCUMENT,
          XML_DOCUMENT, XXE_DOCUMENT, INVALID_UTF8, CONTROL_CHARACTERS, XSSI_PREFIX, ARRAY_INSTEAD_OF_OBJECT,
          MULTIPART_MISSING_PART, MULTIPART_WRONG_BOUNDARY, MULTIPART_WITHOUT_BOUNDARY, GZIP_HEADER_PLAIN_BODY,
          SERVER_ERROR_WITH_TRUNCATED_JSON, CLIENT_ERROR_WITH_HTML, NOT_FOUND_WITH_EMPTY_BODY, UNEXPECTED_STATUS_WITH_JSON,
          SOCKET_MALFORMED_CHUNK, SOCKET_RANDOM_DATA, SOCKET_EMPTY_RESPONSE -> Expect.FAIL;
      case BOM_PREFIXED, UTF16_BODY, MISSING_CONTENT_TYPE, WRONG_CONTENT_TYPE, NUMBERS_AS_STRINGS, TRAILING_GARBAGE,
          DUPLICATE_KEYS -> Expect.OK;
      default -> Expect.EITHER;
    };
  }
}
