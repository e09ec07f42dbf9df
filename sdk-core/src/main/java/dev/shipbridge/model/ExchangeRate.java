package dev.shipbridge.model;

import dev.shipbridge.spi.support.Checks;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

/**
 * One exchange rate: one unit of {@code from} is {@code rate} units of {@code to}, as {@code source}
 * stated it at {@code asOf}. Shipbridge never fetches rates; you supply them.
 *
 * <pre>{@code
 * ExchangeRate r = ExchangeRate.of("CNY", "USD", "0.1380", "ECB reference", Instant.parse("2026-12-01T16:00:00Z"));
 * }</pre>
 *
 * @param from the currency converted from
 * @param to the currency converted to
 * @param rate units of {@code to} per unit of {@code from}, positive
 * @param source who stated the rate (shown beside every converted amount)
 * @param asOf when the rate was stated
 */
public record ExchangeRate(Currency from, Currency to, BigDecimal rate, String source, Instant asOf) {
  public ExchangeRate {
    Checks c = new Checks();
    c.notNull("from", from);
    c.notNull("to", to);
    if (c.notNull("rate", rate) && rate.signum() <= 0) c.add("rate", "must be positive");
    c.notBlank("source", source, 200);
    c.notNull("asOf", asOf);
    c.throwIfAny();
  }

  /** {@code ExchangeRate.of("CNY", "USD", "0.138", "my bank", instant)}. */
  public static ExchangeRate of(String from, String to, String rate, String source, Instant asOf) {
    return new ExchangeRate(Money.currency(from), Money.currency(to), Weight.parse("rate", rate), source, asOf);
  }

  /** The rate the other way round (1 / rate, 12 significant digits), same source and time. */
  public ExchangeRate inverse() {
    return new ExchangeRate(to, from, BigDecimal.ONE.divide(rate, new java.math.MathContext(12)).stripTrailingZeros(),
        source, asOf);
  }

  @Override
  public String toString() {
    return "1 " + from.getCurrencyCode() + " = " + rate.toPlainString() + " " + to.getCurrencyCode()
        + " (" + source + ", " + asOf + ")";
  }
}
