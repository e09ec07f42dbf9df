package dev.shipbridge.model;

import dev.shipbridge.spi.support.Checks;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An offer made of two carriers' quotes: one ending where another takes over (a Cainiao solution
 * ending at US induction) and the other's last mile from there (USPS), beside the door-to-door
 * quotes in {@link dev.shipbridge.QuoteResult#combined()}.
 *
 * <pre>{@code
 * for (CombinedOffer o : result.combined()) {
 *   System.out.println(o.serviceName() + ": " + o.transitDaysText() + " days (" + o.daysBasis() + "), "
 *       + o.total().map(Money::format).orElse("no total: legs in " + o.currencies()));
 *   o.legs().forEach(q -> System.out.println("  " + q.carrier() + " " + q.serviceName() + " " + q.total().format()));
 * }
 * }</pre>
 *
 * <p>{@link #total()} exists only when both legs share a currency; {@link #total(ExchangeRates,
 * Currency)} converts with your rates. Buying one is not supported.
 *
 * @param firstLeg the quote that ends at the handover point (it does not cover {@link Leg#LAST_MILE})
 * @param lastLeg the quote from the handover point to the door (it covers {@link Leg#LAST_MILE})
 * @param handover where the first carrier hands the parcel over (a US induction facility)
 */
public record CombinedOffer(Quote firstLeg, Quote lastLeg, Address handover) {

  public CombinedOffer {
    Checks c = new Checks();
    c.notNull("firstLeg", firstLeg);
    c.notNull("lastLeg", lastLeg);
    c.notNull("handover", handover);
    if (firstLeg != null && firstLeg.legs().contains(Leg.LAST_MILE)) c.add("firstLeg", "covers the last mile");
    if (lastLeg != null && !lastLeg.legs().contains(Leg.LAST_MILE)) c.add("lastLeg", "does not cover the last mile");
    c.throwIfAny();
  }

  /** The two quotes, first leg first. */
  public List<Quote> legs() {
    return List.of(firstLeg, lastLeg);
  }

  /** The legs of the journey the two quotes cover together. */
  public Set<Leg> covers() {
    Set<Leg> all = EnumSet.noneOf(Leg.class);
    all.addAll(firstLeg.legs());
    all.addAll(lastLeg.legs());
    return Set.copyOf(all);
  }

  /** "cainiao Cainiao Line to LAX + usps Priority Mail" for display. */
  public String serviceName() {
    return firstLeg.carrier() + " " + firstLeg.serviceName() + " + " + lastLeg.carrier() + " " + lastLeg.serviceName();
  }

  /** The fewest days door to door: the sum of each leg's fewest days; null when a leg has no days. */
  public Integer minTransitDays() {
    Integer a = minDays(firstLeg);
    Integer b = minDays(lastLeg);
    return a == null || b == null ? null : a + b;
  }

  /** The most days door to door: the sum of each leg's most days; null when a leg has no days. */
  public Integer maxTransitDays() {
    Integer a = firstLeg.transitDays();
    Integer b = lastLeg.transitDays();
    return a == null || b == null ? null : a + b;
  }

  /** Slowest total when known (as {@link Quote#transitDays()}), else null. */
  public Integer transitDays() {
    return maxTransitDays();
  }

  /** "12-20", "9" or "?" for display. */
  public String transitDaysText() {
    Integer min = minTransitDays();
    Integer max = maxTransitDays();
    if (max == null) return "?";
    return min == null || min.equals(max) ? String.valueOf(max) : min + "-" + max;
  }

  /** The weaker of the legs' bases ({@link DaysBasis#UNKNOWN} when a leg has no days). */
  public DaysBasis daysBasis() {
    if (maxTransitDays() == null) return DaysBasis.UNKNOWN;
    return firstLeg.daysBasis().compareTo(lastLeg.daysBasis()) >= 0 ? firstLeg.daysBasis() : lastLeg.daysBasis();
  }

  /** The currencies of the legs' prices, first leg's first. */
  public List<Currency> currencies() {
    return legs().stream().map(q -> q.total().currency()).distinct().toList();
  }

  /** The sum of the legs' prices when they share one currency; empty otherwise (never converted). */
  public Optional<Money> total() {
    if (currencies().size() != 1) return Optional.empty();
    return Optional.of(firstLeg.total().plus(lastLeg.total()));
  }

  /** The total in {@code currency} with your rates, each leg's rate shown; empty when a leg has no rate. */
  public Optional<Total> total(ExchangeRates rates, Currency currency) {
    Objects.requireNonNull(currency, "currency");
    List<ConvertedPrice> parts = new ArrayList<>();
    Money sum = Money.zero(currency);
    for (Quote q : legs()) {
      Optional<ConvertedPrice> p = ConvertedPrice.in(currency, q.total(), rates);
      if (p.isEmpty()) return Optional.empty();
      parts.add(p.get());
      sum = sum.plus(p.get().converted());
    }
    return Optional.of(new Total(sum, parts));
  }

  private static Integer minDays(Quote q) {
    return q.minTransitDays() != null ? q.minTransitDays() : q.transitDays();
  }

  /**
   * A combined offer's total in one currency and how each leg got there.
   *
   * @param amount the sum of the legs in the target currency
   * @param legs each leg's price, original and converted (with its rate when one was applied)
   */
  public record Total(Money amount, List<ConvertedPrice> legs) {
    public Total {
      Objects.requireNonNull(amount, "amount");
      legs = List.copyOf(legs);
    }

    /** Whether a rate was applied to any leg. */
    public boolean isConverted() {
      return legs.stream().anyMatch(ConvertedPrice::isConverted);
    }

    /** "8.21 USD + 6.25 USD = 14.46 USD (58.30 CNY = 8.21 USD at ...)". */
    @Override
    public String toString() {
      StringBuilder s = new StringBuilder();
      for (ConvertedPrice p : legs) s.append(s.length() == 0 ? "" : " + ").append(p.converted().format());
      s.append(" = ").append(amount.format());
      for (ConvertedPrice p : legs) if (p.isConverted()) s.append(" (").append(p).append(')');
      return s.toString();
    }
  }
}
