package dev.shipbridge.usps.internal;

import dev.shipbridge.spi.support.Checks;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.LabelRequest;
import java.util.List;

/**
 * USPS's field limits (domestic and international label specs: {@code streetAddress},
 * {@code secondaryAddress}, {@code firm}, names 50; {@code city} 28; foreign {@code province} 40
 * and {@code postalCode} 11; a reference 30; {@code invoiceNumber} 15; an OTHER content's
 * {@code comments} 25), checked as violations before any request: a value USPS would cut is
 * refused, never truncated. Lengths are UTF-16 characters of the stripped value, as sent.
 */
final class FieldLimits {
  static final int NAME = 50;
  static final int FIRM = 50;
  static final int STREET = 50;
  static final int CITY = 28;
  static final int FOREIGN_PROVINCE = 40;
  static final int FOREIGN_POSTAL_CODE = 11;
  static final int REFERENCE = 30;
  static final int INVOICE_NUMBER = 15;
  static final int COMMENTS = 25;
  /** USPS takes a mailing date of "today plus 0 to 7 days". */
  static final int MAILING_DAYS_AHEAD = 7;

  private FieldLimits() {}

  static void label(LabelRequest r, boolean international, Checks c) {
    address("from", r.from(), false, c);
    address("to", r.to(), international, c);
    max(c, "reference", r.reference(), REFERENCE);
    CustomsDeclaration d = r.customs();
    if (international && d != null) {
      max(c, "customs.invoiceNumber", d.invoiceNumber(), INVOICE_NUMBER);
      if (d.contentType() == CustomsDeclaration.ContentType.OTHER && !d.items().isEmpty()) {
        max(c, "customs.items[0].description", d.items().get(0).description(), COMMENTS,
            " (USPS prints the first item's description as the OTHER content's comment)");
      }
    }
  }

  static void address(String prefix, Address a, boolean foreign, Checks c) {
    max(c, prefix + ".name", a.name(), NAME);
    max(c, prefix + ".company", a.company(), FIRM);
    streetAndCity(prefix, a, c);
    if (foreign) {
      max(c, prefix + ".region", a.region(), FOREIGN_PROVINCE);
      max(c, prefix + ".postalCode", a.postalCode(), FOREIGN_POSTAL_CODE);
    }
  }

  /** The street lines and the city: what every USPS address record limits. */
  static void streetAndCity(String prefix, Address a, Checks c) {
    List<String> lines = a.lines();
    if (!lines.isEmpty()) max(c, prefix + ".lines[0]", lines.get(0), STREET);
    if (lines.size() > 1) {
      max(c, prefix + ".lines", String.join(" ", lines.subList(1, lines.size())), STREET,
          " (USPS takes the second and third lines joined as one secondary line)");
    }
    max(c, prefix + ".city", a.city(), CITY);
  }

  private static void max(Checks c, String path, String value, int max) {
    max(c, path, value, max, "");
  }

  private static void max(Checks c, String path, String value, int max, String why) {
    if (value == null) return;
    int n = value.strip().length();
    if (n > max) c.add(path, "USPS takes at most " + max + " characters here (was " + n + ")" + why);
  }
}
