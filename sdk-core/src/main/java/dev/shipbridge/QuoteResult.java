package dev.shipbridge;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.CombinedOffer;
import dev.shipbridge.model.ConvertedPrice;
import dev.shipbridge.model.ExchangeRates;
import dev.shipbridge.model.Leg;
import dev.shipbridge.model.Quote;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The answer to a quote fan-out: the quotes of every carrier that answered, and one failure per
 * carrier that did not. One carrier down never hides the others.
 *
 * <p>{@link #covering}, {@link #withinDays}, {@link #inCurrency} and {@link #withRates} narrow;
 * the choosers then choose. Two currencies are never compared without your {@link ExchangeRates}
 * (refused as {@link Choice.Refusal#MIXED_CURRENCIES}, never thrown). {@link #combined()} holds
 * offers made of two carriers' legs ({@link CombinedOffer}), weighed by the narrowing methods and
 * the {@code ...Choice()} methods; {@link #cheapest()} and {@link #fastest()} choose single quotes.
 *
 * <pre>{@code
 * QuoteResult result = shipbridge.quote(request);
 * Choice best = result.covering(Leg.values()).withinDays(10).inCurrency("USD").cheapestChoice();
 * best.quote().ifPresentOrElse(q -> buy(q), () -> log.warn("no offer: {}", best.explanation()));
 * result.failures().forEach(f -> log.warn("{} did not quote: {}", f.carrier(), f.message()));
 * }</pre>
 *
 * @param quotes the quotes, cheapest first within each currency
 * @param failures the carriers that did not quote, and why
 * @param rates rates to rank across currencies, or null (the default: no conversion)
 * @param rankCurrency the currency prices are ranked in when {@code rates} are given, else null
 * @param combined the combined offers (first leg of one carrier, last mile of another), cheapest first within each currency
 */
public record QuoteResult(List<Quote> quotes, List<CarrierFailure> failures, ExchangeRates rates,
    Currency rankCurrency, List<CombinedOffer> combined) {
  private static final Comparator<CombinedOffer> COMBINED_BY_PRICE = Comparator
      .comparing((CombinedOffer o) -> String.join("+", o.currencies().stream().map(Currency::getCurrencyCode).toList()))
      .thenComparing(o -> o.total().map(dev.shipbridge.model.Money::amount).orElse(null),
          Comparator.nullsLast(Comparator.naturalOrder())) // legs in two currencies are never added up
      .thenComparing(o -> o.firstLeg().total().amount())
      .thenComparing(o -> o.lastLeg().total().amount())
      .thenComparing(o -> o.transitDays() == null ? Integer.MAX_VALUE : o.transitDays());
  private static final Comparator<Quote> BY_PRICE = Comparator
      .comparing((Quote q) -> q.total().currency().getCurrencyCode())
      .thenComparing(q -> q.total().amount())
      .thenComparing(q -> q.transitDays() == null ? Integer.MAX_VALUE : q.transitDays());

  public QuoteResult {
    quotes = quotes.stream().sorted(BY_PRICE).collect(Collectors.toUnmodifiableList());
    failures = List.copyOf(failures);
    combined = combined == null ? List.of()
        : combined.stream().sorted(COMBINED_BY_PRICE).collect(Collectors.toUnmodifiableList());
    if ((rates == null) != (rankCurrency == null)) {
      throw ValidationException.of("rates", "rates and rankCurrency are given together or not at all");
    }
  }

  /** Quotes and failures, no exchange rates. */
  public QuoteResult(List<Quote> quotes, List<CarrierFailure> failures) {
    this(quotes, failures, null, null, List.of());
  }

  /** The currencies the quotes are in. */
  public List<Currency> currencies() {
    return quotes.stream().map(q -> q.total().currency()).distinct().toList();
  }

  /** The quotes, cheapest first within each currency. */
  public Stream<Quote> stream() {
    return quotes.stream();
  }

  /** No quote and no combined offer. */
  public boolean isEmpty() {
    return quotes.isEmpty() && combined.isEmpty();
  }

  // ------------------------------------------------------------------ narrowing

  /**
   * The quotes whose price covers every one of {@code legs}: {@code covering(Leg.values())} are
   * the door-to-door offers.
   */
  public QuoteResult covering(Set<Leg> legs) {
    Set<Leg> wanted = legs.isEmpty() ? EnumSet.noneOf(Leg.class) : EnumSet.copyOf(legs);
    return narrowed(q -> q.legs().containsAll(wanted), o -> o.covers().containsAll(wanted));
  }

  /** {@link #covering(Set)} with the legs listed. */
  public QuoteResult covering(Leg... legs) {
    return covering(Set.copyOf(Arrays.asList(legs)));
  }

  /**
   * The quotes whose slowest known transit is at most {@code days}; quotes without days are left
   * out. A combined offer counts the sum of its legs' slowest days.
   */
  public QuoteResult withinDays(int days) {
    return narrowed(q -> q.transitDays() != null && q.transitDays() <= days,
        o -> o.transitDays() != null && o.transitDays() <= days);
  }

  /** The quotes priced in {@code currency}; combined offers whose legs are all priced in it. */
  public QuoteResult inCurrency(Currency currency) {
    Objects.requireNonNull(currency, "currency");
    return narrowed(q -> q.total().currency().equals(currency), o -> o.currencies().equals(List.of(currency)));
  }

  /** {@link #inCurrency(Currency)} by ISO 4217 code. */
  public QuoteResult inCurrency(String currencyCode) {
    return inCurrency(dev.shipbridge.model.Money.currency(currencyCode));
  }

  /** The quotes of one carrier, cheapest first. */
  public List<Quote> of(CarrierId carrier) {
    return quotes.stream().filter(q -> q.carrier().equals(carrier)).toList();
  }

  /**
   * The same quotes ranked in {@code currency} with your {@code rates} (a quote no rate converts
   * is left out of the choice; nothing is fetched).
   */
  public QuoteResult withRates(ExchangeRates rates, Currency currency) {
    Objects.requireNonNull(rates, "rates");
    Objects.requireNonNull(currency, "currency");
    return new QuoteResult(quotes, failures, rates, currency, combined);
  }

  /** A quote's price in the rank currency (as is without rates); empty when no rate converts it. */
  public Optional<ConvertedPrice> converted(Quote quote) {
    return QuoteChooser.price(quote, rates, rankCurrency);
  }

  /** A combined offer's total: its own (no rates set), or each leg in the rank currency; else empty. */
  public Optional<CombinedOffer.Total> converted(CombinedOffer offer) {
    return QuoteChooser.total(offer, rates, rankCurrency);
  }

  // ------------------------------------------------------------------ choosing

  /**
   * The cheapest quote, with why it was chosen or why none could be. Without rates the quotes
   * must share one currency ({@link Choice.Refusal#MIXED_CURRENCIES} otherwise).
   */
  public Choice cheapestChoice() {
    return QuoteChooser.cheapest(this);
  }

  /**
   * The quote with the fewest transit days (its slowest estimate). Ties are broken by a commitment
   * before an estimate, then by the fewer minimum days, then by price <em>within one currency</em>
   * (or in the rank currency with rates). Ties still in several currencies are never compared by
   * amount: the cheapest of each currency competes, and the lowest carrier id then service code wins.
   */
  public Choice fastestChoice() {
    return QuoteChooser.fastest(this);
  }

  /**
   * The cheapest single quote (combined offers left aside: {@link #cheapestChoice()} weighs them);
   * empty when there is none or it would compare currencies.
   */
  public Optional<Quote> cheapest() {
    return singles().cheapestChoice().quote();
  }

  /** The cheapest quote in {@code currency}. */
  public Optional<Quote> cheapest(Currency currency) {
    return inCurrency(currency).cheapest();
  }

  /** The fastest single quote (see {@link #fastestChoice()} for the tie rule; combined offers left aside). */
  public Optional<Quote> fastest() {
    return singles().fastestChoice().quote();
  }

  /** The cheapest quote whose slowest estimate is at most {@code days}: {@code withinDays(days).cheapest()}. */
  public Optional<Quote> cheapestWithin(int days) {
    return withinDays(days).cheapest();
  }

  public Optional<Quote> cheapestWithin(int days, Currency currency) {
    return withinDays(days).inCurrency(currency).cheapest();
  }

  private QuoteResult narrowed(Predicate<Quote> keep, Predicate<CombinedOffer> keepCombined) {
    return new QuoteResult(quotes.stream().filter(keep).toList(), failures, rates, rankCurrency,
        combined.stream().filter(keepCombined).toList());
  }

  private QuoteResult singles() {
    return combined.isEmpty() ? this : new QuoteResult(quotes, failures, rates, rankCurrency, List.of());
  }

  /**
   * A choice: the quote chosen and why, or the typed reason none could be chosen.
   *
   * <pre>{@code
   * Choice c = result.withinDays(10).cheapestChoice();
   * System.out.println(c.quote().map(Quote::serviceName).orElse("none") + ": " + c.explanation());
   * }</pre>
   *
   * @param chosen the quote, or null when refused or when a combined offer was chosen
   * @param refusal null when an offer was chosen, else why none was
   * @param explanation one sentence for people ("cheapest of 3 offers in USD", "no offer: quotes are in CNY and USD ...")
   * @param price the chosen quote's price in the rank currency (with the rate), or null
   * @param chosenCombined the combined offer chosen, or null
   * @param combinedTotal the chosen combined offer's total (each leg with its rate), or null when it has none
   */
  public record Choice(Quote chosen, Refusal refusal, String explanation, ConvertedPrice price,
      CombinedOffer chosenCombined, CombinedOffer.Total combinedTotal) {
    /** Why no quote could be chosen. */
    public enum Refusal {
      /** No quote is left (none answered, or the narrowing removed every one). */
      NO_QUOTES,
      /** The quotes are in several currencies and no exchange rates were given. */
      MIXED_CURRENCIES,
      /** Rates were given but none converts any quote into the rank currency. */
      NO_EXCHANGE_RATE,
      /** No quote states its transit days (for {@code fastest}). */
      NO_TRANSIT_DAYS
    }

    /** The chosen quote; empty when refused or when a combined offer was chosen ({@link #combined()}). */
    public Optional<Quote> quote() {
      return Optional.ofNullable(chosen);
    }

    /** The chosen combined offer; empty when refused or when a single quote was chosen. */
    public Optional<CombinedOffer> combined() {
      return Optional.ofNullable(chosenCombined);
    }

    /** Whether a quote or a combined offer was chosen. */
    public boolean isPresent() {
      return chosen != null || chosenCombined != null;
    }
  }
}
