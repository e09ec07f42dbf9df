package dev.shipbridge;

import dev.shipbridge.QuoteResult.Choice;
import dev.shipbridge.QuoteResult.Choice.Refusal;
import dev.shipbridge.model.ConvertedPrice;
import dev.shipbridge.model.DaysBasis;
import dev.shipbridge.model.ExchangeRate;
import dev.shipbridge.model.ExchangeRates;
import dev.shipbridge.model.Quote;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The choosing rules of {@link QuoteResult}; never compares two currencies without a rate. */
final class QuoteChooser {
  private static final Comparator<Quote> BY_DAYS_THEN_NAME = Comparator
      .comparing((Quote q) -> q.carrier().toString()).thenComparing(Quote::serviceCode);

  private QuoteChooser() {}

  static Optional<ConvertedPrice> price(Quote q, ExchangeRates rates, Currency rankCurrency) {
    Currency from = q.total().currency();
    if (rates == null || from.equals(rankCurrency)) return Optional.of(new ConvertedPrice(q.total(), q.total(), null));
    Optional<ExchangeRate> rate = rates.rate(from, rankCurrency);
    if (rate.isEmpty() || !rate.get().from().equals(from) || !rate.get().to().equals(rankCurrency)) {
      return Optional.empty();
    }
    return Optional.of(new ConvertedPrice(q.total(), q.total().convert(rate.get()), rate.get()));
  }

  static Choice cheapest(QuoteResult r) {
    if (r.quotes().isEmpty()) return refused(Refusal.NO_QUOTES, "no offer left" + failed(r));
    if (r.rates() == null) {
      List<Currency> cs = r.currencies();
      if (cs.size() > 1) return mixed(cs);
      Quote best = r.quotes().stream().min(Comparator.comparing((Quote q) -> q.total().amount())
          .thenComparing(q -> q.transitDays() == null ? Integer.MAX_VALUE : q.transitDays())).orElseThrow();
      return chosen(best, "cheapest of " + count(r.quotes().size()) + " in " + code(cs.get(0)), r);
    }
    List<Priced> priced = priced(r, r.quotes());
    if (priced.isEmpty()) return noRate(r);
    Priced best = priced.stream().min(Comparator.comparing((Priced p) -> p.price.converted().amount())
        .thenComparing(p -> p.quote.transitDays() == null ? Integer.MAX_VALUE : p.quote.transitDays())).orElseThrow();
    return new Choice(best.quote, null, "cheapest of " + count(priced.size()) + " ranked in " + code(r.rankCurrency())
        + ranked(r, priced, best), best.price);
  }

  static Choice fastest(QuoteResult r) {
    if (r.quotes().isEmpty()) return refused(Refusal.NO_QUOTES, "no offer left" + failed(r));
    List<Quote> timed = r.quotes().stream().filter(q -> q.transitDays() != null).toList();
    if (timed.isEmpty()) {
      return refused(Refusal.NO_TRANSIT_DAYS, "no offer states its transit days (" + count(r.quotes().size()) + ")");
    }
    int days = timed.stream().mapToInt(Quote::transitDays).min().orElseThrow();
    List<Quote> ties = timed.stream().filter(q -> q.transitDays() == days).toList();
    DaysBasis basis = ties.stream().map(Quote::daysBasis).min(Comparator.naturalOrder()).orElseThrow();
    ties = ties.stream().filter(q -> q.daysBasis() == basis).toList();
    int min = ties.stream().mapToInt(QuoteChooser::minDays).min().orElseThrow();
    ties = ties.stream().filter(q -> minDays(q) == min).toList();
    String why = "fastest: " + days + " day(s), " + basis.name().toLowerCase(java.util.Locale.ROOT)
        + ", of " + count(timed.size()) + " with days";
    if (ties.size() == 1) return chosen(ties.get(0), why, r);
    if (r.rates() != null) {
      List<Priced> priced = priced(r, ties);
      if (!priced.isEmpty()) {
        Priced best = priced.stream().min(Comparator.comparing((Priced p) -> p.price.converted().amount())).orElseThrow();
        return new Choice(best.quote, null, why + "; " + ties.size() + " tied, cheapest in " + code(r.rankCurrency())
            + ranked(r, priced, best), best.price);
      }
    }
    Map<Currency, Quote> cheapestPerCurrency = new LinkedHashMap<>();
    for (Quote q : ties) {
      cheapestPerCurrency.merge(q.total().currency(), q, (a, b) -> b.total().amount().compareTo(a.total().amount()) < 0 ? b : a);
    }
    if (cheapestPerCurrency.size() == 1) {
      Quote best = cheapestPerCurrency.values().iterator().next();
      return chosen(best, why + "; " + ties.size() + " tied, cheapest in " + code(best.total().currency()), r);
    }
    Quote best = cheapestPerCurrency.values().stream().min(BY_DAYS_THEN_NAME).orElseThrow();
    List<String> codes = cheapestPerCurrency.keySet().stream().map(QuoteChooser::code).sorted().toList();
    return chosen(best, why + "; tied in " + String.join(" and ", codes)
        + ", prices in different currencies not compared: chosen by carrier id, then service code", r);
  }

  private static int minDays(Quote q) {
    return q.minTransitDays() != null ? q.minTransitDays() : q.transitDays();
  }

  private record Priced(Quote quote, ConvertedPrice price) {}

  private static List<Priced> priced(QuoteResult r, List<Quote> quotes) {
    List<Priced> out = new ArrayList<>();
    for (Quote q : quotes) r.converted(q).ifPresent(p -> out.add(new Priced(q, p)));
    return out;
  }

  private static String ranked(QuoteResult r, List<Priced> priced, Priced best) {
    int left = r.quotes().size() - priced.size();
    String out = left > 0 ? " (" + count(left) + " without a rate left out)" : "";
    return best.price.isConverted() ? out + "; " + best.price : out;
  }

  private static Choice chosen(Quote q, String why, QuoteResult r) {
    ConvertedPrice p = price(q, r.rates(), r.rankCurrency()).orElse(new ConvertedPrice(q.total(), q.total(), null));
    return new Choice(q, null, why, p);
  }

  private static Choice refused(Refusal refusal, String why) {
    return new Choice(null, refusal, why, null);
  }

  private static Choice mixed(List<Currency> cs) {
    List<String> codes = cs.stream().map(QuoteChooser::code).sorted().toList();
    return refused(Refusal.MIXED_CURRENCIES, "no offer chosen: quotes are in " + String.join(" and ", codes)
        + "; narrow with inCurrency(...) or give withRates(...), Shipbridge never converts on its own");
  }

  private static Choice noRate(QuoteResult r) {
    return refused(Refusal.NO_EXCHANGE_RATE, "no offer chosen: no rate given converts "
        + String.join(", ", r.currencies().stream().map(QuoteChooser::code).sorted().toList()) + " into "
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
