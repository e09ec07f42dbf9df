package dev.shipbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.ServiceLevel;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuoteResultTest {
  private static Quote q(String code, String price, String currency, Integer days, ServiceLevel level) {
    return Quote.builder(CarrierId.USPS, code, Money.of(price, currency)).transitDays(days, days).serviceLevel(level).build();
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
  }

  @Test
  void byServiceLevelFilters() {
    assertThat(usd.byServiceLevel(ServiceLevel.EXPRESS)).extracting(Quote::serviceCode).containsExactly("EXP");
  }

  @Test
  void mixedCurrenciesAreNeverComparedSilently() {
    QuoteResult mixed = new QuoteResult(List.of(q("A", "10", "USD", 5, null), q("B", "50", "CNY", 9, null)), List.of());
    assertThatThrownBy(mixed::cheapest).isInstanceOf(IllegalStateException.class).hasMessageContaining("never converts");
    assertThat(mixed.cheapest(Currency.getInstance("CNY"))).get().extracting(Quote::serviceCode).isEqualTo("B");
    assertThat(mixed.quotes().stream().map(x -> x.total().currency().getCurrencyCode()).distinct()).hasSize(2);
  }
}
