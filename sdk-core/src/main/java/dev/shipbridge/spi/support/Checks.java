package dev.shipbridge.spi.support;

import dev.shipbridge.ValidationException;
import dev.shipbridge.ValidationException.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Collects every violation of a value's rules, then throws them together as one {@link
 * dev.shipbridge.ValidationException}; for the model's records and adapters' {@code check(request)}.
 *
 * <pre>{@code
 * Checks c = new Checks();
 * c.notBlank("city", city, 64);
 * c.throwIfAny();
 * }</pre>
 */
public final class Checks {
  /** ISO 3166-1 alpha-2 codes known to the JDK. */
  public static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  /** Longest text parsed as a decimal (parsing takes time quadratic in the length). */
  public static final int MAX_DECIMAL_TEXT = 64;

  private final List<Violation> violations = new ArrayList<>();

  public Checks add(String path, String message) {
    violations.add(new Violation(path, message));
    return this;
  }

  /** Adds the violations of a nested value, their paths placed under {@code prefix}. */
  public Checks addAll(String prefix, List<Violation> nested) {
    for (Violation v : nested) violations.add(v.under(prefix));
    return this;
  }

  /**
   * A request naming an account ({@code named}, null: none) must run on a carrier bound for it
   * ({@code boundFor}: {@code CarrierContext.account()}): one merchant's call never runs on
   * another's credentials, also when a carrier is used directly through {@code bind}.
   */
  public Checks account(dev.shipbridge.account.AccountId named, java.util.Optional<dev.shipbridge.account.AccountId> boundFor) {
    if (named != null && !boundFor.equals(java.util.Optional.of(named))) {
      add("account", "names account '" + named + "' but this carrier was bound for "
          + boundFor.map(a -> "account '" + a + "'").orElse("no account") + ": run it through Shipbridge, which routes it");
    }
    return this;
  }

  public boolean isEmpty() {
    return violations.isEmpty();
  }

  public List<Violation> violations() {
    return List.copyOf(violations);
  }

  public void throwIfAny() {
    if (!violations.isEmpty()) throw new ValidationException(violations);
  }

  /** Required text: not null, not blank, at most {@code max} characters, no control characters. */
  public boolean notBlank(String path, String value, int max) {
    if (value == null || value.isBlank()) {
      add(path, "is required");
      return false;
    }
    return text(path, value, max);
  }

  /**
   * Optional text: when present, at most {@code max} characters as a reader counts them, no
   * control or format characters, at most {@link #MAX_COMBINING} stacked combining marks, no
   * unpaired surrogate.
   */
  public boolean text(String path, String value, int max) {
    if (value == null) return true;
    int length = 0;
    int run = 0;
    int longestRun = 0;
    boolean format = false;
    boolean unpaired = false;
    for (int i = 0, cp; i < value.length(); i += Character.charCount(cp)) {
      cp = value.codePointAt(i);
      int type = Character.getType(cp);
      boolean combining = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
          || type == Character.COMBINING_SPACING_MARK;
      length += combining ? 0 : 1;
      run = combining ? run + 1 : 0;
      longestRun = Math.max(longestRun, run);
      format |= type == Character.FORMAT;
      unpaired |= type == Character.SURROGATE;
    }
    int before = violations.size();
    if (length > max) add(path, "is longer than " + max + " characters (" + length + ")");
    if (hasControlCharacters(value)) {
      add(path, "contains control or bidirectional-override characters");
    } else if (format) {
      add(path, "contains invisible format characters (zero-width, byte-order mark or tag characters)");
    }
    if (longestRun > MAX_COMBINING) {
      add(path, "stacks more than " + MAX_COMBINING + " combining marks on one character");
    }
    if (unpaired) add(path, "is not well-formed Unicode (an unpaired surrogate)");
    return violations.size() == before;
  }

  /** Text printed on a label (a name, street, city): {@link #text}, a letter or digit, no emoji. */
  public boolean printable(String path, String value, int max, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) add(path, "is required");
      return !required;
    }
    if (!text(path, value, max)) return false;
    if (value.codePoints().noneMatch(Character::isLetterOrDigit)) {
      add(path, "has no visible letters or digits");
      return false;
    }
    if (value.codePoints().anyMatch(Checks::isPictograph)) {
      add(path, "contains emoji or pictographs, which carriers cannot print");
      return false;
    }
    return true;
  }

  /** Most combining marks accepted on one base character (Vietnamese stacks two). */
  public static final int MAX_COMBINING = 3;

  /** Emoji and pictographs: the symbol blocks emoji come from, flags, and the emoji variation selector. */
  static boolean isPictograph(int cp) {
    return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x2B00 && cp <= 0x2BFF)
        || cp == 0xFE0F || cp == 0x20E3 || (cp >= 0x1F1E6 && cp <= 0x1F1FF);
  }

  /**
   * Parses a decimal given as text (whitespace ignored); on failure adds a violation at {@code
   * path} and returns null. Null gives null without a violation (the record reports it missing).
   */
  public BigDecimal parseDecimal(String path, String text) {
    if (text == null) return null;
    if (text.length() > MAX_DECIMAL_TEXT) {
      add(path, "is not a decimal number of at most " + MAX_DECIMAL_TEXT + " characters (" + text.length() + ")");
      return null;
    }
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      add(path, "is not a decimal number");
      return null;
    }
  }

  public boolean notNull(String path, Object value) {
    if (value == null) {
      add(path, "is required");
      return false;
    }
    return true;
  }

  public boolean positive(String path, BigDecimal value) {
    if (!notNull(path, value)) return false;
    if (value.signum() <= 0) {
      add(path, "must be greater than 0 (was " + render(value) + ")");
      return false;
    }
    return true;
  }

  public boolean country(String path, String code) {
    if (code == null || code.isBlank()) {
      add(path, "is required");
      return false;
    }
    if (!COUNTRIES.contains(code)) {
      add(path, "is not an ISO 3166-1 alpha-2 country code (uppercase, e.g. US, CN)");
      return false;
    }
    return true;
  }

  /** C0/C1 controls (not tab), line separators and bidirectional overrides, which disguise text. */
  public static boolean hasControlCharacters(String s) {
    return s.chars().anyMatch(ch -> (ch < 0x20 && ch != '\t') || (ch >= 0x7f && ch <= 0x9f)
        || ch == '\u2028' || ch == '\u2029' || (ch >= '\u202a' && ch <= '\u202e')
        || (ch >= '\u2066' && ch <= '\u2069') || ch == '\u200e' || ch == '\u200f' || ch == '\u061c');
  }

  /** A decimal for a message, cut at 40 characters ({@code toPlainString()} of 1E-999999999 needs a gigabyte). */
  public static String render(BigDecimal value) {
    boolean small = value.precision() <= 40 && Math.abs((long) value.scale()) <= 40;
    String s = small ? value.toPlainString() : value.toString();
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  /** {@code value x factor} against {@code [min, max]}: -1, 0 or 1; absurd magnitudes by exponent alone. */
  public static int range(BigDecimal value, BigDecimal factor, BigDecimal min, BigDecimal max) {
    long digits = (long) value.precision() - value.scale(); // 10^(digits-1) <= |value| < 10^digits
    if (digits > 40) return 1;
    if (digits < -40) return -1;
    BigDecimal v = value.multiply(factor);
    return v.compareTo(max) > 0 ? 1 : v.compareTo(min) < 0 ? -1 : 0;
  }
}
