package dev.shipbridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.InvalidRequestException;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.model.CarrierId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireErrorsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
  private static final CarrierId C = CarrierId.of("acme");

  private static HttpResult result(int status, String... headers) {
    return new HttpResult(status, Headers.of(headers), new byte[0], "application/json", "rid-7");
  }

  @Test
  void parsesRetryAfterAsSecondsOrHttpDate() {
    assertThat(WireErrors.parseRetryAfter("120", CLOCK)).isEqualTo(Duration.ofSeconds(120));
    assertThat(WireErrors.parseRetryAfter("Mon, 02 Mar 2026 10:01:00 GMT", CLOCK)).isEqualTo(Duration.ofMinutes(1));
    assertThat(WireErrors.parseRetryAfter("Mon, 02 Mar 2026 09:00:00 GMT", CLOCK)).isEqualTo(Duration.ZERO);
    assertThat(WireErrors.parseRetryAfter("soon", CLOCK)).isNull();
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504})
  void a5xxIsRetryableForReadsAndOutcomeUnknownForAPurchaseWithoutKey(int status) {
    CarrierException read = WireErrors.forStatus(C, result(status), null, null, List.of(), CLOCK, RequestSafety.IDEMPOTENT, null);
    CarrierException buy = WireErrors.forStatus(C, result(status), null, null, List.of(), CLOCK, RequestSafety.NON_IDEMPOTENT, "k-1");

    assertThat(read).isInstanceOf(CarrierUnavailableException.class);
    assertThat(read.retryable()).isTrue();
    assertThat(buy.retryable()).isFalse();
    assertThat(buy.outcomeUnknown()).isTrue();
    assertThat(buy.idempotencyKey()).contains("k-1");
    assertThat(buy.requestId()).contains("rid-7");
  }

  @Test
  void a429IsRetryableEvenForAPurchaseAndCarriesRetryAfter() {
    CarrierException e = WireErrors.forStatus(C, result(429, "Retry-After", "9"), "Q1", "quota", List.of(), CLOCK,
        RequestSafety.NON_IDEMPOTENT, "k-2");

    assertThat(e).isInstanceOfSatisfying(RateLimitedException.class,
        r -> assertThat(r.retryAfter()).contains(Duration.ofSeconds(9)));
    assertThat(e.retryable()).isTrue();
    assertThat(e.outcomeUnknown()).isFalse();
  }

  @Test
  void a400IsAnInvalidRequestThatIsNotRetried() {
    CarrierException e = WireErrors.forStatus(C, result(400), "BAD", "bad zip", List.of(), CLOCK, RequestSafety.IDEMPOTENT, null);

    assertThat(e).isInstanceOf(InvalidRequestException.class);
    assertThat(e.retryable()).isFalse();
    assertThat(e.carrierCode()).contains("BAD");
  }
}
