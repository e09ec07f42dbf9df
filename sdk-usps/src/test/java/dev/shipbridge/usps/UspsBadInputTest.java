package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.ValidationException;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.CustomsItem;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Weight;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad inputs that used to reach USPS (or reached it cut short): each is a {@link
 * ValidationException} naming the field before any request, under the permissive test policy and
 * USPS's default one, on the emulator.
 */
class UspsBadInputTest extends EmulatorTestBase {
  static final String TAG_A = new String(Character.toChars(0xE0041));

  static Supplier<Address.Builder> customer() {
    return CUSTOMER::toBuilder;
  }

  static List<Object[]> cases() {
    return List.of(
        named("name of zero-width spaces", "name", r -> r.to(customer().get().name("\u200B\u200B\u200B").build())),
        named("name of a byte-order mark", "name", r -> r.to(customer().get().name("\uFEFF").build())),
        named("name of no-break spaces", "name", r -> r.to(customer().get().name("\u00A0\u00A0").build())),
        named("city of no-break spaces", "city", r -> r.to(customer().get().city("\u00A0").build())),
        named("street line of zero-width spaces", "lines[0]", r -> r.to(customer().get().lines(List.of("\u200B")).build())),
        named("Unicode tag characters in a name", "name", r -> r.to(customer().get().name("Joe" + TAG_A + " Doe").build())),
        named("99 stacked combining accents", "name", r -> r.to(customer().get().name("Joe" + "\u0301".repeat(99)).build())),
        named("emoji in a name", "name", r -> r.to(customer().get().name("Joe \uD83D\uDE00 Doe").build())),
        named("emoji in a company", "company", r -> r.to(customer().get().company("Acme \u2764\uFE0F").build())),
        named("US state XX", "region", r -> r.to(customer().get().region("XX").build())),
        named("ship date 1970-01-01", "shipDate", r -> r.shipDate(LocalDate.of(1970, 1, 1))),
        named("ship date 9999-12-31", "shipDate", r -> r.shipDate(LocalDate.of(9999, 12, 31))),
        named("ship date 8 days ahead (USPS: 0 to 7)", "shipDate", r -> r.shipDate(today().plusDays(8))),
        named("60-character street line", "lines[0]", r -> r.to(customer().get().lines(List.of("1".repeat(60))).build())),
        named("60-character name", "name", r -> r.to(customer().get().name("Joe " + "D".repeat(56)).build())),
        named("60-character company", "company", r -> r.to(customer().get().company("C".repeat(60)).build())),
        named("40-character city", "city", r -> r.to(customer().get().city("S".repeat(40)).build())),
        named("secondary lines over 50 together", "lines", r -> r.to(customer().get()
            .lines(List.of("1100 Wyoming", "Suite " + "1".repeat(30), "Floor " + "2".repeat(20))).build())),
        named("40-character reference", "reference", r -> r.reference("R".repeat(40))),
        named("7-digit HS code", "hsCode", r -> r.to(PARIS).serviceCode("PRIORITY_MAIL_INTERNATIONAL:SP")
            .customs(customs("Cotton T-shirt", "6109100"))),
        named("9-digit HS code", "hsCode", r -> r.to(PARIS).serviceCode("PRIORITY_MAIL_INTERNATIONAL:SP")
            .customs(customs("Cotton T-shirt", "610910000"))),
        named("26-character OTHER comment", "description", r -> r.to(PARIS).serviceCode("PRIORITY_MAIL_INTERNATIONAL:SP")
            .customs(CustomsDeclaration.of(CustomsDeclaration.ContentType.OTHER, List.of(new CustomsItem(
                "Handmade ceramic tea bowls", 1, Money.of("9.50", "USD"), Weight.grams(400), "691200", "CN"))))));
  }

  static LocalDate today() {
    return LocalDate.ofInstant(dev.shipbridge.testkit.UspsEmulator.DEFAULT_INSTANT, ZoneOffset.UTC);
  }

  static CustomsDeclaration customs(String description, String hs) {
    return CustomsDeclaration.of(CustomsDeclaration.ContentType.MERCHANDISE, List.of(
        new CustomsItem(description, 2, Money.of("9.50", "USD"), Weight.grams(400), hs, "CN")));
  }

  static Object[] named(String name, String field, Function<LabelRequest.Builder, LabelRequest.Builder> bad) {
    return new Object[] {name, field, bad};
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aBadInputIsAValidationExceptionBeforeAnyRequestUnderBothPolicies(String name, String field,
      Function<LabelRequest.Builder, LabelRequest.Builder> bad) {
    try (Shipbridge withDefaults = Shipbridge.builder().discoverCarriers(false).carrier(carrier().build()).clock(clock)
        .sleeper(d -> { }).build()) {
      for (Shipbridge sb : List.of(shipbridge, withDefaults)) {
        assertThatThrownBy(() -> sb.label(bad.apply(UspsLabelWireTest.request("bad-" + name.hashCode())).build()))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                .anySatisfy(v -> assertThat(v.path()).contains(field)));
      }
    }
    assertThat(usps.requests()).as("nothing reached USPS").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyViolationIsListedTogether(String name, String field, Function<LabelRequest.Builder, LabelRequest.Builder> bad) {
    // two faults at once: both named in one exception
    if (!field.equals("shipDate") && !field.equals("reference")) return;
    assertThatThrownBy(() -> shipbridge.label(bad.apply(UspsLabelWireTest.request("two-" + name.hashCode())
        .reference("R".repeat(41)).shipDate(LocalDate.of(1970, 1, 1))).build()))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(ValidationException.Violation::path).contains("reference", "shipDate"));
  }

  @ParameterizedTest(name = "quote ship date {0}")
  @MethodSource("farDates")
  void aQuoteForAShipDateOutsideTheWindowIsRefusedBeforeAnyRequest(LocalDate date) {
    assertThatThrownBy(() -> shipbridge.quote(QuoteRequest.builder().from(WAREHOUSE).to(CUSTOMER)
        .parcel(UspsLabelWireTest.BOX).shipDate(date).build())).isInstanceOf(ValidationException.class);
    assertThat(usps.requests()).isEmpty();
  }

  static List<LocalDate> farDates() {
    return List.of(LocalDate.of(1970, 1, 1), LocalDate.of(9999, 12, 31));
  }
}
