package dev.shipbridge.model;

import java.math.BigDecimal;
import java.math.MathContext;

/** Exact-as-possible unit conversion shared by {@link Weight} and {@link Dimensions}. */
final class UnitMath {
  private static final MathContext SNAP = new MathContext(30);
  private static final int SHORT = 26;

  private UnitMath() {}

  /**
   * {@code value x from / to}: exact when the result has a finite decimal form, else 34
   * significant digits. A result that rounds at 30 significant digits to a decimal of at most 26
   * is snapped to it, so that a conversion and its inverse give back the original value ({@code 0.1 mm -> in
   * -> mm} is {@code 0.1}, not {@code 0.0999...9}).
   */
  static BigDecimal convert(BigDecimal value, BigDecimal from, BigDecimal to) {
    BigDecimal r = value.multiply(from).divide(to, MathContext.DECIMAL128);
    BigDecimal snapped = r.round(SNAP).stripTrailingZeros();
    return snapped.precision() <= SHORT ? snapped : r.stripTrailingZeros();
  }
}
