package dev.shipbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.cainiao.CainiaoCarrier;
import dev.shipbridge.it.logging.Capture;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.resilience.OperationPolicy;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import dev.shipbridge.usps.UspsCarrier;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.event.Level;

/**
 * At TRACE the logged bodies of both real adapters keep public service names (USPS fee, extra
 * service and commitment names, Cainiao solution names) readable, while every personal name,
 * firm, street, phone and e-mail stays masked; under the default and a permissive policy.
 */
class PublicNamesAtTraceTest {
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void serviceNamesStayReadableAndPersonalNamesMaskedInTraceBodies(boolean permissive) {
    MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-02T01:00:00Z"));
    List<Capture.Event> events;
    try (UspsEmulator usps = UspsEmulator.start(clock); CainiaoEmulator cainiao = CainiaoEmulator.start(clock)) {
      ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).clock(clock).sleeper(d -> clock.advance(d))
          .carrier(UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId()).clientSecret(usps.clientSecret())
              .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525")).build())
          .carrier(CainiaoCarrier.builder().appKey(cainiao.appKey()).appSecret(cainiao.appSecret())
              .accessToken(cainiao.accessToken()).iopBaseUrl(cainiao.iopBaseUrl()).build());
      if (permissive) b.resilience(ResiliencePolicy.custom().all(s -> s.unlimited().maxAttempts(1)
          .circuitBreaker(OperationPolicy.CircuitBreakerSettings.DISABLED)).build());
      try (Shipbridge sb = b.build()) {
        Capture.start();
        try {
          sb.quote(QuoteRequest.builder().from(Requests.WAREHOUSE).to(Requests.BROOKLYN).parcel(Requests.BOX).build());
          sb.quote(Requests.crossBorderQuote());
          sb.label(Requests.uspsLabel("order-5001", Requests.BROOKLYN));
          sb.label(Requests.cainiaoLabel("order-5002", "8001234567890501", Requests.BROOKLYN));
        } finally {
          events = Capture.stop();
        }
      }
    }
    String trace = events.stream().filter(e -> e.logger().equals("dev.shipbridge.http") && e.level() == Level.TRACE)
        .map(Capture.Event::formatted).collect(Collectors.joining("\n"));

    assertThat(trace).as("USPS product, extra service and commitment names, Cainiao solution names")
        .contains("USPS Ground Advantage", "USPS Tracking", "Cainiao Standard Shipping", "Cainiao Premium Shipping")
        .containsPattern("\"commitment\":\\{\"name\":\"\\d+(-Day| Days)\"");
    assertThat(trace).as("people, firms, streets, phones and e-mails")
        .doesNotContain("Ada Lovelace", "Ada", "Lovelace", "Li Wei", "Shipping Desk", "Acme Goods", "123 Main St",
            "1 Keji Road", "4120 Bingham", "555 123 4567", "13800000000", "314-555-0100", "ada@example.com");
  }
}
