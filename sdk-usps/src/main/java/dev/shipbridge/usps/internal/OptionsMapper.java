package dev.shipbridge.usps.internal;

import dev.shipbridge.model.DaysBasis;
import dev.shipbridge.model.Quote;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pure mapping of Shipping Options 3.0: the Prices query {@link QuoteMapper#toWire} built as an
 * options search for every mail class, its rate options read through {@link QuoteMapper#fromWire}.
 * A domestic {@code commitment} gives the days ({@link DaysBasis#COMMITMENT}): the leading number of
 * its {@code name} ({@code "2-3 Days"}), else the days to {@code expectedDeliveryDate}; international
 * options carry none.
 */
final class OptionsMapper {
  /** Every outbound domestic class ({@code ALL} is deprecated and converts to it). */
  static final String ALL_DOMESTIC = "ALL_OUTBOUND";
  static final String ALL_INTERNATIONAL = "ALL";
  /** International rates name the ISC as their entry facility: that is the normal entry, not a drop-off. */
  private static final String ISC = "INTERNATIONAL_SERVICE_CENTER";
  private static final Pattern DAYS = Pattern.compile("^\\s*(\\d{1,2})(?:\\s*-\\s*(\\d{1,2}))?[\\s-]*Days?\\b",
      Pattern.CASE_INSENSITIVE);

  private OptionsMapper() {}

  /** The options search for the same shipment as the Prices {@code query}. */
  static Object toWire(QuoteMapper.Query query) {
    if (query.body() instanceof QuoteWire.DomesticQuery d) {
      return new OptionsWire.DomesticRequest(List.of(pricing(d.priceType(), d.accountType(), d.accountNumber())),
          d.originZip(), d.destinationZip(), "NONE",
          new OptionsWire.Package(d.weight(), d.length(), d.height(), d.width(), ALL_DOMESTIC, d.mailingDate(),
              d.itemValue()));
    }
    QuoteWire.InternationalQuery i = (QuoteWire.InternationalQuery) query.body();
    return new OptionsWire.InternationalRequest(List.of(pricing(i.priceType(), i.accountType(), i.accountNumber())),
        i.originZip(), i.foreignPostalCode(), i.destinationCountryCode(),
        new OptionsWire.Package(i.weight(), i.length(), i.height(), i.width(), ALL_INTERNATIONAL, i.mailingDate(),
            i.itemValue()));
  }

  private static OptionsWire.PricingOption pricing(String priceType, String accountType, String accountNumber) {
    return new OptionsWire.PricingOption(priceType,
        accountType == null ? null : new OptionsWire.Account(accountType, accountNumber));
  }

  /** Every priced rate option of every mail class, with its commitment when USPS gave one. */
  static List<Quote> fromWire(OptionsWire.Response answer, QuoteMapper.Query query, LocalDate mailingDate) {
    List<Quote> out = new ArrayList<>();
    if (answer == null || answer.pricingOptions() == null) return out;
    boolean international = query.api() == UspsApi.INTERNATIONAL_PRICES;
    for (OptionsWire.PricingAnswer p : answer.pricingOptions()) {
      if (p == null || p.shippingOptions() == null) continue;
      for (OptionsWire.ShippingOption s : p.shippingOptions()) {
        if (s == null || s.rateOptions() == null) continue;
        for (OptionsWire.RateOption o : s.rateOptions()) {
          if (o == null) continue;
          List<QuoteWire.Rate> rates = international ? withoutIscEntry(o.rates()) : o.rates();
          QuoteWire.RateOption asPrice = new QuoteWire.RateOption(o.totalBasePrice(), o.totalPrice(), rates,
              o.extraServices());
          for (Quote q : QuoteMapper.fromWire(new QuoteWire.Result(List.of(asPrice)), query)) {
            out.add(withCommitment(q, o.commitment(), mailingDate).withDetails(Map.of("quoteApi", "shipping-options")));
          }
        }
      }
    }
    return out;
  }

  private static List<QuoteWire.Rate> withoutIscEntry(List<QuoteWire.Rate> rates) {
    return rates == null ? null : rates.stream().map(r -> r == null || !ISC.equals(r.destinationEntryFacilityType())
        ? r : new QuoteWire.Rate(r.sku(), r.description(), r.priceType(), r.price(), r.fees(), r.mailClass(), r.zone(),
            r.productName(), r.processingCategory(), r.rateIndicator(), "NONE")).toList();
  }

  static Quote withCommitment(Quote q, OptionsWire.Commitment c, LocalDate mailingDate) {
    if (c == null) return q;
    LocalDate date = Units.date(c.expectedDeliveryDate());
    if (date == null) date = Units.date(c.scheduleDeliveryDate());
    Integer min = null;
    Integer max = null;
    Matcher m = c.name() == null ? null : DAYS.matcher(c.name());
    if (m != null && m.find()) {
      min = Integer.valueOf(m.group(1));
      max = m.group(2) == null ? min : Integer.valueOf(m.group(2));
      if (min > max) min = max;
    } else if (date != null && mailingDate != null && !date.isBefore(mailingDate)) {
      long days = ChronoUnit.DAYS.between(mailingDate, date);
      if (days <= 366) min = max = (int) days;
    }
    if (min == null && date == null) return q;
    boolean guaranteed = Boolean.TRUE.equals(c.guaranteedDelivery());
    Map<String, String> details = new java.util.LinkedHashMap<>(q.details());
    if (c.name() != null && !c.name().isBlank()) details.put("commitment", c.name().strip());
    return new Quote(q.carrier(), q.serviceCode(), q.serviceName(), q.serviceLevel(), q.total(), q.breakdown(),
        min, max, date, guaranteed, q.legs(), details, DaysBasis.COMMITMENT, null, null);
  }
}
