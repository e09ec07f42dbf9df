package dev.shipbridge.testkit.usps;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The emulator's Shipping Options 3.0 ({@code POST /shipments/v3/options/search}) and Service
 * Standards ({@code GET /service-standards/v3/standards}). Requests are checked as strictly as
 * {@code shipping-options.yaml} and {@code service-standards_2_0.yaml} state (no unknown top-level
 * field, required fields, enums, positive package sizes); prices come from the emulator's Prices
 * tables, so both APIs price alike; domestic days are the same in options commitments and in
 * standards.
 */
final class ShipmentOptions {
  static final String OPTIONS_API = "/shipments/v3";
  static final String STANDARDS_API = "/service-standards/v3";

  private static final Set<String> DOMESTIC_KEYS = Set.of("pricingOptions", "originZIPCode", "destinationZIPCode",
      "destinationEntryFacilityType", "packageDescription", "shippingFilter");
  private static final Set<String> INTERNATIONAL_KEYS = Set.of("pricingOptions", "originZIPCode", "foreignPostalCode",
      "destinationCountryCode", "packageDescription", "shippingFilter", "requestDutiesTaxesFees", "destinationCity",
      "destinationState", "items");
  private static final Set<String> DOMESTIC_CLASSES = Set.of("PARCEL_SELECT", "PARCEL_SELECT_LIGHTWEIGHT",
      "USPS_CONNECT_LOCAL", "USPS_CONNECT_REGIONAL", "USPS_CONNECT_MAIL", "USPS_GROUND_ADVANTAGE",
      "USPS_GROUND_ADVANTAGE_RETURN_SERVICE", "PRIORITY_MAIL_EXPRESS", "PRIORITY_MAIL_EXPRESS_RETURN_SERVICE",
      "PRIORITY_MAIL", "PRIORITY_MAIL_RETURN_SERVICE", "FIRST-CLASS_PACKAGE_SERVICE", "LIBRARY_MAIL", "MEDIA_MAIL",
      "BOUND_PRINTED_MATTER", "ALL", "ALL_OUTBOUND", "ALL_RETURNS");
  private static final Set<String> INTERNATIONAL_CLASSES = Set.of("FIRST-CLASS_PACKAGE_INTERNATIONAL_SERVICE",
      "PRIORITY_MAIL_INTERNATIONAL", "PRIORITY_MAIL_EXPRESS_INTERNATIONAL", "GLOBAL_EXPRESS_GUARANTEED", "ALL");
  private static final Set<String> ENTRY_TYPES = Set.of("NONE", "DESTINATION_NETWORK_DISTRIBUTION_CENTER",
      "DESTINATION_SECTIONAL_CENTER_FACILITY", "DESTINATION_DELIVERY_UNIT", "DESTINATION_SERVICE_HUB",
      "DESTINATION_REGIONAL_PROCESSING_DISTRIBUTION_CENTER");
  private static final Set<String> STANDARD_CLASSES = Set.of("BOUND_PRINTED_MATTER", "FIRST-CLASS_PACKAGE_SERVICE",
      "CARDS", "FLATS", "LETTERS", "LIBRARY_MAIL", "MEDIA_MAIL", "PARCEL_SELECT", "PARCEL_SELECT_LIGHTWEIGHT",
      "PRIORITY_MAIL", "PRIORITY_MAIL_EXPRESS", "USPS_GROUND_ADVANTAGE", "ALL");
  /** What {@code mailClass=ALL} answers: the expedited classes, Ground Advantage and the package services. */
  private static final List<String> ALL_STANDARDS = List.of("PRIORITY_MAIL_EXPRESS", "PRIORITY_MAIL",
      "USPS_GROUND_ADVANTAGE", "LIBRARY_MAIL", "MEDIA_MAIL", "BOUND_PRINTED_MATTER");

  private final Clock clock;
  private final BiFunction<String, String, Wire.Reply> domesticRates;
  private final BiFunction<String, String, Wire.Reply> internationalRates;

  ShipmentOptions(Clock clock, BiFunction<String, String, Wire.Reply> domesticRates,
      BiFunction<String, String, Wire.Reply> internationalRates) {
    this.clock = clock;
    this.domesticRates = domesticRates;
    this.internationalRates = internationalRates;
  }

  // ==================================================================== options

  Wire.Reply search(String body) {
    Object parsed = Json.parse(body);
    if (!(parsed instanceof Map)) {
      return Wire.badRequest(OPTIONS_API, "160252", "Invalid request", "body must be a JSON object.", "body");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> req = (Map<String, Object>) parsed;
    boolean international = req.containsKey("destinationCountryCode");
    List<Json.Obj> errors = new ArrayList<>();
    for (String k : req.keySet()) {
      if (!(international ? INTERNATIONAL_KEYS : DOMESTIC_KEYS).contains(k)) {
        errors.add(bad(k, k + " is not a field of the " + (international ? "international" : "domestic") + " options request."));
      }
    }
    String origin = zip(req, "originZIPCode", true, errors);
    String destination = international ? null : zip(req, "destinationZIPCode", true, errors);
    String country = international ? str(req.get("destinationCountryCode")) : null;
    if (international && (country == null || !country.matches("^[A-Z]{2}$") || country.equals("US"))) {
      errors.add(bad("destinationCountryCode", "destinationCountryCode must be a two-letter country code other than US."));
    }
    Object foreign = req.get("foreignPostalCode");
    if (foreign != null && (!(foreign instanceof String) || ((String) foreign).length() > 11)) {
      errors.add(bad("foreignPostalCode", "foreignPostalCode must be a string of at most 11 characters."));
    }
    enumOf(req, "destinationEntryFacilityType", ENTRY_TYPES, errors);
    enumOf(req, "shippingFilter", international ? Set.of("PRICE") : Set.of("PRICE", "SERVICE_STANDARDS"), errors);
    Map<String, Object> pricing = pricing(req.get("pricingOptions"), errors);
    Map<String, Object> pkg = packageDescription(req.get("packageDescription"),
        international ? INTERNATIONAL_CLASSES : DOMESTIC_CLASSES, errors);
    if (!errors.isEmpty()) {
      return Wire.badRequest(OPTIONS_API, errors);
    }
    Json.Obj prices = Json.obj().with("originZIPCode", origin)
        .with("weight", pkg.get("weight")).with("length", pkg.get("length"))
        .with("width", pkg.get("width")).with("height", pkg.get("height"))
        .with("priceType", pricing.get("priceType")).with("mailingDate", dateOnly(str(pkg.get("mailingDate"))));
    String mailClass = str(pkg.get("mailClass"));
    if (international) {
      prices.with("destinationCountryCode", country).with("foreignPostalCode", foreign)
          .with("mailClass", mailClass);
    } else {
      prices.with("destinationZIPCode", destination).with("mailClass",
          mailClass.startsWith("ALL") ? "ALL" : mailClass);
    }
    Object account = pricing.get("paymentAccount");
    if (account instanceof Map) {
      prices.with("accountType", str(((Map<?, ?>) account).get("accountType")))
          .with("accountNumber", str(((Map<?, ?>) account).get("accountNumber")));
    }
    Wire.Reply priced = (international ? internationalRates : domesticRates).apply(OPTIONS_API, Json.write(prices));
    if (priced.status() != 200) {
      return priced;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> answer = (Map<String, Object>) Json.parse(new String(priced.body(), StandardCharsets.UTF_8));
    LocalDate mailing = pkg.get("mailingDate") == null ? LocalDate.now(clock) : LocalDate.parse(dateOnly(str(pkg.get("mailingDate"))));
    Map<String, List<Object>> byClass = new LinkedHashMap<>();
    for (Object o : (List<?>) answer.get("rateOptions")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> option = new LinkedHashMap<>((Map<String, Object>) o);
      @SuppressWarnings("unchecked")
      Map<String, Object> rate = (Map<String, Object>) ((List<?>) option.get("rates")).get(0);
      rate.remove("warnings"); // a Prices field; an options rate allows no other property
      String c = str(rate.get("mailClass"));
      if (!international) {
        int days = days(c, origin, destination);
        Json.Obj commitment = Json.obj().with("name", days == 1 ? "1-Day" : days + " Days")
            .with("scheduleDeliveryDate", mailing.plusDays(days).toString())
            .with("expectedDeliveryDate", mailing.plusDays(days).toString())
            .with("guaranteedDelivery", c.equals("PRIORITY_MAIL_EXPRESS"))
            .with("isPriorityMailNextDay", c.equals("PRIORITY_MAIL") && days == 1);
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("commitment", commitment);
        ordered.putAll(option);
        option = ordered;
      }
      byClass.computeIfAbsent(c, k -> new ArrayList<>()).add(option);
    }
    List<Object> shipping = new ArrayList<>();
    byClass.forEach((c, options) -> shipping.add(Json.obj().with("mailClass", c).with("rateOptions", options)));
    return Wire.json(200, Answers.of("options-search", "originZIPCode", origin,
        "destinationZIPCode", international ? null : destination,
        "foreignPostalCode", international ? foreign : null,
        "destinationCountryCode", international ? country : null,
        "shippingOptions", shipping, "priceType", pricing.get("priceType"), "paymentAccount", account));
  }

  private static Map<String, Object> pricing(Object o, List<Json.Obj> errors) {
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("priceType", "COMMERCIAL");
    if (!(o instanceof List) || ((List<?>) o).isEmpty()) {
      errors.add(bad("pricingOptions", "pricingOptions is required (at least one)."));
      return first;
    }
    boolean firstSeen = false;
    for (Object x : (List<?>) o) {
      if (!(x instanceof Map)) {
        errors.add(bad("pricingOptions", "pricingOptions[] must be objects."));
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> p = (Map<String, Object>) x;
      for (String k : p.keySet()) {
        if (!k.equals("priceType") && !k.equals("paymentAccount")) {
          errors.add(bad("pricingOptions." + k, k + " is not a field of a pricing option (shippingOptions is read-only)."));
        }
      }
      String type = str(p.get("priceType"));
      if (type != null && !Set.of("RETAIL", "COMMERCIAL", "CONTRACT").contains(type)) {
        errors.add(bad("pricingOptions.priceType", "priceType " + type + " is not a valid value."));
      }
      Object account = p.get("paymentAccount");
      if ("CONTRACT".equals(type) && !(account instanceof Map)) {
        errors.add(bad("pricingOptions.paymentAccount", "paymentAccount is required when priceType is CONTRACT."));
      }
      if (account instanceof Map) {
        String at = str(((Map<?, ?>) account).get("accountType"));
        if (at != null && !Set.of("EPS", "PERMIT", "METER", "MID").contains(at)) {
          errors.add(bad("pricingOptions.paymentAccount.accountType", "accountType " + at + " is not a valid value."));
        }
      } else if (account != null) {
        errors.add(bad("pricingOptions.paymentAccount", "paymentAccount must be an object."));
      }
      if (!firstSeen) {
        firstSeen = true;
        if (type != null) {
          first.put("priceType", type);
        }
        first.put("paymentAccount", account);
      }
    }
    return first;
  }

  private static Map<String, Object> packageDescription(Object o, Set<String> classes, List<Json.Obj> errors) {
    if (!(o instanceof Map)) {
      errors.add(bad("packageDescription", "packageDescription is required."));
      return Map.of();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> pkg = (Map<String, Object>) o;
    for (String k : List.of("weight", "length", "height", "width")) {
      Object v = pkg.get(k);
      if (!(v instanceof BigDecimal) || ((BigDecimal) v).signum() <= 0) {
        errors.add(bad("packageDescription." + k, k + " is required and must be greater than 0."));
      }
    }
    if (pkg.get("weight") instanceof BigDecimal && ((BigDecimal) pkg.get("weight")).compareTo(BigDecimal.valueOf(70)) > 0) {
      errors.add(bad("packageDescription.weight", "Items must weigh 70 pounds or less."));
    }
    String mailClass = str(pkg.get("mailClass"));
    if (mailClass == null || !classes.contains(mailClass)) {
      errors.add(bad("packageDescription.mailClass", "mailClass is required and must be one of " + classes.size() + " values."));
    }
    String date = str(pkg.get("mailingDate"));
    if (date != null) {
      try {
        if (date.length() > 10) {
          OffsetDateTime.parse(date);
        } else {
          LocalDate.parse(date);
        }
      } catch (DateTimeException e) {
        errors.add(bad("packageDescription.mailingDate", "mailingDate must be a date or a date-time."));
      }
    }
    Object value = pkg.get("packageValue");
    if (value != null && (!(value instanceof BigDecimal) || ((BigDecimal) value).signum() < 0)) {
      errors.add(bad("packageDescription.packageValue", "packageValue must be a number of at least 0."));
    }
    return pkg;
  }

  // ==================================================================== standards

  Wire.Reply standards(Map<String, List<String>> query) {
    List<Json.Obj> errors = new ArrayList<>();
    String origin = first(query, "originZIPCode");
    if (origin == null || !origin.matches("\\d{3}|\\d{5}|\\d{9}")) {
      errors.add(bad("originZIPCode", "originZIPCode is required: 3, 5 or 9 digits."));
    }
    String destination = first(query, "destinationZIPCode");
    if (destination == null || !destination.matches("\\d{5}|\\d{9}")) {
      errors.add(bad("destinationZIPCode", "destinationZIPCode is required: 5 or 9 digits."));
    }
    String mailClass = first(query, "mailClass");
    if (mailClass != null && !STANDARD_CLASSES.contains(mailClass)) {
      errors.add(bad("mailClass", "mailClass " + mailClass + " is not a valid value."));
    }
    String type = first(query, "destinationType");
    if (type != null && !Set.of("STREET", "PO_BOX", "HOLD_FOR_PICKUP").contains(type)) {
      errors.add(bad("destinationType", "destinationType " + type + " is not a valid value."));
    }
    String weightText = first(query, "weight");
    Double weight = null;
    if (weightText != null) {
      try {
        weight = Double.valueOf(weightText);
      } catch (NumberFormatException e) {
        errors.add(bad("weight", "weight must be a number."));
      }
    }
    if (!errors.isEmpty()) {
      return Wire.badRequest(STANDARDS_API, errors);
    }
    List<String> classes = mailClass == null || mailClass.equals("ALL") ? ALL_STANDARDS : List.of(mailClass);
    LocalDate today = LocalDate.now(clock);
    List<Object> out = new ArrayList<>();
    for (String c : classes) {
      String canonical = c.equals("FIRST-CLASS_PACKAGE_SERVICE") ? "USPS_GROUND_ADVANTAGE"
          : c.equals("PARCEL_SELECT_LIGHTWEIGHT") ? "PARCEL_SELECT" : c;
      if (!Rates.DOMESTIC.containsKey(canonical)) {
        continue; // letters, flats, cards: not emulated
      }
      List<String> notes = !canonical.equals("USPS_GROUND_ADVANTAGE") ? java.util.Collections.singletonList(null)
          : weight == null ? List.of("WEIGHT_LESS_THAN_1_POUND", "WEIGHT_GREATER_THAN_OR_EQUAL_TO_1_POUND")
          : List.of(weight < 1 ? "WEIGHT_LESS_THAN_1_POUND" : "WEIGHT_GREATER_THAN_OR_EQUAL_TO_1_POUND");
      for (String note : notes) {
        int days = days(canonical, origin, destination) + ("WEIGHT_GREATER_THAN_OR_EQUAL_TO_1_POUND".equals(note) ? 1 : 0);
        out.add(Json.obj().with("mailClass", c).with("notes", note).with("originZIPCode", origin)
            .with("destinationZIPCode", destination).with("days", days)
            .with("effectiveAcceptanceDate", today.toString())
            .with("scheduledDeliveryDate", today.plusDays(days).toString()));
      }
    }
    if (out.isEmpty()) {
      return Wire.error(404, STANDARDS_API, "Not Found", List.of(Wire.item("404", "040001", "Not Found",
          "A Commitment or Service Standard is not available for this ZIP Code pair.", null)));
    }
    return Wire.json(200, out);
  }

  /** Domestic days for a class between two ZIPs (by ZIP3 zone): the class's window, wider with distance. */
  static int days(String mailClass, String originZip, String destinationZip) {
    Rates.Product p = Rates.DOMESTIC.getOrDefault(mailClass, Rates.DOMESTIC.get("USPS_GROUND_ADVANTAGE"));
    int zone = Geo.zone(originZip, destinationZip);
    return p.minDays() + (p.maxDays() - p.minDays()) * (zone - 1) / 7;
  }

  // ==================================================================== helpers

  private static Json.Obj bad(String parameter, String detail) {
    return Wire.item("400", "160252", "Invalid " + parameter, detail, parameter);
  }

  private static String zip(Map<String, Object> m, String key, boolean required, List<Json.Obj> errors) {
    String z = str(m.get(key));
    if (z == null || !z.matches("^\\d{5}(?:[-\\s]\\d{4})?$")) {
      if (required || z != null) {
        errors.add(bad(key, key + " is required: a 5-digit ZIP Code or ZIP+4."));
      }
      return null;
    }
    return z.substring(0, 5);
  }

  private static void enumOf(Map<String, Object> m, String key, Set<String> allowed, List<Json.Obj> errors) {
    Object v = m.get(key);
    if (v != null && (!(v instanceof String) || !allowed.contains(v))) {
      errors.add(bad(key, key + " " + v + " is not a valid value."));
    }
  }

  private static String dateOnly(String s) {
    return s == null || s.length() <= 10 ? s : s.substring(0, 10);
  }

  private static String str(Object o) {
    return o instanceof String ? (String) o : null;
  }

  private static String first(Map<String, List<String>> query, String key) {
    List<String> v = query.get(key);
    return v == null || v.isEmpty() ? null : v.get(0);
  }
}
