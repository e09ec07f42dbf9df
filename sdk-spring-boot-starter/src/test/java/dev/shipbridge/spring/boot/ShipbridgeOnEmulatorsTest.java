package dev.shipbridge.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.shipbridge.QuoteResult;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.micrometer.ShipbridgeMicrometer;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.sandbox.SandboxSamples;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The starter in a Spring Boot application running the main job on the emulators, through the
 * real adapters: quote both carriers, buy a label from each, track both, receive a signed push on
 * the webhook endpoint; under the default resilience policy and a permissive one.
 */
class ShipbridgeOnEmulatorsTest {

  @DynamicPropertySource
  static void carriers(DynamicPropertyRegistry registry) {
    EmulatorApplication.carrierProperties(registry);
  }

  /** The main job, shared by both policies. */
  abstract static class MainJob {
    @Autowired Shipbridge shipbridge;
    @Autowired MeterRegistry meters;
    @Autowired EmulatorApplication app;
    @Autowired RouterFunction<ServerResponse> shipbridgeWebhookRoute;
    @Autowired Map<String, HealthIndicator> health;

    abstract String name();

    @Test
    void quotesLabelsAndTracksOnBothCarriersAndReceivesAPushThroughTheWebhookEndpoint() throws Exception {
      assertThat(shipbridge.carriers()).containsExactlyInAnyOrder(CarrierId.USPS, CarrierId.CAINIAO);
      QuoteResult quotes = shipbridge.quote(SandboxSamples.crossBorderQuote());
      assertThat(quotes.failures()).isEmpty();
      assertThat(quotes.of(CarrierId.USPS)).isNotEmpty();
      assertThat(quotes.of(CarrierId.CAINIAO)).isNotEmpty();

      Label usps = shipbridge.label(SandboxSamples.uspsLabel("spring-" + name()));
      Label cainiao = shipbridge.label(SandboxSamples.cainiaoLabel("8009" + name().length() + "00000001"));
      assertThat(usps.carrier()).isEqualTo(CarrierId.USPS);
      assertThat(cainiao.trackingNumber()).matches("LP\\d{14}");

      Tracking uspsTracking = shipbridge.track(usps.trackingNumber());
      Tracking cainiaoTracking = shipbridge.track(cainiao.trackingNumber());
      assertThat(uspsTracking.carrier()).isEqualTo(CarrierId.USPS);
      assertThat(cainiaoTracking.carrier()).isEqualTo(CarrierId.CAINIAO);

      assertThat(meters.find(ShipbridgeMicrometer.CALL_OBSERVATION).tag("carrier", "usps").tag("operation", "label")
          .timer().count()).isPositive();
      assertThat(meters.find(ShipbridgeMicrometer.HTTP_OBSERVATION).tag("server.address", "127.0.0.1").timers()
          .stream().mapToLong(t -> t.count()).sum()).isPositive();

      Health h = health.get("shipbridgeHealthIndicator").health();
      assertThat(h.getStatus().getCode()).isEqualTo("UP");
      assertThat(h.getDetails().toString()).contains("usps={breaker=closed, lastSuccess=" + EmulatorApplication.SANDBOX.clock().instant().toString().substring(0, 13))
          .contains("credentials=accepted");

      MockMvc mvc = MockMvcBuilders.routerFunctions(shipbridgeWebhookRoute).build();
      String push = EmulatorApplication.SANDBOX.cainiao().pushEvent(cainiao.trackingNumber());
      mvc.perform(post("/shipbridge/webhooks").contentType(MediaType.APPLICATION_FORM_URLENCODED).content(push))
          .andExpect(status().isOk());
      // LINK pushes name the parcel by its international number when it has one.
      assertThat(app.pushes).anySatisfy(p -> {
        assertThat(p.carrier()).isEqualTo(CarrierId.CAINIAO);
        assertThat(p.trackingNumber()).matches(cainiao.trackingNumber() + "|L[A-Z]\\d{9}CN");
        assertThat(p.events()).isNotEmpty();
      });
      String forged = push.replaceFirst("data_digest=[^&]+", "data_digest=Zm9yZ2Vk");
      mvc.perform(post("/shipbridge/webhooks").contentType(MediaType.APPLICATION_FORM_URLENCODED).content(forged))
          .andExpect(status().isUnauthorized());
      assertThat(meters.find(ShipbridgeMicrometer.WEBHOOKS).tag("outcome", "accepted").counter().count()).isEqualTo(1);
    }
  }

  @Nested
  @SpringBootTest(classes = EmulatorApplication.class)
  class DefaultPolicy extends MainJob {
    @Override
    String name() {
      return "default";
    }
  }

  @Nested
  @SpringBootTest(classes = EmulatorApplication.class, properties = {
      "shipbridge.resilience.all.max-attempts=6", "shipbridge.resilience.all.rate-limit-timeout=10m",
      "shipbridge.resilience.all.max-concurrent-calls=100",
      "shipbridge.quote-timeout=15m"}) // a quote's deadline bounds its permit waits: room for the 10 m ones
  class PermissivePolicy extends MainJob {
    @Override
    String name() {
      return "permissive";
    }
  }
}
