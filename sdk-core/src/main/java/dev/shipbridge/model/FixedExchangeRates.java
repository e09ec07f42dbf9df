package dev.shipbridge.model;

import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ExchangeRates} from a fixed table: a rate given one way also answers the other way
 * (inverted), unless that way is given too. Immutable and thread-safe.
 *
 * <pre>{@code
 * ExchangeRates rates = ExchangeRates.fixed()
 *     .rate(ExchangeRate.of("USD", "CNY", "7.24", "finance team", Instant.parse("2026-12-01T00:00:00Z")))
 *     .build();
 * }</pre>
 */
public final class FixedExchangeRates implements ExchangeRates {
  private final Map<String, ExchangeRate> table;

  private FixedExchangeRates(Map<String, ExchangeRate> table) {
    this.table = Map.copyOf(table);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Optional<ExchangeRate> rate(Currency from, Currency to) {
    if (from == null || to == null) return Optional.empty();
    return Optional.ofNullable(table.get(key(from, to)));
  }

  /** Every rate of the table, given and inverted. */
  public List<ExchangeRate> rates() {
    return List.copyOf(table.values());
  }

  @Override
  public String toString() {
    return "FixedExchangeRates" + table.values();
  }

  private static String key(Currency from, Currency to) {
    return from.getCurrencyCode() + ">" + to.getCurrencyCode();
  }

  /** Builds a {@link FixedExchangeRates}. */
  public static final class Builder {
    private final Map<String, ExchangeRate> given = new LinkedHashMap<>();

    private Builder() {}

    /** Adds a rate; a later rate for the same pair replaces an earlier one. */
    public Builder rate(ExchangeRate rate) {
      java.util.Objects.requireNonNull(rate, "rate");
      given.put(key(rate.from(), rate.to()), rate);
      return this;
    }

    public FixedExchangeRates build() {
      Map<String, ExchangeRate> all = new LinkedHashMap<>(given);
      for (ExchangeRate r : given.values()) {
        if (!r.from().equals(r.to())) all.putIfAbsent(key(r.to(), r.from()), r.inverse());
      }
      return new FixedExchangeRates(all);
    }
  }
}
