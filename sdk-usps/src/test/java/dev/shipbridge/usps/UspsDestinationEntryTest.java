package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.ValidationException;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parcel Select destination entry, quote to label, through the facade on the emulator, under the
 * carrier's default policy (its quota) and a permissive one: each offer (DDU, DSCF, DNDC) is its own
 * quote, and its label is bought with {@link LabelRequest#entryFacility()} sent as {@code
 * destinationEntryFacilityAddress}. Every exchange is checked against the specs when they are
 * configured.
 */
class UspsDestinationEntryTest {
  /** Before 2026-01-18, when DNDC stops being eligible for Parcel Select. */
  static final Instant JANUARY = Instant.parse("2026-01-05T15:00:00Z");
  static final Address DDU = facility("3415 Gravois Ave", "63118");
  static final Address SCF = facility("1720 Market St", "63155");
  static final Address NDC = facility("5800 Phantom Dr", "63042");

  private final WireRecorder recorder = new WireRecorder();
  private MutableClock clock;
  private UspsEmulator usps;
  private Shipbridge shipbridge;

  static Address facility(String street, String zip) {
    return Address.builder().name("USPS entry facility").line(street).city("St. Louis").region("MO").postalCode(zip)
        .country("US").build();
  }

  private void start(String policy, Instant at) {
    clock = MutableClock.startingAt(at);
    usps = UspsEmulator.start(clock);
    usps.offerDestinationEntry(true);
    UspsCarrier carrier = UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId())
        .clientSecret(usps.clientSecret())
        .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525")).build();
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).carrier(carrier).clock(clock)
        .sleeper(clock::advance).httpClient(new OkHttpClient.Builder().addNetworkInterceptor(recorder).build());
    if (policy.equals("permissive")) {
      b.resilience(ResiliencePolicy.custom().carrier(CarrierId.USPS, s -> s.maxAttempts(1).unlimited()).build());
    }
    shipbridge = b.build();
  }

  @AfterEach
  void stop() {
    if (shipbridge != null) shipbridge.close();
    if (usps != null) usps.close();
    if (SpecConformance.enabled()) {
      assertThat(SpecConformance.violations(recorder.exchanges())).as("every exchange conforms to USPS's specs").isEmpty();
    }
  }

  private Quote quoteFor(String entry) {
    List<Quote> quotes = shipbridge.quote(QuoteRequest.builder().from(EmulatorTestBase.WAREHOUSE)
        .to(EmulatorTestBase.CUSTOMER).parcel(UspsLabelWireTest.BOX).build()).quotes();
    return quotes.stream().filter(q -> entry.equals(q.details().get("destinationEntryFacilityType"))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + entry + " quote in " + quotes));
  }

  private LabelRequest.Builder labelFor(Quote quote, String key) {
    return LabelRequest.builder().quote(quote).from(EmulatorTestBase.WAREHOUSE).to(EmulatorTestBase.CUSTOMER)
        .parcel(UspsLabelWireTest.BOX).idempotencyKey(IdempotencyKey.of(key));
  }

  static Stream<Arguments> journeys() {
    return Stream.of("default", "permissive").flatMap(policy -> Stream.of(
        Arguments.of(policy, "DESTINATION_DELIVERY_UNIT", DDU),
        Arguments.of(policy, "DESTINATION_SECTIONAL_CENTER_FACILITY", SCF),
        Arguments.of(policy, "DESTINATION_NETWORK_DISTRIBUTION_CENTER", NDC)));
  }

  @ParameterizedTest(name = "{0} policy, {1}")
  @MethodSource("journeys")
  void aDestinationEntryQuoteBuysItsLabelWithTheEntryFacility(String policy, String entry, Address facility) {
    start(policy, JANUARY);
    Quote quote = quoteFor(entry);
    assertThat(quote.serviceCode()).startsWith("PARCEL_SELECT:").endsWith(":MACHINABLE:" + entry);

    Label label = shipbridge.label(labelFor(quote, "entry-" + entry).entryFacility(facility).build());

    assertThat(label.trackingNumber()).matches("9\\d{21}");
    assertThat(label.postage()).isEqualTo(quote.total());
    String sent = recorder.to("/labels/v3/label").get(0).requestText();
    assertThat(sent).contains("\"destinationEntryFacilityType\":\"" + entry + "\"",
        "\"destinationEntryFacilityAddress\":{\"streetAddress\":\"" + facility.lines().get(0) + "\",\"city\":\"St. Louis\","
            + "\"state\":\"MO\",\"ZIPCode\":\"" + facility.postalCode() + "\"}");
    assertThat(sent).doesNotContain("USPS entry facility"); // the facility's name is ours, not a USPS field
    assertThat(usps.labelsPurchased()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} policy")
  @ValueSource(strings = {"default", "permissive"})
  void aDestinationEntryLabelWithoutItsFacilityIsRefusedBeforeAnyCall(String policy) {
    start(policy, JANUARY);
    Quote ddu = quoteFor("DESTINATION_DELIVERY_UNIT");
    assertThatThrownBy(() -> shipbridge.label(labelFor(ddu, "no-facility").build()))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(ValidationException.Violation::path).containsExactly("entryFacility"));
    assertThat(usps.requestCount("*", "/labels/v3")).isZero();
  }

  @ParameterizedTest(name = "{0} policy")
  @ValueSource(strings = {"default", "permissive"})
  void aFacilityOnAServiceThatIsNotDestinationEntryIsRefusedNotDropped(String policy) {
    start(policy, JANUARY);
    LabelRequest r = UspsLabelWireTest.request("ground-with-facility").entryFacility(DDU).build();
    assertThatThrownBy(() -> shipbridge.label(r)).isInstanceOfSatisfying(ValidationException.class,
        e -> assertThat(e.violations()).singleElement().satisfies(v -> {
          assertThat(v.path()).isEqualTo("entryFacility");
          assertThat(v.message()).contains("not a destination-entry service");
        }));
    LabelRequest intl = LabelRequest.builder().carrier(CarrierId.USPS).serviceCode("PRIORITY_MAIL_INTERNATIONAL")
        .from(EmulatorTestBase.WAREHOUSE).to(EmulatorTestBase.PARIS).parcel(UspsLabelWireTest.BOX)
        .customs(UspsQuoteTrackWireTest.CUSTOMS).entryFacility(DDU).build();
    assertThatThrownBy(() -> shipbridge.label(intl)).isInstanceOfSatisfying(ValidationException.class,
        e -> assertThat(e.violations()).extracting(ValidationException.Violation::path).contains("entryFacility"));
    assertThat(usps.requestCount("*", "/labels/v3")).isZero();
    assertThat(usps.requestCount("*", "/international-labels/v3")).isZero();
  }

  @Test
  void everyViolationOfTheFacilityIsListedAtOnce() {
    start("permissive", JANUARY);
    Quote ddu = quoteFor("DESTINATION_DELIVERY_UNIT");
    Address bad = Address.builder().name("Far away").line("1 " + "Long Street Name ".repeat(3)).line("Dock " + "9".repeat(50))
        .city("A city name that is far too long").postalCode("20500").country("US").region("DC").build();
    assertThatThrownBy(() -> shipbridge.label(labelFor(ddu, "bad-facility").entryFacility(bad).build()))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(ValidationException.Violation::path)
            .containsExactlyInAnyOrder("entryFacility.lines[0]", "entryFacility.lines", "entryFacility.city"));
    Address abroad = Address.builder().name("Depot").line("1 Keji Road").city("Shenzhen").region("Guangdong")
        .postalCode("518057").country("CN").build();
    assertThatThrownBy(() -> shipbridge.label(labelFor(ddu, "abroad").entryFacility(abroad).build()))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(ValidationException.Violation::path).contains("entryFacility.country"));
    assertThat(usps.requestCount("*", "/labels/v3")).isZero();
  }

  @ParameterizedTest(name = "{0} policy")
  @ValueSource(strings = {"default", "permissive"})
  void fromTheEighteenthOfJanuary2026ParcelSelectHasNoDndcOfferAndNoDndcLabel(String policy) {
    start(policy, Instant.parse("2026-03-02T15:00:00Z"));
    List<Quote> quotes = shipbridge.quote(QuoteRequest.builder().from(EmulatorTestBase.WAREHOUSE)
        .to(EmulatorTestBase.CUSTOMER).parcel(UspsLabelWireTest.BOX).build()).quotes();
    assertThat(quotes).extracting(q -> q.details().get("destinationEntryFacilityType"))
        .contains("DESTINATION_DELIVERY_UNIT").doesNotContain("DESTINATION_NETWORK_DISTRIBUTION_CENTER");
    LabelRequest dndc = LabelRequest.builder().carrier(CarrierId.USPS)
        .serviceCode("PARCEL_SELECT:SP:MACHINABLE:DESTINATION_NETWORK_DISTRIBUTION_CENTER")
        .from(EmulatorTestBase.WAREHOUSE).to(EmulatorTestBase.CUSTOMER).parcel(UspsLabelWireTest.BOX)
        .entryFacility(NDC).build();
    assertThatThrownBy(() -> shipbridge.label(dndc)).isInstanceOfSatisfying(ValidationException.class,
        e -> assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.message()).contains("no DNDC entry")));
    assertThat(usps.requestCount("*", "/labels/v3")).isZero();
  }

  @Test
  void theDestinationEntryLabelRequestConformsToTheLabelsSpec() {
    SpecConformance.assumeSpecs();
    start("permissive", JANUARY);
    shipbridge.label(labelFor(quoteFor("DESTINATION_SECTIONAL_CENTER_FACILITY"), "spec-scf").entryFacility(
        Address.builder().name("SCF").line("1720 Market St").line("Dock 4").city("St. Louis").region("MO")
            .postalCode("63155-9998").country("US").build()).build());
    WireRecorder.Exchange sent = recorder.to("/labels/v3/label").get(0);
    assertThat(sent.requestText()).contains("\"secondaryAddress\":\"Dock 4\"", "\"ZIPPlus4\":\"9998\"");
    assertThat(SpecConformance.violations(List.of(sent))).isEmpty();
    // the check sees the facility: a six-digit ZIP Code breaks the spec's pattern
    byte[] broken = sent.requestText().replace("\"ZIPCode\":\"63155\"", "\"ZIPCode\":\"631550\"")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    WireRecorder.Exchange bad = new WireRecorder.Exchange(sent.method(), sent.url(), sent.requestHeaders(), broken,
        sent.requestContentType(), -1, okhttp3.Headers.of(), new byte[0]);
    assertThat(SpecConformance.violations(List.of(bad))).anySatisfy(v -> assertThat(v).contains("631550"));
  }
}
