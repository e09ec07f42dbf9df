package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.QuoteResult;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.testkit.UspsEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The measured cases of issue 14 on the real {@link UspsCarrier}, against the emulator, most under
 * the default policy (USPS's 60 calls an hour per API, 3 attempts, 5 s permit timeout).
 */
class UspsFailureModelTest extends EmulatorTestBase {
  /** The facade as a user builds it: no policy of their own, so USPS's quota and every default apply. */
  private Shipbridge underDefaults() {
    shipbridge.close();
    shipbridge = Shipbridge.builder().discoverCarriers(false).carrier(carrier().shippingOptions(false).build()).clock(clock)
        .sleeper(d -> clock.advance(d)).build();
    return shipbridge;
  }

  private static QuoteRequest quoteRequest() {
    return QuoteRequest.builder().from(WAREHOUSE).to(CUSTOMER).parcel(UspsLabelWireTest.BOX).build();
  }

  @Test
  void uspsRateSearch503IsRetryableAndRetried() {
    // (a 500 to a rate search is classified alike: UspsErrorsTest, and the kit's STATUS_500 case on quote)
    Shipbridge sb = facade(carrier().shippingOptions(false).build(), 3);
    usps.injectFault("/prices", UspsEmulator.Fault.HTTP_503, 1);

    assertThat(sb.quote(quoteRequest()).failures()).isEmpty();
    assertThat(usps.requestCount("POST", "/prices")).isEqualTo(2);
  }

  @Test
  void uspsTracking500IsRetriedUnderTheDefaultQuotaOnceTheNextPermitIsDue() {
    String number = UspsLabelWireTest.buy(shipbridge, "track-500").trackingNumber();
    Shipbridge sb = underDefaults();
    Instant before = clock.instant();
    usps.injectFault("/tracking", UspsEmulator.Fault.HTTP_500, 1);

    assertThat(sb.track(number).trackingNumber()).isEqualTo(number);
    assertThat(usps.requestCount("POST", "/tracking")).isEqualTo(2);
    assertThat(Duration.between(before, clock.instant())).as("the retry waited for USPS's next permit")
        .isGreaterThanOrEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void uspsTrackingTruncatedAnswerIsRetried() {
    String number = UspsLabelWireTest.buy(shipbridge, "track-1").trackingNumber();
    Shipbridge sb = underDefaults();
    usps.injectFault("/tracking", UspsEmulator.Fault.TRUNCATED_JSON, 1);

    assertThat(sb.track(number).trackingNumber()).isEqualTo(number);
    assertThat(usps.requestCount("POST", "/tracking")).isEqualTo(2);
  }

  @Test
  void uspsAddressCheck500IsRetried() {
    Shipbridge sb = underDefaults();
    usps.injectFault("/addresses", UspsEmulator.Fault.HTTP_500, 1);

    assertThat(sb.validateAddress(CUSTOMER)).isNotNull();
    assertThat(usps.requestCount("GET", "/addresses")).isEqualTo(2);
  }

  @Test
  void uspsOutageUnderDefaultQuotaIsReportedAsTheOutageNotRateLimiting() {
    Shipbridge sb = underDefaults();
    usps.injectFault("/prices", UspsEmulator.Fault.HTTP_503, 10);

    CarrierException e = (CarrierException) sb.quote(quoteRequest()).failures().get(0).error();

    assertThat(e).isInstanceOf(CarrierUnavailableException.class).isNotInstanceOf(RateLimitedException.class);
    assertThat(e.httpStatus()).isEqualTo(503);
    assertThat(e.retryable()).isTrue();
    // The quote timeout (30 s) ends before USPS's next permit (a minute): the refusal is recorded, the outage reported.
    assertThat(e.attempts()).isEqualTo(usps.requestCount("POST", "/prices")).isEqualTo(1);
    assertThat(e.getMessage()).contains("the retry was not sent");
    assertThat(e.getSuppressed()).singleElement().isInstanceOf(RateLimitedException.class);
  }

  @ParameterizedTest
  @EnumSource(value = UspsEmulator.Fault.class, names = {"CONNECTION_RESET", "EMPTY_RESPONSE", "TRUNCATED_JSON"})
  void uspsLabelAnswerLostUnderDefaultQuotaIsOutcomeUnknown(UspsEmulator.Fault fault) {
    Shipbridge sb = underDefaults();
    usps.injectFault("/labels", fault, 10);

    CarrierException e = catchThrowableOfType(CarrierException.class, () -> UspsLabelWireTest.buy(sb, "lost-1"));

    assertThat(e).isNotInstanceOf(RateLimitedException.class);
    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.retryable()).isFalse();
    assertThat(e.idempotencyKey()).contains("lost-1");
    assertThat(e.attempts()).isEqualTo(usps.requestCount("POST", "/labels")).isGreaterThanOrEqualTo(2);
    assertThat(usps.labelsPurchased()).as("every retry carried the same key").isEqualTo(1);
  }

  @Test
  void uspsLabelAnswerLostWithLimitsOffIsOutcomeUnknown() {
    Shipbridge sb = facade(carrier().shippingOptions(false).build(), 3);
    usps.injectFault("/labels", UspsEmulator.Fault.CONNECTION_RESET, 3);

    CarrierUnavailableException e = catchThrowableOfType(CarrierUnavailableException.class,
        () -> UspsLabelWireTest.buy(sb, "lost-2"));

    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.idempotencyKey()).contains("lost-2");
    assertThat(e.attempts()).isEqualTo(3);
    Set<String> keys = usps.requests().stream().filter(r -> r.path().startsWith("/labels"))
        .map(r -> r.header("X-Idempotency-Key")).collect(Collectors.toSet());
    assertThat(keys).singleElement();
    assertThat(usps.labelsPurchased()).isEqualTo(1);
  }
}
