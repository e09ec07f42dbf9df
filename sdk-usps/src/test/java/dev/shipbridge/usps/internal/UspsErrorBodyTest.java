package dev.shipbridge.usps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.AuthenticationException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.InvalidRequestException;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.ValidationException.Violation;
import dev.shipbridge.http.HttpResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/** Every USPS error-envelope shape (issue 16 item 3), read from fixtures written from usps-api.md 10.1. */
class UspsErrorBodyTest {
  private static CarrierException map(int status, String fixture, UspsApi api) {
    return map(status, "application/json", Fixtures.bytes(fixture), api);
  }

  private static CarrierException map(int status, String contentType, byte[] body, UspsApi api) {
    return UspsErrors.map(new HttpResult(status, Headers.of(), body, contentType, "req-3"), api, Clock.systemUTC(), dev.shipbridge.http.RequestSafety.IDEMPOTENT, null);
  }

  @Test
  void a401WhoseOnlyCodeIsItsStatusCarriesTheMachineTitleAndNoFieldError() {
    CarrierException e = map(401, "errors/unauthorized-source-string.response.json", UspsApi.ADDRESSES);
    assertThat(e).isInstanceOf(AuthenticationException.class);
    assertThat(e.carrierCode()).contains("invalid_token");
    UspsErrors.Parsed p = UspsErrorBody.read(Fixtures.tree("errors/unauthorized-source-string.response.json"), 401);
    assertThat(p.fieldErrors()).isEmpty(); // "Access Token" is not a request parameter
  }

  @Test
  void aMachineStyleTitleIsTheCodeWhenNoCodeIsGivenAndItsObjectSourceIsAFieldError() {
    CarrierException e = map(400, "errors/openapi-validation-title.response.json", UspsApi.DOMESTIC_PRICES);
    assertThat(e).isInstanceOf(InvalidRequestException.class);
    assertThat(e.carrierCode()).contains("openapi_validation_error");
    assertThat(((InvalidRequestException) e).fieldErrors()).extracting(Violation::path).containsExactly("destinationZIPCode");
  }

  @Test
  void aStringSourceNamingTheApiIsNotAFieldErrorAndTheScopeTitleIsTheCode() {
    CarrierException e = map(403, "errors/invalid-oauth-scope.response.json", UspsApi.TRACKING_V3R2);
    assertThat(e).isInstanceOf(AuthenticationException.class);
    assertThat(e.carrierCode()).contains("invalid_oauth_scope");
    assertThat(UspsErrorBody.read(Fixtures.tree("errors/invalid-oauth-scope.response.json"), 403).fieldErrors()).isEmpty();
  }

  @Test
  void anInternalCodeOutranksATitleAndAnObjectSourceThatIsNoParameterIsNoFieldError() {
    assertThat(map(400, "errors/code-and-title.response.json", UspsApi.ADDRESSES).carrierCode()).contains("010002");
    // a title in words ("Too Many Requests.") is no code; the status-only code is kept rather than dropped
    CarrierException quota = map(429, "errors/quota-exceeded.response.json", UspsApi.DOMESTIC_PRICES);
    assertThat(quota).isInstanceOf(RateLimitedException.class);
    assertThat(quota.carrierCode()).contains("429");
    assertThat(UspsErrorBody.read(Fixtures.tree("errors/quota-exceeded.response.json"), 429).fieldErrors()).isEmpty();
  }

  @Test
  void theOauthAndGatewayShapesAreRead() {
    assertThat(map(401, "errors/oauth-invalid-client.response.json", UspsApi.OAUTH).carrierCode()).contains("invalid_client");
    assertThat(map(403, "errors/gateway-fault.response.json", UspsApi.DOMESTIC_LABELS).carrierCode())
        .contains("steps.raisefault.RaiseFault");
    byte[] numeric = "{\"error\":{\"code\":400,\"message\":\"Bad\",\"errors\":[{\"code\":160218,\"detail\":\"x\"}]}}"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(map(400, "application/json", numeric, UspsApi.DOMESTIC_LABELS).carrierCode()).contains("160218");
    assertThat(map(404, "application/json", "{\"error\":{\"code\":\"404\",\"message\":\"No match\"}}".getBytes(),
        UspsApi.ADDRESSES)).isInstanceOf(NotFoundException.class).extracting(CarrierException::carrierCode)
        .isEqualTo(java.util.Optional.of("404"));
  }

  @Test
  void onlyAsciiBlanksMayPrecedeAJsonErrorBodyABomOrHighBytesMeanItIsNotJson() {
    byte[] json = "{\"error\":{\"code\":400,\"message\":\"Bad\",\"errors\":[{\"code\":160218}]}}"
        .getBytes(StandardCharsets.UTF_8);
    byte[] blanks = new byte[json.length + 4];
    blanks[0] = ' ';
    blanks[1] = '\t';
    blanks[2] = '\r';
    blanks[3] = '\n';
    System.arraycopy(json, 0, blanks, 4, json.length);
    assertThat(map(400, "application/json", blanks, UspsApi.DOMESTIC_LABELS).carrierCode()).contains("160218");
    byte[] bom = new byte[json.length + 3];
    bom[0] = (byte) 0xEF;
    bom[1] = (byte) 0xBB;
    bom[2] = (byte) 0xBF;
    System.arraycopy(json, 0, bom, 3, json.length);
    assertThat(map(400, "application/json", bom, UspsApi.DOMESTIC_LABELS).carrierCode()).isEmpty();
  }

  @Test
  void aPlainSentenceOnA500KeepsAShortMaskedExcerpt() {
    CarrierException e = map(500, "text/plain", Fixtures.bytes("errors/plain-text-500.response.txt"), UspsApi.TRACKING_V3R2);
    assertThat(e).isInstanceOf(CarrierUnavailableException.class);
    assertThat(e.plainMessage()).startsWith("HTTP 500: \"upstream connect error or disconnect/reset before headers")
        .doesNotContain("9400109104250532908587").doesNotContain("example.com");
    assertThat(e.plainMessage().length()).isLessThanOrEqualTo(UspsErrorBody.EXCERPT + 20);
    // markup is never quoted
    byte[] html = "<html><body>Joe Doe, 1100 Wyoming</body></html>".getBytes(StandardCharsets.UTF_8);
    assertThat(map(502, "text/html", html, UspsApi.TRACKING_V3R2).getMessage()).doesNotContain("Joe");
    assertThat(map(502, null, html, UspsApi.TRACKING_V3R2).getMessage()).doesNotContain("Joe");
    assertThat(UspsErrorBody.excerpt("call 314-555-0100 now".getBytes(), "text/plain")).isEqualTo("\"call ██ now\"");
  }
}
