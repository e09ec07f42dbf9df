package dev.shipbridge.usps;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.shipbridge.CarrierException;
import dev.shipbridge.QuoteResult;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeException;
import dev.shipbridge.model.CancelResult;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.Weight;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.Malformations;
import dev.shipbridge.testkit.Malformations.Answer;
import dev.shipbridge.testkit.Malformations.Kind;
import dev.shipbridge.testkit.Malformations.Valid;
import dev.shipbridge.usps.internal.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every USPS capability against every kind of broken answer (plain WireMock, dynamic port): the
 * call either returns a sane value (a documented tolerant parse) or throws a typed {@link
 * CarrierException} whose cause chain holds only Shipbridge exceptions, I/O exceptions or the
 * codec's body-free stand-in, and whose messages never quote the body.
 */
class UspsMalformedResponseTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  static final String TRACKING = "9205590109769900012613";
  static final String PDF_B64 = Base64.getEncoder().encodeToString(
      "%PDF-1.4\n1 0 obj\n<</Type/Catalog>>\nendobj\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1));
  static final AtomicInteger KEYS = new AtomicInteger();
  static final MutableClock CLOCK = MutableClock.startingAt(Instant.parse("2026-03-02T15:00:00Z"));
  static Shipbridge shipbridge;
  static final java.util.Map<String, String> OUTCOMES = new java.util.concurrent.ConcurrentSkipListMap<>();

  /** A USPS capability: where it is called, a valid answer, and how to call it. */
  enum Capability {
    QUOTE("/prices/v3/total-rates/search", () -> new Valid("application/json",
        Fixtures.text("quote/domestic-total-rates.response.json"), null, null, null, null),
        s -> {
          QuoteResult r = s.quote(QuoteRequest.builder().from(EmulatorTestBase.WAREHOUSE).to(EmulatorTestBase.CUSTOMER)
              .parcel(Parcel.of(Weight.grams(500))).build());
          if (!r.failures().isEmpty()) throw r.failures().get(0).error();
          r.quotes().forEach(q -> {
            assertThat(q.serviceCode()).isNotBlank();
            assertThat(q.total().amount().signum()).as("a quoted price is never negative").isGreaterThanOrEqualTo(0);
          });
          return r;
        }),
    QUOTE_OPTIONS("/shipments/v3/options/search", () -> new Valid("application/json",
        Fixtures.text("quote/options-search.response.json"), null, null, null, null),
        s -> {
          QuoteResult r = s.quote(QuoteRequest.builder().from(EmulatorTestBase.WAREHOUSE).to(EmulatorTestBase.CUSTOMER)
              .parcel(UspsQuoteTrackWireTest.BOX).build()); // with dimensions: Shipping Options answers
          if (!r.failures().isEmpty()) throw r.failures().get(0).error();
          r.quotes().forEach(q -> {
            assertThat(q.serviceCode()).isNotBlank();
            assertThat(q.total().amount().signum()).as("a quoted price is never negative").isGreaterThanOrEqualTo(0);
            if (q.minTransitDays() != null) assertThat(q.minTransitDays()).isBetween(0, 366);
          });
          return r;
        }),
    LABEL("/labels/v3/label", () -> new Valid("application/vnd.usps.labels+json",
        "{\"labelMetadata\":" + multipartJson(Fixtures.text("label/domestic.response.multipart.txt")) + ",\"labelImage\":\""
            + PDF_B64 + "\"}", "labelImage", "labelMetadata", "labelMetadata", "labelImage"),
        s -> {
          Label l = s.label(UspsLabelWireTest.request("malformed-" + KEYS.incrementAndGet()).build());
          assertThat(l.trackingNumber()).isNotBlank();
          assertThat(new String(l.content(), 0, 4, StandardCharsets.ISO_8859_1)).as("a PDF label is a PDF").isEqualTo("%PDF");
          if (l.postage() != null) assertThat(l.postage().amount().signum()).isGreaterThanOrEqualTo(0);
          return l;
        }),
    TRACK("/tracking/v3r2/tracking", () -> new Valid("application/json",
        Fixtures.text("track/v3r2-multistatus.response.json"), null, null, null, null),
        s -> {
          Tracking t = s.track(TRACKING);
          assertThat(t.trackingNumber()).isEqualTo(TRACKING);
          return t;
        }),
    CANCEL("/labels/v3/label/" + TRACKING, () -> new Valid("application/json",
        Fixtures.text("label/cancel-disputed.response.json"), null, null, null, null),
        s -> {
          CancelResult c = s.cancel(TRACKING);
          assertThat(c.status()).isNotNull();
          return c;
        }),
    ADDRESS("/addresses/v3/address", () -> new Valid("application/json",
        Fixtures.text("address/address.response.json"), null, null, null, null),
        s -> s.validateAddress(EmulatorTestBase.CUSTOMER)),
    MANIFEST("/scan-forms/v3/scan-form", () -> new Valid("application/vnd.usps.labels+json",
        "{\"SCANFormMetaData\":" + multipartJson(Fixtures.text("manifest/scan-form.response.multipart.txt"))
            + ",\"SCANFormImage\":\"" + PDF_B64 + "\"}", "SCANFormImage", "SCANFormMetaData", "Scan Form Response", "SCANFormImage"),
        s -> s.manifest(new ManifestRequest(CarrierId.USPS, List.of(TRACKING), EmulatorTestBase.WAREHOUSE, null)));

    final String path;
    final java.util.function.Supplier<Valid> valid;
    final Function<Shipbridge, Object> call;

    Capability(String path, java.util.function.Supplier<Valid> valid, Function<Shipbridge, Object> call) {
      this.path = path;
      this.valid = valid;
      this.call = call;
    }
  }

  static String multipartJson(String multipart) {
    Matcher m = Pattern.compile("(?m)^\\{.*\\}$").matcher(multipart);
    if (!m.find()) throw new IllegalStateException("no JSON part");
    return m.group();
  }

  @BeforeAll
  static void facade() {
    UspsCarrier carrier = UspsCarrier.builder().baseUrl(wm.baseUrl()).clientId("client").clientSecret("secret")
        .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525"))
        .inductionZip("11430").build();
    shipbridge = Shipbridge.builder().discoverCarriers(false).carrier(carrier).clock(CLOCK).sleeper(d -> { })
        .resilience(ResiliencePolicy.custom().carrier(CarrierId.USPS, s -> s.maxAttempts(2).unlimited()
            .circuitBreaker(dev.shipbridge.resilience.OperationPolicy.CircuitBreakerSettings.DISABLED)).build())
        .build();
  }

  @AfterAll
  static void close() {
    shipbridge.close();
    if (Boolean.getBoolean("shipbridge.malformed.print")) OUTCOMES.forEach((k, v) -> System.out.println("OUTCOME " + k + " -> " + v));
  }

  @BeforeEach
  void tokens() {
    wm.stubFor(post(urlPathEqualTo("/oauth2/v3/token")).willReturn(aResponse().withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\":\"token-A\",\"token_type\":\"Bearer\",\"expires_in\":28799}")));
    wm.stubFor(post(urlPathEqualTo("/payments/v3/payment-authorization")).willReturn(aResponse()
        .withHeader("Content-Type", "application/json").withBody("{\"paymentAuthorizationToken\":\"pay.jwt.sig\",\"roles\":[]}")));
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (Capability c : Capability.values()) {
      for (Kind k : Kind.values()) out.add(Arguments.of(c, k));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} answered with {1}")
  @MethodSource("cases")
  void aBrokenAnswerIsATypedCarrierExceptionOrATolerantParse(Capability capability, Kind kind) {
    Answer a = kind.answer(capability.valid.get());
    ResponseDefinitionBuilder r = aResponse().withStatus(a.status());
    a.headers().forEach(r::withHeader);
    if (a.fault() != null) r.withFault(a.fault());
    else r.withBody(a.body());
    wm.stubFor(any(urlPathEqualTo(capability.path)).willReturn(r));

    Object result;
    try {
      result = capability.call.apply(shipbridge);
    } catch (Throwable t) {
      OUTCOMES.put(kind + " " + capability, t.getClass().getSimpleName() + ": " + t.getMessage());
      checkFailure(capability, kind, t);
      return;
    }
    assertThat(result).isNotNull();
    OUTCOMES.put(kind + " " + capability, "OK " + result);
    assertThat(Outcomes.expected(kind)).as("%s with %s should have failed, but returned %s", capability, kind, result)
        .isNotEqualTo(Outcomes.Expect.FAIL);
  }

  static void checkFailure(Capability capability, Kind kind, Throwable t) {
    if (t instanceof AssertionError ae) throw ae;
    if (!(t instanceof CarrierException ce)) {
      throw new AssertionError(capability + " with " + kind + " threw " + t.getClass().getName()
          + " instead of a CarrierException", t);
    }
    assertThat(Outcomes.expected(kind)).as("%s with %s should have been tolerated: %s", capability, kind, t)
        .isNotEqualTo(Outcomes.Expect.OK);
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      boolean allowed = c instanceof ShipbridgeException || c instanceof IOException
          || c.getClass().getName().equals("dev.shipbridge.http.JsonCodec$MalformedResponse");
      if (!allowed) {
        throw new AssertionError(capability + " with " + kind + ": a raw " + c.getClass().getName()
            + " is in the cause chain of " + t, t);
      }
      String m = String.valueOf(c.getMessage());
      if (m.contains(Malformations.CANARY) || m.contains("[Source:") || m.toLowerCase(Locale.ROOT).contains("unrecognized token")
          || m.contains("Cannot deserialize") || m.contains("Cannot construct") || m.contains("line: ")) {
        fail(capability + " with " + kind + ": a message quotes the body: " + m);
      }
    }
    if (capability == Capability.LABEL) {
      assertThat(ce.idempotencyKey()).as("a failed purchase carries its idempotency key: %s", t).isPresent();
      if (ce.httpStatus() >= 200 && ce.httpStatus() < 300) {
        assertThat(ce.outcomeUnknown()).as("a bought label whose answer is unreadable is outcome-unknown: %s", t).isTrue();
      }
    }
  }

  /**
   * What each kind must do, where it is the same for every capability. FAIL: a typed
   * CarrierException; OK: a documented tolerant parse; EITHER: depends on where the damage lands
   * (a broken optional field is skipped, a broken required one fails).
   */
  static final class Outcomes {
    enum Expect { FAIL, OK, EITHER }

    static Expect expected(Kind k) {
      return switch (k) {
        case EMPTY_BODY, HTML_PAGE, HTML_PAGE_LABELLED_JSON, TRUNCATED_JSON, TRUNCATED_INSIDE_A_STRING, PLAIN_TEXT_GARBAGE,
            SCALARS_AS_OBJECTS, OVERLONG_NUMBER, TEN_MEGABYTE_BODY, DEEP_NESTING, DEEP_NESTING_INSIDE, NULL_DOCUMENT,
            STRING_DOCUMENT, XML_DOCUMENT, XXE_DOCUMENT, INVALID_UTF8, CONTROL_CHARACTERS, XSSI_PREFIX, ARRAY_INSTEAD_OF_OBJECT,
            MULTIPART_WRONG_BOUNDARY, MULTIPART_WITHOUT_BOUNDARY, GZIP_HEADER_PLAIN_BODY, SERVER_ERROR_WITH_TRUNCATED_JSON,
            CLIENT_ERROR_WITH_HTML, NOT_FOUND_WITH_EMPTY_BODY, UNEXPECTED_STATUS_WITH_JSON, SOCKET_MALFORMED_CHUNK,
            SOCKET_RANDOM_DATA, SOCKET_EMPTY_RESPONSE -> Expect.FAIL;
        // Tolerated on purpose: a BOM, UTF-16, a missing or wrong Content-Type, numbers sent as
        // strings, text after the document, and unreadable times (the event or date is dropped).
        case BOM_PREFIXED, UTF16_BODY, MISSING_CONTENT_TYPE, WRONG_CONTENT_TYPE, NUMBERS_AS_STRINGS, TRAILING_GARBAGE,
            ODD_TIMESTAMPS_GARBAGE, ODD_TIMESTAMPS_EXTREME, ODD_TIMESTAMPS_EPOCH, ODD_TIMESTAMPS_BAD_OFFSET -> Expect.OK;
        default -> Expect.EITHER;
      };
    }
  }
}
