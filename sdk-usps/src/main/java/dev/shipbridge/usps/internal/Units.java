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
final class Units {
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

  /**
   * The weight in pounds, rounded up to 0.01 lb (USPS never under-charges on rounding): the exact
   * quotient rounded up in one division, not a 34-digit conversion rounded again (a twentieth of
   * the allocation, and never below the true weight).
   */
  static BigDecimal pounds(Weight w) {
    BigDecimal lb = ceilingHundredths(w.value(), w.unit().grams(), WeightUnit.POUND.grams());
    return lb.compareTo(MIN_POUNDS) < 0 ? MIN_POUNDS : lb.stripTrailingZeros();
  }

  /** {@code value x from / to} rounded up to two decimals, exactly. */
  static BigDecimal ceilingHundredths(BigDecimal value, BigDecimal from, BigDecimal to) {
    if (from.compareTo(to) == 0) return value.setScale(2, RoundingMode.CEILING);
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
    sortDescending(sides);
    for (int i = 0; i < 3; i++) sides[i] = sides[i].stripTrailingZeros();
    return sides;
  }

  private static void sortDescending(BigDecimal[] s) {
    for (int i = 1; i < s.length; i++) {
      for (int j = i; j > 0 && s[j].compareTo(s[j - 1]) > 0; j--) {
        BigDecimal t = s[j];
        s[j] = s[j - 1];
        s[j - 1] = t;
      }
    }
  }

  /** One or more ASCII digits; a loop, not a regex, as it runs for every quote and tracked number. */
  static boolean allDigits(String s) {
    if (s.isEmpty()) return false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  static boolean isDomestic(Address a) {
    return DOMESTIC.contains(a.country());
  }

  /** The mailing date: the requested ship date, else today on USPS's clock. */
  static LocalDate mailingDate(LocalDate shipDate, Clock clock) {
    if (shipDate != null) return shipDate;
    long now = clock.millis();
    Day d = today;
    if (d == null || now < d.startMillis || now >= d.endMillis) {
      LocalDate date = java.time.Instant.ofEpochMilli(now).atZone(USPS_ZONE).toLocalDate();
      d = new Day(date, date.atStartOfDay(USPS_ZONE).toInstant().toEpochMilli(),
          date.plusDays(1).atStartOfDay(USPS_ZONE).toInstant().toEpochMilli());
      today = d;
    }
    return d.date;
  }

  /** {@code yyyy-MM-dd}; the last date's text is kept (it is the same all day). */
  static String isoDate(LocalDate date) {
    DateText t = lastText;
    if (t != null && t.date.equals(date)) return t.text;
    t = new DateText(date, date.toString());
    lastText = t;
    return t.text;
  }

  private record DateText(LocalDate date, String text) {}

  private static volatile DateText lastText;

  /** A day in USPS's zone and its bounds: today's date is looked up once a day, not per call. */
  private record Day(LocalDate date, long startMillis, long endMillis) {}

  private static volatile Day today;

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

  /** {@code s} without every character that is not an ASCII digit (as {@code replaceAll("[^0-9]", "")}, without a regex). */
  static String digitsOnly(String s) {
    int n = s.length();
    int i = 0;
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
    if (i == n) return s;
    StringBuilder b = new StringBuilder(n).append(s, 0, i);
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') b.append(c);
    }
    return b.toString();
  }

  static String truncate(String s, int max) {
    if (s == null) return null;
    String t = s.strip();
    return t.length() <= max ? t : t.substring(0, max).strip();
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
