package dev.shipbridge.usps.internal;

import java.util.Optional;

/**
 * USPS domestic tracking numbers (IMpb, mod-10 check digit: weights 3, 1, 3, ... from the right):
 * 22 or 26 digits starting {@code 91}-{@code 95}, the older 20 digits, or {@code 420} + a 5- or
 * 9-digit ZIP + an IMpb that checks.
 */
public final class ImpbNumber {
  private ImpbNumber() {}

  /** Whether {@code n} is a USPS IMpb number (with or without the routing prefix) whose check digit is right. */
  public static boolean matches(String n) {
    return impbPart(n).isPresent();
  }

  /**
   * The IMpb itself: {@code n} without a {@code 420}+ZIP prefix, when {@code n} is a valid IMpb;
   * empty otherwise.
   */
  public static Optional<String> impbPart(String n) {
    if (n == null || n.isEmpty() || !n.chars().allMatch(c -> c >= '0' && c <= '9')) return Optional.empty();
    if (isBareImpb(n)) return Optional.of(n);
    if (n.startsWith("420") && (n.length() == 30 || n.length() == 34)) {
      for (int zipLength : new int[] {5, 9}) {
        String rest = n.substring(3 + zipLength);
        if ((rest.length() == 22 || rest.length() == 26) && isBareImpb(rest)) return Optional.of(rest);
      }
    }
    return Optional.empty();
  }

  /** {@code n} without its routing prefix when it has a valid one, else {@code n} unchanged. */
  public static String stripRouting(String n) {
    return impbPart(n).orElse(n);
  }

  private static boolean isBareImpb(String n) {
    int len = n.length();
    if (len == 22 || len == 26) {
      if (n.charAt(0) != '9' || n.charAt(1) < '1' || n.charAt(1) > '5') return false;
    } else if (len != 20) {
      return false;
    }
    return checkDigit(n.substring(0, len - 1)) == n.charAt(len - 1) - '0';
  }

  /** The USPS mod-10 check digit of {@code serial} (the digits before the check digit). */
  public static int checkDigit(String serial) {
    int sum = 0;
    boolean three = true;
    for (int i = serial.length() - 1; i >= 0; i--) {
      int d = serial.charAt(i) - '0';
      sum += three ? 3 * d : d;
      three = !three;
    }
    return (10 - sum % 10) % 10;
  }
}
