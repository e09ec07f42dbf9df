package dev.shipbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.QuoteResult.Choice.Refusal;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.DaysBasis;
import dev.shipbridge.model.ExchangeRate;
import dev.shipbridge.model.ExchangeRates;
import dev.shipbridge.model.Leg;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.ServiceLevel;
import java.time.Instant;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuoteResultTest {
  private static final Currency USD = Currency.getInstance("USD");
  private static final Instant RATE_DAY = Instant.parse("2026-12-01T16:00:00Z");
  private static final ExchangeRates RATES = ExchangeRates.fixed()
      .rate(ExchangeRate.of("CNY", "USD", "0.14", "test desk", RATE_DAY)).build();

  private static Quote q(String code, String price, String currency, Integer days, ServiceLevel level) {
    return Quote.builder(CarrierId.USPS, code, Money.of(price, currency)).transitDays(days, days).serviceLevel(level).build();
  }

  private static Quote q(String carrier, String code, String price, String currency, Integer days) {
    return Quote.builder(CarrierId.of(carrier), code, Money.of(price, currency)).transitDays(days, days).build();
  }

  private final QuoteResult usd = new QuoteResult(List.of(
      q("EXP", "30", "USD", 2, ServiceLevel.EXPRESS),
      q("ECO", "8", "USD", 12, ServiceLevel.ECONOMY),
      q("STD", "14", "USD", 6, ServiceLevel.STANDARD)), List.of());

  @Test
  void quotesAreSortedByPrice() {
    assertThat(usd.quotes()).extracting(Quote::serviceCode).containsExactly("ECO", "STD", "EXP");
  }

  @Test
  void cheapestFastestAndCheapestWithinChooseAsNamed() {
    assertThat(usd.cheapest()).get().extracting(Quote::serviceCode).isEqualTo("ECO");
    assertThat(usd.fastest()).get().extracting(Quote::serviceCode).isEqualTo("EXP");
    assertThat(usd.cheapestWithin(7)).get().extracting(Quote::serviceCode).isEqualTo("STD");
    assertThat(usd.cheapestWithin(1)).isEmpty();
    assertThat(usd.cheapestChoice().explanation()).isEqualTo("cheapest of 3 offers in USD");
  }

  @Test
  void mixedCurrenciesAreRefusedWithATypedReasonNeverThrown() {
    QuoteResult mixed = new QuoteResult(List.of(q("A", "10", "USD", 5, null), q("B", "50", "CNY", 9, null)), List.of());
    assertThat(mixed.cheapest()).isEmpty();
    QuoteResult.Choice c = mixed.cheapestChoice();
    assertThat(c.refusal()).isEqualTo(Refusal.MIXED_CURRENCIES);
    assertThat(c.explanation()).contains("CNY and USD").contains("never converts");
    assertThat(mixed.cheapestWithin(30)).isEmpty();
    assertThat(mixed.cheapest(Currency.getInstance("CNY"))).get().extracting(Quote::serviceCode).isEqualTo("B");
    assertThat(mixed.inCurrency("USD").cheapest()).get().extracting(Quote::serviceCode).isEqualTo("A");
  }

  @Test
  void anEmptyResultSaysNoQuotesAndAResultWithoutDaysSaysSo() {
    QuoteResult none = new QuoteResult(List.of(), List.of());
    assertThat(none.cheapestChoice().refusal()).isEqualTo(Refusal.NO_QUOTES);
    assertThat(none.fastestChoice().refusal()).isEqualTo(Refusal.NO_QUOTES);
    QuoteResult undated = new QuoteResult(List.of(q("A", "10", "USD", (Integer) null, (ServiceLevel) null)), List.of());
    assertThat(undated.fastestChoice().refusal()).isEqualTo(Refusal.NO_TRANSIT_DAYS);
    assertThat(undated.fastest()).isEmpty();
    assertThat(undated.cheapest()).isPresent();
  }

  @Test
  void fastestTieAcrossCurrenciesIsNeverBrokenByComparingAmounts() {
    // USD 100 vs CNY 50 at 3 days: comparing 50 < 100 across currencies chose the CNY offer.
    Quote dollars = q("alpha", "A", "100", "USD", 3);
    Quote yuan = q("beta", "B", "50", "CNY", 3);
    QuoteResult r = new QuoteResult(List.of(dollars, yuan), List.of());
    assertThat(r.fastest()).contains(dollars);
    assertThat(r.fastestChoice().explanation()).contains("not compared").contains("carrier id");
    // the amounts do not matter: the rule is stated, not price-based
    QuoteResult swapped = new QuoteResult(List.of(q("alpha", "A", "1", "USD", 3), q("beta", "B", "5000", "CNY", 3)), List.of());
    assertThat(swapped.fastest()).get().extracting(Quote::serviceCode).isEqualTo("A");
  }

  @Test
  void fastestTieWithinOneCurrencyGoesToTheCheaperAndACommitmentBeatsAnEstimate() {
    QuoteResult r = new QuoteResult(List.of(q("alpha", "A", "100", "USD", 3), q("beta", "B", "40", "USD", 3)), List.of());
    assertThat(r.fastest()).get().extracting(Quote::serviceCode).isEqualTo("B");
    Quote committed = Quote.builder(CarrierId.of("gamma"), "C", Money.of("90", "USD")).transitDays(3, 3)
        .daysBasis(DaysBasis.COMMITMENT).build();
    QuoteResult withCommitment = new QuoteResult(List.of(q("beta", "B", "40", "USD", 3), committed), List.of());
    assertThat(withCommitment.fastest()).contains(committed);
  }

  @Test
  void fastestTieWithRatesIsBrokenByTheConvertedPrice() {
    QuoteResult r = new QuoteResult(List.of(q("alpha", "A", "100", "USD", 3), q("beta", "B", "50", "CNY", 3)), List.of())
        .withRates(RATES, USD);
    QuoteResult.Choice c = r.fastestChoice();
    assertThat(c.quote()).get().extracting(Quote::serviceCode).isEqualTo("B");
    assertThat(c.price().converted()).isEqualTo(Money.of("7.00", "USD"));
  }

  @Test
  void withRatesRanksAcrossCurrenciesAndShowsOriginalRateAndDate() {
    QuoteResult mixed = new QuoteResult(List.of(q("usps", "GA", "9.00", "USD", 5), q("cainiao", "SAVER", "60", "CNY", 12)),
        List.of());
    QuoteResult ranked = mixed.withRates(RATES, USD);
    QuoteResult.Choice c = ranked.cheapestChoice();
    assertThat(c.quote()).get().extracting(Quote::serviceCode).isEqualTo("SAVER");
    assertThat(c.price().original()).isEqualTo(Money.of("60", "CNY"));
    assertThat(c.price().converted()).isEqualTo(Money.of("8.40", "USD"));
    assertThat(c.price().rate().asOf()).isEqualTo(RATE_DAY);
    assertThat(c.explanation()).contains("60.00 CNY = 8.40 USD at 1 CNY = 0.14 USD (test desk, 2026-12-01T16:00:00Z)");
    assertThat(ranked.withinDays(10).cheapest()).get().extracting(Quote::serviceCode).isEqualTo("GA");
  }

  @Test
  void withRatesThatConvertNothingSaysNoExchangeRate() {
    QuoteResult r = new QuoteResult(List.of(q("xeu", "E", "9", "EUR", 5)), List.of()).withRates(RATES, USD);
    assertThat(r.cheapestChoice().refusal()).isEqualTo(Refusal.NO_EXCHANGE_RATE);
    assertThat(r.converted(r.quotes().get(0))).isEmpty();
  }

  @Test
  void narrowingComposesAndKeepsFailuresAndRates() {
    Quote d2d = Quote.builder(CarrierId.of("cainiao"), "D2D", Money.of("80", "CNY")).legs(EnumSet.allOf(Leg.class))
        .transitDays(8, 12).build();
    Quote slow = Quote.builder(CarrierId.of("cainiao"), "SLOW", Money.of("40", "CNY")).legs(EnumSet.allOf(Leg.class))
        .transitDays(15, 25).build();
    Quote lastMile = Quote.builder(CarrierId.USPS, "GA", Money.of("6", "USD")).legs(EnumSet.of(Leg.LAST_MILE))
        .transitDays(2, 5).build();
    CarrierFailure f = new CarrierFailure(CarrierId.of("zeta"), new CarrierException(
        CarrierException.details(CarrierId.of("zeta"), "down")));
    QuoteResult r = new QuoteResult(List.of(d2d, slow, lastMile), List.of(f));
    QuoteResult narrowed = r.covering(Leg.values()).withinDays(12).inCurrency("CNY");
    assertThat(narrowed.quotes()).containsExactly(d2d);
    assertThat(narrowed.failures()).containsExactly(f);
    assertThat(narrowed.cheapest()).contains(d2d);
    assertThat(r.covering(Leg.LAST_MILE).quotes()).hasSize(3);
    assertThat(r.withRates(RATES, USD).covering(Leg.values()).rates()).isSameAs(RATES);
    assertThat(r.withinDays(1).cheapestChoice().explanation()).contains("1 carrier(s) did not quote");
  }

  @Test
  void ratesAndRankCurrencyComeTogether() {
    assertThatThrownBy(() -> new QuoteResult(List.of(), List.of(), RATES, null, List.of()))
        .isInstanceOf(ValidationException.class);
  }
}
