package dev.shipbridge.usps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.AuthenticationException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.InvalidRequestException;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.ValidationException;
import dev.shipbridge.http.HttpResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class UspsErrorsTest {
  static HttpResult result(int status, String contentType, byte[] body, String... headers) {
    return new HttpResult(status, Headers.of(headers), body, contentType, "req-9");
  }

  static CarrierException map(int status, String fixture, UspsApi api, String... headers) {
    return UspsErrors.map(result(status, "application/json", Fixtures.bytes(fixture), headers), api, Clock.systemUTC(), dev.shipbridge.http.RequestSafety.IDEMPOTENT, null);
  }

  @Test
  void theUspsEnvelopeBecomesAnInvalidRequestWithCodeAndFieldErrors() {
    CarrierException e = map(400, "errors/label-invalid-field.response.json", UspsApi.INTERNATIONAL_LABELS);
    assertThat(e).isInstanceOf(InvalidRequestException.class);
    assertThat(e.carrierCode()).contains("160050");
    assertThat(e.plainMessage()).isEqualTo("OASValidation failed: Item description cannot be 'Gift'.");
    assertThat(e.requestId()).contains("req-9");
    assertThat(((InvalidRequestException) e).fieldErrors())
        .containsExactly(new ValidationException.Violation("customsForm.contents[0].itemDescription",
            "Item description cannot be 'Gift'."));
  }

  @Test
  void a429IsRateLimitedWithItsRetryAfter() {
    CarrierException e = map(429, "errors/quota-exceeded.response.json", UspsApi.DOMESTIC_PRICES, "Retry-After", "30");
    assertThat(e).isInstanceOfSatisfying(RateLimitedException.class, r -> {
      assertThat(r.retryAfter()).contains(Duration.ofSeconds(30));
      assertThat(r.retryable()).isTrue();
    });
    assertThat(e.plainMessage()).startsWith("Exceeded quota limit.");
  }

  @Test
  void aSourceGivenAsAPlainStringIsTolerated() {
    CarrierException e = map(401, "errors/unauthorized-source-string.response.json", UspsApi.ADDRESSES);
    assertThat(e).isInstanceOf(AuthenticationException.class);
    assertThat(e.plainMessage()).contains("Missing or malformed access token");
  }

  @Test
  void theOauthShapeIsAnAuthenticationFailureEvenWithStatus400() {
    CarrierException e = map(400, "errors/oauth-invalid-client.response.json", UspsApi.OAUTH);
    assertThat(e).isInstanceOf(AuthenticationException.class);
    assertThat(e.carrierCode()).contains("invalid_client");
    assertThat(e.plainMessage()).isEqualTo("Client authentication failed.");
  }

  @Test
  void theGatewaysOwnFaultFormatIsRead() {
    CarrierException e = map(403, "errors/gateway-fault.response.json", UspsApi.DOMESTIC_LABELS);
    assertThat(e).isInstanceOf(AuthenticationException.class);
    assertThat(e.carrierCode()).contains("steps.raisefault.RaiseFault");
    assertThat(e.plainMessage()).contains("Raise-Fault-Access-Control");
  }

  @Test
  void anHtmlBodyGivesAStatusBasedErrorThatDoesNotQuoteTheBody() {
    byte[] html = "<html><body>Bad gateway for Joe Doe, 1100 Wyoming</body></html>".getBytes(StandardCharsets.UTF_8);
    CarrierException e = UspsErrors.map(result(502, "text/html", html), UspsApi.TRACKING_V3R2, Clock.systemUTC(), dev.shipbridge.http.RequestSafety.IDEMPOTENT, null);
    assertThat(e).isInstanceOf(CarrierUnavailableException.class);
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("HTTP 502").doesNotContain("Joe").doesNotContain("Wyoming");
  }

  @Test
  void trackingCodes150001And150002WithStatus400MeanNotFoundAndAreNotRetryable() {
    CarrierException e = map(400, "errors/tracking-not-available.response.json", UspsApi.TRACKING_V3);
    assertThat(e).isInstanceOf(NotFoundException.class);
    assertThat(e.retryable()).isFalse();
    assertThat(e.carrierCode()).contains("150002");
    // the same code from another API is just a bad request
    assertThat(map(400, "errors/tracking-not-available.response.json", UspsApi.DOMESTIC_PRICES))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void addressNotFoundIsNotFoundWhetherSentAs400Or404() {
    byte[] body = "{\"apiVersion\":\"v3\",\"error\":{\"code\":\"400\",\"message\":\"Address Not Found.\",\"errors\":[{\"code\":\"010005\",\"detail\":\"Address Not Found.\"}]}}"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(UspsErrors.map(result(400, "application/json", body), UspsApi.ADDRESSES, Clock.systemUTC(), dev.shipbridge.http.RequestSafety.IDEMPOTENT, null))
        .isInstanceOf(NotFoundException.class);
    byte[] spec404 = "{\"apiVersion\":\"v3\",\"error\":{\"code\":\"404\",\"message\":\"There is no match for the address requested.\",\"errors\":[]}}"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(UspsErrors.map(result(404, "application/json", spec404), UspsApi.ADDRESSES, Clock.systemUTC(), dev.shipbridge.http.RequestSafety.IDEMPOTENT, null))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("There is no match");
  }

  @Test
  void brokenOrEmptyErrorBodiesStillGiveATypedExceptionClassifiedByTheRequest() {
    for (String body : new String[] {"", "{\"error\":", "[]", "42", "{\"error\":{\"errors\":[1,\"x\",null]}}"}) {
      var answer = result(500, "application/json", body.getBytes(StandardCharsets.UTF_8));
      CarrierException read = UspsErrors.map(answer, UspsApi.DOMESTIC_PRICES, Clock.systemUTC(), dev.shipbridge.http.RequestSafety.IDEMPOTENT, null);
      assertThat(read).as(body).isInstanceOf(CarrierUnavailableException.class);
      assertThat(read.retryable()).as("a 500 to a read is retried: " + body).isTrue();
      CarrierException buy = UspsErrors.map(answer, UspsApi.DOMESTIC_LABELS, Clock.systemUTC(),
          dev.shipbridge.http.RequestSafety.NON_IDEMPOTENT, "k-1");
      assertThat(buy.outcomeUnknown()).as(body).isTrue();
      assertThat(buy.idempotencyKey()).contains("k-1");
    }
  }
}
