package dev.shipbridge.model;

import dev.shipbridge.spi.support.Checks;
import java.math.BigDecimal;

/**
 * A mass with its unit. Conversions are exact where the result has a finite decimal form and
 * otherwise carry 34 significant digits; a round trip ({@code g -> oz -> g}) gives back the same
 * value.
 *
 * <pre>{@code
 * Weight w = Weight.of("12.5", WeightUnit.OUNCE);
 * BigDecimal pounds = w.to(WeightUnit.POUND).value();
 * }</pre>
 *
 * @param value greater than 0
 * @param unit the unit of {@code value}
 */
public record Weight(BigDecimal value, WeightUnit unit) implements Comparable<Weight> {
  /** The heaviest parcel any carrier here accepts is far below this: it catches unit mix-ups. */
  static final BigDecimal MAX_GRAMS = new BigDecimal("1000000");
  /** One microgram: a lighter "parcel" is a unit mix-up or a hostile value ({@code 1E-999999999}). */
  static final BigDecimal MIN_GRAMS = new BigDecimal("0.000001");

  public Weight {
    Checks c = new Checks();
    boolean hasUnit = c.notNull("unit", unit);
    if (c.positive("value", value) && hasUnit) {
      int r = Checks.range(value, unit.grams(), MIN_GRAMS, MAX_GRAMS);
      if (r > 0) c.add("value", "is more than 1000 kg; check the unit");
      if (r < 0) c.add("value", "is less than 1 microgram; check the unit");
    }
    c.throwIfAny();
  }

  /** A weight given as text ({@code "12.5"}); text that is not a decimal is a {@code ValidationException}. */
  public static Weight of(String value, WeightUnit unit) {
    return new Weight(parse("value", value), unit);
  }

  public static Weight of(BigDecimal value, WeightUnit unit) {
    return new Weight(value, unit);
  }

  public static Weight grams(long grams) {
    return new Weight(BigDecimal.valueOf(grams), WeightUnit.GRAM);
  }

  public static Weight kilograms(String kg) {
    return of(kg, WeightUnit.KILOGRAM);
  }

  public static Weight ounces(String oz) {
    return of(oz, WeightUnit.OUNCE);
  }

  public static Weight pounds(String lb) {
    return of(lb, WeightUnit.POUND);
  }

  /** This weight in {@code target} units. */
  public Weight to(WeightUnit target) {
    if (target == unit) return this;
    return new Weight(UnitMath.convert(value, unit.grams(), target.grams()), target);
  }

  public BigDecimal in(WeightUnit target) {
    return target == unit ? value : UnitMath.convert(value, unit.grams(), target.grams());
  }

  /** The sum, in this weight's unit. */
  public Weight plus(Weight other) {
    return new Weight(value.add(other.in(unit)), unit);
  }

  @Override
  public int compareTo(Weight o) {
    return value.multiply(unit.grams()).compareTo(o.value.multiply(o.unit.grams()));
  }

  /** Same mass, whatever the units ({@code 1 kg} is {@code 1000 g}). */
  public boolean isSameAs(Weight o) {
    return compareTo(o) == 0;
  }

  @Override
  public String toString() {
    return value.toPlainString() + " " + unit.symbol();
  }

  static BigDecimal parse(String path, String value) {
    Checks c = new Checks();
    BigDecimal v = c.parseDecimal(path, value);
    c.throwIfAny();
    return v;
  }
}
