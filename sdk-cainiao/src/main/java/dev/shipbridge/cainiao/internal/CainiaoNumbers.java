package dev.shipbridge.cainiao.internal;

import dev.shipbridge.spi.TrackingNumberMatcher;
import java.util.regex.Pattern;

/**
 * The numbers Cainiao owns: LP codes ({@code LP} + 14 digits), S10 numbers ending {@code CN} with a
 * valid check digit, and lane numbers seen in the wild ({@code CNUSUP...}, {@code CNFR...HD}, {@code
 * CNPRT}/{@code CNESP} + 20 digits); never another carrier's.
 */
public final class CainiaoNumbers implements TrackingNumberMatcher {
  public static final CainiaoNumbers INSTANCE = new CainiaoNumbers();

  private static final Pattern LP = Pattern.compile("LP\\d{14}");
  private static final Pattern S10 = Pattern.compile("[A-Z]{2}\\d{9}[A-Z]{2}");
  private static final Pattern LANES = Pattern.compile("CNUSUP\\d{8,20}|CNFR\\d{10,20}HD|CN(PRT|ESP)\\d{20}");
  private static final int[] WEIGHTS = {8, 6, 4, 2, 3, 5, 9, 7};

  private CainiaoNumbers() {}

  @Override
  public boolean matches(String n) {
    if (n == null) return false;
    return isLpCode(n) || (isValidS10(n) && n.endsWith("CN")) || LANES.matcher(n).matches();
  }

  public static boolean isLpCode(String n) {
    return n != null && LP.matcher(n).matches();
  }

  /** A UPU S10 number (any country) whose check digit is right. */
  public static boolean isValidS10(String n) {
    if (n == null || !S10.matcher(n).matches()) return false;
    return checkDigit(n.substring(2, 10)) == n.charAt(10) - '0';
  }

  /** The S10 check digit of eight serial digits. */
  static int checkDigit(String serial) {
    int sum = 0;
    for (int i = 0; i < 8; i++) sum += (serial.charAt(i) - '0') * WEIGHTS[i];
    int c = 11 - sum % 11;
    return c == 10 ? 0 : c == 11 ? 5 : c;
  }
}
