package dev.shipbridge.model;

import dev.shipbridge.ValidationException;
import dev.shipbridge.spi.support.Checks;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in one ISO 4217 currency. Arithmetic is only defined within one currency: adding
 * dollars to yuan throws, since Shipbridge never converts silently.
 *
 * <pre>{@code
 * Money total = Money.of("7.85", "USD").plus(Money.of("1.10", "USD"));
 * }</pre>
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {
  /** Most digits before the decimal point (a quintillion minus one in any currency). */
  static final int MAX_INTEGER_DIGITS = 18;
  /** Most digits after the decimal point. */
  static final int MAX_SCALE = 18;

  public Money {
    Checks c = new Checks();
    if (c.notNull("amount", amount)) {
      if ((long) amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
        c.add("amount", "is out of range (more than " + MAX_INTEGER_DIGITS + " digits before the decimal point)");
      }
      if (amount.scale() > MAX_SCALE) {
        c.add("amount", "has more than " + MAX_SCALE + " decimal places");
      }
    }
    c.notNull("currency", currency);
    c.throwIfAny();
  }

  /** {@code Money.of("12.30", "USD")}; an unknown currency code is a {@link ValidationException}. */
  public static Money of(String amount, String currencyCode) {
    return new Money(Weight.parse("amount", amount), currency(currencyCode));
  }

  public static Money of(BigDecimal amount, String currencyCode) {
    return new Money(amount, currency(currencyCode));
  }

  public static Money zero(Currency currency) {
    return new Money(BigDecimal.ZERO, currency);
  }

  /** The {@link Currency} for an ISO 4217 code, or a {@link ValidationException}. */
  public static Currency currency(String code) {
    try {
      if (code != null && code.length() == 3) return Currency.getInstance(code);
    } catch (IllegalArgumentException notACode) {
      // refused below
    }
    throw ValidationException.of("currency", "is not an ISO 4217 currency code");
  }

  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.add(other.amount), currency);
  }

  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.subtract(other.amount), currency);
  }

  public Money times(long factor) {
    return new Money(amount.multiply(BigDecimal.valueOf(factor)), currency);
  }

  public boolean isPositive() {
    return amount.signum() > 0;
  }

  /** Orders amounts of the same currency; comparing two currencies throws. */
  @Override
  public int compareTo(Money o) {
    requireSameCurrency(o);
    return amount.compareTo(o.amount);
  }

  /** Same currency and numerically equal amount ({@code 1.0 USD} is {@code 1.00 USD}). */
  public boolean isSameAs(Money o) {
    return currency.equals(o.currency) && amount.compareTo(o.amount) == 0;
  }

  private void requireSameCurrency(Money other) {
    Objects.requireNonNull(other, "other");
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException(
          "cannot combine " + currency.getCurrencyCode() + " with " + other.currency.getCurrencyCode()
              + "; Shipbridge never converts currencies");
    }
  }

  /**
   * For display: the amount with at least the currency's usual digits, then the code ({@code 20.40 CNY},
   * {@code 6.25 USD}, {@code 1500 JPY}). More digits than usual are kept, never rounded away.
   */
  public String format() {
    return displayAmount().toPlainString() + " " + currency.getCurrencyCode();
  }

  /**
   * For display in a locale: the locale's grouping, decimal mark and currency symbol
   * ({@code $1,234.50} in {@code Locale.US}, {@code 1.234,50 €} in {@code Locale.GERMANY}).
   */
  public String format(java.util.Locale locale) {
    java.text.NumberFormat f = java.text.NumberFormat.getCurrencyInstance(locale);
    f.setCurrency(currency);
    BigDecimal shown = displayAmount();
    f.setMinimumFractionDigits(shown.scale());
    f.setMaximumFractionDigits(shown.scale());
    return f.format(shown);
  }

  /**
   * This amount in {@code rate.to()}, rounded half-even to that currency's usual digits; the rate
   * must convert from this amount's currency.
   */
  public Money convert(ExchangeRate rate) {
    Objects.requireNonNull(rate, "rate");
    if (!rate.from().equals(currency)) {
      throw new IllegalArgumentException("the rate converts " + rate.from().getCurrencyCode() + ", not "
          + currency.getCurrencyCode());
    }
    int digits = Math.max(0, rate.to().getDefaultFractionDigits());
    return new Money(amount.multiply(rate.rate()).setScale(digits, java.math.RoundingMode.HALF_EVEN), rate.to());
  }

  private BigDecimal displayAmount() {
    int digits = Math.max(0, currency.getDefaultFractionDigits());
    return amount.scale() >= digits ? amount : amount.setScale(digits);
  }

  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }
}
