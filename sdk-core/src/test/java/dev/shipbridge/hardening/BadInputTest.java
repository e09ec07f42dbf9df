package dev.shipbridge.hardening;

import static dev.shipbridge.model.Fixtures.cn;
import static dev.shipbridge.model.Fixtures.customs;
import static dev.shipbridge.model.Fixtures.parcel;
import static dev.shipbridge.model.Fixtures.shirt;
import static dev.shipbridge.model.Fixtures.us;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.TrackResult;
import dev.shipbridge.ValidationException;
import dev.shipbridge.ValidationException.Violation;
import dev.shipbridge.spi.support.Checks;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.CustomsDeclaration.ContentType;
import dev.shipbridge.model.CustomsItem;
import dev.shipbridge.model.Dimensions;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.LengthUnit;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Weight;
import dev.shipbridge.model.WeightUnit;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input of every kind, sent through the facade (quote, label, track, trackMany, cancel,
 * validateAddress, manifest): each is a {@link ValidationException} listing every fault of the
 * input, and no call reaches a carrier.
 *
 * <p>Each row names the input, the exact set of violation paths it must produce, and the facade
 * call. Building the request is part of the call: the model refuses bad values on construction,
 * which is how most bad input is stopped before the facade sees it.
 */
class BadInputTest {
  private static final String HUGE = "x".repeat(100_000);
  private static final String CRLF = "\r\nX-Injected: 1";
  private static final String RLO = "\u202E"; // right-to-left override
  private static final CarrierId CT = CountingCarrier.ID;

  private static CountingCarrier carrier;
  private static Shipbridge shipbridge;

  @FunctionalInterface
  interface Attempt {
    Object run(Shipbridge sb) throws Throwable;
  }

  @BeforeAll
  static void start() {
    carrier = new CountingCarrier();
    shipbridge = Shipbridge.builder().discoverCarriers(false).carrier(carrier).build();
  }

  @AfterAll
  static void stop() {
    shipbridge.close();
  }

  @BeforeEach
  void resetCounts() {
    carrier.reset();
  }

  // ------------------------------------------------------------------ valid baselines

  static QuoteRequest.Builder quote() {
    return QuoteRequest.builder().from(us().build()).to(us().build()).parcel(parcel());
  }

  static LabelRequest.Builder domesticLabel() {
    return LabelRequest.builder().carrier(CT).serviceCode("STD").from(us().build()).to(us().build()).parcel(parcel());
  }

  static LabelRequest.Builder internationalLabel() {
    return LabelRequest.builder().carrier(CT).serviceCode("STD").from(cn().build()).to(us().build())
        .parcel(Parcel.of(Weight.grams(2000))).customs(customs());
  }

  static CustomsItem item(String description, int quantity, Money value, String hs, String origin) {
    return new CustomsItem(description, quantity, value, Weight.grams(100), hs, origin);
  }

  static CustomsItem itemWithHs(String hs) {
    return item("Cotton T-shirt", 1, Money.of("9.50", "USD"), hs, "CN");
  }

  static Object labelWithItem(Shipbridge sb, CustomsItem item) {
    return sb.label(internationalLabel().customs(CustomsDeclaration.of(ContentType.MERCHANDISE, List.of(item))).build());
  }

  static Object quoteWithParcel(Shipbridge sb, Parcel parcel) {
    return sb.quote(quote().parcel(parcel).build());
  }

  @Test
  void validRequestsReachTheCarrier() {
    // The control: the same facade and carrier do count calls, so the zeros below mean something.
    shipbridge.quote(quote().build());
    shipbridge.label(domesticLabel().build());
    shipbridge.label(internationalLabel().build());
    shipbridge.track("CT123456789");
    shipbridge.trackMany(List.of("CT123456789", "CT987654321"));
    shipbridge.cancel("CT123456789");
    shipbridge.validateAddress(us().build());
    shipbridge.manifest(new ManifestRequest(CT, List.of("CT123456789"), us().build(), null));
    assertThat(carrier.byOperation()).containsEntry("quote", 1).containsEntry("label", 2).containsEntry("track", 1)
        .containsEntry("trackMany", 1).containsEntry("cancel", 1).containsEntry("validateAddress", 1)
        .containsEntry("manifest", 1);
  }

  // ------------------------------------------------------------------ the table

  static Stream<Arguments> badInput() {
    List<Arguments> rows = new ArrayList<>();

    // Addresses, through validateAddress, quote and label.
    rows.add(row("blank name", paths("name"), sb -> sb.validateAddress(us().name("  ").build())));
    rows.add(row("missing name", paths("name"), sb -> sb.validateAddress(us().name(null).build())));
    rows.add(row("name of 101 characters", paths("name"), sb -> sb.validateAddress(us().name("n".repeat(101)).build())));
    rows.add(row("name of 100,000 characters", paths("name"), sb -> sb.validateAddress(us().name(HUGE).build())));
    rows.add(row("name with a right-to-left override", paths("name"),
        sb -> sb.validateAddress(us().name("Ada " + RLO + "ecalevoL").build())));
    rows.add(row("name with a NUL character", paths("name"), sb -> sb.validateAddress(us().name("Ada\u0000").build())));
    rows.add(row("name with an unpaired surrogate", paths("name"), sb -> sb.validateAddress(us().name("Ada \uD83D").build())));
    rows.add(row("no street line", paths("lines"), sb -> sb.validateAddress(us().lines(List.of()).build())));
    rows.add(row("four street lines", paths("lines"),
        sb -> sb.validateAddress(us().lines(List.of("a", "b", "c", "d")).build())));
    rows.add(row("null street line", paths("lines[0]"), sb -> sb.validateAddress(us().lines(Arrays.asList((String) null)).build())));
    rows.add(row("blank second street line", paths("lines[1]"), sb -> sb.validateAddress(us().line(" ").build())));
    rows.add(row("CR/LF in a street line", paths("lines[0]"),
        sb -> sb.validateAddress(us().lines(List.of("1 Main St" + CRLF)).build())));
    rows.add(row("street line of 100,000 characters", paths("lines[0]"),
        sb -> sb.validateAddress(us().lines(List.of(HUGE)).build())));
    rows.add(row("missing city", paths("city"), sb -> sb.quote(quote().to(us().city(null).build()).build())));
    rows.add(row("line separator in the city", paths("city"), sb -> sb.validateAddress(us().city("Wash\u2028ington").build())));
    rows.add(row("right-to-left mark in the city", paths("city"), sb -> sb.validateAddress(us().city("Wash\u200Fington").build())));
    rows.add(row("company with an escape character", paths("company"),
        sb -> sb.validateAddress(us().company("ACME\u001B[31m").build())));
    rows.add(row("three-letter country", paths("country"), sb -> sb.validateAddress(us().country("USA").build())));
    rows.add(row("lowercase country", paths("country"), sb -> sb.validateAddress(us().country("us").build())));
    rows.add(row("unassigned country ZZ", paths("country"), sb -> sb.quote(quote().from(us().country("ZZ").build()).build())));
    rows.add(row("missing country", paths("country"), sb -> sb.validateAddress(us().country(null).build())));
    rows.add(row("US ZIP of four digits", paths("postalCode"), sb -> sb.validateAddress(us().postalCode("2050").build())));
    rows.add(row("US ZIP+4 with two digits", paths("postalCode"), sb -> sb.validateAddress(us().postalCode("20500-12").build())));
    rows.add(row("US ZIP of letters", paths("postalCode"), sb -> sb.validateAddress(us().postalCode("ABCDE").build())));
    rows.add(row("US ZIP in full-width digits", paths("postalCode"),
        sb -> sb.validateAddress(us().postalCode("\uFF12\uFF10\uFF15\uFF10\uFF10").build())));
    rows.add(row("US ZIP of nine digits without the dash", paths("postalCode"),
        sb -> sb.validateAddress(us().postalCode("205000003").build())));
    rows.add(row("missing US ZIP", paths("postalCode"), sb -> sb.label(domesticLabel().to(us().postalCode(null).build()).build())));
    rows.add(row("US ZIP with a line feed", paths("postalCode"), sb -> sb.validateAddress(us().postalCode("20500\n1").build())));
    rows.add(row("missing US state", paths("region"), sb -> sb.validateAddress(us().region(null).build())));
    rows.add(row("US state spelled out", paths("region"), sb -> sb.validateAddress(us().region("Washington").build())));
    rows.add(row("CN postcode of five digits", paths("postalCode"),
        sb -> sb.label(internationalLabel().from(cn().postalCode("31112").build()).build())));
    rows.add(row("postal code of 13 characters", paths("postalCode"),
        sb -> sb.validateAddress(Address.builder().name("Jean").line("1 rue de Rivoli").city("Paris")
            .postalCode("75001-75001-7").country("FR").build())));
    rows.add(row("phone of words", paths("phone"), sb -> sb.validateAddress(us().phone("call me maybe").build())));
    rows.add(row("CR/LF in a phone number", paths("phone"), sb -> sb.validateAddress(us().phone("+1 202 456" + CRLF).build())));
    rows.add(row("e-mail without @", paths("email"), sb -> sb.validateAddress(us().email("ada.example.com").build())));
    rows.add(row("e-mail with a Bcc header injected", paths("email"),
        sb -> sb.validateAddress(us().email("ada@example.com\r\nBcc: all@example.com").build())));
    rows.add(row("five faults in one address", paths("name", "lines", "city", "postalCode", "region"),
        sb -> sb.validateAddress(us().name("").lines(List.of()).city(" ").postalCode("1").region(null).build())));

    // Weights, dimensions, parcels, through quote.
    rows.add(row("zero weight", paths("value"), sb -> quoteWithParcel(sb, Parcel.of(Weight.grams(0)))));
    rows.add(row("negative weight", paths("value"), sb -> quoteWithParcel(sb, Parcel.of(Weight.of("-1", WeightUnit.KILOGRAM)))));
    rows.add(row("NaN weight", paths("value"), sb -> quoteWithParcel(sb, Parcel.of(Weight.of("NaN", WeightUnit.GRAM)))));
    rows.add(row("infinite weight", paths("value"), sb -> quoteWithParcel(sb, Parcel.of(Weight.of("Infinity", WeightUnit.GRAM)))));
    rows.add(row("negative infinite weight", paths("value"),
        sb -> quoteWithParcel(sb, Parcel.of(Weight.of("-Infinity", WeightUnit.OUNCE)))));
    rows.add(row("weight with a decimal comma", paths("value"), sb -> quoteWithParcel(sb, Parcel.of(Weight.of("12,5", WeightUnit.OUNCE)))));
    rows.add(row("empty weight text", paths("value"), sb -> quoteWithParcel(sb, Parcel.of(Weight.of("", WeightUnit.GRAM)))));
    rows.add(row("weight of 2000 kg", paths("value"), sb -> quoteWithParcel(sb, Parcel.of(Weight.kilograms("2000")))));
    rows.add(row("weight of 1E999999999 g", paths("value"), sb -> quoteWithParcel(sb, Parcel.of(Weight.of("1E999999999", WeightUnit.GRAM)))));
    rows.add(row("weight of 1E-999999999 g", paths("value"),
        sb -> quoteWithParcel(sb, Parcel.of(Weight.of("1E-999999999", WeightUnit.GRAM)))));
    rows.add(row("weight of -1E-999999999 g", paths("value"),
        sb -> quoteWithParcel(sb, Parcel.of(Weight.of("-1E-999999999", WeightUnit.GRAM)))));
    rows.add(row("weight of 100,000 digits", paths("value"),
        sb -> quoteWithParcel(sb, Parcel.of(Weight.of("9".repeat(100_000), WeightUnit.GRAM)))));
    rows.add(row("negative weight without a unit", paths("value", "unit"),
        sb -> quoteWithParcel(sb, Parcel.of(new Weight(BigDecimal.ONE.negate(), null)))));
    rows.add(row("parcel without a weight", paths("weight"), sb -> quoteWithParcel(sb, Parcel.of(null))));
    rows.add(row("zero width", paths("width"),
        sb -> quoteWithParcel(sb, Parcel.of(Weight.grams(500), Dimensions.of("10", "0", "10", LengthUnit.CENTIMETRE)))));
    rows.add(row("20 m long box", paths("length"),
        sb -> quoteWithParcel(sb, Parcel.of(Weight.grams(500), Dimensions.of("2000", "10", "10", LengthUnit.CENTIMETRE)))));
    rows.add(row("1E-999999999 mm box", paths("height"),
        sb -> quoteWithParcel(sb, Parcel.of(Weight.grams(500), Dimensions.of("10", "10", "1E-999999999", LengthUnit.MILLIMETRE)))));
    rows.add(row("three bad sides", paths("length", "width", "height"),
        sb -> quoteWithParcel(sb, Parcel.of(Weight.grams(500), Dimensions.of("0", "-1", "1000", LengthUnit.INCH)))));
    rows.add(row("three sides that are not numbers", paths("length", "width", "height"),
        sb -> quoteWithParcel(sb, Parcel.of(Weight.grams(500), Dimensions.of("NaN", "Infinity", "ten", LengthUnit.INCH)))));
    rows.add(row("box without a unit", paths("unit"),
        sb -> quoteWithParcel(sb, Parcel.of(Weight.grams(500), new Dimensions(BigDecimal.TEN, BigDecimal.TEN, BigDecimal.TEN, null)))));

    // Money and currencies, through a label's customs.
    rows.add(row("unknown currency XYZ", paths("currency"), sb -> labelWithItem(sb, item("Shirt", 1, Money.of("9.50", "XYZ"), "610910", "CN"))));
    rows.add(row("lowercase currency", paths("currency"), sb -> labelWithItem(sb, item("Shirt", 1, Money.of("9.50", "usd"), "610910", "CN"))));
    rows.add(row("two-letter currency", paths("currency"), sb -> labelWithItem(sb, item("Shirt", 1, Money.of("9.50", "US"), "610910", "CN"))));
    rows.add(row("missing currency", paths("currency"), sb -> labelWithItem(sb, item("Shirt", 1, Money.of("9.50", null), "610910", "CN"))));
    rows.add(row("currency symbol", paths("currency"), sb -> labelWithItem(sb, item("Shirt", 1, Money.of("9.50", "$$$"), "610910", "CN"))));
    rows.add(row("NaN amount", paths("amount"), sb -> labelWithItem(sb, item("Shirt", 1, Money.of("NaN", "USD"), "610910", "CN"))));
    rows.add(row("amount of 1E999999999", paths("amount"),
        sb -> labelWithItem(sb, item("Shirt", 1, Money.of("1E999999999", "USD"), "610910", "CN"))));
    rows.add(row("amount with 19 decimal places", paths("amount"),
        sb -> labelWithItem(sb, item("Shirt", 1, Money.of("0.0000000000000000001", "USD"), "610910", "CN"))));
    rows.add(row("zero customs value", paths("unitValue"), sb -> labelWithItem(sb, item("Shirt", 1, Money.of("0", "USD"), "610910", "CN"))));
    rows.add(row("negative customs value", paths("unitValue"), sb -> labelWithItem(sb, item("Shirt", 1, Money.of("-9.50", "USD"), "610910", "CN"))));
    rows.add(row("mixed currencies in one declaration", paths("items"),
        sb -> sb.label(internationalLabel().customs(CustomsDeclaration.of(ContentType.MERCHANDISE,
            List.of(shirt(), item("Mug", 1, Money.of("30", "CNY"), "691200", "CN")))).build())));

    // Customs items and declarations, through label.
    rows.add(row("zero quantity", paths("quantity"), sb -> labelWithItem(sb, item("Shirt", 0, Money.of("1", "USD"), "610910", "CN"))));
    rows.add(row("negative quantity", paths("quantity"), sb -> labelWithItem(sb, item("Shirt", -5, Money.of("1", "USD"), "610910", "CN"))));
    rows.add(row("HS code of five digits", paths("hsCode"), sb -> labelWithItem(sb, itemWithHs("61091"))));
    rows.add(row("HS code of twelve digits", paths("hsCode"), sb -> labelWithItem(sb, itemWithHs("610910001234"))));
    rows.add(row("HS code of four dotted digits", paths("hsCode"), sb -> labelWithItem(sb, itemWithHs("61.09"))));
    rows.add(row("HS code of eleven digits", paths("hsCode"), sb -> labelWithItem(sb, itemWithHs("61091000001"))));
    rows.add(row("HS code with letters", paths("hsCode"), sb -> labelWithItem(sb, itemWithHs("6109AB"))));
    rows.add(row("HS code with a dash", paths("hsCode"), sb -> labelWithItem(sb, itemWithHs("6109-10"))));
    rows.add(row("missing HS code", paths("hsCode"), sb -> labelWithItem(sb, itemWithHs(null))));
    rows.add(row("HS code of 100,000 digits", paths("hsCode"), sb -> labelWithItem(sb, itemWithHs("1".repeat(100_000)))));
    rows.add(row("unknown origin country", paths("originCountry"),
        sb -> labelWithItem(sb, item("Shirt", 1, Money.of("1", "USD"), "610910", "XX"))));
    rows.add(row("customs description of 100,000 characters", paths("description"),
        sb -> labelWithItem(sb, item(HUGE, 1, Money.of("1", "USD"), "610910", "CN"))));
    rows.add(row("CR/LF in a customs description", paths("description"),
        sb -> labelWithItem(sb, item("Shirt" + CRLF, 1, Money.of("1", "USD"), "610910", "CN"))));
    rows.add(row("four faults in one customs item", paths("description", "quantity", "hsCode", "originCountry"),
        sb -> labelWithItem(sb, item(" ", 0, Money.of("1", "USD"), "12", "ZZ"))));
    rows.add(row("declaration without items", paths("items"),
        sb -> sb.label(internationalLabel().customs(CustomsDeclaration.of(ContentType.GIFT, List.of())).build())));
    rows.add(row("declaration with a null item", paths("items[0]"),
        sb -> sb.label(internationalLabel().customs(CustomsDeclaration.of(ContentType.GIFT, Arrays.asList((CustomsItem) null))).build())));
    rows.add(row("declaration without a content type", paths("contentType"),
        sb -> sb.label(internationalLabel().customs(CustomsDeclaration.of(null, List.of(shirt()))).build())));
    rows.add(row("CR/LF in the invoice number", paths("invoiceNumber"),
        sb -> sb.label(internationalLabel().customs(new CustomsDeclaration(ContentType.MERCHANDISE, List.of(shirt()), "INV-1" + CRLF, null)).build())));
    rows.add(row("export filing number of 100,000 characters", paths("exportFilingNumber"),
        sb -> sb.label(internationalLabel().customs(new CustomsDeclaration(ContentType.MERCHANDISE, List.of(shirt()), null, HUGE)).build())));
    rows.add(row("international label without customs", paths("customs"), sb -> sb.label(internationalLabel().customs(null).build())));
    rows.add(row("customs heavier than the parcel", paths("customs.items"),
        sb -> sb.label(internationalLabel().parcel(Parcel.of(Weight.grams(100))).build())));

    // Label requests: header-bound values (idempotency key, reference) and the rest.
    rows.add(row("CR/LF in the reference", paths("reference"), sb -> sb.label(domesticLabel().reference("order-1" + CRLF).build())));
    rows.add(row("lone line feed in the reference", paths("reference"), sb -> sb.label(domesticLabel().reference("order-1\nX").build())));
    rows.add(row("reference of 65 characters", paths("reference"), sb -> sb.label(domesticLabel().reference("r".repeat(65)).build())));
    rows.add(row("reference of 100,000 characters", paths("reference"), sb -> sb.label(domesticLabel().reference(HUGE).build())));
    rows.add(row("right-to-left override in the reference", paths("reference"),
        sb -> sb.label(domesticLabel().reference("order-" + RLO + "1042").build())));
    rows.add(row("CR/LF in the idempotency key", paths("idempotencyKey"),
        sb -> sb.label(domesticLabel().idempotencyKey(IdempotencyKey.of("order-1" + CRLF)).build())));
    rows.add(row("space in the idempotency key", paths("idempotencyKey"),
        sb -> sb.label(domesticLabel().idempotencyKey(IdempotencyKey.of("order 1")).build())));
    rows.add(row("idempotency key of 65 characters", paths("idempotencyKey"),
        sb -> sb.label(domesticLabel().idempotencyKey(IdempotencyKey.of("k".repeat(65))).build())));
    rows.add(row("empty idempotency key", paths("idempotencyKey"),
        sb -> sb.label(domesticLabel().idempotencyKey(IdempotencyKey.of("")).build())));
    rows.add(row("non-ASCII idempotency key", paths("idempotencyKey"),
        sb -> sb.label(domesticLabel().idempotencyKey(IdempotencyKey.of("\u043A\u043B\u044E\u0447")).build())));
    rows.add(row("CR/LF in the service code", paths("serviceCode"), sb -> sb.label(domesticLabel().serviceCode("STD" + CRLF).build())));
    rows.add(row("blank service code", paths("serviceCode"), sb -> sb.label(domesticLabel().serviceCode(" ").build())));
    rows.add(row("label missing carrier, service, sender and parcel", paths("carrier", "serviceCode", "from", "parcel"),
        sb -> sb.label(LabelRequest.builder().to(us().build()).build())));
    rows.add(row("label for a carrier not configured", paths("carrier"),
        sb -> sb.label(domesticLabel().carrier(CarrierId.of("acme")).build())));
    rows.add(row("uppercase carrier id", paths("carrierId"), sb -> sb.label(domesticLabel().carrier(CarrierId.of("USPS")).build())));
    rows.add(row("quote missing sender, recipient and parcel", paths("from", "to", "parcel"),
        sb -> sb.quote(QuoteRequest.builder().build())));
    rows.add(row("quote naming a null carrier", paths("carriers"),
        sb -> sb.quote(quote().carriers(new java.util.HashSet<>(Arrays.asList((CarrierId) null))).build())));
    rows.add(row("quote from a carrier not configured", paths("carrier"),
        sb -> sb.quote(quote().carriers(CarrierId.of("acme")).build())));

    // Tracking numbers: track, cancel.
    rows.add(row("missing tracking number", paths("trackingNumber"), sb -> sb.track(null)));
    rows.add(row("empty tracking number", paths("trackingNumber"), sb -> sb.track("")));
    rows.add(row("tracking number of five characters", paths("trackingNumber"), sb -> sb.track("CT123")));
    rows.add(row("tracking number of 41 characters", paths("trackingNumber"), sb -> sb.track("CT" + "1".repeat(39))));
    rows.add(row("tracking number of 100,000 characters", paths("trackingNumber"), sb -> sb.track("CT" + "1".repeat(99_998))));
    rows.add(row("CR/LF inside a tracking number", paths("trackingNumber"), sb -> sb.track("CT1234" + CRLF)));
    rows.add(row("URL-encoded CR/LF in a tracking number", paths("trackingNumber"), sb -> sb.track("CT1234%0D%0AX")));
    rows.add(row("path traversal in a tracking number", paths("trackingNumber"), sb -> sb.track("CT1234/../../admin")));
    rows.add(row("query string in a tracking number", paths("trackingNumber"), sb -> sb.track("CT123456?expand=ALL")));
    rows.add(row("right-to-left override in a tracking number", paths("trackingNumber"), sb -> sb.track("CT1234" + RLO + "5678")));
    rows.add(row("full-width tracking number", paths("trackingNumber"), sb -> sb.track("\uFF23\uFF34\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16")));
    rows.add(row("NUL in a tracking number", paths("trackingNumber"), sb -> sb.track("CT1234\u00005678")));
    rows.add(row("tracking number no carrier owns", paths("trackingNumber"), sb -> sb.track("ZZ123456789")));
    rows.add(row("tracking number on a carrier not configured", paths("carrier"), sb -> sb.track(CarrierId.of("acme"), "CT123456789")));
    rows.add(row("cancel with CR/LF in the number", paths("trackingNumber"), sb -> sb.cancel("CT1234" + CRLF)));
    rows.add(row("cancel with a tab inside the number", paths("trackingNumber"), sb -> sb.cancel("CT1234\t5678")));
    rows.add(row("cancel on a named carrier with a bad number", paths("trackingNumber"), sb -> sb.cancel(CT, "CT12;DROP")));
    rows.add(row("cancel on a carrier not configured", paths("carrier"), sb -> sb.cancel(CarrierId.of("acme"), "CT123456789")));

    // Manifests.
    rows.add(row("manifest without labels", paths("trackingNumbers"), sb -> sb.manifest(new ManifestRequest(CT, List.of(), us().build(), null))));
    rows.add(row("manifest with CR/LF in a number", paths("trackingNumbers[1]"),
        sb -> sb.manifest(new ManifestRequest(CT, List.of("CT123456789", "CT1" + CRLF), us().build(), null))));
    rows.add(row("manifest with a null number", paths("trackingNumbers[0]"),
        sb -> sb.manifest(new ManifestRequest(CT, Arrays.asList((String) null), us().build(), null))));
    rows.add(row("manifest missing carrier and place", paths("carrier", "from"),
        sb -> sb.manifest(new ManifestRequest(null, List.of("CT123456789"), null, null))));
    return rows.stream();
  }

  private static Arguments row(String name, Set<String> paths, Attempt attempt) {
    return Arguments.of(name, paths, attempt);
  }

  private static Set<String> paths(String... paths) {
    return new TreeSet<>(Arrays.asList(paths));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  @Timeout(5)
  void badInputIsAValidationExceptionListingEveryFaultAndReachesNoCarrier(String name, Set<String> paths, Attempt attempt) {
    Throwable thrown = catchThrowable(() -> attempt.run(shipbridge));

    assertThat(thrown).as(name).isExactlyInstanceOf(ValidationException.class);
    ValidationException e = (ValidationException) thrown;
    Set<String> found = e.violations().stream().map(Violation::path).collect(Collectors.toCollection(TreeSet::new));
    assertThat(found)
        .as("violation paths of %s: %s", name, e.violations()).isEqualTo(paths);
    assertThat(e.violations()).allSatisfy(v -> assertThat(v.message()).isNotBlank());
    // The message is safe to log: bounded, one line, no control characters even when the input had them.
    assertThat(e.getMessage().length()).as("message length").isLessThan(1_000);
    assertThat(Checks.hasControlCharacters(e.getMessage())).as("control characters in: %s", e.getMessage()).isFalse();
    assertThat(carrier.total()).as("calls reaching the carrier: %s", carrier.byOperation()).isZero();
  }

  @Test
  void theTableHasAtLeastSixtyDistinctBadInputs() {
    List<String> names = badInput().map(a -> (String) a.get()[0]).toList();
    assertThat(new LinkedHashSet<>(names)).hasSameSizeAs(names).hasSizeGreaterThanOrEqualTo(60);
  }

  // ------------------------------------------------------------------ trackMany

  @Test
  void trackManyAnswersEveryBadNumberWithAValidationFailureAndCallsNoCarrier() {
    List<String> bad = Arrays.asList(null, "", "CT123", "CT1234" + CRLF, "CT" + "1".repeat(99_998), "CT1234%0D%0A",
        "CT1234/../x", "CT1234" + RLO + "5678", "ZZ123456789", "\uFF23\uFF34\uFF11\uFF12\uFF13\uFF14");

    List<TrackResult> results = shipbridge.trackMany(bad);

    assertThat(results).hasSize(bad.size());
    assertThat(results).allSatisfy(r -> {
      assertThat(r.isSuccess()).isFalse();
      assertThat(r.failure()).isExactlyInstanceOf(ValidationException.class);
      assertThat(((ValidationException) r.failure()).violations()).extracting(Violation::path).containsOnly("trackingNumber");
    });
    assertThat(carrier.total()).as("calls reaching the carrier: %s", carrier.byOperation()).isZero();
  }

  @Test
  void trackManyStillTracksTheGoodNumbersBesideBadOnes() {
    List<TrackResult> results = shipbridge.trackMany(List.of("CT123456789", "CT1234" + CRLF, "CT987654321"));

    assertThat(results).extracting(TrackResult::isSuccess).containsExactly(true, false, true);
    assertThat(carrier.byOperation()).containsEntry("trackMany", 1).doesNotContainKey("track");
  }

  // ------------------------------------------------------------------ hostile numbers are refused quickly

  @Test
  @Timeout(2)
  void hostileDecimalsAreRefusedWithoutParsingOrExpandingThem() {
    // Two million digits would take over a minute to parse; 1E-999999999 would need a gigabyte to print.
    String twoMillionDigits = "7".repeat(2_000_000);
    assertThat(catchThrowable(() -> Weight.of(twoMillionDigits, WeightUnit.GRAM))).isInstanceOf(ValidationException.class)
        .hasMessageContaining("at most 64 characters");
    assertThat(catchThrowable(() -> Money.of(twoMillionDigits, "USD"))).isInstanceOf(ValidationException.class);
    assertThat(catchThrowable(() -> Weight.of("-1E-999999999", WeightUnit.GRAM))).hasMessageContaining("1E-999999999");
    assertThat(catchThrowable(() -> new Weight(new BigDecimal("1E-2147483647"), WeightUnit.OUNCE)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("less than 1 microgram");
    assertThat(catchThrowable(() -> new Weight(new BigDecimal("1E+2147483647"), WeightUnit.KILOGRAM)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("more than 1000 kg");
  }

  @Test
  void limitsAreNamedInTheMessage() {
    assertThat(catchThrowable(() -> new CustomsItem(HUGE, 1, Money.of("1", "USD"), Weight.grams(1), "610910", "CN")))
        .hasMessageContaining("description: is longer than 256 characters (100000)");
    assertThat(catchThrowable(() -> domesticLabel().reference(HUGE).build()))
        .hasMessageContaining("reference: is longer than 64 characters (100000)");
    assertThat(catchThrowable(() -> us().name(HUGE).build()))
        .hasMessageContaining("name: is longer than 100 characters (100000)");
  }
}
