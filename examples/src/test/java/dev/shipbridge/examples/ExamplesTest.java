package dev.shipbridge.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.ConfigurationException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.spi.CarrierProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every example against the embedded sandbox and checks what it prints. */
class ExamplesTest {
  private static final CarrierProvider.Settings NO_CREDENTIALS = name -> Optional.empty();

  private static List<String> output(Consumer<PrintStream> example) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      example.accept(out);
    }
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private interface Example {
    void run(PrintStream out) throws Exception;
  }

  private static List<String> run(Example example) {
    return output(out -> {
      try {
        example.run(out);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void crossBorderShipmentQuotesBuysTheCheapestTimelyLabelAndTracksItToTheDoor(@TempDir Path dir) throws IOException {
    int[] exit = new int[1];
    List<String> lines = output(out -> exit[0] = CrossBorderShipment.run(out, NO_CREDENTIALS, dir.resolve("out")));
    String all = String.join("\n", lines);

    assertThat(exit[0]).isZero();
    assertThat(lines.get(0)).startsWith("Mode: embedded sandbox");
    assertThat(lines).anySatisfy(l -> assertThat(l).matches("\\s+CARRIER\\s+SERVICE\\s+PRICE\\s+DAYS\\s+BASIS\\s+COVERS"));
    assertThat(lines).filteredOn(l -> l.startsWith("  usps ")).isNotEmpty() // every USPS offer has days
        .allSatisfy(l -> assertThat(l).doesNotContain(" ? ").contains("commitment"));
    assertThat(all).contains("Why: cheapest of ").contains(" in CNY");
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("cainiao", "Cainiao Standard Shipping", "20.40 CNY", "7-15", "door to door"));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("usps", "USPS Ground Advantage", " USD", "US leg only"));
    assertThat(all).contains("Buying: cainiao Cainiao Standard Shipping at 20.40 CNY, 7-15 days");
    // issue 17 item 6: combined offers side by side, and the shopper's rule over both kinds
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("cainiao", "Cainiao Line to JFK", "9.50 CNY", "6-9", "up to US induction"));
    assertThat(all).contains("Combined offers (Cainiao to US induction + USPS last mile)");
    assertThat(lines).filteredOn(l -> l.startsWith("  cainiao Cainiao Line to JFK + usps ")).isNotEmpty()
        .allSatisfy(l -> assertThat(l).contains("none: legs in CNY + USD, not converted").contains("estimate"));
    assertThat(all).contains("Shopper's rule: the cheapest door-to-door offer, single or combined, arriving within 20 days");
    assertThat(all).contains("ranked in CNY");
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("  combined cainiao Cainiao Line to JFK + usps")
        .contains("9.50 CNY + ").contains(" USD = ").contains("at 1 USD = 7.10 CNY (seller's treasury desk"));

    try (Stream<Path> files = Files.list(dir.resolve("out"))) {
      List<Path> pdfs = files.toList();
      assertThat(pdfs).singleElement().satisfies(p -> {
        assertThat(p.getFileName().toString()).matches("cainiao-LP\\d{14}\\.pdf");
        assertThat(new String(Files.readAllBytes(p), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("%PDF");
      });
    }

    assertThat(lines).anySatisfy(l -> assertThat(l).contains("... day", "IN_CUSTOMS"));
    assertThat(all).containsPattern("Journey of LP\\d{14}: DELIVERED")
        .containsPattern("leg cainiao\\s+LP\\d{14}").containsPattern("leg usps\\s+\\d{22}");
    List<String> timeline = lines.subList(lines.indexOf(lines.stream().filter(l -> l.startsWith("Timeline")).findFirst()
        .orElseThrow()) + 1, lines.size());
    assertThat(timeline).hasSize(23);
    assertThat(timeline.get(0)).contains("cainiao", "PRE_TRANSIT", "Order received");
    assertThat(timeline).anySatisfy(l -> assertThat(l).contains("cainiao", "Export customs clearance complete"));
    assertThat(timeline).anySatisfy(l -> assertThat(l).contains("cainiao", "Accepted by last mile delivery company USPS"));
    assertThat(timeline.get(timeline.size() - 1)).contains("usps", "DELIVERED", "BROOKLYN, NY 11201"); // where it was sent
    assertThat(timeline).isSorted(); // lines start with the time, "yyyy-MM-dd HH:mm UTC"
  }

  @Test
  void crossBorderShipmentWithCredentialsButWithoutBuyStaysInTheSandboxAndNeverPrintsASecret(@TempDir Path dir) {
    Map<String, String> env = Map.of("USPS_CLIENT_ID", "my-client-id", "USPS_CLIENT_SECRET", "my-very-secret-value");
    int[] exit = new int[1];
    List<String> lines = output(out -> exit[0] = CrossBorderShipment.run(out,
        name -> Optional.ofNullable(env.get(name)), dir));

    assertThat(lines.get(0)).startsWith("Mode: embedded sandbox");
    assertThat(lines.get(1)).isEqualTo("Note: USPS credentials are set but ignored: without --buy nothing leaves this machine.");
    assertThat(exit[0]).isZero();
    assertThat(String.join("\n", lines)).doesNotContain("my-very-secret-value").doesNotContain("my-client-id");
  }

  @Test
  void crossBorderShipmentWithBuyAndNoCainiaoCredentialsRefusesBeforeAnyRequest(@TempDir Path dir) {
    Map<String, String> env = Map.of("USPS_CLIENT_ID", "my-client-id", "USPS_CLIENT_SECRET", "my-very-secret-value");
    int[] exit = new int[1];
    List<String> lines = output(out -> exit[0] = CrossBorderShipment.run(out,
        name -> Optional.ofNullable(env.get(name)), dir, "--buy"));

    assertThat(lines.get(0)).startsWith("Mode: carrier test environments (--buy), refused before any request");
    assertThat(String.join("\n", lines)).contains("CAINIAO_APP_KEY, CAINIAO_APP_SECRET, CAINIAO_ACCESS_TOKEN not set")
        .doesNotContain("my-very-secret-value").doesNotContain("my-client-id");
    assertThat(exit[0]).isEqualTo(2);
  }

  @Test
  void quoteOnlyListsBothCarriersAndChoosesWithinOneCurrency() {
    List<String> lines = run(QuoteOnly::run);
    String all = String.join("\n", lines);

    assertThat(lines.get(0)).startsWith("Mode: embedded sandbox");
    assertThat(all).contains("currencies: [CNY, USD] (never converted)")
        .contains("cheapest in CNY: cainiao Cainiao Saver Shipping at 11.60 CNY")
        .contains("cheapest in USD: usps USPS Ground Advantage at")
        .contains("cheapest door to door: cainiao")
        .contains("cheapest() without a currency: refused, MIXED_CURRENCIES")
        .containsPattern("ranked in USD: cainiao .+, [0-9.]+ CNY = [0-9.]+ USD at 1 CNY = 0\\.\\d+ USD \\(example table, 2026-03-01T00:00:00Z\\)")
        .contains("USPS quotes: 3, Cainiao quotes: 0")
        .contains("cheapest: usps USPS Ground Advantage at 8.05 USD");
  }

  @Test
  void trackManyBatchesPerCarrierAndSkipsDeliveredParcelsOnTheNextRun() {
    List<String> lines = run(TrackMany::run);
    String all = String.join("\n", lines);
    String run1 = all.substring(all.indexOf("Run 1"), all.indexOf("Run 2"));
    String run2 = all.substring(all.indexOf("Run 2"));

    assertThat(lines.get(0)).startsWith("Mode: embedded sandbox");
    assertThat(all).contains("Bought 42 labels: 2 Cainiao (China to US), 40 USPS domestic");
    assertThat(run1).contains("30  usps DELIVERED", "10  usps IN_TRANSIT", "2  cainiao IN_TRANSIT")
        .containsPattern("legs \\[cainiao LP\\d{14}, usps \\d{22}\\]")
        .contains("tracking calls: USPS 3 (40 numbers, at most 35 a call; then the 2 USPS legs of Cainiao parcels in one more)",
            "Cainiao 2 (2 numbers, one a call)");
    assertThat(run2).contains("30  skipped (already DELIVERED)", "10  usps DELIVERED")
        .contains("tracking calls: USPS 2 (10 numbers, at most 35 a call; then the 2 USPS legs", "Cainiao 2 (");
  }

  @Test
  void customCarrierIsDiscoveredQuotedAndTrackedThroughTheFacade() {
    List<String> lines = run(CustomCarrier::run);
    String all = String.join("\n", lines);

    assertThat(lines.get(0)).startsWith("Mode: embedded sandbox");
    assertThat(all).contains("Carriers: [usps, kestrel]")
        .containsPattern("kestrel\\s+Kestrel Next Day\\s+7.20 USD\\s+1")
        .contains("Tracking KP123456786 on kestrel: DELIVERED")
        .contains("Delivered to the front desk");
  }

  @Test
  void theCustomCarriersProviderIsRegisteredButConfiguresNothingWithoutItsSetting() {
    assertThat(ServiceLoader.load(CarrierProvider.class).stream().map(ServiceLoader.Provider::type))
        .contains(CustomCarrier.KestrelProvider.class);
    assertThatThrownBy(() -> Shipbridge.builder().discoverCarriers(true).settings(NO_CREDENTIALS).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("discovery found none");
    try (Shipbridge kestrel = Shipbridge.builder().discoverCarriers(true)
        .settings(name -> name.equals("KESTREL_API_KEY") ? Optional.of("k") : Optional.empty()).build()) {
      assertThat(kestrel.carriers()).containsExactly(CarrierId.of("kestrel"));
    }
  }

  @Test
  void webhookReceiverAcceptsASignedPushAndRefusesAReplayedAndAForgedOne() {
    List<String> lines = run(WebhookReceiver::run);
    String all = String.join("\n", lines);

    assertThat(lines.get(0)).startsWith("Mode: embedded sandbox");
    assertThat(all).containsPattern("POST genuine push for (LP\\d{14})\\n    verified: cainiao label \\1 \\(pushed as LX\\d{9}CN\\)\\n    event .* IN_TRANSIT")
        .containsPattern("POST the same push again\\n    refused: DUPLICATE .*\\n  -> HTTP 200")
        .containsPattern("POST forged push .*\\n    refused: BAD_SIGNATURE .*\\n  -> HTTP 401");
    assertThat(lines).filteredOn(l -> l.startsWith("    verified")).hasSize(1);
  }

  @Test
  void resilienceTuningRetriesThroughInjectedFaultsWithoutBuyingTwice() {
    List<String> lines = run(ResilienceTuning::run);
    String all = String.join("\n", lines);

    assertThat(lines.get(0)).startsWith("Mode: embedded sandbox");
    assertThat(lines).filteredOn(l -> l.contains("retry: usps QUOTE")).hasSize(2);
    assertThat(all).contains("done: usps QUOTE after 3 attempt(s)")
        .contains("-> 3 quotes; USPS saw 3 price requests")
        .contains("retry: usps LABEL attempt 1 failed")
        .contains("done: usps LABEL after 2 attempt(s)")
        .contains("label requests 2, labels bought 1")
        .contains("rate limit: usps QUOTE waited")
        .contains("rate limit: usps TRACK waited 6 s for a permit");
    assertThat(all).doesNotContain("failed: dev.shipbridge");
  }
}
