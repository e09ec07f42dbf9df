package dev.shipbridge.testkit.usps;

/**
 * USPS tracking-number arithmetic: IMpb (USPS mod 10, weights 3/1 from the right) and UPU S10
 * (mod 11, weights 8,6,4,2,3,5,9,7). See usps-api.md section 12.
 */
public final class TrackingNumbers {
  private static final int[] S10_WEIGHTS = {8, 6, 4, 2, 3, 5, 9, 7};

  private TrackingNumbers() {}

  /** The USPS mod-10 check digit for the digits of an IMpb without its check digit. */
  public static int impbCheckDigit(String digitsWithoutCheck) {
    int sum = 0;
    boolean three = true;
    for (int k = digitsWithoutCheck.length() - 1; k >= 0; k--) {
      int d = digitsWithoutCheck.charAt(k) - '0';
      if (d < 0 || d > 9) {
        throw new IllegalArgumentException("not a digit string");
      }
      sum += three ? 3 * d : d;
      three = !three;
    }
    return (10 - sum % 10) % 10;
  }

  /** Whether {@code n} is a 20-, 22- or 26-digit IMpb whose last digit is its mod-10 check digit. */
  public static boolean isValidImpb(String n) {
    if (n == null || !n.matches("\\d{20}|\\d{22}|\\d{26}")) {
      return false;
    }
    return impbCheckDigit(n.substring(0, n.length() - 1)) == n.charAt(n.length() - 1) - '0';
  }

  /** Strips a GS1 {@code 420}+ZIP5 or {@code 420}+ZIP9 routing prefix if what follows is a valid IMpb. */
  public static String stripRoutingPrefix(String n) {
    if (n != null && n.startsWith("420")) {
      for (int zipLen : new int[] {5, 9}) {
        if (n.length() > 3 + zipLen && isValidImpb(n.substring(3 + zipLen))) {
          return n.substring(3 + zipLen);
        }
      }
    }
    return n;
  }

  /** The S10 check digit of an 8-digit serial. */
  public static int s10CheckDigit(String serial8) {
    int sum = 0;
    for (int k = 0; k < 8; k++) {
      sum += (serial8.charAt(k) - '0') * S10_WEIGHTS[k];
    }
    int c = 11 - sum % 11;
    return c == 10 ? 0 : c == 11 ? 5 : c;
  }

  /** Whether {@code n} is a 13-character UPU S10 number with a correct check digit. */
  public static boolean isValidS10(String n) {
    if (n == null || !n.matches("[A-Z]{2}\\d{9}[A-Z]{2}")) {
      return false;
    }
    return s10CheckDigit(n.substring(2, 10)) == n.charAt(10) - '0';
  }

  /** Builds a 22-digit IMpb: {@code 92} + service type code + MID + serial, padded, + check digit. */
  static String impb(String serviceTypeCode, String mid, long serial) {
    String head = "92" + serviceTypeCode + mid;
    int serialLen = 21 - head.length();
    String s = Long.toString(serial);
    if (s.length() > serialLen) {
      s = s.substring(s.length() - serialLen);
    }
    String body = head + "0".repeat(serialLen - s.length()) + s;
    return body + impbCheckDigit(body);
  }

  /** Builds an S10 number: service indicator + 8-digit serial + check digit + {@code US}. */
  static String s10(String serviceIndicator, long serial) {
    String s = String.format("%08d", serial % 100_000_000L);
    return serviceIndicator + s + s10CheckDigit(s) + "US";
  }
}
