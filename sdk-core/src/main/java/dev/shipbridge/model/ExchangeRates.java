package dev.shipbridge.model;

import java.util.Currency;
import java.util.Optional;

/**
 * Exchange rates you supply, so a {@link dev.shipbridge.QuoteResult} can rank prices in different
 * currencies. Shipbridge ships no implementation that fetches rates from the network: use {@link
 * #fixed()} with rates you trust, or implement this interface over your own source.
 *
 * <pre>{@code
 * ExchangeRates rates = ExchangeRates.fixed()
 *     .rate(ExchangeRate.of("CNY", "USD", "0.138", "treasury desk", Instant.parse("2026-12-01T00:00:00Z")))
 *     .build();
 * Quote best = result.withRates(rates, Currency.getInstance("USD")).cheapest().orElseThrow();
 * }</pre>
 */
public interface ExchangeRates {
  /** The rate converting {@code from} into {@code to}, or empty when you have none. */
  Optional<ExchangeRate> rate(Currency from, Currency to);

  /** A builder of a fixed table of rates (each usable both ways). */
  static FixedExchangeRates.Builder fixed() {
    return FixedExchangeRates.builder();
  }
}
