package dev.shipbridge.testkit.usps;

import static dev.shipbridge.testkit.usps.Inputs.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parcel Select destination entry, as the Prices, Shipping Options and Labels specs state it: the
 * rate options the emulator offers (when {@link UspsService#offerDestinationEntry} is on) and the
 * label's {@code destinationEntryFacilityAddress} rules.
 *
 * <ul>
 *   <li>Offers: DDU ({@code rateIndicator} {@code SP}, "Parcel Select Machinable DDU Single-piece"),
 *       DSCF ({@code DE}, "Parcel Select Machinable DSCF SCF") as in the Prices spec's example, and
 *       DNDC ({@code SP}, "... DNDC Single-piece", as in the Shipping Options example) for mailing
 *       dates before 2026-01-18, when the specs say DNDC stops being eligible for Parcel Select.</li>
 *   <li>Label: a facility type other than {@code NONE} needs the address (160093); its
 *       {@code streetAddress}, {@code city}, {@code state} and {@code ZIPCode} must not be null
 *       (160113 to 160116); lengths and patterns of {@code DomesticAddress}; a ZIP that is not valid
 *       is 160119; DNDC with Parcel Select from 2026-01-18 and any entry but DDU with USPS Connect
 *       Mail are 160015.</li>
 *   <li>The emulator's own model of which facility serves a parcel (USPS's facility lists are not
 *       public): a DDU serves its own ZIP Code, an SCF the ZIP Codes of its first three digits. A
 *       facility that does not serve the destination is refused (160015); an address with type
 *       {@code NONE} is refused too, as the type would be inconsistent with it.</li>
 * </ul>
 */
final class DestinationEntry {
  static final LocalDate DNDC_PARCEL_SELECT_END = LocalDate.of(2026, 1, 18);
  private static final String DDU = "DESTINATION_DELIVERY_UNIT";
  private static final String DSCF = "DESTINATION_SECTIONAL_CENTER_FACILITY";
  private static final String DNDC = "DESTINATION_NETWORK_DISTRIBUTION_CENTER";

  private DestinationEntry() {}

  /** One destination-entry offer: its type, rate indicator, description word, SKU letter and price. */
  record Offer(String type, String rateIndicator, String description, char skuLetter, double base, double perLb) {
    BigDecimal price(int pounds, String priceType) {
      double v = base + perLb * (pounds - 1);
      if ("RETAIL".equals(priceType)) {
        v *= 1.12;
      } else if ("CONTRACT".equals(priceType) || "NSA".equals(priceType)) {
        v *= 0.95;
      }
      return Rates.money(v);
    }

    String sku(int pounds) {
      return "DVXP0XX" + skuLetter + "XC" + String.format("%05d", Math.min(pounds, 999) * 10 % 100000);
    }
  }

  private static final List<Offer> OFFERS = List.of(
      new Offer(DDU, "SP", "Parcel Select Machinable DDU Single-piece", 'U', 3.15, 0.20),
      new Offer(DSCF, "DE", "Parcel Select Machinable DSCF SCF", 'F', 3.65, 0.30),
      new Offer(DNDC, "SP", "Parcel Select Machinable DNDC Single-piece", 'C', 4.35, 0.45));

  /** The offers eligible on {@code mailingDate}. */
  static List<Offer> offers(LocalDate mailingDate) {
    List<Offer> out = new ArrayList<>();
    for (Offer o : OFFERS) {
      if (!o.type().equals(DNDC) || mailingDate.isBefore(DNDC_PARCEL_SELECT_END)) {
        out.add(o);
      }
    }
    return out;
  }

  /** The offer of a facility type, or null (the emulator prices DDU, DSCF and DNDC only). */
  static Offer offer(String type) {
    for (Offer o : OFFERS) {
      if (o.type().equals(type)) {
        return o;
      }
    }
    return null;
  }

  /** Checks a domestic label's facility type and address against the destination. */
  static void check(Map<String, Object> pkg, String mailClass, String type, Map<String, Object> to,
      LocalDate mailingDate, Problems p) {
    Object raw = pkg.get("destinationEntryFacilityAddress");
    String at = "packageDescription.destinationEntryFacilityAddress";
    if (type == null) {
      return;
    }
    // before NONE's early return: DDU is USPS Connect Mail's only entry, NONE included
    if ("USPS_CONNECT_MAIL".equals(mailClass) && !type.equals(DDU)) {
      p.add("160015", "Invalid destinationEntryFacilityType",
          "this Destination Entry Facility Type cannot be used as drop off location for USPS_CONNECT_MAIL",
          "destinationEntryFacilityType/mailClass");
    }
    if (type.equals("NONE")) {
      if (raw != null) {
        p.add("160015", "Invalid destinationEntryFacilityAddress", "destinationEntryFacilityAddress is given but "
            + "destinationEntryFacilityType is NONE.", at);
      }
      return;
    }
    if (!(raw instanceof Map)) {
      p.add("160093", "destinationEntryFacilityAddress required",
          "destinationEntryFacilityAddress is required unless destinationEntryFacilityType is NONE", at);
      return;
    }
    Map<String, Object> a = object(raw, at);
    String[][] required = {{"streetAddress", "160113"}, {"city", "160114"}, {"state", "160115"}, {"ZIPCode", "160116"}};
    for (String[] r : required) {
      if (str(a, r[0]) == null) {
        p.add(r[1], "Missing " + r[0], at + "." + r[0] + " must not be null", at + "." + r[0]);
      }
    }
    maxLength(a, "streetAddress", 50, at, p);
    maxLength(a, "secondaryAddress", 50, at, p);
    maxLength(a, "city", 28, at, p);
    maxLength(a, "urbanization", 96, at, p);
    String state = str(a, "state");
    if (state != null && !Geo.isState(state)) {
      p.add("010003", "Invalid State Code", at + ".state " + state + " is not a valid state code.", at + ".state");
    }
    String zip = str(a, "ZIPCode");
    boolean zipOk = zip == null || zip.matches("^\\d{5}$");
    if (!zipOk) {
      p.add("160119", "Invalid ZIP Code", "ZIP Code is not valid", at + ".ZIPCode");
    }
    if (str(a, "ZIPPlus4") != null && !str(a, "ZIPPlus4").matches("^\\d{4}$")) {
      p.add("160119", "Invalid ZIP Code", "ZIP Code is not valid", at + ".ZIPPlus4");
    }
    boolean parcelSelect = "PARCEL_SELECT".equals(mailClass) || "PARCEL_SELECT_LIGHTWEIGHT".equals(mailClass);
    if (parcelSelect && type.equals(DNDC) && mailingDate != null && !mailingDate.isBefore(DNDC_PARCEL_SELECT_END)) {
      p.add("160015", "Invalid destinationEntryFacilityType",
          "this Destination Entry Facility Type cannot be used as drop off location for PARCEL_SELECT",
          "destinationEntryFacilityType/mailClass");
    }
    String toZip = str(to, "ZIPCode");
    if (zip != null && zipOk && toZip != null && toZip.length() == 5) {
      boolean serves = type.equals(DDU) ? zip.equals(toZip)
          : !type.equals(DSCF) || zip.substring(0, 3).equals(toZip.substring(0, 3));
      if (!serves) {
        p.add("160015", "Invalid destinationEntryFacilityAddress", "the " + type + " at ZIP Code " + zip
            + " does not serve the destination ZIP Code " + toZip, at + ".ZIPCode");
      }
    }
  }

  private static void maxLength(Map<String, Object> a, String key, int max, String at, Problems p) {
    String v = str(a, key);
    if (v != null && v.length() > max) {
      p.add("160252", "Invalid " + key, at + "." + key + " must be at most " + max + " characters.", at + "." + key);
    }
  }
}
