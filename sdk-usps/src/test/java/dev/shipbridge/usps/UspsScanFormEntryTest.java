package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.CarrierException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.ValidationException;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Manifest;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SCAN forms of destination-entry labels, through the facade on the emulator, under the default
 * policy and a permissive one: USPS takes the labels of one entry point (facility type and ZIP Code)
 * per form and refuses a label of another (160161, 160162). Every exchange is checked against the
 * specs when they are configured.
 */
class UspsScanFormEntryTest {
  static final String DDU = "DESTINATION_DELIVERY_UNIT";
  static final String SCF = "DESTINATION_SECTIONAL_CENTER_FACILITY";
  static final String NDC = "DESTINATION_NETWORK_DISTRIBUTION_CENTER";

  private final WireRecorder recorder = new WireRecorder();
  private UspsEmulator usps;
  private Shipbridge shipbridge;
  private MutableClock clock;
  private List<Quote> quotes;

  /** A label bought and the request it was bought with. */
  record Bought(Label label, LabelRequest request) {
    String number() {
      return label.trackingNumber();
    }
  }

  private void start(String policy) {
    clock = MutableClock.startingAt(UspsDestinationEntryTest.JANUARY);
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

  private Bought buy(String entry, Address facility, String key) {
    if (quotes == null) {
      quotes = shipbridge.quote(QuoteRequest.builder().from(EmulatorTestBase.WAREHOUSE)
          .to(EmulatorTestBase.CUSTOMER).parcel(UspsLabelWireTest.BOX).build()).quotes();
    }
    Quote quote = quotes.stream().filter(q -> entry.equals(q.details().get("destinationEntryFacilityType")))
        .findFirst().orElseThrow(() -> new AssertionError("no " + entry + " quote in " + quotes));
    LabelRequest r = LabelRequest.builder().quote(quote).from(EmulatorTestBase.WAREHOUSE).to(EmulatorTestBase.CUSTOMER)
        .parcel(UspsLabelWireTest.BOX).idempotencyKey(IdempotencyKey.of(key)).entryFacility(facility).build();
    return new Bought(label(r), r);
  }

  /** Bought a quota's interval later, as the default policy's limiter allows (on the test's clock). */
  private Label label(LabelRequest r) {
    clock.advance(java.time.Duration.ofMinutes(2));
    return shipbridge.label(r);
  }

  private Manifest manifest(ManifestRequest r) {
    clock.advance(java.time.Duration.ofMinutes(2));
    return shipbridge.manifest(r);
  }

  private Bought buyGround(String key) {
    LabelRequest r = UspsLabelWireTest.request(key).build();
    return new Bought(label(r), r);
  }

  private static ManifestRequest formFor(Bought... labels) {
    ManifestRequest r = new ManifestRequest(CarrierId.USPS, Stream.of(labels).map(Bought::number).toList(),
        EmulatorTestBase.WAREHOUSE, null);
    for (Bought b : labels) r = r.withEntry(b.number(), b.request().serviceCode(), b.request().entryFacility());
    return r;
  }

  private String lastScanFormSent() {
    List<WireRecorder.Exchange> sent = recorder.to("/scan-forms/v3/scan-form");
    return sent.get(sent.size() - 1).requestText();
  }

  static Stream<Arguments> entries() {
    return Stream.of("default", "permissive").flatMap(policy -> Stream.of(
        Arguments.of(policy, DDU, UspsDestinationEntryTest.DDU),
        Arguments.of(policy, SCF, UspsDestinationEntryTest.SCF),
        Arguments.of(policy, NDC, UspsDestinationEntryTest.NDC)));
  }

  @ParameterizedTest(name = "{0} policy, {1}")
  @MethodSource("entries")
  void aScanFormOfDestinationEntryLabelsNamesTheirFacilityTypeAndZipCode(String policy, String entry, Address facility) {
    start(policy);
    Bought a = buy(entry, facility, "form-a-" + entry);
    Bought b = buy(entry, facility, "form-b-" + entry);

    Manifest m = manifest(formFor(a, b));

    assertThat(m.trackingNumbers()).containsExactlyInAnyOrder(a.number(), b.number());
    assertThat(new String(m.document(), java.nio.charset.StandardCharsets.ISO_8859_1)).startsWith("%PDF");
    assertThat(lastScanFormSent()).contains("\"entryFacilityZIPCode\":\"" + facility.postalCode() + "\"",
        "\"destinationEntryFacilityType\":\"" + entry + "\"", "\"ZIPCode\":\"63116\""); // the mailer stays the sender
  }

  @ParameterizedTest(name = "{0} policy")
  @ValueSource(strings = {"default", "permissive"})
  void labelsHandedOverAtTheSenderStillMakeAFormAtTheSendersZipCode(String policy) {
    start(policy);
    Bought a = buyGround("ground-a");
    Bought b = buyGround("ground-b");
    Manifest m = manifest(formFor(a, b)); // a null facility: not an entry
    assertThat(m.trackingNumbers()).containsExactlyInAnyOrder(a.number(), b.number());
    assertThat(lastScanFormSent()).contains("\"entryFacilityZIPCode\":\"63116\"", "\"destinationEntryFacilityType\":\"NONE\"");
  }

  @ParameterizedTest(name = "{0} policy")
  @ValueSource(strings = {"default", "permissive"})
  void aRequestMixingEntryPointsIsRefusedBeforeAnyCallNamingEachGroupAndEachGroupMakesItsForm(String policy) {
    start(policy);
    Bought ground = buyGround("mixed-ground");
    Bought ddu = buy(DDU, UspsDestinationEntryTest.DDU, "mixed-ddu");
    Bought scf = buy(SCF, UspsDestinationEntryTest.SCF, "mixed-scf");

    assertThatThrownBy(() -> manifest(formFor(ground, ddu, scf)))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations()).singleElement()
            .satisfies(v -> {
              assertThat(v.path()).isEqualTo("trackingNumbers");
              assertThat(v.message()).contains("one request per group, here 3",
                  "NONE 63116: 1 label(s) " + ground.number(), DDU + " 63118: 1 label(s) " + ddu.number(),
                  SCF + " 63155: 1 label(s) " + scf.number());
            }));
    assertThat(usps.requestCount("*", "/scan-forms/v3")).isZero();

    for (Bought b : List.of(ground, ddu, scf)) {
      assertThat(manifest(formFor(b)).trackingNumbers()).containsExactly(b.number());
    }
    assertThat(usps.requestCount("*", "/scan-forms/v3")).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0} policy")
  @ValueSource(strings = {"default", "permissive"})
  void theEmulatorRefusesALabelOfAnotherEntryPointAsUspsDoesAndKeepsItFree(String policy) {
    start(policy);
    Bought ddu = buy(DDU, UspsDestinationEntryTest.DDU, "wrong-ddu");
    Bought scf = buy(SCF, UspsDestinationEntryTest.SCF, "wrong-scf");
    ManifestRequest plain = new ManifestRequest(CarrierId.USPS, List.of(ddu.number()), EmulatorTestBase.WAREHOUSE, null);
    ManifestRequest wrongType = plain.withEntry(ddu.number(), scf.request().serviceCode(), UspsDestinationEntryTest.DDU);
    ManifestRequest wrongZip = new ManifestRequest(CarrierId.USPS, List.of(scf.number()), EmulatorTestBase.WAREHOUSE,
        null).withEntry(scf.number(), scf.request().serviceCode(), UspsDestinationEntryTest.DDU);

    assertRefused(plain, "160161"); // sent as NONE at 63116: the label's facility ZIP is 63118
    assertRefused(wrongType, "160162"); // 63118 matches, DSCF does not
    assertRefused(wrongZip, "160161");
    assertThat(lastScanFormSent()).contains("\"entryFacilityZIPCode\":\"63118\"", "\"destinationEntryFacilityType\":\"" + SCF + "\"");

    assertThat(manifest(formFor(ddu, buy(DDU, UspsDestinationEntryTest.DDU, "wrong-ddu-2"))).trackingNumbers())
        .as("a refused form put no label on a form").contains(ddu.number());
    assertThat(manifest(formFor(scf)).trackingNumbers()).containsExactly(scf.number());
  }

  private void assertRefused(ManifestRequest r, String code) {
    int before = usps.requestCount("*", "/scan-forms/v3");
    assertThatThrownBy(() -> manifest(r)).isInstanceOfSatisfying(CarrierException.class, e -> {
      assertThat(e).isNotInstanceOf(ValidationException.class);
      assertThat(e.carrierCode()).contains(code);
      assertThat(e.retryable()).isFalse();
      assertThat(e.outcomeUnknown()).isFalse();
    });
    assertThat(usps.requestCount("*", "/scan-forms/v3")).as("refused once, not retried").isEqualTo(before + 1);
  }

  @ParameterizedTest(name = "{0} policy")
  @ValueSource(strings = {"default", "permissive"})
  void everyViolationOfTheEntriesIsListedBeforeAnyCall(String policy) {
    start(policy);
    Address abroad = Address.builder().name("Depot").line("1 Keji Road").city("Shenzhen").region("Guangdong")
        .postalCode("518057").country("CN").build();
    ManifestRequest r = new ManifestRequest(CarrierId.USPS, List.of("9400100000000000000001", "9400100000000000000002",
        "9400100000000000000004"), EmulatorTestBase.WAREHOUSE, null)
        .withEntry("9400100000000000000001", "USPS_GROUND_ADVANTAGE:SP:MACHINABLE", UspsDestinationEntryTest.DDU)
        .withEntry("9400100000000000000002", "PARCEL_SELECT:DE:MACHINABLE:" + DDU, abroad)
        .withEntry("9400100000000000000004", "PARCEL_SELECT:DE:MACHINABLE:DOCK_7", UspsDestinationEntryTest.DDU);
    assertThatThrownBy(() -> manifest(r)).isInstanceOfSatisfying(ValidationException.class,
        e -> assertThat(e.violations()).extracting(ValidationException.Violation::path).containsExactlyInAnyOrder(
            "entries[9400100000000000000001].serviceCode", "entries[9400100000000000000002].facility.country",
"entries[9400100000000000000004].serviceCode"));
    assertThatThrownBy(() -> r.withEntry("9400100000000000000009", "PARCEL_SELECT:DE:MACHINABLE:" + DDU,
        UspsDestinationEntryTest.DDU)).isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(ValidationException.Violation::path).containsExactly("entries[9400100000000000000009]"));
    assertThat(usps.requestCount("*", "/scan-forms/v3")).isZero();
  }
}
