package dev.shipbridge.usps.internal;

/**
 * UPU S10 numbers issued by USPS ({@code EZ000012162US}): two letters, eight digits, a mod-11 check
 * digit (weights 8, 6, 4, 2, 3, 5, 9, 7; 10 becomes 0, 11 becomes 5) and {@code US}.
 */
public final class S10Number {
  private static final int[] WEIGHTS = {8, 6, 4, 2, 3, 5, 9, 7};

  private S10Number() {}

  /** Whether {@code n} is a well-formed S10 number ending {@code US} with the right check digit. */
  public static boolean matchesUsps(String n) {
    return matches(n) && n.endsWith("US");
  }

  /** Whether {@code n} is a well-formed S10 number of any post with the right check digit. */
  public static boolean matches(String n) {
    if (n == null || n.length() != 13) return false;
    if (!isLetter(n.charAt(0)) || !isLetter(n.charAt(1)) || !isLetter(n.charAt(11)) || !isLetter(n.charAt(12))) return false;
    for (int i = 2; i < 11; i++) {
      if (n.charAt(i) < '0' || n.charAt(i) > '9') return false;
    }
    return checkDigit(n.substring(2, 10)) == n.charAt(10) - '0';
  }

  /** The mod-11 check digit of an eight-digit serial. */
  public static int checkDigit(String serial) {
    int sum = 0;
    for (int i = 0; i < 8; i++) sum += (serial.charAt(i) - '0') * WEIGHTS[i];
    int c = 11 - sum % 11;
    return c == 10 ? 0 : c == 11 ? 5 : c;
  }

  private static boolean isLetter(char c) {
    return c >= 'A' && c <= 'Z';
  }
}
