package dev.shipbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.cainiao.CainiaoCarrier;
import dev.shipbridge.it.logging.Capture;
import dev.shipbridge.model.Label;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import dev.shipbridge.usps.UspsCarrier;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** Pins the one-line DEBUG format of an HTTP exchange and the MDC a call carries, on both real adapters. */
class ExchangeLogFormatTest {
  private static final String LINE = "(usps|cainiao) [A-Z]+ attempt \\d+: (GET|POST|DELETE) 127\\.0\\.0\\.1:\\d+ /\\S* -> "
      + "(\\d{3}|failed \\(\\w+\\)) in \\d+(\\.\\d+)? (ms|s)(, request-id \\S+)?";

  @Test
  void eachExchangeIsOneDebugLineWithCarrierOperationAttemptHostPathStatusAndTimeAndTheCallCarriesItsKeysInTheMdc() {
    MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-02T01:00:00Z"));
    try (UspsEmulator usps = UspsEmulator.start(clock); CainiaoEmulator cainiao = CainiaoEmulator.start(clock);
        Shipbridge sb = Shipbridge.builder().clock(clock).sleeper(d -> clock.advance(d))
            .carrier(UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId()).clientSecret(usps.clientSecret())
                .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525")).build())
            .carrier(CainiaoCarrier.builder().appKey(cainiao.appKey()).appSecret(cainiao.appSecret())
                .accessToken(cainiao.accessToken()).iopBaseUrl(cainiao.iopBaseUrl()).build())
            .build()) {
      Capture.start();
      Label label;
      try {
        label = sb.label(Requests.uspsLabel("order-4711", Requests.BROOKLYN));
        sb.label(Requests.cainiaoLabel("order-4712", "8001234567890777", Requests.BROOKLYN));
      } finally {
        Capture.stop();
      }
      List<Capture.Event> events = Capture.stop();
      events = List.copyOf(events);
      List<Capture.Event> http = events.stream().filter(e -> e.logger().equals("dev.shipbridge.http")).toList();
      List<Capture.Event> debug = http.stream().filter(e -> e.level() == Level.DEBUG).toList();

      // USPS: token, payment authorisation, label; Cainiao: create, logistics info, print info.
      assertThat(debug).hasSize(usps.requests().size() + cainiao.requests().size());
      assertThat(debug).allSatisfy(e -> assertThat(e.formatted()).matches(LINE));
      assertThat(debug).anySatisfy(e -> assertThat(e.formatted())
          .matches("usps LABEL attempt 1: POST 127\\.0\\.0\\.1:\\d+ /labels/v3/label -> 200 in .*"));
      assertThat(http).filteredOn(e -> e.level() != Level.TRACE).allSatisfy(e -> assertThat(e.formatted())
          .doesNotContain("Ada Lovelace", "%E2%96%88", "PT"));
      assertThat(http).filteredOn(e -> e.level() == Level.TRACE).isNotEmpty(); // bodies only at TRACE
      assertThat(events).filteredOn(e -> e.logger().startsWith("dev.shipbridge.usps") && e.level() == Level.DEBUG).isEmpty();

      Capture.Event uspsLabel = debug.stream().filter(e -> e.formatted().contains("/labels/v3/label")).findFirst().orElseThrow();
      assertThat(uspsLabel.mdc()).containsEntry("shipbridge.carrier", "usps").containsEntry("shipbridge.operation", "LABEL")
          .containsEntry("shipbridge.idempotencyKey", "order-4711");
      Capture.Event cainiaoCreate = debug.stream().filter(e -> e.formatted().startsWith("cainiao LABEL")).findFirst().orElseThrow();
      assertThat(cainiaoCreate.mdc()).containsEntry("shipbridge.carrier", "cainiao")
          .containsEntry("shipbridge.idempotencyKey", "order-4712");
      assertThat(label.trackingNumber()).isNotBlank();
    }
    assertThat(org.slf4j.MDC.getCopyOfContextMap()).as("the MDC is restored after the call").isNullOrEmpty();
  }
}
