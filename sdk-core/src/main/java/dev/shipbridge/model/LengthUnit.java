package dev.shipbridge.model;

import java.math.BigDecimal;

/** Units of length, each with its exact size in millimetres (the international inch). */
public enum LengthUnit {
  MILLIMETRE("mm", new BigDecimal("1")),
  CENTIMETRE("cm", new BigDecimal("10")),
  INCH("in", new BigDecimal("25.4"));

  private final String symbol;
  private final BigDecimal millimetres;

  LengthUnit(String symbol, BigDecimal millimetres) {
    this.symbol = symbol;
    this.millimetres = millimetres;
  }

  public String symbol() {
    return symbol;
  }

  /** How many millimetres one of this unit is, exactly. */
  public BigDecimal millimetres() {
    return millimetres;
  }
}
