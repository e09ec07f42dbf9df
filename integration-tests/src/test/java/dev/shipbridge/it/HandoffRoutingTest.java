package dev.shipbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.TrackResult;
import dev.shipbridge.cainiao.CainiaoCarrier;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingLeg;
import dev.shipbridge.resilience.OperationPolicy;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import dev.shipbridge.usps.UspsCarrier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 16 item 10 on the real adapters: Cainiao reports the last-mile number with a carrier hint,
 * sdk-core's registry chooses USPS by its number matcher, and the facade follows the parcel there
 * (track and trackMany), under the carriers' default policy and a permissive one.
 */
class HandoffRoutingTest {
  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-02T15:00:00Z"));

  private Shipbridge shipbridge(UspsEmulator usps, CainiaoEmulator cainiao, boolean permissive) {
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).clock(clock).sleeper(d -> { });
    if (permissive) {
      b.resilience(ResiliencePolicy.custom().all(s -> s.unlimited().maxAttempts(1)
          .circuitBreaker(OperationPolicy.CircuitBreakerSettings.DISABLED)).build());
    }
    return b.carrier(UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId())
            .clientSecret(usps.clientSecret()).build())
        .carrier(CainiaoCarrier.builder().appKey(cainiao.appKey()).appSecret(cainiao.appSecret())
            .accessToken(cainiao.accessToken()).iopBaseUrl(cainiao.iopBaseUrl()).build())
        .build();
  }

  @ParameterizedTest(name = "permissive policy: {0}")
  @ValueSource(booleans = {false, true})
  void theNextCarrierIsChosenInCoreByItsNumberMatcherAndFollowed(boolean permissive) {
    try (UspsEmulator usps = UspsEmulator.start(clock);
        CainiaoEmulator cainiao = CainiaoEmulator.start(clock);
        Shipbridge shipbridge = shipbridge(usps, cainiao, permissive)) {
      List<String> handed = new CopyOnWriteArrayList<>();
      cainiao.onLastMileHandoff((number, at) -> {
        handed.add(number);
        usps.expectInboundParcel(number, at);
      });
      Label label = shipbridge.label(Requests.cainiaoLabel("handoff-" + permissive, "900000000042", Requests.BROOKLYN));
      clock.advance(Duration.ofDays(5));

      Tracking t = shipbridge.track(label.trackingNumber());
      assertThat(handed).hasSize(1);
      assertThat(t.handoff().carrier()).isEqualTo(CarrierId.USPS);
      assertThat(t.handoff().trackingNumber()).isEqualTo(handed.get(0));
      assertThat(t.handoff().carrierName()).isNotBlank();
      assertThat(t.legs()).extracting(TrackingLeg::carrier).containsExactly(CarrierId.CAINIAO, CarrierId.USPS);

      List<TrackResult> many = shipbridge.trackMany(List.of(label.trackingNumber()));
      assertThat(many.get(0).tracking().handoff().carrier()).isEqualTo(CarrierId.USPS);
      assertThat(many.get(0).tracking().legs()).extracting(TrackingLeg::carrier)
          .containsExactly(CarrierId.CAINIAO, CarrierId.USPS);
    }
  }
}
