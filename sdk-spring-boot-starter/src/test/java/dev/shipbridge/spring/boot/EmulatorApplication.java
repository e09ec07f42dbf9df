package dev.shipbridge.spring.boot;

import dev.shipbridge.model.PushedTracking;
import dev.shipbridge.resilience.Sleeper;
import dev.shipbridge.sandbox.ShipbridgeSandbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A Spring Boot application as a user writes it: properties name the carriers (pointed at the
 * emulators), and it brings its own clock and sleeper (virtual time), meter and observation
 * registries, and listens for pushed tracking.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class EmulatorApplication {
  /** Both emulators on one virtual clock, shared by every Spring test context of this JVM. */
  static final ShipbridgeSandbox SANDBOX = ShipbridgeSandbox.start();

  static void carrierProperties(DynamicPropertyRegistry r) {
    r.add("shipbridge.usps.client-id", SANDBOX.usps()::clientId);
    r.add("shipbridge.usps.client-secret", SANDBOX.usps()::clientSecret);
    r.add("shipbridge.usps.base-url", SANDBOX.usps()::baseUrl);
    r.add("shipbridge.usps.induction-zip", () -> "11430");
    r.add("shipbridge.usps.payment-account.crid", () -> "56982563");
    r.add("shipbridge.usps.payment-account.mid", () -> "904128936");
    r.add("shipbridge.usps.payment-account.manifest-mid", () -> "904128937");
    r.add("shipbridge.usps.payment-account.account-number", () -> "1000405525");
    r.add("shipbridge.cainiao.app-key", SANDBOX.cainiao()::appKey);
    r.add("shipbridge.cainiao.app-secret", SANDBOX.cainiao()::appSecret);
    r.add("shipbridge.cainiao.access-token", SANDBOX.cainiao()::accessToken);
    r.add("shipbridge.cainiao.iop-base-url", SANDBOX.cainiao()::iopBaseUrl);
    r.add("shipbridge.cainiao.link-base-url", SANDBOX.cainiao()::linkBaseUrl);
    r.add("shipbridge.cainiao.link-provider-id", SANDBOX.cainiao()::logisticProviderId);
    r.add("shipbridge.cainiao.link-secret-key", SANDBOX.cainiao()::linkSecretKey);
    r.add("shipbridge.webhook.enabled", () -> "true");
  }

  final List<PushedTracking> pushes = new CopyOnWriteArrayList<>();

  @Bean
  Clock clock() {
    return SANDBOX.clock();
  }

  @Bean
  Sleeper sleeper() {
    return SANDBOX.clock()::advance;
  }

  @Bean
  MeterRegistry meterRegistry() {
    return new SimpleMeterRegistry();
  }

  @Bean
  ObservationRegistry observationRegistry(MeterRegistry meters) {
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    return registry;
  }

  @EventListener
  void on(PushedTracking push) {
    pushes.add(push);
  }
}
