package dev.shipbridge.usps.internal;

import dev.shipbridge.model.Address;
import dev.shipbridge.model.Dimensions;
import dev.shipbridge.model.LengthUnit;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.Weight;
import dev.shipbridge.model.WeightUnit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

/** Unit conversions and small shared rules of the USPS wire format. */
public final class Units {
  /** USPS prices and manifests on US Central time. */
  static final ZoneId USPS_ZONE = ZoneId.of("America/Chicago");
  /**
   * Countries that USPS serves as domestic destinations: the US and the territories with their
   * own ISO 3166 codes (Puerto Rico, the Virgin Islands, Guam, American Samoa, the Northern
   * Mariana Islands).
   */
  static final Set<String> DOMESTIC = Set.of("US", "PR", "VI", "GU", "AS", "MP");
  private static final BigDecimal MIN_POUNDS = new BigDecimal("0.01");

  private Units() {}

  /** The weight in pounds, rounded up to 0.01 lb (USPS never under-charges on rounding). */
  static BigDecimal pounds(Weight w) {
    BigDecimal lb = ceilingHundredths(w.value(), w.unit().grams(), WeightUnit.POUND.grams());
    return lb.compareTo(MIN_POUNDS) < 0 ? MIN_POUNDS : lb.stripTrailingZeros();
  }

  /** {@code value x from / to} rounded up to two decimals, exactly. */
  static BigDecimal ceilingHundredths(BigDecimal value, BigDecimal from, BigDecimal to) {
    return value.multiply(from).divide(to, 2, RoundingMode.CEILING);
  }

  /**
   * Length, width and height in inches, longest first (USPS: "length is the longest side, width
   * the second longest"), rounded up to 0.01 in; zeros when the parcel has no dimensions (the
   * specs require the three fields, and allow 0).
   */
  static BigDecimal[] inches(Parcel parcel) {
    Dimensions d = parcel.dimensions();
    if (d == null) return new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
    BigDecimal from = d.unit().millimetres();
    BigDecimal to = LengthUnit.INCH.millimetres();
    BigDecimal[] sides = {ceilingHundredths(d.length(), from, to), ceilingHundredths(d.width(), from, to),
        ceilingHundredths(d.height(), from, to)};
    // rounding up keeps the order, so sorting the rounded sides sorts the sides
    java.util.Arrays.sort(sides, java.util.Comparator.reverseOrder());
    for (int i = 0; i < 3; i++) sides[i] = sides[i].stripTrailingZeros();
    return sides;
  }

  static boolean isDomestic(Address a) {
    return DOMESTIC.contains(a.country());
  }

  /** The mailing date: the requested ship date, else today on USPS's clock. */
  static LocalDate mailingDate(LocalDate shipDate, Clock clock) {
    return shipDate != null ? shipDate : today(clock);
  }

  /** Today in USPS's zone on {@code clock}. */
  public static LocalDate today(Clock clock) {
    return LocalDate.ofInstant(clock.instant(), USPS_ZONE);
  }

  /** The ZIP+4 extension of a US postal code ({@code 6789} of {@code 12345-6789}), or null. */
  static String zipPlus4(String postalCode) {
    if (postalCode == null) return null;
    String digits = digitsOnly(postalCode);
    return digits.length() == 9 ? digits.substring(5) : null;
  }

  /** The five-digit ZIP of a US postal code. */
  static String zip5(String postalCode) {
    if (postalCode == null) return null;
    String digits = digitsOnly(postalCode);
    return digits.length() >= 5 ? digits.substring(0, 5) : digits;
  }

  /** {@code s} without every character that is not an ASCII digit. */
  static String digitsOnly(String s) {
    return s.replaceAll("[^0-9]", "");
  }

  static String truncate(String s, int max) {
    if (s == null) return null;
    String t = s.strip();
    return t.length() <= max ? t : t.substring(0, max).strip();
  }

  /** {@code 2026-03-04} or a date-time starting with it; null for anything else. */
  static LocalDate date(String s) {
    String v = blank(s);
    if (v == null || v.length() < 10) return null;
    try {
      return LocalDate.parse(v.substring(0, 10));
    } catch (java.time.format.DateTimeParseException notADate) {
      return null;
    }
  }

  /** Null when blank, else stripped. */
  static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
