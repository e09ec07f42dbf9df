package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shipbridge.CarrierException;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ValidationException;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Pickup;
import dev.shipbridge.model.PickupEligibility;
import dev.shipbridge.model.PickupRequest;
import dev.shipbridge.model.Weight;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.UspsEmulator;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * USPS Carrier Pickup on the real {@link UspsCarrier} through the facade and the emulator, under a
 * permissive policy (the base's) and USPS's default policy. The emulator's clock stands at Monday
 * 2026-03-02, 09:00 in St. Louis.
 */
class UspsPickupWireTest extends EmulatorTestBase {
  static final LocalDate TUESDAY = LocalDate.of(2026, 3, 3);

  static PickupRequest.Builder request() {
    return PickupRequest.builder().carrier(CarrierId.USPS).address(WAREHOUSE).date(TUESDAY)
        .pkg(PickupRequest.Kind.PRIORITY, 3).pkg(PickupRequest.Kind.GROUND, 2).estimatedWeight(Weight.kilograms("6"))
        .location(PickupRequest.Location.FRONT_DOOR).dogPresent(true);
  }

  private Shipbridge underDefaults() {
    return Shipbridge.builder().discoverCarriers(false).carrier(carrier().build()).clock(clock)
        .sleeper(d -> clock.advance(d)).httpClient(new OkHttpClient.Builder().addNetworkInterceptor(recorder).build())
        .resilience(ResiliencePolicy.custom().all(s -> s.rateLimitTimeout(Duration.ofMinutes(2))).build()) // wait for permits
        .build();
  }

  @Test
  void eligibilityScheduleGetChangeAndCancelUnderTheDefaultAndAPermissivePolicy() {
    try (Shipbridge defaults = underDefaults()) {
      int day = 0;
      for (Shipbridge sb : new Shipbridge[] {shipbridge, defaults}) {
        PickupEligibility e = sb.pickups().eligibility(CarrierId.USPS, WAREHOUSE);
        assertThat(e.eligible()).isTrue();
        assertThat(e.address().lines().get(0)).isEqualTo("4120 BINGHAM AVE");

        Pickup booked = sb.pickups().schedule(request().date(TUESDAY.plusDays(day++)).build());
        assertThat(booked.confirmationNumber()).startsWith("WTC");
        assertThat(booked.version()).isNotBlank();

        Pickup read = sb.pickups().get(CarrierId.USPS, booked.confirmationNumber());
        assertThat(read.date()).isEqualTo(booked.date());
        assertThat(read.request().packages()).containsExactly(new PickupRequest.Package(PickupRequest.Kind.PRIORITY, 3),
            new PickupRequest.Package(PickupRequest.Kind.GROUND, 2));
        assertThat(read.request().location()).isEqualTo(PickupRequest.Location.FRONT_DOOR);
        assertThat(read.request().dogPresent()).isTrue();

        Pickup changed = sb.pickups().change(booked.confirmationNumber(),
            request().date(TUESDAY.plusDays(day++)).pkg(PickupRequest.Kind.RETURNS, 1).build());
        assertThat(changed.date()).isEqualTo(TUESDAY.plusDays(day - 1));

        Pickup cancelled = sb.pickups().cancel(CarrierId.USPS, booked.confirmationNumber());
        assertThat(cancelled.confirmationNumber()).isEqualTo(booked.confirmationNumber());
        assertThat(catchThrowableOfType(NotFoundException.class,
            () -> sb.pickups().get(CarrierId.USPS, booked.confirmationNumber()))).isNotNull();
      }
    }
    WireRecorder.Exchange put = recorder.exchanges().stream().filter(x -> x.method().equals("PUT")).findFirst().orElseThrow();
    assertThat(put.requestHeaders().get("If-Match")).isNotBlank();
    String body = new String(recorder.to("/pickup/v3/carrier-pickup").stream().filter(x -> x.method().equals("POST"))
        .findFirst().orElseThrow().requestBody(), StandardCharsets.UTF_8);
    assertThat(body).contains("\"packageType\":\"PRIORITY_MAIL\"", "\"packageType\":\"USPS_GROUND_ADVANTAGE\"",
        "\"packageLocation\":\"FRONT_DOOR\"", "\"dogPresent\":true", "\"cellNumber\":\"3145550100\"");
  }

  @Test
  void anIneligibleAddressIsAnAnswerNotAFailure() {
    usps.pickupIneligible("63116");
    PickupEligibility e = shipbridge.pickups().eligibility(CarrierId.USPS, WAREHOUSE);
    assertThat(e.eligible()).isFalse();
    assertThat(e.reason()).contains("Invalid pickup location");
  }

  @Test
  void everyViolationIsReportedBeforeAnyCall() {
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> shipbridge.pickups().schedule(
        request().address(WAREHOUSE.toBuilder().name("Desk").phone(null).build())
            .date(LocalDate.of(2026, 3, 8)) // a Sunday
            .location(PickupRequest.Location.OTHER).instructions(null).build()));

    assertThat(e.violations()).extracting(ValidationException.Violation::path)
        .contains("address.name", "address.email", "date", "instructions");
    ValidationException past = catchThrowableOfType(ValidationException.class,
        () -> shipbridge.pickups().schedule(request().date(LocalDate.of(2026, 3, 1)).instructions("x".repeat(256)).build()));
    assertThat(past.violations()).extracting(ValidationException.Violation::path).contains("date", "instructions");
    assertThat(usps.requests()).as("nothing was sent").isEmpty();
  }

  @Test
  void aLostBookingAnswerIsOutcomeUnknownAndNeverSentTwice() {
    shipbridge.close();
    shipbridge = facade(carrier().build(), 3);
    usps.injectFault("/pickup/v3/carrier-pickup", UspsEmulator.Fault.CONNECTION_RESET, 1);

    CarrierException e = catchThrowableOfType(CarrierException.class, () -> shipbridge.pickups().schedule(request().build()));

    assertThat(e.outcomeUnknown()).isTrue();
    assertThat(e.retryable()).isFalse();
    assertThat(usps.requestCount("POST", "/pickup/v3/carrier-pickup")).isEqualTo(1);
  }

  @Test
  void uspsRefusalsAreTypedExceptions() {
    Pickup booked = shipbridge.pickups().schedule(request().build());
    CarrierException twice = catchThrowableOfType(CarrierException.class, () -> shipbridge.pickups().schedule(request().build()));
    assertThat(twice).hasMessageContaining("Pickup already exists");
    assertThat(twice.carrierCode()).hasValue("020001");

    usps.denyApi("/pickup/v3");
    CarrierException denied = catchThrowableOfType(CarrierException.class,
        () -> shipbridge.pickups().get(CarrierId.USPS, booked.confirmationNumber()));
    assertThat(denied.httpStatus()).isEqualTo(403);
    assertThat(denied).hasMessageContaining("not authorized");
  }

  @Test
  void anUnknownConfirmationNumberIsNotFound() {
    assertThat(catchThrowableOfType(NotFoundException.class, () -> shipbridge.pickups().cancel(CarrierId.USPS, "WTC1"))).isNotNull();
    assertThat(usps.requestCount("DELETE", "/pickup")).isZero();
  }
}
