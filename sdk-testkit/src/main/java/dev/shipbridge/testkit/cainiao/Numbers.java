package dev.shipbridge.testkit.cainiao;

import dev.shipbridge.testkit.usps.TrackingNumbers;

/**
 * Check digits of the number formats the emulator issues. Internal to the emulator; the arithmetic
 * is {@link TrackingNumbers}'.
 */
public final class Numbers {
  private Numbers() {}

  /** UPU S10 check digit of an 8-digit serial: weights 8,6,4,2,3,5,9,7, mod 11 (10 → 0, 11 → 5). */
  public static int s10CheckDigit(String serial8) {
    if (serial8.length() != 8 || !serial8.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("S10 serial must be 8 digits: " + serial8);
    }
    return TrackingNumbers.s10CheckDigit(serial8);
  }

  /** A full S10 number: {@code prefix} (2 letters) + serial + check digit + {@code country}. */
  public static String s10(String prefix, long serial, String country) {
    String serial8 = String.format("%08d", serial % 100_000_000L);
    return prefix + serial8 + s10CheckDigit(serial8) + country;
  }

  /** Whether {@code number} is a well-formed S10 number with a correct check digit. */
  public static boolean isValidS10(String number) {
    return TrackingNumbers.isValidS10(number);
  }

  /**
   * USPS Mod 10 check digit over the digits before it: from the rightmost digit leftwards,
   * weights 3, 1, 3, 1, …; check = (10 − sum mod 10) mod 10.
   */
  public static int uspsMod10(String digitsWithoutCheck) {
    if (!digitsWithoutCheck.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("not a digit string: " + digitsWithoutCheck);
    }
    return TrackingNumbers.impbCheckDigit(digitsWithoutCheck);
  }

  /** A 22-digit IMpb number: {@code 9400111} + 14-digit serial + Mod 10 check digit. */
  public static String impb(long serial) {
    String body = "9400111" + String.format("%014d", serial % 100_000_000_000_000L);
    return body + uspsMod10(body);
  }

  /** Whether {@code number} is a 22-digit IMpb with a correct check digit. */
  public static boolean isValidImpb(String number) {
    if (number == null || !number.matches("9[1-5]\\d{20}")) {
      return false;
    }
    return uspsMod10(number.substring(0, 21)) == number.charAt(21) - '0';
  }
}
