package dev.shipbridge.cainiao.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.AuthenticationException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.InvalidRequestException;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.cainiao.TestData;
import dev.shipbridge.http.HttpResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CainiaoErrorsTest {
  private final CainiaoErrors.Call read = Calls.read(TrackMapper.METHOD);
  private final CainiaoErrors.Call create = Calls.create("order-1042");

  private static HttpResult ok(String fixture) {
    return TestData.result(200, TestData.text(fixture), "application/json");
  }

  @Test
  void theRealLinkSignatureFailureIsAnAuthenticationError() {
    assertThatThrownBy(() -> CainiaoErrors.readLink(ok("errors/link-s02.json"), read, CainiaoWire.Envelope.class))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("digist sign check not pass")
        .satisfies(e -> assertThat(((CarrierException) e).carrierCode()).contains("S02"))
        .satisfies(e -> assertThat(((CarrierException) e).retryable()).isFalse());
  }

  @Test
  void theRealLinkStringFalseAnswerForAnUnknownNumberIsNotFound() {
    assertThatThrownBy(() -> CainiaoErrors.readLink(ok("errors/link-not-found.json"), read, CainiaoWire.Envelope.class))
        .isInstanceOf(NotFoundException.class)
        .satisfies(e -> assertThat(((CarrierException) e).carrierCode()).contains("P-011-0201-00-00-502"));
  }

  @Test
  void linkSuccessAsBooleanOrStringIsAccepted() {
    assertThat(CainiaoErrors.readLink(TestData.result(200, "{\"success\":true,\"x\":1}", null), read, CainiaoWire.Envelope.class).status().flag()).isTrue();
    assertThat(CainiaoErrors.readLink(TestData.result(200, "{\"success\":\"true\",\"errorCode\":\"\"}", null), read, CainiaoWire.Envelope.class)).isNotNull();
  }

  @Test
  void theRealTopErrorResponseIsAClientError() {
    assertThatThrownBy(() -> CainiaoErrors.readIop(ok("errors/top-error-response.json"), read, CainiaoWire.Envelope.class))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("Remote service error: The account migration does not conform")
        .satisfies(e -> assertThat(((CarrierException) e).carrierCode()).contains("15/isv.account-migration-check-fail"));
  }

  @Test
  void aTopErrorResponseInXmlIsReadToo() {
    assertThatThrownBy(() -> CainiaoErrors.readIop(TestData.result(200, TestData.text("errors/top-error-response.xml"),
        "text/xml"), read, CainiaoWire.Envelope.class))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("account migration")
        .satisfies(e -> assertThat(((CarrierException) e).requestId()).contains("0ba2887315178178017221014"));
  }

  @Test
  void xmlWithADoctypeIsRefusedWithoutResolvingEntities() {
    assertThatThrownBy(() -> CainiaoErrors.readIop(TestData.result(200, TestData.text("errors/xxe.xml"), "text/xml"), read, CainiaoWire.Envelope.class))
        .isExactlyInstanceOf(CarrierException.class)
        .hasMessageContaining("could not be read safely")
        .hasMessageNotContaining("root:");
  }

  @Test
  void anIopSignatureErrorIsAnAuthenticationErrorWrappedOrNot() {
    assertThatThrownBy(() -> CainiaoErrors.readIop(ok("errors/iop-signature.json"), read, CainiaoWire.Envelope.class))
        .isInstanceOf(AuthenticationException.class)
        .satisfies(e -> assertThat(((CarrierException) e).requestId()).contains("2101d5a117000000000000001"));
    assertThatThrownBy(() -> CainiaoErrors.readIop(ok("errors/iop-signature-wrapped.json"), read, CainiaoWire.Envelope.class))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void aPerApiCallLimitIsRateLimitedAndRetryable() {
    assertThatThrownBy(() -> CainiaoErrors.readIop(ok("errors/iop-api-call-limit.json"), read, CainiaoWire.Envelope.class))
        .isInstanceOf(RateLimitedException.class)
        .satisfies(e -> assertThat(((CarrierException) e).retryable()).isTrue());
  }

  @Test
  void anAppBanLastsUntilMidnightBeijingTimeAndIsNotRetried() {
    assertThatThrownBy(() -> CainiaoErrors.readIop(ok("errors/iop-app-call-limit.json"), read, CainiaoWire.Envelope.class))
        .isInstanceOf(RateLimitedException.class)
        .satisfies(e -> {
          RateLimitedException r = (RateLimitedException) e;
          assertThat(r.retryable()).isFalse();
          // 2026-03-10T04:00Z is 12:00 in Beijing: twelve hours to midnight.
          assertThat(r.retryAfter()).contains(Duration.ofHours(12));
        });
  }

  @Test
  void aProviderErrorIsRetryableForReadsButOutcomeUnknownForACreate() {
    assertThatThrownBy(() -> CainiaoErrors.readIop(ok("errors/iop-isp-error.json"), read, CainiaoWire.Envelope.class))
        .isInstanceOf(CarrierUnavailableException.class)
        .satisfies(e -> assertThat(((CarrierException) e).retryable()).isTrue());
    assertThatThrownBy(() -> CainiaoErrors.readIop(ok("errors/iop-isp-error.json"), create, CainiaoWire.Envelope.class))
        .isInstanceOf(CarrierUnavailableException.class)
        .satisfies(e -> {
          CarrierException c = (CarrierException) e;
          assertThat(c.retryable()).isFalse();
          assertThat(c.outcomeUnknown()).isTrue();
          assertThat(c.idempotencyKey()).contains("order-1042");
        });
  }

  @Test
  void aGatewayHtmlPageIsARetryableUnavailableError() {
    assertThatThrownBy(() -> CainiaoErrors.readIop(TestData.result(502, TestData.text("errors/gateway-502.html"), "text/html"), read, CainiaoWire.Envelope.class))
        .isInstanceOf(CarrierUnavailableException.class)
        .satisfies(e -> assertThat(((CarrierException) e).retryable()).isTrue());
  }

  @Test
  void truncatedOrWronglyTypedBodiesAreCarrierExceptionsNeverParserErrors() {
    assertThatThrownBy(() -> CainiaoErrors.readIop(TestData.result(200, "{\"is_success\":\"true\",\"resu", null), read, CainiaoWire.Envelope.class))
        .isInstanceOf(CarrierUnavailableException.class).hasMessageContaining("truncated")
        .satisfies(e -> assertThat(((CarrierException) e).retryable()).as("a damaged read may be sent again").isTrue());
    assertThatThrownBy(() -> CainiaoErrors.readIop(TestData.result(200, "{\"is_success\":\"true\",\"resu", null), create, CainiaoWire.Envelope.class))
        .isInstanceOf(CarrierException.class)
        .satisfies(e -> assertThat(((CarrierException) e).outcomeUnknown()).as("a damaged create answer").isTrue())
        .satisfies(e -> assertThat(((CarrierException) e).retryable()).isFalse());
    assertThatThrownBy(() -> CainiaoErrors.readIop(TestData.result(200, "", null), read, CainiaoWire.Envelope.class))
        .isInstanceOf(CarrierException.class).hasMessageContaining("empty body");
    assertThatThrownBy(() -> CainiaoErrors.readIop(TestData.result(200, "[1,2]", null), read, CainiaoWire.Envelope.class))
        .isExactlyInstanceOf(CarrierException.class);
    var answer = CainiaoErrors.readIop(TestData.result(200, "{\"result\":[\"x\"],\"is_success\":{\"a\":1}}", null), read, CainiaoWire.Inquiry.class);
    assertThat(QuoteMapper.fromWire(answer, TestData.quoteRequest(), read, UsInductions.NONE)).isEmpty();
  }

  /** Well-formed JSON beyond the parser's limits: nesting, a number's length, the document's size. */
  static java.util.List<String> beyondTheLimits() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    String deepInside = "{\"success\":true,\"data\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    String longNumber = "{\"success\":true,\"n\":" + "9".repeat(2_000) + "}";
    String tenMegabytes = "{\"success\":true,\"pad\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
    return java.util.List.of(deep, deepInside, longNumber, tenMegabytes);
  }

  @Test
  void jsonBeyondTheParsersLimitsIsAWrongShapeNotRetriedLikeCoresRule() {
    for (String body : beyondTheLimits()) {
      String what = body.length() > 40 ? body.substring(0, 40) + "... (" + body.length() + " chars)" : body;
      for (boolean link : new boolean[] {false, true}) {
        assertThatThrownBy(() -> read(link, TestData.result(200, body, "application/json"), read))
            .as("%s read of %s", link ? "LINK" : "IOP", what)
            .isExactlyInstanceOf(CarrierException.class).hasMessageContaining("beyond the parser's limits")
            .satisfies(e -> assertThat(((CarrierException) e).retryable()).as("the same answer would come again").isFalse())
            .satisfies(e -> assertThat(((CarrierException) e).outcomeUnknown()).isFalse());
        assertThatThrownBy(() -> read(link, TestData.result(200, body, "application/json"), create))
            .as("%s create answered with %s", link ? "LINK" : "IOP", what)
            .isInstanceOf(CarrierException.class)
            .satisfies(e -> assertThat(((CarrierException) e).outcomeUnknown()).as("the order may exist").isTrue())
            .satisfies(e -> assertThat(((CarrierException) e).retryable()).isFalse());
      }
    }
  }

  @Test
  void aDamagedBodyIsRetryableForAReadOnIopAndLinkAlike() {
    for (String body : java.util.List.of("", "{\"success\":\"true\",\"resu", "not json at all", "{\"success\":tru")) {
      for (boolean link : new boolean[] {false, true}) {
        assertThatThrownBy(() -> read(link, TestData.result(200, body, "application/json"), read))
            .as("%s read of '%s'", link ? "LINK" : "IOP", body)
            .isInstanceOf(CarrierUnavailableException.class)
            .satisfies(e -> assertThat(((CarrierException) e).retryable()).as("may come whole next time").isTrue());
        assertThatThrownBy(() -> read(link, TestData.result(200, body, "application/json"), create))
            .isInstanceOf(CarrierException.class)
            .satisfies(e -> assertThat(((CarrierException) e).outcomeUnknown()).isTrue());
      }
    }
  }

  private static Object read(boolean link, HttpResult r, CainiaoErrors.Call call) {
    return link ? CainiaoErrors.readLink(r, call, CainiaoWire.Envelope.class)
        : CainiaoErrors.readIop(r, call, CainiaoWire.Envelope.class);
  }

  @Test
  void anUnsimplifiedAnswerIsUnwrappedFromItsMethodResponse() {
    var answer = CainiaoErrors.readIop(TestData.result(200,
        "{\"aliexpress_logistics_redefining_querytrackingresult_response\":{\"result_success\":true,\"details\":[]},\"request_id\":\"x\"}",
        null), read, CainiaoWire.Envelope.class);
    assertThat(answer.status().resultSuccess()).isTrue();
  }

  @Test
  void unknownLinkSCodesAreNotMappedByAnalogy() {
    assertThatThrownBy(() -> CainiaoErrors.readLink(TestData.result(200,
        "{\"success\":false,\"errorCode\":\"S07\",\"errorMsg\":\"?\"}", null), read, CainiaoWire.Envelope.class))
        .isExactlyInstanceOf(CarrierException.class);
  }
}
