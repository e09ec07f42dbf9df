package dev.shipbridge.cainiao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.ValidationException;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.PickupRequest;
import dev.shipbridge.model.ReprintRequest;
import dev.shipbridge.model.ReturnLabelRequest;
import dev.shipbridge.model.SubscriptionRequest;
import dev.shipbridge.model.Weight;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.spi.PickupCapability;
import dev.shipbridge.spi.ReturnLabelCapability;
import dev.shipbridge.spi.TrackingSubscriptionCapability;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cainiao has no return labels, no carrier pickup bookable by date (its door pickup is part of
 * the big-bag handover, {@code manifest}) and no tracking subscriptions managed by API (pushes are
 * configured in its portal): the facade refuses each with a typed {@link ValidationException} before
 * any call, on the real adapter and the emulator, under the default and a permissive policy.
 */
class CainiaoUnsupportedCapabilitiesTest {
  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-10T04:00:00Z"));
  private CainiaoEmulator cainiao;

  @BeforeEach
  void start() {
    cainiao = CainiaoEmulator.start(clock);
  }

  @AfterEach
  void stop() {
    cainiao.close();
  }

  private Shipbridge facade(ResiliencePolicy policy) {
    return Shipbridge.builder().discoverCarriers(false).clock(clock).sleeper(clock::advance).resilience(policy)
        .carrier(CainiaoCarrier.builder().appKey(cainiao.appKey()).appSecret(cainiao.appSecret())
            .accessToken(cainiao.accessToken()).iopBaseUrl(cainiao.iopBaseUrl()).build())
        .build();
  }

  @Test
  void returnsPickupsAndSubscriptionsAreRefusedAsUnsupportedBeforeAnyCall() {
    CainiaoCarrier bare = CainiaoCarrier.builder().appKey("k").appSecret("s").accessToken("t").build();
    assertThat(bare.capability(ReturnLabelCapability.class)).isEmpty();
    assertThat(bare.capability(PickupCapability.class)).isEmpty();
    assertThat(bare.capability(TrackingSubscriptionCapability.class)).isEmpty();

    for (ResiliencePolicy policy : new ResiliencePolicy[] {ResiliencePolicy.ofDefaults(),
        ResiliencePolicy.custom().all(s -> s.maxAttempts(5).unlimited()).build()}) {
      try (Shipbridge sb = facade(policy)) {
        refused(sb, s -> s.returns().label(ReturnLabelRequest.builder().carrier(CarrierId.CAINIAO).serviceCode("ANY")
            .from(TestData.shenzhen()).to(TestData.shenzhen()).parcel(TestData.parcel()).build()), "return label");
        refused(sb, s -> s.returns().reprint(ReprintRequest.of(CarrierId.CAINIAO, "LP00579396348112", null)), "return label");
        refused(sb, s -> s.pickups().schedule(PickupRequest.builder().carrier(CarrierId.CAINIAO).address(TestData.shenzhen())
            .date(LocalDate.of(2026, 3, 11)).pkg(PickupRequest.Kind.INTERNATIONAL, 1).estimatedWeight(Weight.grams(900))
            .location(PickupRequest.Location.RECEPTION).build()), "pickup");
        refused(sb, s -> s.pickups().eligibility(CarrierId.CAINIAO, TestData.shenzhen()), "pickup");
        refused(sb, s -> s.subscriptions().create(SubscriptionRequest.builder().carrier(CarrierId.CAINIAO)
            .trackingNumber("LP00579396348112").listenerUrl(URI.create("https://hooks.example.com/c")).secret("k".repeat(32))
            .build()), "tracking subscription");
      }
    }
    assertThat(cainiao.requests()).as("nothing was sent").isEmpty();
  }

  private static void refused(Shipbridge sb, Consumer<Shipbridge> call, String what) {
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> call.accept(sb));
    assertThat(e).as(what).isNotNull();
    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.path()).isEqualTo("carrier");
      assertThat(v.message()).isEqualTo("'cainiao' cannot do " + what);
    });
  }
}
