package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shipbridge.CarrierException;
import dev.shipbridge.InvalidRequestException;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ValidationException;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelFormat;
import dev.shipbridge.model.ReprintRequest;
import dev.shipbridge.model.ReturnLabelRequest;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.UspsEmulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * USPS return labels and reprints on the real {@link UspsCarrier} through the facade and the
 * emulator, under a permissive policy (the base's) and USPS's default policy.
 */
class UspsReturnLabelWireTest extends EmulatorTestBase {
  static ReturnLabelRequest.Builder request(String key) {
    return ReturnLabelRequest.builder().carrier(CarrierId.USPS).serviceCode("USPS_GROUND_ADVANTAGE_RETURN_SERVICE")
        .from(CUSTOMER).to(WAREHOUSE).parcel(UspsLabelWireTest.BOX).idempotencyKey(IdempotencyKey.of(key))
        .reference("RMA 5531");
  }

  /** USPS's own default policy (its 60-an-hour quota per API), the clock advanced by every wait. */
  private Shipbridge underDefaults() {
    return Shipbridge.builder().discoverCarriers(false).carrier(carrier().build()).clock(clock)
        .sleeper(d -> clock.advance(d)).httpClient(new OkHttpClient.Builder().addNetworkInterceptor(recorder).build())
        .build();
  }

  @Test
  void buysAReturnLabelWithThePaymentTokenAndTheKeyUnderTheDefaultAndAPermissivePolicy() {
    try (Shipbridge defaults = underDefaults()) {
      for (Shipbridge sb : new Shipbridge[] {shipbridge, defaults}) {
        Label back = sb.returns().label(request("rma-" + sb.hashCode()).build());
        assertThat(back.trackingNumber()).matches("9\\d{21}");
        assertThat(new String(back.content(), StandardCharsets.ISO_8859_1)).startsWith("%PDF");
        assertThat(back.serviceCode()).isEqualTo("USPS_GROUND_ADVANTAGE_RETURN_SERVICE");
        assertThat(back.postage().currency().getCurrencyCode()).isEqualTo("USD");
      }
    }
    assertThat(usps.labelsPurchased()).isEqualTo(2);
    for (WireRecorder.Exchange sent : recorder.to("/labels/v3/return-label")) {
      assertThat(sent.requestHeaders().get("X-Payment-Authorization-Token")).isNotBlank();
      assertThat(sent.requestHeaders().get("X-Idempotency-Key")).isNotBlank();
      String body = new String(sent.requestBody(), StandardCharsets.UTF_8);
      assertThat(body).contains("\"mailClass\":\"USPS_GROUND_ADVANTAGE_RETURN_SERVICE\"", "\"rateIndicator\":\"SP\"");
    }
  }

  @Test
  void theSameKeyTwiceBuysOneReturnLabel() {
    Label first = shipbridge.returns().label(request("rma-twice").build());
    Label again = shipbridge.returns().label(request("rma-twice").build());
    assertThat(again.trackingNumber()).isEqualTo(first.trackingNumber());
    assertThat(usps.labelsPurchased()).isEqualTo(1);
  }

  @Test
  void aLostAnswerIsRetriedUnderTheSameKeyAndBuysOneLabel() {
    shipbridge.close();
    shipbridge = facade(carrier().build(), 3);
    usps.injectFault("/labels/v3/return-label", UspsEmulator.Fault.CONNECTION_RESET, 1);

    Label back = shipbridge.returns().label(request("rma-lost").build());

    assertThat(usps.requestCount("POST", "/labels/v3/return-label")).isEqualTo(2);
    assertThat(usps.labelsPurchased()).as("the retry under the same key returned the same label").isEqualTo(1);
    assertThat(back.idempotencyKey()).isEqualTo(IdempotencyKey.of("rma-lost"));
  }

  @Test
  void aLostAnswerOnTheLastAttemptIsOutcomeUnknownAndCarriesTheKey() {
    usps.injectFault("/labels/v3/return-label", UspsEmulator.Fault.CONNECTION_RESET, 1);

    CarrierException e = catchThrowableOfType(CarrierException.class,
        () -> shipbridge.returns().label(request("rma-unknown").build()));

    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.idempotencyKey()).hasValue("rma-unknown");
  }

  @Test
  void everyViolationOfUspsRulesIsReportedBeforeAnyCall() {
    Address paris = Address.builder().name("Charlie Collins").line("118 Avenue De France").city("Paris")
        .postalCode("75013").country("FR").build();
    Address longName = CUSTOMER.toBuilder().name("A".repeat(30) + " " + "B".repeat(55)).build();
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> shipbridge.returns().label(
        ReturnLabelRequest.builder().carrier(CarrierId.USPS).serviceCode("USPS_GROUND_ADVANTAGE:XX")
            .from(longName).to(paris).parcel(dev.shipbridge.model.Parcel.of(dev.shipbridge.model.Weight.grams(500), null))
            .reference("R".repeat(31)).build()));

    assertThat(e.violations()).extracting(ValidationException.Violation::path)
        .contains("to.country", "from.name", "serviceCode", "parcel.dimensions", "reference");
    assertThat(usps.requests()).as("nothing was sent").isEmpty();
  }

  @Test
  void aReprintIsANewCopyInTheFormatAskedAtMostThreeTimes() {
    Label back = shipbridge.returns().label(request("rma-reprint").build());
    for (int i = 1; i <= 3; i++) {
      Label copy = shipbridge.returns().reprint(ReprintRequest.of(CarrierId.USPS, back.trackingNumber(), LabelFormat.zpl(203)));
      assertThat(copy.trackingNumber()).isEqualTo(back.trackingNumber());
      assertThat(new String(copy.content(), StandardCharsets.ISO_8859_1)).startsWith("^XA");
      assertThat(copy.idempotencyKey()).isNull();
    }
    InvalidRequestException fourth = catchThrowableOfType(InvalidRequestException.class,
        () -> shipbridge.returns().reprint(ReprintRequest.of(CarrierId.USPS, back.trackingNumber(), null)));
    assertThat(fourth).hasMessageContaining("3 times");
    assertThat(usps.labelsPurchased()).isEqualTo(1);
  }

  @Test
  void anOutboundLabelIsReprintedToo() {
    Label label = UspsLabelWireTest.buy(shipbridge, "out-reprint");
    Label copy = shipbridge.returns().reprint(ReprintRequest.of(CarrierId.USPS, label.trackingNumber(), null));
    assertThat(copy.trackingNumber()).isEqualTo(label.trackingNumber());
    assertThat(recorder.to("/labels/v3/label-reprint/")).hasSize(1);
  }

  @Test
  void returnLabelsAndReprintsSpendTheLabelsApiQuota() {
    UspsCarrier c = carrier().build();
    assertThat(c.quotaOf(Operation.RETURN_LABEL)).isEqualTo(Operation.LABEL);
    assertThat(c.quotaOf(Operation.PICKUP)).isEqualTo(Operation.PICKUP);
    assertThat(c.quotaOf(Operation.SUBSCRIPTION)).isEqualTo(Operation.SUBSCRIPTION);
    shipbridge.close();
    shipbridge = Shipbridge.builder().discoverCarriers(false).carrier(carrier().build()).clock(clock).sleeper(d -> { })
        .resilience(ResiliencePolicy.custom().all(s -> s.rateLimitTimeout(Duration.ZERO)).build()).build();
    UspsLabelWireTest.buy(shipbridge, "quota-out");

    RateLimitedException e = catchThrowableOfType(RateLimitedException.class,
        () -> shipbridge.returns().label(request("quota-back").build()));

    assertThat(e).as("the Labels API's permit this minute went to the label").isNotNull();
    assertThat(usps.requestCount("POST", "/labels/v3/return-label")).isZero();
  }
}
