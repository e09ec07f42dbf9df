package dev.shipbridge.testkit.usps;

import static dev.shipbridge.testkit.usps.Inputs.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The Domestic and International Prices APIs ({@code /prices/v3}, {@code /international-prices/v3}). */
final class PricesApi {
  private final UspsService service;

  PricesApi(UspsService service) {
    this.service = service;
  }

  Wire.Reply domesticRates(String api, String body) {
    Map<String, Object> req = object(Json.parse(body), "body");
    Problems p = new Problems();
    String from = zip(req, "originZIPCode", p);
    String to = zip(req, "destinationZIPCode", p);
    Double weight = positive(req, "weight", p);
    Double length = dimension(req, "length", p);
    Double width = dimension(req, "width", p);
    Double height = dimension(req, "height", p);
    String priceType = enumValue(req, "priceType", Set.of("RETAIL", "COMMERCIAL", "CONTRACT", "NSA"), p);
    List<String> classes = new ArrayList<>();
    Object mcs = req.get("mailClasses");
    if (mcs instanceof List) {
      for (Object o : (List<?>) mcs) {
        classes.add(String.valueOf(o));
      }
    } else if (str(req, "mailClass") != null) {
      classes.add(str(req, "mailClass"));
    }
    Set<String> allowed = Set.of("PARCEL_SELECT", "PARCEL_SELECT_LIGHTWEIGHT", "PRIORITY_MAIL_EXPRESS", "PRIORITY_MAIL",
        "FIRST-CLASS_PACKAGE_SERVICE", "LIBRARY_MAIL", "MEDIA_MAIL", "BOUND_PRINTED_MATTER", "USPS_CONNECT_LOCAL",
        "USPS_CONNECT_MAIL", "USPS_CONNECT_REGIONAL", "USPS_GROUND_ADVANTAGE", "USPS_RETAIL_GROUND", "ALL");
    for (String c : classes) {
      if (!allowed.contains(c)) {
        p.add("160252", "Invalid mailClass", "mailClass " + c + " is not a valid value.", "mailClass");
      }
    }
    String mailingDate = date(req, "mailingDate", p);
    List<Integer> extras = intList(req, "extraServices", p);
    double itemValue = number(req, "itemValue") == null ? 0 : number(req, "itemValue");
    p.throwIfAny();
    boolean entryOffers = service.destinationEntry && (classes.isEmpty() || classes.contains("ALL")
        || classes.contains("PARCEL_SELECT") || classes.contains("PARCEL_SELECT_LIGHTWEIGHT"));
    if (classes.isEmpty() || classes.contains("ALL")) {
      classes = List.of("USPS_GROUND_ADVANTAGE", "PRIORITY_MAIL", "PRIORITY_MAIL_EXPRESS");
    }
    if (priceType == null) {
      priceType = "COMMERCIAL";
    }
    int zone = Geo.zone(from, to);
    BigDecimal dim = Rates.dimWeight(length, width, height);
    int pounds = Rates.billablePounds(weight, dim);
    List<Object> options = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (String requested : classes) {
      String c = Rates.canonicalDomesticClass(requested, "NONE");
      Rates.Product product = Rates.DOMESTIC.get(c);
      if (product == null || !seen.add(c) || weight > product.maxLb()) {
        continue;
      }
      if (length + 2 * (width + height) > 130) {
        continue;
      }
      BigDecimal price = Rates.domesticPrice(product, pounds, zone, priceType);
      List<Object> services = new ArrayList<>();
      BigDecimal servicesTotal = BigDecimal.ZERO;
      List<Integer> codes = extras == null ? List.of(920, 921) : extras;
      for (int code : codes) {
        if (Rates.needsValue(code) && itemValue <= 0) {
          throw new BadInput(List.of(Wire.item("400", "030024", "Item value required",
              "A non-zero item value is required for this extra service code.", "itemValue")));
        }
        Rates.ExtraServiceInfo info = Rates.domesticExtraService(code, c, itemValue);
        if (info == null) {
          continue;
        }
        int effective = code == 930 && itemValue > 500 ? 931 : code;
        services.add(Json.obj().with("extraService", Integer.toString(effective)).with("name", info.name())
            .with("SKU", info.sku()).with("priceType", priceType.equals("NSA") ? "NSA" : priceType)
            .with("price", info.price()).with("warnings", List.of()));
        servicesTotal = servicesTotal.add(info.price());
      }
      options.add(Answers.of("domestic-rate-option", "price", price,
          "SKU", Rates.domesticSku(product, zone, pounds, priceType), "description", product.description(),
          "priceType", priceType, "weight", BigDecimal.valueOf(weight), "dimWeight", dim, "mailClass", c,
          "zone", String.format("%02d", zone), "productName", product.productName(), "extraServices", services,
          "totalPrice", extras != null ? price.add(servicesTotal) : null));
    }
    Rates.Product parcelSelect = Rates.DOMESTIC.get("PARCEL_SELECT");
    if (entryOffers && weight <= parcelSelect.maxLb() && length + 2 * (width + height) <= 130) {
      LocalDate day = mailingDate != null ? LocalDate.parse(mailingDate) : LocalDate.now(service.clock);
      for (DestinationEntry.Offer o : DestinationEntry.offers(day)) {
        Json.Obj option = Answers.of("domestic-rate-option", "price", o.price(pounds, priceType),
            "SKU", o.sku(pounds), "description", o.description(), "priceType", priceType,
            "weight", BigDecimal.valueOf(weight), "dimWeight", dim, "mailClass", "PARCEL_SELECT",
            "zone", String.format("%02d", zone), "productName", parcelSelect.productName(),
            "extraServices", List.of(), "totalPrice", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> rate = (Map<String, Object>) ((List<?>) option.get("rates")).get(0);
        rate.put("rateIndicator", o.rateIndicator());
        rate.put("destinationEntryFacilityType", o.type());
        options.add(option);
      }
    }
    if (options.isEmpty()) {
      return Wire.badRequest(api, "030020", "No valid rates", "No valid rates for these parameters.", null);
    }
    return Wire.json(200, Json.obj().with("rateOptions", options));
  }

  Wire.Reply internationalRates(String api, String body) {
    Map<String, Object> req = object(Json.parse(body), "body");
    Problems p = new Problems();
    zip(req, "originZIPCode", p);
    String country = str(req, "destinationCountryCode");
    if (country == null) {
      p.required("destinationCountryCode");
    } else if (!country.matches("^[A-Z]{2}$") || country.equals("US")) {
      p.add("030013", "Invalid destinationCountryCode", "There was no valid international price group for the provided "
          + "country, date, mail class, and mail class.", "destinationCountryCode");
    }
    Double weight = positive(req, "weight", p);
    Double length = dimension(req, "length", p);
    Double width = dimension(req, "width", p);
    Double height = dimension(req, "height", p);
    String priceType = enumValue(req, "priceType",
        Set.of("RETAIL", "COMMERCIAL", "COMMERCIAL_BASE", "COMMERCIAL_PLUS", "CONTRACT"), p);
    String mailClass = enumValue(req, "mailClass", Set.of("FIRST-CLASS_PACKAGE_INTERNATIONAL_SERVICE",
        "PRIORITY_MAIL_INTERNATIONAL", "PRIORITY_MAIL_EXPRESS_INTERNATIONAL", "GLOBAL_EXPRESS_GUARANTEED", "ALL"), p);
    List<Integer> extras = intList(req, "extraServices", p);
    date(req, "mailingDate", p);
    double itemValue = number(req, "itemValue") == null ? 0 : number(req, "itemValue");
    boolean duties = Boolean.TRUE.equals(req.get("requestDutiesTaxesFees"));
    Object items = req.get("items");
    if (duties && (!(items instanceof List) || ((List<?>) items).isEmpty())) {
      p.add("160396", "items required", "at least 1 item is required when requesting duties, taxes, and fees", "items");
    }
    p.throwIfAny();
    if (priceType == null) {
      priceType = "COMMERCIAL";
    }
    List<String> classes = mailClass == null || mailClass.equals("ALL")
        ? new ArrayList<>(Rates.INTERNATIONAL.keySet()) : List.of(mailClass);
    int group = Rates.priceGroup(country);
    BigDecimal dim = Rates.dimWeight(length, width, height);
    int pounds = Rates.billablePounds(weight, dim);
    List<Object> options = new ArrayList<>();
    for (String c : classes) {
      Rates.Product product = Rates.INTERNATIONAL.get(c);
      if (product == null || weight > product.maxLb()) {
        continue;
      }
      BigDecimal price = Rates.internationalPrice(product, pounds, group, priceType);
      List<Object> services = new ArrayList<>();
      BigDecimal servicesTotal = BigDecimal.ZERO;
      for (int code : extras == null ? List.<Integer>of() : extras) {
        if (Rates.needsValue(code) && itemValue <= 0) {
          throw new BadInput(List.of(Wire.item("400", "030024", "Item value required",
              "A non-zero item value is required for this extra service code.", "itemValue")));
        }
        Rates.ExtraServiceInfo info = Rates.internationalExtraService(code, itemValue);
        if (info == null) {
          continue;
        }
        services.add(Json.obj().with("SKU", info.sku()).with("price", info.price()).with("priceType", priceType)
            .with("extraService", Integer.toString(code == 930 && itemValue > 500 ? 931 : code))
            .with("name", info.name()).with("warnings", List.of()));
        servicesTotal = servicesTotal.add(info.price());
      }
      Json.Obj dutiesQuote = null;
      if (duties) {
        List<Object> quotes = new ArrayList<>();
        for (Object o : (List<?>) items) {
          Map<String, Object> item = object(o, "items[]");
          double v = number(item, "itemValue") == null ? 0 : number(item, "itemValue");
          quotes.add(Json.obj().with("dutyPrice", Rates.money(v * 0.05)).with("taxPrice", Rates.money(v * 0.10))
              .with("itemId", str(item, "itemId")));
        }
        dutiesQuote = Json.obj().with("packageFee", Rates.money(1.50)).with("itemQuotes", quotes);
      }
      options.add(Answers.of("international-rate-option", "price", price,
          "SKU", Rates.internationalSku(product, group, pounds), "description", product.description(),
          "priceType", priceType, "weight", BigDecimal.valueOf(weight), "dimWeight", dim, "mailClass", c,
          "priceGroup", String.format("%02d", group), "productName", product.productName(),
          "dutiesTaxesFeesQuote", dutiesQuote, "extraServices", services,
          "totalPrice", extras != null ? price.add(servicesTotal) : null));
    }
    if (options.isEmpty()) {
      return Wire.badRequest(api, "030020", "No valid rates", "No valid rates for these parameters.", null);
    }
    return Wire.json(200, Json.obj().with("rateOptions", options));
  }
}
