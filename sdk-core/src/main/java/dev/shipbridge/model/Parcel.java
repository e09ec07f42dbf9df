package dev.shipbridge.model;

import dev.shipbridge.spi.support.Checks;

/**
 * One package: its weight and, when known, its outer dimensions.
 *
 * <pre>{@code
 * Parcel parcel = Parcel.of(Weight.grams(850), Dimensions.of("30", "20", "10", LengthUnit.CENTIMETRE));
 * }</pre>
 *
 * @param weight required
 * @param dimensions may be null (carriers then price by weight alone)
 */
public record Parcel(Weight weight, Dimensions dimensions) {
  public Parcel {
    Checks c = new Checks();
    c.notNull("weight", weight);
    c.throwIfAny();
  }

  public static Parcel of(Weight weight) {
    return new Parcel(weight, null);
  }

  public static Parcel of(Weight weight, Dimensions dimensions) {
    return new Parcel(weight, dimensions);
  }
}
