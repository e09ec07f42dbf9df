package dev.shipbridge;

import dev.shipbridge.QuoteResult.Choice;
import dev.shipbridge.QuoteResult.Choice.Refusal;
import dev.shipbridge.model.CombinedOffer;
import dev.shipbridge.model.ConvertedPrice;
import dev.shipbridge.model.DaysBasis;
import dev.shipbridge.model.ExchangeRates;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Quote;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The choosing rules of {@link QuoteResult}, over its quotes and its combined offers alike; never
 * compares two currencies without a rate.
 */
final class QuoteChooser {
  private static final Comparator<Offer> BY_NAME = Comparator.comparing(Offer::carrierKey).thenComparing(Offer::serviceKey);

  private QuoteChooser() {}

  static Optional<ConvertedPrice> price(Quote q, ExchangeRates rates, Currency rankCurrency) {
    if (rates == null) return Optional.of(new ConvertedPrice(q.total(), q.total(), null));
    return ConvertedPrice.in(rankCurrency, q.total(), rates);
  }

  /** A combined offer's total: its own (one currency) without rates, else each leg in the rank currency. */
  static Optional<CombinedOffer.Total> total(CombinedOffer o, ExchangeRates rates, Currency rankCurrency) {
    if (rates == null) {
      return o.total().map(m -> new CombinedOffer.Total(m, o.legs().stream()
          .map(q -> new ConvertedPrice(q.total(), q.total(), null)).toList()));
    }
    return o.total(rates, rankCurrency);
  }

  /** A quote or a combined offer, as the rules see it. */
  private record Offer(Quote quote, CombinedOffer combined) {
    Integer days() {
      return quote != null ? quote.transitDays() : combined.transitDays();
    }

    int minDays() {
      Integer min = quote != null ? quote.minTransitDays() : combined.minTransitDays();
      return min != null ? min : days();
    }

    DaysBasis basis() {
      return quote != null ? quote.daysBasis() : combined.daysBasis();
    }

    List<Currency> currencies() {
      return quote != null ? List.of(quote.total().currency()) : combined.currencies();
    }

    String currencyKey() {
      return String.join("+", currencies().stream().map(QuoteChooser::code).toList());
    }

    String carrierKey() {
      return quote != null ? quote.carrier().toString() : combined.firstLeg().carrier() + "+" + combined.lastLeg().carrier();
    }

    String serviceKey() {
      return quote != null ? quote.serviceCode() : combined.firstLeg().serviceCode() + "+" + combined.lastLeg().serviceCode();
    }
  }

  /** An offer with its price in one currency (its own, or the rank currency). */
  private record Priced(Offer offer, Money amount, ConvertedPrice price, CombinedOffer.Total total) {}

  private static List<Offer> offers(QuoteResult r) {
    List<Offer> out = new ArrayList<>();
    r.quotes().forEach(q -> out.add(new Offer(q, null)));
    r.combined().forEach(o -> out.add(new Offer(null, o)));
    return out;
  }

  static Choice cheapest(QuoteResult r) {
    List<Offer> offers = offers(r);
    if (offers.isEmpty()) return refused(Refusal.NO_QUOTES, "no offer left" + failed(r));
    if (r.rates() == null) {
      List<Currency> cs = currencies(offers);
      if (cs.size() > 1) return mixed(cs);
    }
    List<Priced> priced = priced(r, offers);
    if (priced.isEmpty()) return noRate(r, offers);
    Priced best = priced.stream().min(Comparator.comparing(Priced::amount)
        .thenComparing(p -> p.offer.days() == null ? Integer.MAX_VALUE : p.offer.days())).orElseThrow();
    String why = r.rates() == null ? "cheapest of " + count(offers.size()) + " in " + code(best.amount.currency())
        : "cheapest of " + count(priced.size()) + " ranked in " + code(r.rankCurrency()) + ranked(offers, priced, best);
    return chosen(best, why);
  }

  static Choice fastest(QuoteResult r) {
    List<Offer> offers = offers(r);
    if (offers.isEmpty()) return refused(Refusal.NO_QUOTES, "no offer left" + failed(r));
    List<Offer> timed = offers.stream().filter(o -> o.days() != null).toList();
    if (timed.isEmpty()) {
      return refused(Refusal.NO_TRANSIT_DAYS, "no offer states its transit days (" + count(offers.size()) + ")");
    }
    int days = timed.stream().mapToInt(Offer::days).min().orElseThrow();
    List<Offer> ties = timed.stream().filter(o -> o.days() == days).toList();
    DaysBasis basis = ties.stream().map(Offer::basis).min(Comparator.naturalOrder()).orElseThrow();
    ties = ties.stream().filter(o -> o.basis() == basis).toList();
    int min = ties.stream().mapToInt(Offer::minDays).min().orElseThrow();
    ties = ties.stream().filter(o -> o.minDays() == min).toList();
    String why = "fastest: " + days + " day(s), " + basis.name().toLowerCase(java.util.Locale.ROOT)
        + ", of " + count(timed.size()) + " with days";
    if (ties.size() == 1) return chosen(priced(r, ties.get(0)), why);
    if (r.rates() != null) {
      List<Priced> priced = priced(r, ties);
      if (!priced.isEmpty()) {
        Priced best = priced.stream().min(Comparator.comparing(Priced::amount)).orElseThrow();
        return chosen(best, why + "; " + ties.size() + " tied, cheapest in " + code(r.rankCurrency())
            + ranked(ties, priced, best));
      }
    }
    Map<String, Priced> cheapestPerCurrency = new LinkedHashMap<>();
    for (Offer o : ties) {
      own(o).ifPresent(p -> cheapestPerCurrency.merge(o.currencyKey(), p,
          (a, b) -> b.amount.amount().compareTo(a.amount.amount()) < 0 ? b : a));
    }
    boolean allOwnPrice = ties.stream().allMatch(o -> own(o).isPresent());
    if (cheapestPerCurrency.size() == 1 && allOwnPrice) {
      Priced best = cheapestPerCurrency.values().iterator().next();
      return chosen(best, why + "; " + ties.size() + " tied, cheapest in " + best.offer.currencyKey());
    }
    // left: one per currency, and offers whose legs are in several currencies (no total of their own)
    List<Offer> left = new ArrayList<>(cheapestPerCurrency.values().stream().map(Priced::offer).toList());
    ties.stream().filter(o -> own(o).isEmpty()).forEach(left::add);
    Offer best = left.stream().min(BY_NAME).orElseThrow();
    List<String> codes = ties.stream().map(Offer::currencyKey).distinct().sorted().toList();
    return chosen(priced(r, best), why + "; tied in " + String.join(" and ", codes)
        + ", prices in different currencies not compared: chosen by carrier id, then service code");
  }

  /** An offer priced in its own currency, or empty for a combined offer whose legs differ in currency. */
  private static Optional<Priced> own(Offer o) {
    if (o.quote != null) {
      return Optional.of(new Priced(o, o.quote.total(), new ConvertedPrice(o.quote.total(), o.quote.total(), null), null));
    }
    return total(o.combined, null, null).map(t -> new Priced(o, t.amount(), null, t));
  }

  private static List<Currency> currencies(List<Offer> offers) {
    return offers.stream().flatMap(o -> o.currencies().stream()).distinct().toList();
  }

  private static List<Priced> priced(QuoteResult r, List<Offer> offers) {
    List<Priced> out = new ArrayList<>();
    for (Offer o : offers) {
      if (r.rates() == null) {
        own(o).ifPresent(out::add);
      } else if (o.quote != null) {
        price(o.quote, r.rates(), r.rankCurrency()).ifPresent(p -> out.add(new Priced(o, p.converted(), p, null)));
      } else {
        total(o.combined, r.rates(), r.rankCurrency()).ifPresent(t -> out.add(new Priced(o, t.amount(), null, t)));
      }
    }
    return out;
  }

  private static String ranked(List<Offer> all, List<Priced> priced, Priced best) {
    int left = all.size() - priced.size();
    String out = left > 0 ? " (" + count(left) + " without a rate left out)" : "";
    if (best.price != null && best.price.isConverted()) return out + "; " + best.price;
    if (best.total != null && best.total.isConverted()) return out + "; " + best.total;
    return out;
  }

  private static Choice chosen(Priced p, String why) {
    if (p.offer.quote != null) return new Choice(p.offer.quote, null, why, p.price, null, null);
    return new Choice(null, null, why + "; a combined offer: " + p.offer.combined.serviceName(), null,
        p.offer.combined, p.total);
  }

  /** {@code o} priced in the rank currency when a rate allows, else in its own (a combined offer maybe not at all). */
  private static Priced priced(QuoteResult r, Offer o) {
    List<Priced> ranked = r.rates() == null ? List.of() : priced(r, List.of(o));
    return ranked.isEmpty() ? own(o).orElse(new Priced(o, null, null, null)) : ranked.get(0);
  }

  private static Choice refused(Refusal refusal, String why) {
    return new Choice(null, refusal, why, null, null, null);
  }

  private static Choice mixed(List<Currency> cs) {
    List<String> codes = cs.stream().map(QuoteChooser::code).sorted().toList();
    return refused(Refusal.MIXED_CURRENCIES, "no offer chosen: quotes are in " + String.join(" and ", codes)
        + "; narrow with inCurrency(...) or give withRates(...), Shipbridge never converts on its own");
  }

  private static Choice noRate(QuoteResult r, List<Offer> offers) {
    return refused(Refusal.NO_EXCHANGE_RATE, "no offer chosen: no rate given converts "
        + String.join(", ", currencies(offers).stream().map(QuoteChooser::code).sorted().toList()) + " into "
        + code(r.rankCurrency()));
  }

  private static String failed(QuoteResult r) {
    return r.failures().isEmpty() ? "" : " (" + r.failures().size() + " carrier(s) did not quote)";
  }

  private static String count(int n) {
    return n == 1 ? "1 offer" : n + " offers";
  }

  private static String code(Currency c) {
    return c.getCurrencyCode();
  }
}
