package dev.shipbridge.testkit.usps;

import static dev.shipbridge.testkit.usps.Inputs.*;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Builds an international label from a USPS International Labels request, as strict as the carrier. */
final class InternationalLabels {
  private static final Set<String> INTERNATIONAL_IMAGE_TYPES = Set.of("PDF", "TIFF", "ZPL203DPI", "ZPL300DPI",
      "LABEL_BROKER", "NONE");
  private static final Set<String> CUSTOMS_TYPES = Set.of("MERCHANDISE", "GIFT", "DOCUMENT", "COMMERCIAL_SAMPLE",
      "RETURNED_GOODS", "OTHER", "HUMANITARIAN_DONATIONS", "DANGEROUS_GOODS", "CREMATED_REMAINS",
      "NON_NEGOTIABLE_DOCUMENT", "MEDICAL_SUPPLIES", "PHARMACEUTICALS");
  private static final Set<String> BANNED_DESCRIPTIONS = Set.of("NONE", "NOT APPLICABLE", "N/A", "NULL", "GIFT",
      "MERCHANDISE");

  private final Clock clock;
  private final Map<String, LabelsApi.Label> labels;
  private final AtomicLong serial;

  InternationalLabels(UspsService s) {
    this.clock = s.clock;
    this.labels = s.labels;
    this.serial = s.serial;
  }

  LabelsApi.Label build(Map<String, Object> req, PaymentsApi.PaymentToken pt, String key) {
    Problems p = new Problems();
    Map<String, Object> image = optionalObject(req, "imageInfo", p);
    Map<String, Object> to = requiredObject(req, "toAddress", p);
    Map<String, Object> from = requiredObject(req, "fromAddress", p);
    Map<String, Object> pkg = requiredObject(req, "packageDescription", p);
    Map<String, Object> customs = requiredObject(req, "customsForm", p);
    p.throwIfAny();
    for (String f : List.of("streetAddress", "city", "country", "countryISOAlpha2Code")) {
      if (str(to, f) == null) {
        p.required("toAddress." + f);
      }
    }
    if (str(to, "countryISOAlpha2Code") != null && !str(to, "countryISOAlpha2Code").matches("^[A-Z]{2}$")) {
      p.add("160252", "Invalid countryISOAlpha2Code", "toAddress.countryISOAlpha2Code must be two letters.",
          "toAddress.countryISOAlpha2Code");
    }
    if (str(to, "firm") == null && (str(to, "firstName") == null || str(to, "lastName") == null)) {
      p.add("160075", "Name required", "firstName and lastName or firm name are required", "toAddress");
    }
    domesticAddress(from, "fromAddress", p);
    if (str(from, "firm") == null) {
      p.add("160023", "firm required", "firm is required in From Address for labels with customs form.",
          "fromAddress.firm");
    }
    String imageType = image == null || str(image, "imageType") == null ? "PDF" : str(image, "imageType");
    if (!INTERNATIONAL_IMAGE_TYPES.contains(imageType)) {
      p.add("160252", "Invalid imageType", "imageInfo.imageType " + imageType + " is not valid.", "imageInfo.imageType");
    }
    String mailClass = enumValue(pkg, "mailClass", Rates.INTERNATIONAL.keySet(), p, "packageDescription.");
    if (mailClass == null) {
      p.required("packageDescription.mailClass");
    }
    if (enumValue(pkg, "processingCategory", Set.of("LETTERS", "FLATS", "MACHINABLE", "NONSTANDARD", "NON_MACHINABLE"),
        p, "packageDescription.") == null) {
      p.required("packageDescription.processingCategory");
    }
    if (enumValue(pkg, "destinationEntryFacilityType", Set.of("NONE", "INTERNATIONAL_SERVICE_CENTER"), p,
        "packageDescription.") == null) {
      p.required("packageDescription.destinationEntryFacilityType");
    }
    LocalDate mailingDate = mailingDate(pkg, p);
    Double weight = positive(pkg, "weight", p, "packageDescription.");
    dimension(pkg, "length", p, "packageDescription.");
    dimension(pkg, "width", p, "packageDescription.");
    dimension(pkg, "height", p, "packageDescription.");
    List<Integer> extras = intList(pkg, "extraServices", p);
    String contentType = enumValue(customs, "customsContentType", CUSTOMS_TYPES, p, "customsForm.");
    if (contentType == null) {
      p.required("customsForm.customsContentType");
    } else if (contentType.equals("OTHER") && str(customs, "contentComments") == null) {
      p.add("160019", "contentComments required", "contentComments are required when contentType is OTHER",
          "customsForm.contentComments");
    }
    if (str(customs, "AESITN") == null) {
      p.required("customsForm.AESITN");
    }
    Object contents = customs.get("contents");
    if (!(contents instanceof List) || ((List<?>) contents).isEmpty() || ((List<?>) contents).size() > 30) {
      p.add("030010", "contents required", "customsForm.contents must hold 1 to 30 items.", "customsForm.contents");
    } else {
      for (Object o : (List<?>) contents) {
        Map<String, Object> item = object(o, "customsForm.contents[]");
        String d = str(item, "itemDescription");
        if (d == null || d.length() > 30) {
          p.add("030010", "itemDescription required", "itemDescription is required (1-30 characters).",
              "customsForm.contents.itemDescription");
        } else if (BANNED_DESCRIPTIONS.contains(d.trim().toUpperCase(Locale.ROOT))) {
          p.add("160050", "Invalid itemDescription", "itemDescription '" + d + "' is not an acceptable description.",
              "customsForm.contents.itemDescription");
        }
        Double q = number(item, "itemQuantity");
        if (q == null || q < 1) {
          p.required("customsForm.contents.itemQuantity");
        }
        String coo = str(item, "countryofOrigin");
        if (coo == null || !coo.matches("^[A-Z]{2}$")) {
          p.add("030010", "countryofOrigin required", "countryofOrigin is required (ISO 3166-1 alpha-2).",
              "customsForm.contents.countryofOrigin");
        }
        if (number(item, "itemTotalValue") == null && number(item, "itemValue") == null) {
          p.required("customsForm.contents.itemTotalValue");
        }
        if (number(item, "itemTotalWeight") == null && number(item, "itemWeight") == null) {
          p.required("customsForm.contents.itemTotalWeight");
        }
      }
    }
    p.throwIfAny();
    Rates.Product product = Rates.INTERNATIONAL.get(mailClass);
    if (weight > product.maxLb()) {
      throw bad("030004", "Weight not eligible", "Package weight does not qualify for this product.",
          "packageDescription.weight");
    }
    String country = str(to, "countryISOAlpha2Code");
    int group = Rates.priceGroup(country);
    int pounds = Rates.billablePounds(weight, BigDecimal.ZERO);
    BigDecimal postage = Rates.internationalPrice(product, pounds, group, "COMMERCIAL");
    Map<String, Object> options = pkg.get("packageOptions") instanceof Map ? object(pkg.get("packageOptions"), "x") : Map.of();
    Double packageValue = number(options, "packageValue");
    List<Object> services = new ArrayList<>();
    for (int code : extras == null ? List.<Integer>of() : extras) {
      Rates.ExtraServiceInfo info = Rates.internationalExtraService(code, packageValue == null ? 0 : packageValue);
      if (info == null || (Rates.needsValue(code) && (packageValue == null || packageValue <= 0))) {
        throw bad("160252", "Invalid extra service", "Extra service " + code + " is not available for " + mailClass
            + " without the values it needs.", "packageDescription.extraServices");
      }
      services.add(Json.obj().with("serviceID", Integer.toString(code)).with("serviceName", info.name())
          .with("price", info.price()).with("sku", info.sku()).with("warnings", List.of()));
    }
    String number = TrackingNumbers.s10(product.s10Prefix(), serial.incrementAndGet());
    Json.Obj address = Json.obj();
    for (String f : List.of("firstName", "lastName", "firm")) {
      address.with(f, nonEmpty(str(to, f)) ? str(to, f).toUpperCase(Locale.ROOT) : null);
    }
    address.with("streetAddress", str(to, "streetAddress").toUpperCase(Locale.ROOT))
        .with("secondaryAddress", nonEmpty(str(to, "secondaryAddress")) ? str(to, "secondaryAddress").toUpperCase(Locale.ROOT) : null)
        .with("city", str(to, "city").toUpperCase(Locale.ROOT))
        .with("postalCode", str(to, "postalCode"))
        .with("province", str(to, "province"))
        .with("country", str(to, "country"))
        .with("countryISOAlpha2Code", country);
    Json.Obj meta = Answers.of("international-label", "labelAddress", address, "internationalTrackingNumber", number,
        "SKU", Rates.internationalSku(product, group, pounds), "postage", postage, "extraServices", services,
        "internationalPriceGroup", String.format("%02d", group), "weight", BigDecimal.valueOf(weight),
        "mailingDate", mailingDate.toString(),
        "labelBrokerID", imageType.equals("LABEL_BROKER") ? "LB" + number.substring(2, 10) : null);
    String fromZip = str(from, "ZIPCode");
    Geo.Place origin = new Geo.Place(Addresses.city(str(from, "city")), str(from, "state"), fromZip);
    Geo.Place dest = new Geo.Place(str(to, "city").toUpperCase(Locale.ROOT), null, null);
    Parcel parcel = new Parcel(number, Parcel.Kind.INTERNATIONAL_LABEL, product, origin, dest, country,
        clock.instant(), mailingDate, null, pt.mid(), fromZip, "NONE");
    List<String> lines = List.of(product.productName().toUpperCase(Locale.ROOT), "SHIP TO:", DomesticLabels.nameLine(to),
        str(to, "streetAddress").toUpperCase(Locale.ROOT), str(to, "city").toUpperCase(Locale.ROOT) + " "
            + (str(to, "postalCode") == null ? "" : str(to, "postalCode")),
        String.valueOf(str(to, "country")).toUpperCase(Locale.ROOT), "CUSTOMS: " + contentType,
        "POSTAGE $" + postage.toPlainString(), number);
    return new LabelsApi.Label(parcel, req, pt.crid(), key, meta, imageType, "4X6LABEL", false,
        "USPS " + product.productName().toUpperCase(Locale.ROOT), lines, true);
  }
}
