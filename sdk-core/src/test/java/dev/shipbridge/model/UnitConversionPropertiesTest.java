package dev.shipbridge.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;

class UnitConversionPropertiesTest {

  @Property
  void weightRoundTripsExactlyThroughEveryUnit(
      @ForAll @BigRange(min = "0.001", max = "900000") @Scale(3) BigDecimal grams,
      @ForAll WeightUnit via) {
    Weight w = new Weight(grams, WeightUnit.GRAM);
    Weight back = w.to(via).to(WeightUnit.GRAM);
    assertThat(back.value()).isEqualByComparingTo(grams);
  }

  @Property
  void weightFromAnyUnitRoundTripsExactly(
      @ForAll @BigRange(min = "0.01", max = "900") @Scale(2) BigDecimal value,
      @ForAll WeightUnit from, @ForAll WeightUnit via) {
    Weight w = new Weight(value, from);
    assertThat(w.to(via).to(from).value()).isEqualByComparingTo(value);
    assertThat(w.to(via).to(from).isSameAs(w)).isTrue();
  }

  @Property
  void lengthRoundTripsExactlyThroughEveryUnit(
      @ForAll @BigRange(min = "0.1", max = "9000") @Scale(1) BigDecimal mm, @ForAll LengthUnit via) {
    Dimensions d = new Dimensions(mm, mm, mm, LengthUnit.MILLIMETRE);
    assertThat(d.to(via).to(LengthUnit.MILLIMETRE).length()).isEqualByComparingTo(mm);
  }

  @Property
  void moneyAdditionIsExactAndCommutative(
      @ForAll @BigRange(min = "0", max = "100000") @Scale(2) BigDecimal a,
      @ForAll @BigRange(min = "0", max = "100000") @Scale(2) BigDecimal b) {
    Money x = Money.of(a, "USD");
    Money y = Money.of(b, "USD");
    assertThat(x.plus(y).amount()).isEqualByComparingTo(a.add(b));
    assertThat(x.plus(y).isSameAs(y.plus(x))).isTrue();
    assertThat(x.plus(y).minus(y).isSameAs(x)).isTrue();
  }
}
