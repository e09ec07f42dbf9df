package dev.shipbridge.model;

import dev.shipbridge.spi.support.Checks;
import java.math.BigDecimal;

/**
 * A box's length, width and height in one unit; conversions as exact as {@link Weight}'s.
 *
 * <pre>{@code
 * Dimensions box = Dimensions.of("30", "20", "10", LengthUnit.CENTIMETRE);
 * Dimensions inches = box.to(LengthUnit.INCH);
 * }</pre>
 */
public record Dimensions(BigDecimal length, BigDecimal width, BigDecimal height, LengthUnit unit) {
  /** Longer than any parcel a carrier here takes (10 m): catches unit mix-ups. */
  static final BigDecimal MAX_MM = new BigDecimal("10000");
  /** Shorter than any box (one micrometre): a unit mix-up or a hostile value ({@code 1E-999999999}). */
  static final BigDecimal MIN_MM = new BigDecimal("0.001");

  public Dimensions {
    Checks c = new Checks();
    c.notNull("unit", unit);
    check(c, "length", length, unit);
    check(c, "width", width, unit);
    check(c, "height", height, unit);
    c.throwIfAny();
  }

  private static void check(Checks c, String path, BigDecimal v, LengthUnit unit) {
    if (c.positive(path, v) && unit != null) {
      int r = Checks.range(v, unit.millimetres(), MIN_MM, MAX_MM);
      if (r > 0) c.add(path, "is more than 10 m; check the unit");
      if (r < 0) c.add(path, "is less than 1 micrometre; check the unit");
    }
  }

  /** Sides given as text; every side that is not a decimal is reported at once. */
  public static Dimensions of(String length, String width, String height, LengthUnit unit) {
    Checks c = new Checks();
    BigDecimal l = c.parseDecimal("length", length);
    BigDecimal w = c.parseDecimal("width", width);
    BigDecimal h = c.parseDecimal("height", height);
    c.throwIfAny();
    return new Dimensions(l, w, h, unit);
  }

  public Dimensions to(LengthUnit target) {
    if (target == unit) return this;
    return new Dimensions(convert(length, target), convert(width, target), convert(height, target), target);
  }

  private BigDecimal convert(BigDecimal v, LengthUnit target) {
    return UnitMath.convert(v, unit.millimetres(), target.millimetres());
  }

  /** The longest side. */
  public BigDecimal longest() {
    return length.max(width).max(height);
  }

  @Override
  public String toString() {
    return length.toPlainString() + " x " + width.toPlainString() + " x " + height.toPlainString() + " " + unit.symbol();
  }
}
