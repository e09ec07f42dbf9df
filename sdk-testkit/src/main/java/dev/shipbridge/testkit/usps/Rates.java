package dev.shipbridge.testkit.usps;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The emulator's small, deterministic rate table. Prices are not USPS's; they only follow the shape
 * (base + per pound + per zone), so tests can predict them: see {@link #domesticPrice}.
 */
final class Rates {
  private Rates() {}

  record Product(String mailClass, String productName, String description, double base, double perLb,
      double perZone, double maxLb, String serviceTypeCode, char skuLetter, int minDays, int maxDays,
      String s10Prefix, String trackingName) {}

  static final Map<String, Product> DOMESTIC = new LinkedHashMap<>();
  static final Map<String, Product> INTERNATIONAL = new LinkedHashMap<>();

  static {
    add(DOMESTIC, new Product("USPS_GROUND_ADVANTAGE", "USPS Ground Advantage",
        "USPS Ground Advantage Machinable Single-piece", 5.40, 0.85, 0.45, 70, "346", 'U', 2, 5, null,
        "USPS Ground Advantage<SUP>&#153;</SUP>"));
    add(DOMESTIC, new Product("PRIORITY_MAIL", "Priority Mail", "Priority Mail Machinable Single-piece",
        9.35, 1.35, 0.90, 70, "055", 'P', 1, 3, null, "Priority Mail<SUP>&#174;</SUP>"));
    add(DOMESTIC, new Product("PRIORITY_MAIL_EXPRESS", "Priority Mail Express",
        "Priority Mail Express Machinable Single-piece", 30.45, 3.10, 2.20, 70, "701", 'E', 1, 2, null,
        "Priority Mail Express<SUP>&#174;</SUP>"));
    add(DOMESTIC, new Product("PARCEL_SELECT", "Parcel Select", "Parcel Select Machinable Single-piece",
        4.10, 0.70, 0.40, 70, "748", 'S', 2, 8, null, "Parcel Select<SUP>&#174;</SUP>"));
    add(DOMESTIC, new Product("MEDIA_MAIL", "Media Mail", "Media Mail Machinable Single-piece",
        4.13, 0.75, 0, 70, "280", 'M', 2, 8, null, "Media Mail<SUP>&#174;</SUP>"));
    add(DOMESTIC, new Product("LIBRARY_MAIL", "Library Mail", "Library Mail Machinable Single-piece",
        3.93, 0.72, 0, 70, "290", 'L', 2, 8, null, "Library Mail"));
    add(DOMESTIC, new Product("BOUND_PRINTED_MATTER", "Bound Printed Matter",
        "Bound Printed Matter Machinable Single-piece", 4.50, 0.60, 0.20, 15, "580", 'B', 2, 8, null,
        "Bound Printed Matter"));
    add(INTERNATIONAL, new Product("FIRST-CLASS_PACKAGE_INTERNATIONAL_SERVICE",
        "First-Class Package International Service",
        "First-Class Package International Service Machinable ISC Single-piece", 15.75, 4.10, 0.90, 4, "000",
        'F', 7, 21, "LX", "First-Class Package International Service<SUP>&#174;</SUP>"));
    add(INTERNATIONAL, new Product("PRIORITY_MAIL_INTERNATIONAL", "Priority Mail International",
        "Priority Mail International ISC Single-piece", 38.00, 5.50, 2.60, 66, "000", 'P', 6, 10, "CP",
        "Priority Mail International<SUP>&#174;</SUP>"));
    add(INTERNATIONAL, new Product("PRIORITY_MAIL_EXPRESS_INTERNATIONAL", "Priority Mail Express International",
        "Priority Mail Express International ISC Single-piece", 48.50, 6.25, 3.10, 66, "000", 'E', 3, 5, "EA",
        "Priority Mail Express International<SUP>&#153;</SUP>"));
  }

  private static void add(Map<String, Product> m, Product p) {
    m.put(p.mailClass(), p);
  }

  /** Deprecated classes map to their successors, as the specs say. */
  static String canonicalDomesticClass(String mailClass, String destinationEntryFacilityType) {
    if ("FIRST-CLASS_PACKAGE_SERVICE".equals(mailClass)) {
      return "USPS_GROUND_ADVANTAGE";
    }
    if ("PARCEL_SELECT_LIGHTWEIGHT".equals(mailClass)) {
      return "PARCEL_SELECT";
    }
    if ("PARCEL_SELECT".equals(mailClass)
        && (destinationEntryFacilityType == null || "NONE".equals(destinationEntryFacilityType))) {
      return "USPS_GROUND_ADVANTAGE";
    }
    return mailClass;
  }

  /** Dimensional weight in pounds (166 divisor) when the parcel exceeds one cubic foot, else 0. */
  static BigDecimal dimWeight(double l, double w, double h) {
    double cubic = l * w * h;
    if (cubic <= 1728) {
      return BigDecimal.ZERO.setScale(1);
    }
    return BigDecimal.valueOf(cubic / 166).setScale(1, RoundingMode.CEILING);
  }

  /** Pounds charged: the greater of weight and dimensional weight, rounded up to a whole pound. */
  static int billablePounds(double weight, BigDecimal dimWeight) {
    return (int) Math.max(1, Math.ceil(Math.max(weight, dimWeight.doubleValue()) - 1e-9));
  }

  /** {@code base + perLb * pounds + perZone * (zone - 1)}, times 1.12 for RETAIL, 0.95 for CONTRACT/NSA. */
  static BigDecimal domesticPrice(Product p, int pounds, int zone, String priceType) {
    return priced(p, pounds, zone, priceType);
  }

  static BigDecimal internationalPrice(Product p, int pounds, int priceGroup, String priceType) {
    return priced(p, pounds, priceGroup, priceType);
  }

  private static BigDecimal priced(Product p, int pounds, int zone, String priceType) {
    double v = p.base() + p.perLb() * (pounds - 1) + p.perZone() * (zone - 1);
    if ("RETAIL".equals(priceType)) {
      v *= 1.12;
    } else if ("CONTRACT".equals(priceType) || "NSA".equals(priceType)) {
      v *= 0.95;
    }
    return money(v);
  }

  static BigDecimal money(double v) {
    return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
  }

  /** A 15-character SKU in USPS's style, e.g. {@code DUXR0XXXXC06010}. */
  static String domesticSku(Product p, int zone, int pounds, String priceType) {
    return "D" + p.skuLetter() + "XR0XXXX" + ("RETAIL".equals(priceType) ? "R" : "C")
        + String.format("%02d%03d", zone, Math.min(pounds, 999) * 10 % 1000);
  }

  static String internationalSku(Product p, int group, int pounds) {
    return "I" + p.skuLetter() + "XX0XXXXB" + String.format("%02d%03d", group, Math.min(pounds, 999) * 10 % 1000);
  }

  /** The international price group of a destination country (01..09). */
  static int priceGroup(String country) {
    switch (country) {
      case "CA": return 1;
      case "MX": return 2;
      case "CN": case "JP": case "KR": return 3;
      case "GB": return 4;
      case "DE": case "FR": case "IT": case "ES": case "NL": return 5;
      case "AU": case "NZ": return 6;
      default: return 1 + Math.floorMod(country.hashCode(), 9);
    }
  }

  record ExtraServiceInfo(String name, String sku, BigDecimal price) {}

  /** Price of a domestic extra service, or null when the emulator does not offer it for this class. */
  static ExtraServiceInfo domesticExtraService(int code, String mailClass, double itemValue) {
    boolean pme = "PRIORITY_MAIL_EXPRESS".equals(mailClass);
    switch (code) {
      case 415: return new ExtraServiceInfo("USPS Label Delivery", "DXQX0XXXXCX0000", money(1.25));
      case 920: return new ExtraServiceInfo("USPS Tracking", "DXTU0EXXXCX0000", money(0));
      case 921: return pme ? null : new ExtraServiceInfo("Signature Confirmation", "DXCX0XXXXCX0000", money(4.40));
      case 922: return new ExtraServiceInfo("Adult Signature Required", "DXAX0XXXXCX0000", money(10.20));
      case 930: case 931: return insurance(itemValue, "DXIX0XXXXCX");
      case 955: return new ExtraServiceInfo("Return Receipt", "DXRX0XXXXCX0000", money(4.10));
      case 981: return pme ? new ExtraServiceInfo("Signature Requested (Priority Mail Express only)", "DXSX0XXXXCX0000", money(0)) : null;
      case 986: return pme ? new ExtraServiceInfo("PO to Addressee (Priority Mail Express only)", "DXPX0XXXXCX0000", money(0)) : null;
      default: return null;
    }
  }

  static ExtraServiceInfo internationalExtraService(int code, double itemValue) {
    switch (code) {
      case 370: return new ExtraServiceInfo("USPS Delivery Duties Paid Fee", "IXDX0XXXXCX0000", money(1.50));
      case 813: return new ExtraServiceInfo("Class 3 - Flammable and Combustible Liquids", "IX8X0XXXXCX0000", money(0));
      case 820: return new ExtraServiceInfo("Class 8 - Corrosive Materials", "IX8X0XXXXCX0001", money(0));
      case 826: return new ExtraServiceInfo("Class 9 - Lithium Battery Marking", "IX8X0XXXXCX0002", money(0));
      case 857: return new ExtraServiceInfo("Hazardous Material", "IX8X0XXXXCX0003", money(0));
      case 930: case 931: return insurance(itemValue, "IXIX0XXXXCX");
      case 955: return new ExtraServiceInfo("Return Receipt", "IXRX0XXXXCX0000", money(5.80));
      default: return null;
    }
  }

  private static ExtraServiceInfo insurance(double value, String skuHead) {
    if (value <= 500) {
      int steps = (int) Math.max(1, Math.ceil(value / 100));
      return new ExtraServiceInfo("Insurance <= $500", skuHead + "0100", money(1.30 + 1.25 * steps));
    }
    int steps = (int) Math.ceil((value - 500) / 100);
    return new ExtraServiceInfo("Insurance > $500", skuHead + "0500", money(7.55 + 1.55 * steps));
  }

  /** Whether an extra-service code needs a non-zero item value (insurance). */
  static boolean needsValue(int code) {
    return code == 930 || code == 931;
  }
}
