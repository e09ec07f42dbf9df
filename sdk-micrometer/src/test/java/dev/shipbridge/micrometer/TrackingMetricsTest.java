package dev.shipbridge.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.PushedTracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.sandbox.ShipbridgeSandbox;
import dev.shipbridge.testkit.usps.TrackingNumbers;
import dev.shipbridge.tracking.TrackingChanged;
import dev.shipbridge.tracking.TrackingScheduler;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The tracking scheduler's meters, on the real USPS adapter against the USPS emulator (ShipbridgeSandbox). */
class TrackingMetricsTest {
  static Stream<Arguments> policies() {
    return Stream.of(Arguments.of("default", ResiliencePolicy.ofDefaults()),
        Arguments.of("permissive", ResiliencePolicy.custom()
            .all(s -> s.maxAttempts(6).rateLimitTimeout(Duration.ofMinutes(10))).build()));
  }

  @ParameterizedTest(name = "{0} policy")
  @MethodSource("policies")
  void backlogCallsNumbersPushesAndCallsPerParcelDayAreMeteredWithoutTags(String name, ResiliencePolicy policy) {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    List<TrackingChanged> heard = new CopyOnWriteArrayList<>();
    try (ShipbridgeSandbox sandbox = ShipbridgeSandbox.start();
        Shipbridge shipbridge = sandbox.builder().resilience(policy).build();
        TrackingScheduler scheduler = TrackingScheduler.builder().shipbridge(shipbridge).clock(sandbox.clock())
            .listener(heard::add).build()) {
      TrackingMetrics.bind(scheduler, meters);
      List<String> numbers = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String body = String.format("940011%015d", 8_000_000L + i);
        String n = body + TrackingNumbers.impbCheckDigit(body);
        sandbox.usps().expectInboundParcel(n, sandbox.clock().instant().minus(Duration.ofHours(3)));
        scheduler.watch(CarrierId.USPS, n);
        numbers.add(n);
      }
      assertThat(gauge(meters, TrackingMetrics.WATCHED)).isEqualTo(40);
      assertThat(gauge(meters, TrackingMetrics.DUE_BACKLOG)).isEqualTo(40);

      scheduler.runOnce();                                   // one call of USPS's 35; the pacer holds the rest
      assertThat(counter(meters, TrackingMetrics.CALLS)).isEqualTo(1);
      assertThat(counter(meters, TrackingMetrics.NUMBERS_ASKED)).isEqualTo(35);
      assertThat(gauge(meters, TrackingMetrics.DUE_BACKLOG)).isEqualTo(5);
      assertThat(gauge(meters, TrackingMetrics.CALLS_PER_PARCEL_DAY)).isEqualTo(1.0 / 40);

      sandbox.advance(Duration.ofSeconds(61));
      scheduler.runOnce();
      assertThat(counter(meters, TrackingMetrics.CALLS)).isEqualTo(2);
      assertThat(counter(meters, TrackingMetrics.NUMBERS_ASKED)).isEqualTo(40);
      assertThat(gauge(meters, TrackingMetrics.DUE_BACKLOG)).isZero();
      assertThat(counter(meters, TrackingMetrics.CHANGES)).isEqualTo(heard.size()).isPositive();

      TrackingChanged first = heard.get(0);                 // an event the USPS adapter read, pushed again
      TrackingEvent seen = first.events().get(0);
      assertThat(scheduler.onPush(new PushedTracking(CarrierId.USPS, first.trackingNumber(), List.of(seen),
          sandbox.clock().instant(), "n1"))).isTrue();
      scheduler.runOnce();
      assertThat(counter(meters, TrackingMetrics.PUSHES_APPLIED)).isEqualTo(1);

      for (Meter m : meters.getMeters()) {
        if (m.getId().getName().startsWith("shipbridge.tracking.")) {
          assertThat(m.getId().getTags()).as("no tag on %s", m.getId().getName()).isEmpty();
        }
      }
      assertThat(meters.getMeters().stream().filter(m -> m.getId().getName().startsWith("shipbridge.tracking."))).hasSize(7);
    }
  }

  private static double gauge(SimpleMeterRegistry meters, String name) {
    return meters.get(name).gauge().value();
  }

  private static double counter(SimpleMeterRegistry meters, String name) {
    return meters.get(name).functionCounter().count();
  }
}
