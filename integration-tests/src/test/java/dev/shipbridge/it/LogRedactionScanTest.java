package dev.shipbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeException;
import dev.shipbridge.TrackManyOptions;
import dev.shipbridge.WebhookRequest;
import dev.shipbridge.cainiao.CainiaoCarrier;
import dev.shipbridge.it.logging.Capture;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.resilience.OperationPolicy;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import dev.shipbridge.usps.UspsCarrier;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Goal 16: SLF4J bound to a capturing provider at TRACE (HTTP headers and bodies included), both
 * adapters' main flows (quote, label, track, trackMany, cancel, address, manifest, LINK tracking,
 * USPS and Cainiao pushes) and a fault matrix (401 replay, 429, 5xx, resets, truncated answers,
 * refused credentials), seeded with canaries: secrets, tokens (as issued by the emulators) and the
 * recipient's name, street, phone and e-mail. Not one canary may appear in a log message, its
 * arguments, the MDC, an exception message or a stack trace.
 */
class LogRedactionScanTest {
  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-02T15:00:00Z"));
  private final List<Object> results = new ArrayList<>();
  private final List<Throwable> failures = new ArrayList<>();

  @Test
  void noSecretOrPersonalDataReachesLogsOrExceptions() throws Exception {
    assertThat(org.slf4j.LoggerFactory.getILoggerFactory().getLogger("dev.shipbridge.http").getClass().getName())
        .as("SLF4J is bound to the capturing provider").isEqualTo("dev.shipbridge.it.logging.CapturingLogger");
    List<Capture.Event> events;
    Canaries canaries = new Canaries();
    try (UspsEmulator usps = UspsEmulator.start(clock);
        CainiaoEmulator cainiao = CainiaoEmulator.builder().clock(clock).appSecret(Canaries.CAINIAO_APP_SECRET)
            .accessToken(Canaries.CAINIAO_ACCESS_TOKEN).linkSecretKey(Canaries.LINK_SECRET).start()) {
      org.slf4j.MDC.put("requestId", "scan-1");
      Capture.start();
      try {
        runFlows(usps, cainiao);
      } finally {
        events = Capture.stop();
        org.slf4j.MDC.clear();
      }
      // Negative control: the canaries did cross the logged exchanges, so a redaction gap would show.
      Canaries control = new Canaries();
      List<String> onTheWire = new ArrayList<>();
      for (UspsEmulator.RecordedCall c : usps.requests()) onTheWire.addAll(control.find("usps wire", c.query() + " " + c.body()));
      for (CainiaoEmulator.RecordedCall c : cainiao.requests()) onTheWire.addAll(control.find("cainiao wire", c.body()));
      assertThat(String.join("\n", onTheWire)).as("the recipient's data and the tokens went over the wire")
          .contains("recipient name", "street line", "e-mail", "Cainiao access token");
      canaries.add("USPS client secret", usps.clientSecret());
      for (UspsEmulator.RecordedCall c : usps.requests()) {
        String auth = c.header("Authorization");
        if (auth != null && auth.startsWith("Bearer ")) canaries.add("USPS access token", auth.substring(7).strip());
        canaries.add("USPS payment token", c.header("X-Payment-Authorization-Token"));
      }
    }

    assertThat(events).as("TRACE was captured (HTTP bodies included)")
        .anySatisfy(e -> assertThat(e.level()).isEqualTo(org.slf4j.event.Level.TRACE))
        .anySatisfy(e -> assertThat(e.formatted()).contains("attempt 1: POST"));
    assertThat(events).as("bodies were logged with their secret and personal fields masked")
        .anySatisfy(e -> assertThat(e.formatted()).contains(dev.shipbridge.http.Redaction.MASK));
    assertThat(failures).as("the fault matrix produced failures to scan").hasSizeGreaterThan(10);
    System.out.printf("log scan: %d events, %d exceptions, %d results, %d canaries%n", events.size(), failures.size(),
        results.size(), canaries.size());
    assertThat(canaries.size()).as("tokens captured from the emulator").isGreaterThan(12);

    List<String> leaks = new ArrayList<>();
    for (Capture.Event e : events) {
      for (String t : e.texts()) leaks.addAll(canaries.find("log " + e.level() + " " + e.logger(), t));
    }
    for (Throwable t : failures) {
      leaks.addAll(canaries.find("exception " + t.getClass().getSimpleName(), Capture.trace(t)));
    }
    for (Object r : results) leaks.addAll(canaries.find("toString of " + r.getClass().getSimpleName(), String.valueOf(r)));
    assertThat(leaks).as("canaries found (%d log events, %d exceptions, %d results scanned)", events.size(),
        failures.size(), results.size()).isEmpty();
  }

  private void runFlows(UspsEmulator usps, CainiaoEmulator cainiao) throws Exception {
    ResiliencePolicy policy = ResiliencePolicy.custom().all(s -> s.unlimited().maxAttempts(3)
        .circuitBreaker(OperationPolicy.CircuitBreakerSettings.DISABLED)).build();
    UspsCarrier uspsCarrier = UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId())
        .clientSecret(usps.clientSecret()).webhookSecret(Canaries.USPS_WEBHOOK_SECRET)
        .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525"))
        .inductionZip("11430").build();
    CainiaoCarrier cainiaoCarrier = CainiaoCarrier.builder().appKey(cainiao.appKey()).appSecret(cainiao.appSecret())
        .accessToken(cainiao.accessToken()).iopBaseUrl(cainiao.iopBaseUrl())
        .linkProviderId(cainiao.logisticProviderId()).linkSecretKey(cainiao.linkSecretKey())
        .linkBaseUrl(cainiao.linkBaseUrl()).handoverLoginId("seller@example.com").build();
    try (Shipbridge sb = Shipbridge.builder().discoverCarriers(false).clock(clock).sleeper(d -> { }).resilience(policy)
        .carrier(uspsCarrier).carrier(cainiaoCarrier).build();
        Shipbridge linkOnly = Shipbridge.builder().discoverCarriers(false).clock(clock).sleeper(d -> { }).resilience(policy)
            .carrier(CainiaoCarrier.builder().linkProviderId(cainiao.logisticProviderId())
                .linkSecretKey(cainiao.linkSecretKey()).linkBaseUrl(cainiao.linkBaseUrl()).build()).build();
        Shipbridge wrongUsps = Shipbridge.builder().discoverCarriers(false).clock(clock).sleeper(d -> { }).resilience(policy)
            .carrier(UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId())
                .clientSecret(Canaries.WRONG_SECRET).build()).build();
        Shipbridge wrongCainiao = Shipbridge.builder().discoverCarriers(false).clock(clock).sleeper(d -> { })
            .resilience(policy)
            .carrier(CainiaoCarrier.builder().appKey(cainiao.appKey()).appSecret(Canaries.WRONG_SECRET)
                .accessToken(Canaries.CAINIAO_ACCESS_TOKEN + "x").iopBaseUrl(cainiao.iopBaseUrl()).build()).build()) {

      // ---------------------------------------------------------------- main flows
      QuoteRequest domestic = QuoteRequest.builder().from(Requests.WAREHOUSE).to(Canaries.RECIPIENT)
          .parcel(Requests.BOX).build();
      QuoteRequest crossBorder = QuoteRequest.builder().from(Requests.SHENZHEN).to(Canaries.RECIPIENT)
          .parcel(Requests.BOX).customs(Requests.CUSTOMS).build();
      attempt(() -> sb.quote(domestic));
      attempt(() -> sb.quote(crossBorder));
      Label uspsLabel = (Label) attempt(() -> sb.label(Requests.uspsLabel("scan-usps-1", Canaries.RECIPIENT)));
      Label cainiaoLabel = (Label) attempt(() -> sb.label(Requests.cainiaoLabel("scan-cainiao-1", "8000000000001",
          Canaries.RECIPIENT)));
      String u = uspsLabel == null ? "9205590109769900012613" : uspsLabel.trackingNumber();
      String c = cainiaoLabel == null ? "LP00579396348112" : cainiaoLabel.trackingNumber();
      attempt(() -> sb.track(u));
      attempt(() -> sb.track(c));
      attempt(() -> sb.trackMany(List.of(u, c)));
      attempt(() -> sb.trackMany(List.of(u), TrackManyOptions.builder().refreshTerminal(true).build()));
      attempt(() -> linkOnly.track(c));
      attempt(() -> sb.validateAddress(Canaries.RECIPIENT));
      attempt(() -> sb.manifest(new ManifestRequest(CarrierId.USPS, List.of(u), Requests.WAREHOUSE, null)));
      attempt(() -> sb.manifest(new ManifestRequest(CarrierId.CAINIAO, List.of(c), Requests.SHENZHEN, null)));
      attempt(() -> sb.cancel(u));
      WebhookRequest signed = uspsNotification(u, false);
      WebhookRequest forged = uspsNotification(u, true);
      attempt(() -> sb.webhooks().handle(signed));
      attempt(() -> sb.webhooks().handle(forged));
      attempt(() -> sb.webhooks().handle(cainiaoPush(cainiao, c)));
      attempt(() -> sb.webhooks().handle(WebhookRequest.of(cainiao.pushEvent(c).replace("data_digest=", "data_digest=x")
          .getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", List.of("application/x-www-form-urlencoded")))));

      // ---------------------------------------------------------------- USPS fault matrix
      usps.injectFault("/tracking/v3r2", UspsEmulator.Fault.HTTP_429, 3);
      attempt(() -> sb.track(u));
      usps.injectFault("/shipments/v3", UspsEmulator.Fault.HTTP_500, 3);
      attempt(() -> sb.quote(domestic));
      usps.injectFault("/labels/v3", UspsEmulator.Fault.HTTP_503, 3);
      attempt(() -> sb.label(Requests.uspsLabel("scan-usps-503", Canaries.RECIPIENT)));
      usps.injectFault("/addresses/v3", UspsEmulator.Fault.HTTP_502_HTML, 3);
      attempt(() -> sb.validateAddress(Canaries.RECIPIENT));
      usps.injectFault("/labels/v3", UspsEmulator.Fault.CONNECTION_RESET, 3);
      attempt(() -> sb.label(Requests.uspsLabel("scan-usps-reset", Canaries.RECIPIENT)));
      usps.injectFault("/labels/v3", UspsEmulator.Fault.TRUNCATED_JSON, 1);
      attempt(() -> sb.label(Requests.uspsLabel("scan-usps-truncated", Canaries.RECIPIENT)));
      usps.injectFault("/tracking/v3r2", UspsEmulator.Fault.EMPTY_RESPONSE, 3);
      attempt(() -> sb.track(u));
      usps.injectFault("/scan-forms/v3", UspsEmulator.Fault.MALFORMED_CHUNK, 1);
      attempt(() -> sb.manifest(new ManifestRequest(CarrierId.USPS, List.of(u), Requests.WAREHOUSE, null)));
      usps.injectFault("/addresses/v3", UspsEmulator.Fault.RANDOM_DATA_THEN_CLOSE, 3);
      attempt(() -> sb.validateAddress(Canaries.RECIPIENT));
      attempt(() -> wrongUsps.validateAddress(Canaries.RECIPIENT)); // refused credentials
      attempt(() -> sb.label(Requests.uspsLabel("scan-usps-bad", Canaries.RECIPIENT.toBuilder().country("FR")
          .region(null).postalCode("75013").build()))); // refused before the network, naming the recipient's fields

      // ---------------------------------------------------------------- Cainiao fault matrix
      cainiao.injectFault("cainiao.global.solution.inquiry", CainiaoEmulator.Fault.RATE_LIMITED, 3);
      attempt(() -> sb.quote(crossBorder));
      cainiao.injectFault("cainiao.global.logistic.order.create", CainiaoEmulator.Fault.HTTP_500, 1);
      attempt(() -> sb.label(Requests.cainiaoLabel("scan-cainiao-500", "8000000000002", Canaries.RECIPIENT)));
      cainiao.injectFault("cainiao.global.logistic.order.create", CainiaoEmulator.Fault.CONNECTION_RESET, 1);
      attempt(() -> sb.label(Requests.cainiaoLabel("scan-cainiao-reset", "8000000000003", Canaries.RECIPIENT)));
      cainiao.injectFault("cainiao.global.logistic.order.create", CainiaoEmulator.Fault.NEED_RETRY, 1);
      attempt(() -> sb.label(Requests.cainiaoLabel("scan-cainiao-retry", "8000000000004", Canaries.RECIPIENT)));
      cainiao.injectFault("aliexpress.logistics.redefining.getprintinfo", CainiaoEmulator.Fault.TRUNCATED_JSON, 3);
      attempt(() -> sb.label(Requests.cainiaoLabel("scan-cainiao-print", "8000000000005", Canaries.RECIPIENT)));
      cainiao.injectFault("aliexpress.logistics.redefining.getonlinelogisticsinfo", CainiaoEmulator.Fault.HTTP_502_HTML, 3);
      attempt(() -> sb.track(c));
      cainiao.injectFault("aliexpress.logistics.redefining.querytrackingresult", CainiaoEmulator.Fault.HTTP_503, 3);
      attempt(() -> sb.track(c));
      cainiao.injectFault("aliexpress.logistics.redefining.querytrackingresult", CainiaoEmulator.Fault.EMPTY_RESPONSE, 3);
      attempt(() -> sb.track(c));
      cainiao.injectFault("*", CainiaoEmulator.Fault.MALFORMED_CHUNK, 3);
      attempt(() -> linkOnly.track(c));
      attempt(() -> wrongCainiao.quote(crossBorder)); // refused credentials

      // ---------------------------------------------------------------- USPS 401: a token USPS forgot
      usps.reset();
      attempt(() -> sb.track(u));
      attempt(() -> sb.label(Requests.uspsLabel("scan-usps-401", Canaries.RECIPIENT)));
    }
  }

  private Object attempt(Supplier<Object> call) {
    try {
      Object r = call.get();
      results.add(r);
      if (r instanceof dev.shipbridge.QuoteResult q) q.failures().forEach(f -> failures.add(f.error()));
      if (r instanceof List<?> l) {
        for (Object o : l) {
          if (o instanceof dev.shipbridge.TrackResult t && t.failure() != null) failures.add(t.failure());
        }
      }
      return r;
    } catch (ShipbridgeException e) {
      failures.add(e);
      return null;
    }
  }

  /** A USPS tracking notification signed (or forged) as USPS signs them: Base64 HMAC-SHA256 over timestamp + payload. */
  private WebhookRequest uspsNotification(String number, boolean forged) throws Exception {
    String timestamp = clock.instant().toString();
    String payload = "{\"trackingNumber\":\"" + number + "\",\"statusCategory\":\"In Transit\",\"trackingEvents\":[{"
        + "\"eventType\":\"Arrived at Post Office\",\"GMTTimestamp\":\"" + timestamp + "\",\"eventCode\":\"07\","
        + "\"eventCity\":\"BROOKLYN\",\"eventState\":\"NY\",\"eventZIPCode\":\"11201\",\"firm\":\"" + Canaries.NAME + "\"}]}";
    String body = "{\"subscriptionId\":\"sub-1\",\"subscriptionType\":\"TRACKING\",\"timestamp\":\"" + timestamp
        + "\",\"payload\":" + dev.shipbridge.http.JsonCodec.standard().mapper().writeValueAsString(payload) + "}";
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec((forged ? Canaries.WRONG_SECRET : Canaries.USPS_WEBHOOK_SECRET)
        .getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String hmac = Base64.getEncoder().encodeToString(mac.doFinal((timestamp + payload).getBytes(StandardCharsets.UTF_8)));
    return WebhookRequest.of(body.getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", List.of("application/json"), "X-HMAC", List.of(hmac)));
  }

  private static WebhookRequest cainiaoPush(CainiaoEmulator cainiao, String number) {
    return WebhookRequest.of(cainiao.pushEvent(number).getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", List.of("application/x-www-form-urlencoded")));
  }
}
