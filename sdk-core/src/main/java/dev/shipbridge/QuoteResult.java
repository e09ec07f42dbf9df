package dev.shipbridge;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.ServiceLevel;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The answer to a quote fan-out: the quotes of every carrier that answered, and one failure per
 * carrier that did not. One carrier down never hides the others.
 *
 * <p>Quotes are sorted by price within each currency (currencies are never converted: a USD and a
 * CNY price are not compared). The choosers take a currency when the quotes hold more than one.
 *
 * <pre>{@code
 * QuoteResult result = shipbridge.quote(request);
 * Quote best = result.cheapestWithin(7).orElseThrow();
 * result.failures().forEach(f -> log.warn("{} did not quote: {}", f.carrier(), f.message()));
 * }</pre>
 */
public record QuoteResult(List<Quote> quotes, List<CarrierFailure> failures) {
  private static final Comparator<Quote> BY_PRICE = Comparator
      .comparing((Quote q) -> q.total().currency().getCurrencyCode())
      .thenComparing(q -> q.total().amount())
      .thenComparing(q -> q.transitDays() == null ? Integer.MAX_VALUE : q.transitDays());

  public QuoteResult {
    quotes = quotes.stream().sorted(BY_PRICE).collect(Collectors.toUnmodifiableList());
    failures = List.copyOf(failures);
  }

  /** The currencies the quotes are in. */
  public List<Currency> currencies() {
    return quotes.stream().map(q -> q.total().currency()).distinct().toList();
  }

  /** The cheapest quote; needs the quotes to share one currency (else use {@link #cheapest(Currency)}). */
  public Optional<Quote> cheapest() {
    return cheapest(singleCurrency());
  }

  public Optional<Quote> cheapest(Currency currency) {
    return inCurrency(currency).min(Comparator.comparing(q -> q.total().amount()));
  }

  /** The quote with the fewest transit days (slowest estimate), cheapest among ties. */
  public Optional<Quote> fastest() {
    return quotes.stream().filter(q -> q.transitDays() != null)
        .min(Comparator.comparing(Quote::transitDays).thenComparing(q -> q.total().amount()));
  }

  /** The cheapest quote whose slowest estimate is at most {@code days}. */
  public Optional<Quote> cheapestWithin(int days) {
    return cheapestWithin(days, singleCurrency());
  }

  public Optional<Quote> cheapestWithin(int days, Currency currency) {
    return inCurrency(currency).filter(q -> q.transitDays() != null && q.transitDays() <= days)
        .min(Comparator.comparing(q -> q.total().amount()));
  }

  /** The quotes of one service level, cheapest first. */
  public List<Quote> byServiceLevel(ServiceLevel level) {
    return quotes.stream().filter(q -> q.serviceLevel() == level).toList();
  }

  /**
   * The quotes whose price covers every one of {@code legs}: {@code covering(EnumSet.allOf(Leg.class))}
   * are the door-to-door offers.
   */
  public List<Quote> covering(java.util.Set<dev.shipbridge.model.Leg> legs) {
    return quotes.stream().filter(q -> q.legs().containsAll(legs)).toList();
  }

  /** The quotes of one carrier, cheapest first. */
  public List<Quote> of(CarrierId carrier) {
    return quotes.stream().filter(q -> q.carrier().equals(carrier)).toList();
  }

  public boolean hasFailures() {
    return !failures.isEmpty();
  }

  private java.util.stream.Stream<Quote> inCurrency(Currency currency) {
    return quotes.stream().filter(q -> currency == null || q.total().currency().equals(currency));
  }

  private Currency singleCurrency() {
    List<Currency> cs = currencies();
    if (cs.size() > 1) {
      throw new IllegalStateException("quotes are in " + cs + "; choose with a currency, Shipbridge never converts");
    }
    return cs.isEmpty() ? null : cs.get(0);
  }
}
