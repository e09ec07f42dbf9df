package dev.shipbridge.usps.internal;

import dev.shipbridge.model.Address;
import java.util.List;
import java.util.regex.Pattern;

/** Splits the model's {@link Address} into the fields USPS's address records use. */
final class AddressParts {
  private static final Pattern EMAIL =
      Pattern.compile("^[a-zA-Z0-9_+&*-]+(?:\\.[a-zA-Z0-9_+&*-]+)*@(?:[a-zA-Z0-9-]+\\.)+[a-zA-Z]{2,}$");

  private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+");
  private static final Pattern PHONE = Pattern.compile("\\+?[1-9][0-9]{7,14}|[0-9]{6,15}");

  private AddressParts() {}

  /** First name (all but the last word) and last name (the last word); a single word is a first name only. */
  static String[] names(String name) {
    String n = singleSpaced(name.strip());
    int space = n.lastIndexOf(' ');
    if (space < 0) return new String[] {Units.truncate(n, 50), null};
    return new String[] {Units.truncate(n.substring(0, space), 50), Units.truncate(n.substring(space + 1), 50)};
  }

  /** A US address as the label and SCAN-form APIs write it. {@code firmRequired}: use the name as firm when there is no company. */
  static LabelWire.UsAddress us(Address a, boolean firmRequired) {
    String[] names = names(a.name());
    String firm = a.company() != null ? a.company() : (firmRequired || names[1] == null ? a.name() : null);
    return new LabelWire.UsAddress(names[0], names[1], Units.truncate(firm, 50), Units.truncate(a.lines().get(0), 50),
        secondary(a.lines()), Units.truncate(a.city(), 28), a.region(), Units.zip5(a.postalCode()),
        Units.zipPlus4(a.postalCode()), phone(a.phone()), email(a.email()));
  }

  static LabelWire.ForeignAddress foreign(Address a) {
    String[] names = names(a.name());
    String firm = a.company() != null ? a.company() : (names[1] == null ? a.name() : null);
    return new LabelWire.ForeignAddress(names[0], names[1], Units.truncate(firm, 50),
        Units.truncate(a.lines().get(0), 50), secondary(a.lines()), Units.truncate(a.city(), 28),
        Units.truncate(a.region(), 40), Units.truncate(a.postalCode(), 11),
        new java.util.Locale("", a.country()).getDisplayCountry(java.util.Locale.ENGLISH), a.country(), phone(a.phone()));
  }

  static String secondary(List<String> lines) {
    if (lines.size() < 2) return null;
    return Units.truncate(String.join(" ", lines.subList(1, lines.size())), 50);
  }

  /** Digits (with a leading +) when they form a phone number USPS accepts; otherwise left out. */
  static String phone(String phone) {
    if (phone == null) return null;
    String p = phone.strip();
    String digits = (p.startsWith("+") ? "+" : "") + Units.digitsOnly(p);
    return isPhone(digits) ? digits : null;
  }

  /** E.164 with or without its plus, or a national number. */
  static boolean isPhone(String s) {
    return PHONE.matcher(s).matches();
  }

  /** Runs of whitespace as one space. */
  static String singleSpaced(String s) {
    return WHITESPACE_RUN.matcher(s).replaceAll(" ");
  }

  static String email(String email) {
    return email != null && email.length() <= 50 && EMAIL.matcher(email).matches() ? email : null;
  }
}
