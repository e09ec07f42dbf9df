package dev.shipbridge.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.ValidationException;
import org.junit.jupiter.api.Test;

class UnitConversionTest {
  @Test
  void onePoundIsExactlyTheInternationalAvoirdupoisPound() {
    assertThat(Weight.pounds("1").in(WeightUnit.GRAM)).isEqualByComparingTo("453.59237");
  }

  @Test
  void sixteenOuncesAreOnePound() {
    assertThat(Weight.ounces("16").in(WeightUnit.POUND)).isEqualByComparingTo("1");
  }

  @Test
  void kilogramsToGramsIsExact() {
    assertThat(Weight.kilograms("1.25").in(WeightUnit.GRAM)).isEqualByComparingTo("1250");
  }

  @Test
  void oneInchIsExactly25point4Millimetres() {
    assertThat(Dimensions.of("1", "2", "3", LengthUnit.INCH).to(LengthUnit.MILLIMETRE).height())
        .isEqualByComparingTo("76.2");
  }

  @Test
  void weightsCompareAcrossUnits() {
    assertThat(Weight.kilograms("1").compareTo(Weight.grams(999))).isPositive();
    assertThat(Weight.kilograms("1").isSameAs(Weight.grams(1000))).isTrue();
  }

  @Test
  void weightsAddInTheFirstUnit() {
    Weight sum = Weight.kilograms("1").plus(Weight.grams(500));
    assertThat(sum.unit()).isEqualTo(WeightUnit.KILOGRAM);
    assertThat(sum.value()).isEqualByComparingTo("1.5");
  }

  @Test
  void moneyNeverCombinesTwoCurrencies() {
    assertThatThrownBy(() -> Money.of("1", "USD").plus(Money.of("1", "CNY")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never converts");
  }

  @Test
  void moneyComparesOnlyWithinOneCurrency() {
    assertThatThrownBy(() -> Money.of("1", "USD").compareTo(Money.of("1", "EUR")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Money.of("2", "USD").compareTo(Money.of("1.99", "USD"))).isPositive();
  }

  @Test
  void moneyTimesQuantityIsExact() {
    assertThat(Money.of("9.95", "USD").times(3).amount()).isEqualByComparingTo("29.85");
  }

  @Test
  void moneyEqualityIgnoresScaleWithIsSameAs() {
    assertThat(Money.of("1.0", "USD").isSameAs(Money.of("1.00", "USD"))).isTrue();
  }

  @Test
  void unknownCurrencyCodeIsAValidationError() {
    assertThatThrownBy(() -> Money.of("1", "XYZ1")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> Money.of("1", "ZZZ")).isInstanceOf(ValidationException.class);
  }

  @Test
  void nonNumericAmountIsAValidationError() {
    assertThatThrownBy(() -> Money.of("one", "USD")).isInstanceOf(ValidationException.class);
  }
}
