package dev.shipbridge.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MoneyAndRatesTest {
  private static final Instant DAY = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void formatPadsToTheCurrencysDigitsAndKeepsExtraDigits() {
    assertThat(Money.of("20.4", "CNY").format()).isEqualTo("20.40 CNY");
    assertThat(Money.of("6.25", "USD").format()).isEqualTo("6.25 USD");
    assertThat(Money.of("7", "USD").format()).isEqualTo("7.00 USD");
    assertThat(Money.of("1500", "JPY").format()).isEqualTo("1500 JPY");
    assertThat(Money.of("0.125", "USD").format()).isEqualTo("0.125 USD");
  }

  @Test
  void formatInALocaleUsesItsMarksAndSymbol() {
    assertThat(Money.of("1234.5", "USD").format(Locale.US)).isEqualTo("$1,234.50");
    assertThat(Money.of("1234.5", "EUR").format(Locale.GERMANY)).contains("1.234,50").contains("€");
  }

  @Test
  void convertRoundsHalfEvenToTheTargetDigitsAndRefusesAWrongRate() {
    ExchangeRate r = ExchangeRate.of("CNY", "USD", "0.1385", "desk", DAY);
    assertThat(Money.of("20.40", "CNY").convert(r)).isEqualTo(Money.of("2.83", "USD"));
    assertThatThrownBy(() -> Money.of("1", "EUR").convert(r)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fixedRatesAnswerBothWaysAndNothingElse() {
    ExchangeRates rates = ExchangeRates.fixed().rate(ExchangeRate.of("USD", "CNY", "8", "desk", DAY)).build();
    assertThat(rates.rate(Currency.getInstance("CNY"), Currency.getInstance("USD")))
        .get().satisfies(x -> {
          assertThat(x.rate()).isEqualByComparingTo("0.125");
          assertThat(x.source()).isEqualTo("desk");
          assertThat(x.asOf()).isEqualTo(DAY);
        });
    assertThat(rates.rate(Currency.getInstance("EUR"), Currency.getInstance("USD"))).isEmpty();
  }

  @Test
  void aRateMustBePositiveAndSourced() {
    assertThatThrownBy(() -> ExchangeRate.of("USD", "CNY", "0", " ", DAY)).isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(((ValidationException) e).violations()).hasSize(2));
  }

  @Test
  void aQuoteStatesItsDaysBasisAndStaleness() {
    Quote none = Quote.builder(CarrierId.USPS, "GA", Money.of("5", "USD")).build();
    assertThat(none.daysBasis()).isEqualTo(DaysBasis.UNKNOWN);
    Quote est = Quote.builder(CarrierId.USPS, "GA", Money.of("5", "USD")).transitDays(2, 5).build();
    assertThat(est.daysBasis()).isEqualTo(DaysBasis.ESTIMATE);
    Quote committed = est.withDays(2, 2, null, DaysBasis.COMMITMENT);
    assertThat(committed.daysBasis()).isEqualTo(DaysBasis.COMMITMENT);
    assertThat(committed.isStale()).isFalse();
    assertThat(committed.asStale(Duration.ofMinutes(5)).staleAge()).isEqualTo(Duration.ofMinutes(5));
    Quote dated = est.withDays(null, null, java.time.LocalDate.of(2026, 12, 7), DaysBasis.COMMITMENT);
    assertThat(dated.transitDaysText()).isEqualTo("by 2026-12-07");
  }
}
