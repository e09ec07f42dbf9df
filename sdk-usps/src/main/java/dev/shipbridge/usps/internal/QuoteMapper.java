package dev.shipbridge.usps.internal;

import static dev.shipbridge.usps.internal.Units.blank;
import static java.util.Objects.requireNonNullElse;

import dev.shipbridge.ValidationException;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Leg;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.ServiceLevel;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import dev.shipbridge.usps.UspsCarrier;
import dev.shipbridge.usps.UspsCarrier.PaymentAccount;

/**
 * Pure mapping of quotes: {@link QuoteRequest} to a {@code total-rates/search} query, and its
 * rate options to {@link Quote}s. No I/O.
 *
 * <h2>Which API</h2>
 *
 * A destination in the US (or a US territory) is priced with the domestic Prices API, anything
 * else with the International Prices API from a US origin. A parcel from outside the US to a US
 * address (CN to US) only has a USPS leg for its last mile: it is priced domestically from the
 * configured induction ZIP (where it enters the USPS network); without one, USPS cannot quote it.
 *
 * <h2>What a quote holds</h2>
 *
 * {@code serviceCode} is {@code MAIL_CLASS:RATE_INDICATOR:PROCESSING_CATEGORY[:ENTRY_FACILITY]}
 * (for example {@code USPS_GROUND_ADVANTAGE:SP:MACHINABLE} or
 * {@code PARCEL_SELECT:DE:MACHINABLE:DESTINATION_SECTIONAL_CENTER_FACILITY}), enough for the label
 * mapper to buy exactly this option: every destination-entry offer (DDU, DNDC, DSCF, hub) is a quote
 * of its own beside the single-piece one; the total is {@code totalPrice} when USPS sends it (the base price plus the extra
 * services included) and {@code totalBasePrice} otherwise. Transit days are left unknown: the
 * total-rates answer carries no delivery commitment.
 */
public final class QuoteMapper {
  private static final java.util.regex.Pattern WORD_SEPARATOR = java.util.regex.Pattern.compile("[_-]");
  static final Set<Leg> DOMESTIC_LEGS = Set.of(Leg.LAST_MILE);
  static final Set<Leg> INTERNATIONAL_LEGS = Set.copyOf(EnumSet.allOf(Leg.class));

  private QuoteMapper() {}

  /**
   * The query to send: which API and the body; {@code dimensioned} when the parcel has its sides
   * (each then at least 0.01 in), which Shipping Options needs.
   */
  record Query(UspsApi api, Object body, String origin, boolean viaInduction, boolean dimensioned) {}

  /** {@code pay} (may be null) prices commercially when it is an EPS account; {@code inductionZip} may be null. */
  static Query toWire(QuoteRequest r, PaymentAccount pay, String inductionZip, LocalDate mailingDate) {
    boolean domestic = Units.isDomestic(r.to());
    boolean usOrigin = "US".equals(r.from().country());
    BigDecimal[] in = Units.inches(r.parcel());
    boolean dimensioned = r.parcel().dimensions() != null;
    BigDecimal weight = Units.pounds(r.parcel().weight());
    boolean eps = pay != null && pay.accountType() == UspsCarrier.AccountType.EPS && pay.accountNumber().matches("\\d+");
    String priceType = eps ? "COMMERCIAL" : "RETAIL";
    String accountType = eps ? "EPS" : null;
    String accountNumber = eps ? pay.accountNumber() : null;
    BigDecimal itemValue = r.customs() != null && "USD".equals(r.customs().totalValue().currency().getCurrencyCode())
        ? r.customs().totalValue().amount() : null;
    String date = mailingDate.toString();
    if (domestic) {
      String origin;
      boolean induction = false;
      if (usOrigin || Units.isDomestic(r.from())) {
        origin = Units.zip5(r.from().postalCode());
      } else if (inductionZip != null) {
        origin = inductionZip;
        induction = true;
      } else {
        throw ValidationException.of("from.country", "USPS carries only the US last mile of a parcel from "
            + r.from().country() + ": configure UspsCarrier.builder().inductionZip(...) (the US ZIP where it enters USPS)");
      }
      return new Query(UspsApi.DOMESTIC_PRICES, new QuoteWire.DomesticQuery(origin, Units.zip5(r.to().postalCode()),
          weight, in[0], in[1], in[2], priceType, date, accountType, accountNumber, null), origin, induction,
          dimensioned);
    }
    if (!usOrigin) {
      throw ValidationException.of("from.country", "USPS quotes international parcels only from the US (was "
          + r.from().country() + " to " + r.to().country() + ")");
    }
    String origin = Units.zip5(r.from().postalCode());
    return new Query(UspsApi.INTERNATIONAL_PRICES, new QuoteWire.InternationalQuery(origin,
        blank(r.to().postalCode()), r.to().country(), weight, in[0], in[1], in[2], priceType, date,
        accountType, accountNumber, itemValue), origin, false, dimensioned);
  }

  /** Every rate option as a quote (detail {@code quoteApi}: {@code prices}); options USPS sends without a price are skipped. */
  static List<Quote> fromWire(QuoteWire.Result result, Query query) {
    boolean international = query.api() == UspsApi.INTERNATIONAL_PRICES;
    List<Quote> out = new ArrayList<>();
    if (result.rateOptions() == null) return out;
    for (QuoteWire.RateOption o : result.rateOptions()) {
      if (o == null || o.rates() == null || o.rates().isEmpty() || o.rates().get(0) == null) continue;
      QuoteWire.Rate first = o.rates().get(0);
      if (first.mailClass() == null || first.mailClass().isBlank()) continue;
      BigDecimal total = o.totalPrice() != null ? o.totalPrice() : o.totalBasePrice();
      if (total == null || !LabelAnswer.plausible(total)) continue; // no price, or a negative or absurd one
      List<Quote.Charge> breakdown = new ArrayList<>();
      for (QuoteWire.Rate rate : o.rates()) {
        if (rate == null) continue;
        charge(breakdown, rate.description(), "Base price", rate.price());
        for (QuoteWire.Fee f : rate.fees() == null ? List.<QuoteWire.Fee>of() : rate.fees()) {
          if (f != null) charge(breakdown, f.name(), "Fee", f.price());
        }
      }
      if (o.totalPrice() != null && o.extraServices() != null) {
        for (QuoteWire.ExtraServicePrice x : o.extraServices()) {
          if (x != null) charge(breakdown, x.name(), "Extra service " + x.extraService(), x.price());
        }
      }
      String entry = international ? null : entryFacility(first);
      dev.shipbridge.spi.support.Details details = new dev.shipbridge.spi.support.Details()
          .put("mailClass", first.mailClass())
          .put(international ? "priceGroup" : "zone", first.zone())
          .put("rateIndicator", first.rateIndicator())
          .put("processingCategory", first.processingCategory())
          .put("destinationEntryFacilityType", entry)
          .put("priceType", first.priceType())
          .put("sku", first.sku())
          .put("originZIPCode", query.origin())
          .put("quoteApi", "prices"); // Shipping Options' quotes say so instead (OptionsMapper)
      if (query.viaInduction()) details.put("inductionZIPCode", query.origin());
      out.add(Quote.builder(CarrierId.USPS, serviceCode(first, entry), usd(total))
          .serviceName(serviceName(first))
          .serviceLevel(serviceLevel(first.mailClass()))
          .breakdown(breakdown)
          .legs(international ? INTERNATIONAL_LEGS : DOMESTIC_LEGS)
          .details(details.build())
          .build());
    }
    return out;
  }

  /** Adds a charge named {@code name} (else {@code fallback}) when its price is one {@link Money} can hold. */
  private static void charge(List<Quote.Charge> out, String name, String fallback, BigDecimal price) {
    if (price != null && LabelAnswer.representable(price)) {
      out.add(new Quote.Charge(requireNonNullElse(blank(name), fallback), usd(price)));
    }
  }

  /**
   * {@code MAIL_CLASS:RATE_INDICATOR:PROCESSING_CATEGORY[:ENTRY_FACILITY]}, the entry facility only
   * when it is a destination-entry drop-off (not {@code NONE}). A part USPS left out stays empty
   * ({@code PARCEL_SELECT:::DESTINATION_DELIVERY_UNIT}) and the label refuses such a code as
   * ambiguous; so does a bare mail class, given when nothing but the class is known or when a class
   * whose offers differ by entry point ({@link LabelMapper#BY_ENTRY_POINT}) names no entry at all.
   */
  static String serviceCode(QuoteWire.Rate rate, String entry) {
    String ri = requireNonNullElse(blank(rate.rateIndicator()), "");
    String pc = requireNonNullElse(blank(rate.processingCategory()), "");
    boolean dropOff = entry != null && !"NONE".equals(entry);
    boolean byEntry = LabelMapper.BY_ENTRY_POINT.contains(rate.mailClass().strip().toUpperCase(Locale.ROOT));
    if (!dropOff && (ri.isEmpty() || pc.isEmpty() || (byEntry && entry == null))) return rate.mailClass();
    return rate.mailClass() + ":" + ri + ":" + pc + (dropOff ? ":" + entry : "");
  }

  /**
   * Where the parcel enters USPS for this rate: {@code destinationEntryFacilityType} when USPS sends
   * it, else the entry named in the rate's description ({@code "Parcel Select Machinable DDU
   * Single-piece"}), else null (not stated).
   */
  static String entryFacility(QuoteWire.Rate rate) {
    String stated = blank(rate.destinationEntryFacilityType());
    if (stated != null) return stated.toUpperCase(Locale.ROOT);
    String d = blank(rate.description());
    if (d == null) return null;
    for (String w : d.toUpperCase(Locale.ROOT).split("[^A-Z]+")) {
      String entry = ENTRY_WORDS.get(w);
      if (entry != null) return entry;
    }
    return null;
  }

  /** The entry words of USPS rate descriptions (Prices examples: "DDU", "DSCF SCF", "DNDC", "DHUB"). */
  private static final java.util.Map<String, String> ENTRY_WORDS = java.util.Map.of(
      "DDU", "DESTINATION_DELIVERY_UNIT", "DSCF", "DESTINATION_SECTIONAL_CENTER_FACILITY",
      "DNDC", "DESTINATION_NETWORK_DISTRIBUTION_CENTER", "DHUB", "DESTINATION_SERVICE_HUB",
      "DRPDC", "DESTINATION_REGIONAL_PROCESSING_DISTRIBUTION_CENTER");

  static String serviceName(QuoteWire.Rate rate) {
    String name = blank(rate.productName());
    if (name == null) name = blank(rate.description());
    return name != null ? name : displayName(rate.mailClass());
  }

  /** {@code PRIORITY_MAIL_EXPRESS} to {@code Priority Mail Express}. */
  static String displayName(String mailClass) {
    StringBuilder sb = new StringBuilder();
    for (String w : WORD_SEPARATOR.split(mailClass.toLowerCase(Locale.ROOT))) {
      if (w.isEmpty()) continue;
      if (sb.length() > 0) sb.append(' ');
      sb.append(w.equals("usps") ? "USPS" : Character.toUpperCase(w.charAt(0)) + w.substring(1));
    }
    return sb.toString();
  }

  /** Express: Priority Mail Express (domestic, international) and GXG; standard: Priority Mail; economy: the ground and package services. */
  static ServiceLevel serviceLevel(String mailClass) {
    return switch (mailClass) {
      case "PRIORITY_MAIL_EXPRESS", "PRIORITY_MAIL_EXPRESS_INTERNATIONAL", "GLOBAL_EXPRESS_GUARANTEED" -> ServiceLevel.EXPRESS;
      case "PRIORITY_MAIL", "PRIORITY_MAIL_INTERNATIONAL", "USPS_CONNECT_LOCAL", "USPS_CONNECT_REGIONAL" -> ServiceLevel.STANDARD;
      case "USPS_GROUND_ADVANTAGE", "FIRST-CLASS_PACKAGE_SERVICE", "PARCEL_SELECT", "PARCEL_SELECT_LIGHTWEIGHT",
          "MEDIA_MAIL", "LIBRARY_MAIL", "BOUND_PRINTED_MATTER", "USPS_CONNECT_MAIL",
          "FIRST-CLASS_PACKAGE_INTERNATIONAL_SERVICE" -> ServiceLevel.ECONOMY;
      default -> ServiceLevel.UNKNOWN;
    };
  }

  static Money usd(BigDecimal amount) {
    return Money.of(amount, "USD");
  }
}
