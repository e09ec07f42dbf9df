package dev.shipbridge.testkit.usps;

import static dev.shipbridge.testkit.usps.Inputs.*;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Builds a domestic label from a USPS Labels request, as strict as the carrier. */
final class DomesticLabels {
  private static final Set<String> DOMESTIC_IMAGE_TYPES = Set.of("PDF", "TIFF", "JPG", "PNG", "GIF", "SVG",
      "ZPL203DPI", "ZPL300DPI", "EPL300DPI", "LABEL_BROKER", "NONE");
  private static final Set<String> LABEL_TYPES = Set.of("4X4LABEL", "4X5LABEL", "4X6LABEL", "6X4LABEL", "2X7LABEL");
  private static final Set<String> RECEIPT_OPTIONS = Set.of("SAME_PAGE", "SEPARATE_PAGE", "NONE");
  private static final Set<String> PROCESSING = Set.of("LETTERS", "FLATS", "MACHINABLE", "IRREGULAR",
      "NON_MACHINABLE", "NONSTANDARD");
  private static final Set<String> ENTRY_TYPES = Set.of("NONE", "DESTINATION_NETWORK_DISTRIBUTION_CENTER",
      "DESTINATION_SECTIONAL_CENTER_FACILITY", "DESTINATION_DELIVERY_UNIT", "DESTINATION_SERVICE_HUB",
      "DESTINATION_REGIONAL_PROCESSING_DISTRIBUTION_CENTER");

  private final Clock clock;
  private final AtomicLong serial;

  DomesticLabels(UspsService s) {
    this.clock = s.clock;
    this.serial = s.serial;
  }

  LabelsApi.Label build(Map<String, Object> req, PaymentsApi.PaymentToken pt, String key) {
    Problems p = new Problems();
    Map<String, Object> image = optionalObject(req, "imageInfo", p);
    Map<String, Object> to = requiredObject(req, "toAddress", p);
    Map<String, Object> from = requiredObject(req, "fromAddress", p);
    Map<String, Object> pkg = requiredObject(req, "packageDescription", p);
    p.throwIfAny();
    domesticAddress(to, "toAddress", p);
    domesticAddress(from, "fromAddress", p);
    String imageType = image == null || str(image, "imageType") == null ? "PDF" : str(image, "imageType");
    if (!DOMESTIC_IMAGE_TYPES.contains(imageType)) {
      p.add("160252", "Invalid imageType", "imageInfo.imageType " + imageType + " is not valid.", "imageInfo.imageType");
    }
    String labelType = image == null || str(image, "labelType") == null ? "4X6LABEL" : str(image, "labelType");
    if (!LABEL_TYPES.contains(labelType)) {
      p.add("160252", "Invalid labelType", "imageInfo.labelType " + labelType + " is not valid.", "imageInfo.labelType");
    }
    String receipt = image == null || str(image, "receiptOption") == null ? "SAME_PAGE" : str(image, "receiptOption");
    receiptRules(image, imageType, labelType, p);
    String mailClass = str(pkg, "mailClass");
    Set<String> classes = Set.of("PARCEL_SELECT", "PARCEL_SELECT_LIGHTWEIGHT", "USPS_CONNECT_LOCAL",
        "USPS_CONNECT_REGIONAL", "USPS_CONNECT_MAIL", "USPS_GROUND_ADVANTAGE", "PRIORITY_MAIL_EXPRESS", "PRIORITY_MAIL",
        "FIRST-CLASS_PACKAGE_SERVICE", "LIBRARY_MAIL", "MEDIA_MAIL", "BOUND_PRINTED_MATTER");
    if (mailClass == null) {
      p.required("packageDescription.mailClass");
    } else if (!classes.contains(mailClass)) {
      p.add("160252", "Invalid mailClass", "packageDescription.mailClass " + mailClass + " is not valid.",
          "packageDescription.mailClass");
    }
    String processing = enumValue(pkg, "processingCategory", PROCESSING, p, "packageDescription.");
    if (processing == null) {
      p.required("packageDescription.processingCategory");
    }
    String entry = enumValue(pkg, "destinationEntryFacilityType", ENTRY_TYPES, p, "packageDescription.");
    if (entry == null) {
      p.required("packageDescription.destinationEntryFacilityType");
    }
    if (str(pkg, "rateIndicator") == null && str(pkg, "shape") == null) {
      p.add("160285", "rateIndicator required", "either rateIndicator or shape and packagingType are required",
          "packageDescription.rateIndicator");
    }
    LocalDate mailingDate = mailingDate(pkg, p);
    DestinationEntry.check(pkg, mailClass, entry, to, mailingDate, p);
    Double weight = positive(pkg, "weight", p, "packageDescription.");
    Double length = dimension(pkg, "length", p, "packageDescription.");
    Double width = dimension(pkg, "width", p, "packageDescription.");
    Double height = dimension(pkg, "height", p, "packageDescription.");
    List<Integer> extras = intList(pkg, "extraServices", p);
    p.throwIfAny();
    String c = Rates.canonicalDomesticClass(mailClass, entry);
    Rates.Product product = Rates.DOMESTIC.get(c);
    if (product == null) {
      throw bad("030020", "No valid rates", "No valid rates for these parameters.", "packageDescription.mailClass");
    }
    if (weight > product.maxLb()) {
      throw bad("030004", "Weight not eligible", "Package weight does not qualify for this product.",
          "packageDescription.weight");
    }
    if (length + 2 * (width + height) > 130) {
      throw bad("030008", "Package too large", "Package size exceeds maximum allowed for mail class",
          "packageDescription.length");
    }
    Map<String, Object> options = pkg.get("packageOptions") instanceof Map ? object(pkg.get("packageOptions"), "x") : Map.of();
    Double packageValue = number(options, "packageValue");
    List<Object> services = new ArrayList<>();
    BigDecimal extraTotal = BigDecimal.ZERO;
    for (int code : extras == null ? List.<Integer>of() : extras) {
      if (Rates.needsValue(code) && (packageValue == null || packageValue <= 0)) {
        throw bad("160017", "packageValue required", "packageValue is required with insurance(extraService = 930)",
            "packageDescription/packageOptions");
      }
      Rates.ExtraServiceInfo info = Rates.domesticExtraService(code, c, packageValue == null ? 0 : packageValue);
      if (info == null) {
        throw bad("160252", "Invalid extra service", "Extra service " + code + " is not available for " + c + ".",
            "packageDescription.extraServices");
      }
      services.add(Json.obj().with("name", info.name()).with("SKU", info.sku()).with("price", info.price())
          .with("warnings", List.of()));
      extraTotal = extraTotal.add(info.price());
    }
    String toZip = str(to, "ZIPCode");
    String fromZip = str(from, "ZIPCode");
    int zone = Geo.zone(fromZip, toZip);
    BigDecimal dim = Rates.dimWeight(length, width, height);
    int pounds = Rates.billablePounds(weight, dim);
    DestinationEntry.Offer offer = product.mailClass().equals("PARCEL_SELECT") ? DestinationEntry.offer(entry) : null;
    BigDecimal postage = offer != null ? offer.price(pounds, "COMMERCIAL")
        : Rates.domesticPrice(product, pounds, zone, "COMMERCIAL");
    String mid = pt.mid() != null && pt.mid().matches("\\d{9}") ? pt.mid() : DEFAULT_MID;
    String number = TrackingNumbers.impb(product.serviceTypeCode(), mid, serial.incrementAndGet());
    ZoneId originZone = Geo.zoneOf(fromZip);
    OffsetDateTime mailingAt = mailingDate.atTime(LocalTime.of(22, 0)).atZone(originZone).toOffsetDateTime();
    int days = Math.min(product.maxDays(), product.minDays() + (zone > 4 ? 1 : 0) + (zone > 6 ? 1 : 0));
    Json.Obj labelAddress = labelAddress(to);
    Json.Obj meta = Answers.of("domestic-label", "labelAddress", labelAddress, "toZIPCode", toZip,
        "trackingNumber", number, "SKU", offer != null ? offer.sku(pounds) : Rates.domesticSku(product, zone, pounds, "COMMERCIAL"), "postage", postage,
        "extraServices", services, "zone", String.format("%02d", zone),
        "commitmentName", days == 1 ? "1-Day" : days + " Days",
        "scheduleDeliveryDate", mailingDate.plusDays(days).toString(), "weight", BigDecimal.valueOf(weight),
        "dimensionalWeight", dim, "fees", nonstandardFees(length, width, height),
        "serviceTypeCode", product.serviceTypeCode(),
        "mailingDate", mailingAt.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
        "labelBrokerID", imageType.equals("LABEL_BROKER") ? "LB" + number.substring(number.length() - 8) : null);
    Geo.Place origin = new Geo.Place(Addresses.city(str(from, "city")), str(from, "state"), fromZip);
    Geo.Place dest = new Geo.Place(Addresses.city(str(to, "city")), str(to, "state"), toZip);
    Parcel parcel = new Parcel(number, Parcel.Kind.DOMESTIC_LABEL, product, origin, dest, "US", clock.instant(),
        mailingDate, null, mid, entryZip(pkg, entry, fromZip), entry);
    List<String> lines = List.of(product.productName().toUpperCase(Locale.ROOT), "SHIP TO:", nameLine(to),
        String.valueOf(labelAddress.get("streetAddress")), dest.city() + " " + dest.state() + " " + toZip,
        "POSTAGE $" + postage.toPlainString(), "USPS TRACKING # " + number);
    return new LabelsApi.Label(parcel, req, pt.crid(), key, meta, imageType, labelType,
        "SEPARATE_PAGE".equals(receipt), "USPS " + product.productName().toUpperCase(Locale.ROOT), lines, false);
  }

  /**
   * {@code imageInfo.receiptOption} as the spec and USPS's error list state it: one of {@code
   * SAME_PAGE}, {@code SEPARATE_PAGE}, {@code NONE}; {@code LABEL_BROKER} takes {@code NONE} only
   * (160008); ZPL and EPL take no {@code SAME_PAGE} (160009); a 4x4 or 6x4 ZPL label takes no
   * {@code SEPARATE_PAGE} (160370). Only an explicit {@code receiptOption} is checked against the
   * image type: the spec's default ({@code SAME_PAGE}) on a ZPL request without one is left alone,
   * as the spec does not say USPS applies the default there.
   */
  private static void receiptRules(Map<String, Object> image, String imageType, String labelType, Problems p) {
    String given = image == null ? null : str(image, "receiptOption");
    if (given == null) {
      return;
    }
    if (!RECEIPT_OPTIONS.contains(given)) {
      p.add("160252", "Invalid receiptOption", "imageInfo.receiptOption " + given + " is not valid.",
          "imageInfo.receiptOption");
      return;
    }
    boolean thermal = imageType.startsWith("ZPL") || imageType.equals("EPL300DPI");
    if (imageType.equals("LABEL_BROKER") && !given.equals("NONE")) {
      p.add("160008", "Invalid receiptOption", "receiptOption must be NONE when imageType is LABEL_BROKER",
          "imageInfo.receiptOption");
    }
    if (thermal && given.equals("SAME_PAGE")) {
      p.add("160009", "Invalid receiptOption", "ZPL format does not support same page receipt functionality.",
          "imageInfo.imageType, imageInfo.receiptOption");
    }
    if (imageType.startsWith("ZPL") && given.equals("SEPARATE_PAGE")
        && (labelType.equals("4X4LABEL") || labelType.equals("6X4LABEL"))) {
      p.add("160370", "Invalid receiptOption", labelType + " currently does not support imageInfo.imageType of "
          + "'ZPL203DPI' or 'ZPL300DPI' with imageInfo.receiptOption of 'SEPARATE_PAGE'",
          "imageInfo.imageType, imageInfo.labelType, imageInfo.receiptOption");
    }
  }

  /**
   * The label's {@code fees[]}: a parcel longer than 22 inches on its longest side pays the
   * Nonstandard Length fee (name and SKU as in the Prices spec's examples; the emulator charges one
   * flat price for every length above 22 inches). Not part of {@code postage}, which the spec says
   * excludes fees.
   */
  static List<Object> nonstandardFees(double length, double width, double height) {
    if (Math.max(length, Math.max(width, height)) <= 22) return List.of();
    return List.of(Json.obj().with("name", "Nonstandard Length > 22").with("SKU", "D811XVUXXXX0000")
        .with("price", new BigDecimal("4.00")));
  }
  static String nameLine(Map<String, Object> a) {
    String n = ((str(a, "firstName") == null ? "" : str(a, "firstName")) + " "
        + (str(a, "lastName") == null ? "" : str(a, "lastName"))).trim();
    if (str(a, "firm") != null) {
      n = n.isEmpty() ? str(a, "firm") : n + " / " + str(a, "firm");
    }
    return n.toUpperCase(Locale.ROOT);
  }

  static Json.Obj labelAddress(Map<String, Object> to) {
    String street = Addresses.street(str(to, "streetAddress"));
    String secondary = Addresses.street(str(to, "secondaryAddress"));
    Json.Obj a = Json.obj();
    for (String f : List.of("firstName", "lastName", "firm")) {
      a.with(f, nonEmpty(str(to, f)) ? str(to, f).toUpperCase(Locale.ROOT) : null);
    }
    return a.with("streetAddress", street)
        .with("secondaryAddress", nonEmpty(secondary) ? secondary : null)
        .with("city", Addresses.city(str(to, "city")))
        .with("state", str(to, "state"))
        .with("ZIPCode", str(to, "ZIPCode"))
        .with("ZIPPlus4", str(to, "ZIPPlus4") != null ? str(to, "ZIPPlus4") : Addresses.plus4(street, secondary))
        .with("ignoreBadAddress", to.get("ignoreBadAddress") instanceof Boolean ? to.get("ignoreBadAddress") : null);
  }




  /**
   * Where the label enters USPS, as a SCAN form must name it: the sender's ZIP Code, or for a
   * destination entry the facility's ({@code destinationEntryFacilityAddress.ZIPCode}).
   */
  private static String entryZip(Map<String, Object> pkg, String entry, String fromZip) {
    if (entry == null || "NONE".equals(entry) || !(pkg.get("destinationEntryFacilityAddress") instanceof Map)) {
      return fromZip;
    }
    String zip = str(object(pkg.get("destinationEntryFacilityAddress"), "destinationEntryFacilityAddress"), "ZIPCode");
    return zip != null ? zip : fromZip;
  }
}
