package dev.shipbridge.model;

import java.math.BigDecimal;

/** Units of mass, each with its exact size in grams (the international avoirdupois pound). */
public enum WeightUnit {
  GRAM("g", new BigDecimal("1")),
  KILOGRAM("kg", new BigDecimal("1000")),
  OUNCE("oz", new BigDecimal("28.349523125")),
  POUND("lb", new BigDecimal("453.59237"));

  private final String symbol;
  private final BigDecimal grams;

  WeightUnit(String symbol, BigDecimal grams) {
    this.symbol = symbol;
    this.grams = grams;
  }

  public String symbol() {
    return symbol;
  }

  /** How many grams one of this unit is, exactly. */
  public BigDecimal grams() {
    return grams;
  }
}
