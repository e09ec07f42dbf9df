package dev.shipbridge.spi.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Checks#range} classifies absurd magnitudes by their exponent alone; every other value
 * must agree with the exact product.
 */
class ChecksRangePropertiesTest {
  private static final BigDecimal[] FACTORS = {BigDecimal.ONE, new BigDecimal("1000"), new BigDecimal("453.59237"),
      new BigDecimal("28.349523125"), new BigDecimal("25.4"), new BigDecimal("10"), new BigDecimal("0.001")};
  private static final BigDecimal[][] BOUNDS = {
      {new BigDecimal("0.000001"), new BigDecimal("1000000")}, {new BigDecimal("0.001"), new BigDecimal("10000")},
      {new BigDecimal("1"), new BigDecimal("1")}, {new BigDecimal("0.5"), new BigDecimal("99.99")}};

  @Provide
  Arbitrary<BigDecimal> decimals() {
    return Combinators.combine(Arbitraries.bigIntegers().between(BigInteger.ONE, BigInteger.TEN.pow(30)),
        Arbitraries.integers().between(-45, 45)).as(BigDecimal::new);
  }

  @Property(tries = 3000)
  void agreesWithTheExactProduct(@ForAll("decimals") BigDecimal value, @ForAll("factors") BigDecimal factor,
      @ForAll("bounds") BigDecimal[] bounds) {
    BigDecimal min = bounds[0];
    BigDecimal max = bounds[1];
    BigDecimal v = value.multiply(factor);
    int exact = v.compareTo(max) > 0 ? 1 : v.compareTo(min) < 0 ? -1 : 0;
    long digits = (long) value.precision() - value.scale();
    if (digits > 40 || digits < -40) return; // refused before any arithmetic, by design
    assertThat(Checks.range(value, factor, min, max)).isEqualTo(exact);
  }

  @Provide
  Arbitrary<BigDecimal> factors() {
    return Arbitraries.of(FACTORS);
  }

  @Provide
  Arbitrary<BigDecimal[]> bounds() {
    return Arbitraries.of(BOUNDS);
  }

  @Property(tries = 200)
  void valuesAtTheBoundsThemselvesAreInside(@ForAll("bounds") BigDecimal[] bounds) {
    assertThat(Checks.range(bounds[0], BigDecimal.ONE, bounds[0], bounds[1])).isZero();
    assertThat(Checks.range(bounds[1], BigDecimal.ONE, bounds[0], bounds[1])).isZero();
    assertThat(Checks.range(bounds[1].add(new BigDecimal("0.0000001")), BigDecimal.ONE, bounds[0], bounds[1])).isEqualTo(1);
  }
}
