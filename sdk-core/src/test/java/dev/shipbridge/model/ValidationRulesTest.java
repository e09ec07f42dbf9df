package dev.shipbridge.model;

import static dev.shipbridge.model.Fixtures.cn;
import static dev.shipbridge.model.Fixtures.customs;
import static dev.shipbridge.model.Fixtures.parcel;
import static dev.shipbridge.model.Fixtures.shirt;
import static dev.shipbridge.model.Fixtures.us;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.ValidationException;
import dev.shipbridge.ValidationException.Violation;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every validation rule with a value that breaks it (and the path it names) and one that passes. */
class ValidationRulesTest {

  static Stream<Arguments> broken() {
    return Stream.of(
        rule("address name is required", "name", () -> us().name(" ").build()),
        rule("address needs a street line", "lines", () -> us().lines(List.of()).build()),
        rule("address takes at most three lines", "lines", () -> us().lines(List.of("a", "b", "c", "d")).build()),
        rule("address line may not be blank", "lines[1]", () -> us().line("").build()),
        rule("city is required", "city", () -> us().city(null).build()),
        rule("country must be ISO alpha-2", "country", () -> us().country("USA").build()),
        rule("lowercase country is not ISO", "country", () -> us().country("us").build()),
        rule("US ZIP must be 5 digits", "postalCode", () -> us().postalCode("2050").build()),
        rule("US ZIP+4 needs four digits", "postalCode", () -> us().postalCode("20500-12").build()),
        rule("US ZIP is required", "postalCode", () -> us().postalCode(null).build()),
        rule("US state is required", "region", () -> us().region(null).build()),
        rule("US state is two letters", "region", () -> us().region("Washington").build()),
        rule("CN postcode is six digits", "postalCode", () -> cn().postalCode("31112").build()),
        rule("CN postcode is required", "postalCode", () -> cn().postalCode("").build()),
        rule("phone must look like a phone", "phone", () -> us().phone("call me").build()),
        rule("email must look like an email", "email", () -> us().email("ada.example.com").build()),
        rule("name over 100 characters", "name", () -> us().name("x".repeat(101)).build()),
        rule("control characters in a line", "lines[0]", () -> us().lines(List.of("1 Main St\r\nX-Evil: 1")).build()),
        rule("bidi override in a name", "name", () -> us().name("Ada \u202eecalevol").build()),
        rule("weight must be positive", "value", () -> Weight.grams(0)),
        rule("weight may not be negative", "value", () -> Weight.of("-1", WeightUnit.KILOGRAM)),
        rule("absurd weight", "value", () -> Weight.of("2000", WeightUnit.KILOGRAM)),
        rule("weight needs a unit", "unit", () -> new Weight(BigDecimal.ONE, null)),
        rule("dimension must be positive", "width", () -> Dimensions.of("10", "0", "10", LengthUnit.CENTIMETRE)),
        rule("absurd dimension", "length", () -> Dimensions.of("2000", "10", "10", LengthUnit.CENTIMETRE)),
        rule("parcel needs a weight", "weight", () -> Parcel.of(null)),
        rule("customs item quantity at least 1", "quantity",
            () -> new CustomsItem("Shirt", 0, Money.of("1", "USD"), Weight.grams(10), "610910", "CN")),
        rule("customs item value above 0", "unitValue",
            () -> new CustomsItem("Shirt", 1, Money.of("0", "USD"), Weight.grams(10), "610910", "CN")),
        rule("HS code of 5 digits", "hsCode",
            () -> new CustomsItem("Shirt", 1, Money.of("1", "USD"), Weight.grams(10), "61091", "CN")),
        rule("HS code of 11 digits", "hsCode",
            () -> new CustomsItem("Shirt", 1, Money.of("1", "USD"), Weight.grams(10), "61091000001", "CN")),
        rule("HS code with letters", "hsCode",
            () -> new CustomsItem("Shirt", 1, Money.of("1", "USD"), Weight.grams(10), "6109AB", "CN")),
        rule("origin country required", "originCountry",
            () -> new CustomsItem("Shirt", 1, Money.of("1", "USD"), Weight.grams(10), "610910", null)),
        rule("customs description required", "description",
            () -> new CustomsItem(" ", 1, Money.of("1", "USD"), Weight.grams(10), "610910", "CN")),
        rule("customs needs an item", "items",
            () -> CustomsDeclaration.of(CustomsDeclaration.ContentType.GIFT, List.of())),
        rule("customs items in one currency", "items", () -> CustomsDeclaration.of(
            CustomsDeclaration.ContentType.MERCHANDISE,
            List.of(shirt(), new CustomsItem("Mug", 1, Money.of("30", "CNY"), Weight.grams(300), "691200", "CN")))),
        rule("international label needs customs", "customs", () -> LabelRequest.builder()
            .carrier(CarrierId.CAINIAO).serviceCode("X").from(cn().build()).to(us().build()).parcel(parcel()).build()),
        rule("customs heavier than the parcel", "customs.items", () -> LabelRequest.builder()
            .carrier(CarrierId.CAINIAO).serviceCode("X").from(cn().build()).to(us().build())
            .parcel(Parcel.of(Weight.grams(100))).customs(customs()).build()),
        rule("label needs a service", "serviceCode", () -> LabelRequest.builder()
            .carrier(CarrierId.USPS).from(us().build()).to(us().build()).parcel(parcel()).build()),
        rule("idempotency key with spaces", "idempotencyKey", () -> IdempotencyKey.of("order 1")),
        rule("idempotency key too long", "idempotencyKey", () -> IdempotencyKey.of("k".repeat(65))),
        rule("ZPL needs 203 or 300 dpi", "dpi", () -> LabelFormat.zpl(150)),
        rule("carrier id form", "carrierId", () -> CarrierId.of("USPS")),
        rule("quote needs a parcel", "parcel", () -> QuoteRequest.builder().from(us().build()).to(us().build()).build()),
        rule("manifest needs labels", "trackingNumbers", () -> new ManifestRequest(CarrierId.USPS, List.of(), us().build(), null)));
  }

  private static Arguments rule(String name, String path, ThrowingCallable build) {
    return Arguments.of(name, path, build);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("broken")
  void brokenRuleIsAValidationErrorNamingThePath(String name, String path, ThrowingCallable build) {
    assertThatThrownBy(build).isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).violations()).extracting(Violation::path).contains(path));
  }

  @Test
  void validValuesOfEveryKindAreAccepted() {
    assertThatCode(() -> {
      us().build();
      us().postalCode("20500-0003").phone("+1 202-456-1111").email("ada@example.com").company("ACME").build();
      cn().build();
      Address.builder().name("Jean").line("1 rue de Rivoli").city("Paris").postalCode("75001").country("FR").build();
      Weight.grams(1);
      Dimensions.of("1", "1", "1", LengthUnit.MILLIMETRE);
      new CustomsItem("Shirt", 1, Money.of("0.01", "USD"), Weight.grams(1), "6109.10.0012", "CN");
      LabelFormat.zpl(203);
      LabelFormat.zpl(300);
      IdempotencyKey.of("order-1042:label_1.v2");
      LabelRequest.builder().carrier(CarrierId.CAINIAO).serviceCode("X").from(cn().build()).to(us().build())
          .parcel(parcel()).customs(customs()).build();
    }).doesNotThrowAnyException();
  }

  @Test
  void everyViolationIsReportedAtOnce() {
    assertThatThrownBy(() -> Address.builder().country("XX").postalCode("1").build())
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).violations()).extracting(Violation::path)
            .contains("name", "lines", "city", "country"));
  }

  @Test
  void hsCodeDotsAndSpacesAreDropped() {
    assertThat(new CustomsItem("Shirt", 1, Money.of("1", "USD"), Weight.grams(10), "6109.10 00", "CN").hsCode())
        .isEqualTo("61091000");
  }

  @Test
  void labelRequestGeneratesItsIdempotencyKeyOnceAndToBuilderDoesNotCopyIt() {
    LabelRequest r = LabelRequest.builder().carrier(CarrierId.USPS).serviceCode("USPS_GROUND_ADVANTAGE")
        .from(us().build()).to(us().build()).parcel(parcel()).build();
    assertThat(r.idempotencyKey()).isNotNull();
    assertThat(r.idempotencyKey()).isEqualTo(r.idempotencyKey());
    assertThat(r.toBuilder().build().idempotencyKey()).isNotEqualTo(r.idempotencyKey());
  }

  @Test
  void addressToStringHidesPersonalData() {
    Address a = us().phone("+1 202-456-1111").email("ada@example.com").build();
    assertThat(a.toString()).doesNotContain("Ada", "Lovelace", "Pennsylvania", "456-1111", "ada@example.com", "20500")
        .contains("US");
  }

  @Test
  void labelToStringOmitsTheFileBytes() {
    Label l = new Label(CarrierId.USPS, "9400111899223197428490", "X", LabelFormat.PDF_4X6,
        "%PDF-1.4".getBytes(), Money.of("5", "USD"), IdempotencyKey.of("k"), null);
    assertThat(l.toString()).doesNotContain("%PDF").contains("bytes=8");
  }

  @Test
  void labelContentIsDefensivelyCopied() {
    byte[] bytes = "%PDF-1.4".getBytes();
    Label l = new Label(CarrierId.USPS, "9400111899223197428490", "X", LabelFormat.PDF_4X6, bytes, null, null, null);
    bytes[0] = 'X';
    l.content()[1] = 'Y';
    assertThat(new String(l.content())).isEqualTo("%PDF-1.4");
  }

  @Test
  void trackingSortsEventsOldestFirstAndTakesTheNewestStatus() {
    var t0 = java.time.OffsetDateTime.parse("2026-03-01T10:00:00+08:00");
    var later = new TrackingEvent(t0.plusDays(2), TrackingStatus.DELIVERED, "01", "Delivered", null, CarrierId.USPS);
    var earlier = new TrackingEvent(t0, TrackingStatus.IN_TRANSIT, "10", "Arrived", null, CarrierId.USPS);
    Tracking t = Tracking.of("9400111899223197428490", CarrierId.USPS, List.of(later, earlier), null, null, null);
    assertThat(t.events()).containsExactly(earlier, later);
    assertThat(t.status()).isEqualTo(TrackingStatus.DELIVERED);
    assertThat(t.legs()).singleElement().satisfies(l -> assertThat(l.lastEvent()).isEqualTo(later));
  }

  @Test
  void terminalStatusesAreDeliveredAndReturned() {
    assertThat(Stream.of(TrackingStatus.values()).filter(TrackingStatus::isTerminal))
        .containsExactlyInAnyOrder(TrackingStatus.DELIVERED, TrackingStatus.RETURNED_TO_SENDER);
  }

  @Test
  void quoteTransitTextShowsTheRange() {
    Quote q = Quote.builder(CarrierId.USPS, "X", Money.of("1", "USD")).transitDays(3, 5).build();
    assertThat(q.transitDaysText()).isEqualTo("3-5");
    assertThat(q.transitDays()).isEqualTo(5);
  }
}
