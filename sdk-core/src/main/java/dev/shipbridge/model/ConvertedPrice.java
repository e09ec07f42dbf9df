package dev.shipbridge.model;

import java.util.Currency;
import java.util.Optional;

/**
 * A price converted into another currency, with everything needed to show how: the original
 * amount, the converted amount and the rate with its source and date.
 *
 * <pre>{@code
 * result.withRates(rates, usd).converted(quote)
 *     .ifPresent(p -> System.out.println(p));   // 20.40 CNY = 2.82 USD at 1 CNY = 0.138 USD (ECB, 2026-12-01T16:00:00Z)
 * }</pre>
 *
 * @param original the carrier's price, as quoted
 * @param converted the price in the target currency, rounded to the currency's digits (half-even)
 * @param rate the rate applied; null when no conversion was needed (same currency)
 */
public record ConvertedPrice(Money original, Money converted, ExchangeRate rate) {
  /**
   * {@code price} in {@code currency}: as is when already in it, converted with {@code rates}
   * otherwise; empty when no rate (or no {@code rates}) converts it.
   */
  public static Optional<ConvertedPrice> in(Currency currency, Money price, ExchangeRates rates) {
    if (price.currency().equals(currency)) return Optional.of(new ConvertedPrice(price, price, null));
    Optional<ExchangeRate> rate = rates == null ? Optional.empty() : rates.rate(price.currency(), currency);
    if (rate.isEmpty() || !rate.get().from().equals(price.currency()) || !rate.get().to().equals(currency)) {
      return Optional.empty();
    }
    return Optional.of(new ConvertedPrice(price, price.convert(rate.get()), rate.get()));
  }

  /** Whether a rate was applied. */
  public boolean isConverted() {
    return rate != null;
  }

  @Override
  public String toString() {
    if (rate == null) return original.format();
    return original.format() + " = " + converted.format() + " at " + rate;
  }
}
