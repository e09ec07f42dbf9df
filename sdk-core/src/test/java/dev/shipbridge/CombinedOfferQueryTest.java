package dev.shipbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.QuoteResult.Choice.Refusal;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.CombinedOffer;
import dev.shipbridge.model.DaysBasis;
import dev.shipbridge.model.ExchangeRate;
import dev.shipbridge.model.ExchangeRates;
import dev.shipbridge.model.Leg;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Quote;
import java.time.Instant;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules of a combined offer (days, basis, currency) and how QuoteResult's queries weigh it. */
class CombinedOfferQueryTest {
  private static final Currency USD = Currency.getInstance("USD");
  private static final Set<Leg> TO_INDUCTION = EnumSet.of(Leg.FIRST_MILE, Leg.EXPORT_CUSTOMS, Leg.LINE_HAUL, Leg.IMPORT_CUSTOMS);
  private static final Address NEWARK = Address.builder().name("EWR gateway").line("1 Brewster Rd").city("Newark")
      .region("NJ").postalCode("07114").country("US").build();
  private static final ExchangeRates RATES = ExchangeRates.fixed()
      .rate(ExchangeRate.of("CNY", "USD", "0.14", "test desk", Instant.parse("2026-12-01T16:00:00Z"))).build();

  private static Quote first(String price, String currency, int min, int max, DaysBasis basis) {
    return Quote.builder(CarrierId.CAINIAO, "LINE_" + currency, Money.of(price, currency)).transitDays(min, max)
        .daysBasis(basis).legs(TO_INDUCTION).build();
  }

  private static Quote last(String code, String price, Integer days, DaysBasis basis) {
    return Quote.builder(CarrierId.USPS, code, Money.of(price, "USD")).transitDays(days, days).daysBasis(basis)
        .legs(Set.of(Leg.LAST_MILE)).build();
  }

  private static Quote doorToDoor(String code, String price, String currency, int days) {
    return Quote.builder(CarrierId.CAINIAO, code, Money.of(price, currency)).transitDays(days, days)
        .legs(EnumSet.allOf(Leg.class)).build();
  }

  @Test
  void daysAreTheSumOfTheLegsAndTheBasisIsTheWeakerOne() {
    CombinedOffer o = new CombinedOffer(first("12.50", "USD", 6, 9, DaysBasis.COMMITMENT),
        last("PM", "9.00", 2, DaysBasis.ESTIMATE), NEWARK);
    assertThat(o.minTransitDays()).isEqualTo(8);
    assertThat(o.maxTransitDays()).isEqualTo(11);
    assertThat(o.transitDaysText()).isEqualTo("8-11");
    assertThat(o.daysBasis()).isEqualTo(DaysBasis.ESTIMATE);
    assertThat(o.covers()).containsExactlyInAnyOrder(Leg.values());
    assertThat(o.total()).contains(Money.of("21.50", "USD"));

    CombinedOffer committed = new CombinedOffer(first("12.50", "USD", 6, 9, DaysBasis.COMMITMENT),
        last("PM", "9.00", 2, DaysBasis.COMMITMENT), NEWARK);
    assertThat(committed.daysBasis()).isEqualTo(DaysBasis.COMMITMENT);
    CombinedOffer unknown = new CombinedOffer(first("12.50", "USD", 6, 9, DaysBasis.COMMITMENT),
        last("PM", "9.00", null, null), NEWARK);
    assertThat(unknown.transitDays()).isNull();
    assertThat(unknown.transitDaysText()).isEqualTo("?");
    assertThat(unknown.daysBasis()).isEqualTo(DaysBasis.UNKNOWN);
  }

  @Test
  void legsInTwoCurrenciesHaveNoTotalUntilRatesAreGivenAndThenShowEachRate() {
    CombinedOffer o = new CombinedOffer(first("89.00", "CNY", 6, 9, DaysBasis.ESTIMATE),
        last("PM", "9.00", 2, DaysBasis.COMMITMENT), NEWARK);
    assertThat(o.total()).isEmpty();
    assertThat(o.total(null, USD)).isEmpty();
    CombinedOffer.Total t = o.total(RATES, USD).orElseThrow();
    assertThat(t.amount()).isEqualTo(Money.of("21.46", "USD"));
    assertThat(t.isConverted()).isTrue();
    assertThat(t.toString()).startsWith("12.46 USD + 9.00 USD = 21.46 USD").contains("89.00 CNY = 12.46 USD at");
  }

  @Test
  void aLegThatDoesNotFitIsRefused() {
    Quote d2d = doorToDoor("STD", "50", "CNY", 10);
    assertThatThrownBy(() -> new CombinedOffer(d2d, last("PM", "9", 2, null), NEWARK))
        .isInstanceOf(ValidationException.class).hasMessageContaining("firstLeg");
    assertThatThrownBy(() -> new CombinedOffer(first("1", "USD", 1, 2, null), first("1", "USD", 1, 2, null), NEWARK))
        .isInstanceOf(ValidationException.class).hasMessageContaining("lastLeg");
  }

  @Test
  void queriesAndChoicesWeighCombinedOffersBesideQuotes() {
    Quote line = first("12.50", "USD", 6, 9, DaysBasis.ESTIMATE);
    CombinedOffer slowCheap = new CombinedOffer(line, last("GA", "6.00", 5, DaysBasis.COMMITMENT), NEWARK);
    CombinedOffer fastDear = new CombinedOffer(line, last("PME", "30.00", 1, DaysBasis.COMMITMENT), NEWARK);
    Quote d2dUsd = doorToDoor("PREMIUM_USD", "25.00", "USD", 12);
    QuoteResult r = new QuoteResult(List.of(line, d2dUsd), List.of(), null, null, List.of(fastDear, slowCheap));

    assertThat(r.combined()).containsExactly(slowCheap, fastDear); // cheapest first
    QuoteResult.Choice cheapest = r.covering(Leg.values()).cheapestChoice();
    assertThat(cheapest.combined()).contains(slowCheap); // 18.50 USD beats 25.00 USD door to door
    assertThat(cheapest.combinedTotal().amount()).isEqualTo(Money.of("18.50", "USD"));
    assertThat(cheapest.explanation()).isEqualTo("cheapest of 3 offers in USD; a combined offer: "
        + "cainiao LINE_USD + usps GA");
    assertThat(r.covering(Leg.values()).cheapest()).contains(d2dUsd); // single quotes only
    assertThat(r.covering(Leg.values()).fastestChoice().combined()).contains(fastDear); // 10 days
    assertThat(r.withinDays(10).combined()).containsExactly(fastDear);
    assertThat(r.withinDays(10).covering(Leg.values()).quotes()).isEmpty();
    assertThat(r.covering(Leg.values()).withinDays(9).cheapestChoice().refusal()).isEqualTo(Refusal.NO_QUOTES);
    assertThat(r.inCurrency("CNY").combined()).isEmpty();
    assertThat(r.inCurrency("USD").combined()).hasSize(2);
  }

  @Test
  void aCombinedOfferInTwoCurrenciesMakesTheChoiceRefuseWithoutRatesAndRankWithThem() {
    Quote line = first("89.00", "CNY", 6, 9, DaysBasis.ESTIMATE);
    CombinedOffer mixed = new CombinedOffer(line, last("GA", "6.00", 5, DaysBasis.COMMITMENT), NEWARK);
    Quote d2dUsd = doorToDoor("PREMIUM_USD", "25.00", "USD", 12);
    QuoteResult r = new QuoteResult(List.of(d2dUsd), List.of(), null, null, List.of(mixed));

    assertThat(r.cheapestChoice().refusal()).isEqualTo(Refusal.MIXED_CURRENCIES);
    assertThat(r.converted(mixed)).isEmpty();
    QuoteResult ranked = r.withRates(RATES, USD);
    QuoteResult.Choice c = ranked.cheapestChoice();
    assertThat(c.combined()).contains(mixed); // 12.46 + 6.00 = 18.46 USD
    assertThat(c.explanation()).contains("ranked in USD").contains("89.00 CNY = 12.46 USD at");
    assertThat(ranked.converted(mixed)).hasValueSatisfying(t -> assertThat(t.amount()).isEqualTo(Money.of("18.46", "USD")));
    // a tie in days between currencies is never settled by amount without rates
    CombinedOffer tied = new CombinedOffer(first("89.00", "CNY", 9, 9, DaysBasis.ESTIMATE),
        last("GA", "6.00", 3, DaysBasis.ESTIMATE), NEWARK); // 12 days, as the door-to-door quote
    QuoteResult tie = new QuoteResult(List.of(d2dUsd), List.of(), null, null, List.of(tied));
    assertThat(tie.fastestChoice().explanation()).contains("not compared");
  }
}
