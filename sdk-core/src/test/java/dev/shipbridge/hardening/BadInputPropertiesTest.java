package dev.shipbridge.hardening;

import static dev.shipbridge.model.Fixtures.cn;
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
import dev.shipbridge.model.CustomsItem;
import dev.shipbridge.model.Dimensions;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.LengthUnit;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Weight;
import dev.shipbridge.model.WeightUnit;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.UpperChars;

/**
 * Properties over generated bad input: whatever the text, number or code, the SDK answers with
 * a {@link ValidationException} naming the right fields (every faulty field at once), never with
 * another exception, and nothing reaches a carrier.
 */
class BadInputPropertiesTest {
  private static final CountingCarrier CARRIER = new CountingCarrier();
  private static final Shipbridge SHIPBRIDGE = Shipbridge.builder().discoverCarriers(false).carrier(CARRIER).build();
  private static final Pattern SAFE_NUMBER = Pattern.compile("[A-Z0-9]{6,40}");

  private static Set<String> paths(ValidationException e) {
    return e.violations().stream().map(Violation::path).collect(Collectors.toCollection(TreeSet::new));
  }

  private static ValidationException refused(Runnable attempt) {
    CARRIER.reset();
    Throwable t = catchThrowable(attempt::run);
    assertThat(t).isExactlyInstanceOf(ValidationException.class);
    assertThat(CARRIER.total()).as("calls reaching the carrier: %s", CARRIER.byOperation()).isZero();
    return (ValidationException) t;
  }

  // ------------------------------------------------------------------ text fields

  /** A free-text field of a request, its path, its limit, and how a facade call carries it. */
  enum TextField {
    NAME("name", 100, v -> () -> SHIPBRIDGE.validateAddress(us().name(v).build())),
    COMPANY("company", 100, v -> () -> SHIPBRIDGE.validateAddress(us().company(v).build())),
    LINE("lines[0]", 100, v -> () -> SHIPBRIDGE.validateAddress(us().lines(List.of(v)).build())),
    CITY("city", 64, v -> () -> SHIPBRIDGE.quote(QuoteRequest.builder().from(us().build())
        .to(us().city(v).build()).parcel(Parcel.of(Weight.grams(500))).build())),
    REGION("region", 64, v -> () -> SHIPBRIDGE.validateAddress(cn().region(v).build())),
    REFERENCE("reference", 64, v -> () -> SHIPBRIDGE.label(label().reference(v).build())),
    SERVICE_CODE("serviceCode", 128, v -> () -> SHIPBRIDGE.label(label().serviceCode(v).build())),
    DESCRIPTION("description", 256, v -> () -> SHIPBRIDGE.label(label().from(cn().build()).customs(
        CustomsDeclaration.of(CustomsDeclaration.ContentType.GIFT,
            List.of(new CustomsItem(v, 1, Money.of("1", "USD"), Weight.grams(10), "610910", "CN")))).build())),
    INVOICE("invoiceNumber", 35, v -> () -> SHIPBRIDGE.label(label().from(cn().build()).customs(
        new CustomsDeclaration(CustomsDeclaration.ContentType.GIFT,
            List.of(new CustomsItem("Mug", 1, Money.of("1", "USD"), Weight.grams(10), "691200", "CN")), v, null)).build()));

    final String path;
    final int max;
    final Function<String, Runnable> call;

    TextField(String path, int max, Function<String, Runnable> call) {
      this.path = path;
      this.max = max;
      this.call = call;
    }
  }

  static LabelRequest.Builder label() {
    return LabelRequest.builder().carrier(CountingCarrier.ID).serviceCode("STD").from(us().build()).to(us().build())
        .parcel(Parcel.of(Weight.grams(500)));
  }

  /** Characters no free text may hold: C0 (tab excepted) and C1 controls, separators, bidi controls. */
  @Provide
  Arbitrary<Character> forbidden() {
    return Arbitraries.oneOf(
        Arbitraries.chars().range('\u0000', '\u0008'),
        Arbitraries.chars().range('\n', '\u001f'),
        Arbitraries.chars().range('\u007f', '\u009f'),
        Arbitraries.of('\u2028', '\u2029', '\u200e', '\u200f', '\u061c'),
        Arbitraries.chars().range('\u202a', '\u202e'),
        Arbitraries.chars().range('\u2066', '\u2069'),
        Arbitraries.chars().range('\ud800', '\udfff')); // a lone surrogate
  }

  @Property(tries = 300)
  void aForbiddenCharacterAnywhereInAnyTextFieldIsRefused(@ForAll TextField field,
      @ForAll("forbidden") char bad, @ForAll @IntRange(max = 8) int at) {
    String clean = "AB Cd 1234";
    String value = clean.substring(0, at) + bad + clean.substring(at);

    ValidationException e = refused(field.call.apply(value));

    assertThat(paths(e)).containsExactly(field.path);
    assertThat(Checks.hasControlCharacters(e.getMessage())).isFalse();
  }

  @Property(tries = 100)
  void overLongTextIsRefusedNamingTheLimit(@ForAll TextField field, @ForAll @IntRange(min = 1, max = 5_000) int over) {
    String value = "a".repeat(field.max + over);

    ValidationException e = refused(field.call.apply(value));

    assertThat(e.violations()).extracting(Violation::toString)
        .contains(field.path + ": is longer than " + field.max + " characters (" + value.length() + ")");
    assertThat(e.getMessage()).doesNotContain(value);
  }

  // ------------------------------------------------------------------ several faults at once

  /** Independent faults of an address: each breaks exactly its own path. */
  enum AddressFault {
    NAME("name", b -> b.name(" ")),
    LINES("lines", b -> b.lines(List.of())),
    CITY("city", b -> b.city(null)),
    REGION("region", b -> b.region("Columbia")),
    ZIP("postalCode", b -> b.postalCode("2050")),
    PHONE("phone", b -> b.phone("n/a")),
    EMAIL("email", b -> b.email("nobody")),
    COMPANY("company", b -> b.company("ACME\r\nX: 1"));

    final String path;
    final Function<Address.Builder, Address.Builder> apply;

    AddressFault(String path, Function<Address.Builder, Address.Builder> apply) {
      this.path = path;
      this.apply = apply;
    }
  }

  @Property(tries = 200)
  void everyFaultOfAnAddressIsListedAtOnce(@ForAll("addressFaults") Set<AddressFault> faults) {
    Address.Builder b = us();
    for (AddressFault f : faults) b = f.apply.apply(b);
    Address.Builder broken = b;

    ValidationException e = refused(() -> SHIPBRIDGE.validateAddress(broken.build()));

    assertThat(paths(e)).isEqualTo(faults.stream().map(f -> f.path).collect(Collectors.toCollection(TreeSet::new)));
  }

  @Provide
  Arbitrary<Set<AddressFault>> addressFaults() {
    return Arbitraries.of(AddressFault.class).set().ofMinSize(1);
  }

  @Property(tries = 200)
  void everyFaultOfACustomsItemIsListedAtOnce(@ForAll boolean description, @ForAll boolean quantity,
      @ForAll boolean value, @ForAll boolean hs, @ForAll boolean origin) {
    Set<String> expected = new TreeSet<>();
    if (description) expected.add("description");
    if (quantity) expected.add("quantity");
    if (value) expected.add("unitValue");
    if (hs) expected.add("hsCode");
    if (origin) expected.add("originCountry");

    Runnable attempt = () -> SHIPBRIDGE.label(label().from(cn().build()).customs(CustomsDeclaration.of(
        CustomsDeclaration.ContentType.MERCHANDISE, List.of(new CustomsItem(description ? "" : "Shirt", quantity ? 0 : 1,
            Money.of(value ? "0" : "1", "USD"), Weight.grams(10), hs ? "6109" : "610910", origin ? "QQ" : "CN")))).build());

    if (expected.isEmpty()) {
      CARRIER.reset();
      attempt.run();
      assertThat(CARRIER.total()).isEqualTo(1);
    } else {
      assertThat(paths(refused(attempt))).isEqualTo(expected);
    }
  }

  // ------------------------------------------------------------------ numbers

  @Property(tries = 300)
  void aWeightThatIsNotPositiveIsRefused(@ForAll @BigRange(min = "-1000000", max = "0") BigDecimal value,
      @ForAll WeightUnit unit) {
    ValidationException e = refused(() -> SHIPBRIDGE.quote(QuoteRequest.builder().from(us().build()).to(us().build())
        .parcel(Parcel.of(new Weight(value, unit))).build()));

    assertThat(paths(e)).containsExactly("value");
  }

  @Property(tries = 300)
  void aSideThatIsNotPositiveIsRefused(@ForAll @BigRange(min = "-10000", max = "0") BigDecimal side,
      @ForAll LengthUnit unit) {
    ValidationException e = refused(() -> SHIPBRIDGE.quote(QuoteRequest.builder().from(us().build()).to(us().build())
        .parcel(Parcel.of(Weight.grams(500), new Dimensions(BigDecimal.TEN, side, BigDecimal.TEN, unit))).build()));

    assertThat(paths(e)).containsExactly("width");
  }

  /** Any text at all given as a number, a code or a key: a value or a ValidationException, nothing else. */
  @Property(tries = 500)
  void anyTextGivenAsANumberOrCodeIsAValueOrAValidationException(@ForAll("numberish") String text) {
    for (Runnable r : List.<Runnable>of(
        () -> Weight.of(text, WeightUnit.GRAM),
        () -> Money.of(text, "USD"),
        () -> Money.of("1", text),
        () -> Dimensions.of(text, "1", "1", LengthUnit.INCH),
        () -> IdempotencyKey.of(text),
        () -> CarrierId.of(text))) {
      Throwable t = catchThrowable(r::run);
      assertThat(t).satisfiesAnyOf(x -> assertThat(x).isNull(), x -> assertThat(x).isInstanceOf(ValidationException.class));
    }
  }

  @Provide
  Arbitrary<String> numberish() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(80),
        Arbitraries.strings().withChars("0123456789.-+eE ,NaInfity").ofMaxLength(70),
        Arbitraries.of("NaN", "-NaN", "Infinity", "-Infinity", "1e999999999", "1E-999999999", "-0", "0x10", "1_000",
            "\u0661\u0662", "\uFF11", "1e2147483648", "USD", "usd", "XXX", ""));
  }

  // ------------------------------------------------------------------ codes

  @Property(tries = 200)
  void aTwoLetterCodeThatIsNoCountryIsRefused(@ForAll @UpperChars @StringLength(2) String code) {
    net.jqwik.api.Assume.that(!Checks.COUNTRIES.contains(code));

    ValidationException e = refused(() -> SHIPBRIDGE.validateAddress(Address.builder().name("N").line("1 Main St")
        .city("Town").country(code).build()));

    assertThat(paths(e)).containsExactly("country");
  }

  @Property(tries = 200)
  void aThreeLetterCodeThatIsNoCurrencyIsRefused(@ForAll @UpperChars @StringLength(3) String code) {
    net.jqwik.api.Assume.that(Currency.getAvailableCurrencies().stream().noneMatch(c -> c.getCurrencyCode().equals(code)));

    ValidationException e = refused(() -> Money.of("1", code));

    assertThat(paths(e)).containsExactly("currency");
  }

  @Property(tries = 200)
  void anHsCodeThatIsNotSixToTenDigitsIsRefused(@ForAll @NumericChars @StringLength(min = 1, max = 30) String digits) {
    net.jqwik.api.Assume.that(digits.length() < 6 || digits.length() > 10);

    ValidationException e = refused(() -> SHIPBRIDGE.label(label().from(cn().build()).customs(CustomsDeclaration.of(
        CustomsDeclaration.ContentType.GIFT,
        List.of(new CustomsItem("Mug", 1, Money.of("1", "USD"), Weight.grams(10), digits, "CN")))).build()));

    assertThat(paths(e)).containsExactly("hsCode");
  }

  // ------------------------------------------------------------------ tracking numbers

  /**
   * Whatever text is given as a tracking number, either it is refused before any carrier is
   * called, or the number the carrier receives is 6 to 40 ASCII letters and digits: nothing that
   * could break a URL path, a header or a log line ever reaches an adapter.
   */
  @Property(tries = 1000)
  void onlySafeTrackingNumbersEverReachACarrier(@ForAll("trackingText") String text) {
    for (Function<String, Object> op : List.<Function<String, Object>>of(
        SHIPBRIDGE::track, SHIPBRIDGE::cancel, n -> SHIPBRIDGE.trackMany(java.util.Arrays.asList(n)))) {
      CARRIER.reset();
      Throwable t = catchThrowable(() -> {
        Object r = op.apply(text);
        if (r instanceof List<?> results && !((TrackResult) results.get(0)).isSuccess()) {
          throw ((TrackResult) results.get(0)).failure();
        }
      });
      if (t != null) {
        assertThat(t).isExactlyInstanceOf(ValidationException.class);
        assertThat(CARRIER.total()).isZero();
      }
      assertThat(CARRIER.received).allSatisfy(n -> assertThat(n).matches(SAFE_NUMBER));
    }
  }

  @Provide
  Arbitrary<String> trackingText() {
    Arbitrary<String> junk = Arbitraries.strings().all().ofMaxLength(12);
    Arbitrary<String> nasty = Arbitraries.of("\r\n", "\n", "\r", "%0D%0A", "/", "../", "?", "#", "\u0000", "\u202e",
        "\u2028", ";", "\t", " ", "\u0131", "\u00df", "\uFF21");
    Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(40);
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(60),
        Combinators.combine(digits, nasty, digits).as((a, n, b) -> "CT" + a + n + b),
        Combinators.combine(junk, digits).as((j, d) -> "CT" + d + j),
        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(50).map(s -> "ct" + s));
  }
}
