package dev.shipbridge.usps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.model.Dimensions;
import dev.shipbridge.model.LengthUnit;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.Weight;
import dev.shipbridge.model.WeightUnit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pounds and inches as USPS wants them: rounded up to 0.01 from the exact value. */
class UnitsTest {
  @Test
  void roundsUpToHundredths() {
    assertThat(Units.pounds(Weight.grams(850))).isEqualByComparingTo("1.88");
    assertThat(Units.pounds(Weight.of("16", WeightUnit.OUNCE))).isEqualByComparingTo("1");
    assertThat(Units.pounds(Weight.of("2.5", WeightUnit.POUND))).isEqualByComparingTo("2.5");
    assertThat(Units.pounds(Weight.grams(1))).isEqualByComparingTo("0.01");
    assertThat(Units.inches(Parcel.of(Weight.grams(1), Dimensions.of("10", "30", "20", LengthUnit.CENTIMETRE))))
        .extracting(BigDecimal::toPlainString).containsExactly("11.82", "7.88", "3.94");
    assertThat(Units.inches(Parcel.of(Weight.grams(1), Dimensions.of("2.54", "25.4", "254", LengthUnit.MILLIMETRE))))
        .extracting(BigDecimal::toPlainString).containsExactly("10", "1", "0.1");
  }

  /** The one-division form gives what converting (34 digits) and then rounding up gave, for everyday values. */
  @Test
  void agreesWithConvertingFirstForTenThousandRandomParcels() {
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      WeightUnit wu = WeightUnit.values()[random.nextInt(WeightUnit.values().length)];
      LengthUnit lu = LengthUnit.values()[random.nextInt(LengthUnit.values().length)];
      Weight w = new Weight(BigDecimal.valueOf(1 + random.nextInt(5_000), 1 + random.nextInt(3)), wu);
      Dimensions d = new Dimensions(side(random), side(random), side(random), lu);
      BigDecimal oldPounds = w.to(WeightUnit.POUND).value().setScale(2, RoundingMode.CEILING);
      oldPounds = oldPounds.compareTo(new BigDecimal("0.01")) < 0 ? new BigDecimal("0.01") : oldPounds.stripTrailingZeros();
      assertThat(Units.pounds(w)).as("%s", w).isEqualTo(oldPounds);
      Dimensions in = d.to(LengthUnit.INCH);
      BigDecimal[] old = {in.length(), in.width(), in.height()};
      Arrays.sort(old, (a, b) -> b.compareTo(a));
      for (int k = 0; k < 3; k++) old[k] = old[k].setScale(2, RoundingMode.CEILING).stripTrailingZeros();
      assertThat(Units.inches(Parcel.of(w, d))).as("%s", d).containsExactly(old);
    }
  }

  private static BigDecimal side(Random random) {
    return BigDecimal.valueOf(1 + random.nextInt(3_000), 1 + random.nextInt(2));
  }
}
