package dev.shipbridge.cainiao.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.InvalidRequestException;
import dev.shipbridge.cainiao.TestData;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.model.Leg;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.ServiceLevel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuoteMapperTest {
  private final CainiaoErrors.Call call = Calls.read(QuoteMapper.METHOD);

  private List<Quote> inquiry() {
    return QuoteMapper.fromWire(Calls.reply("quote/solution-inquiry.response.json", CainiaoWire.Inquiry.class),
        TestData.quoteRequest(), call, UsInductions.NONE);
  }

  @Test
  void eachUsableSolutionWithAFeeBecomesOneQuote() {
    List<Quote> quotes = inquiry();
    assertThat(quotes).extracting(Quote::serviceCode).containsExactly("CAINIAO_STANDARD", "CAINIAO_ECONOMY");
    Quote standard = quotes.get(0);
    assertThat(standard.total().isSameAs(Money.of("58.30", "CNY"))).isTrue();
    assertThat(standard.breakdown()).extracting(Quote.Charge::name).containsExactly("normal_delivery_fee", "registration_fee");
    assertThat(standard.serviceLevel()).isEqualTo(ServiceLevel.STANDARD);
    assertThat(quotes.get(1).serviceLevel()).isEqualTo(ServiceLevel.ECONOMY);
    assertThat(quotes.get(1).total().isSameAs(Money.of("31.5", "CNY"))).isTrue();
  }

  @Test
  void transitDaysComeFromPromiseTimingsWhenThereAreAnyElseEstimates() {
    List<Quote> quotes = inquiry();
    assertThat(quotes.get(0).minTransitDays()).isEqualTo(12);
    assertThat(quotes.get(0).maxTransitDays()).isEqualTo(20);
    assertThat(quotes.get(0).details()).containsEntry("timingType", "PROMISE");
    assertThat(quotes.get(1).transitDaysText()).isEqualTo("15-30");
  }

  @Test
  void promiseTimingsAreACommitmentEstimatesAnEstimateAndNoTimingUnknown() {
    List<Quote> quotes = inquiry();
    assertThat(quotes.get(0).daysBasis()).isEqualTo(dev.shipbridge.model.DaysBasis.COMMITMENT);
    assertThat(quotes.get(1).details()).containsEntry("timingType", "ESTIMATE");
    assertThat(quotes.get(1).daysBasis()).isEqualTo(dev.shipbridge.model.DaysBasis.ESTIMATE);
    CainiaoWire.Solution untimed = Calls.replyOf("{\"code\":\"X\",\"fee_list\":[{"
        + "\"fee_type\":\"POST_ESTIMATED_COST\",\"total_fee\":\"10.00\",\"currency\":\"CNY\"}]}", CainiaoWire.Solution.class).body();
    assertThat(QuoteMapper.solution(untimed, java.util.Set.of(Leg.LAST_MILE), call).daysBasis())
        .isEqualTo(dev.shipbridge.model.DaysBasis.UNKNOWN);
  }

  @Test
  void wholeFeesAreMinorUnitsAndDecimalFeesMajorUnits() {
    assertThat(QuoteMapper.fee(new java.math.BigDecimal("1815"), "CNY").isSameAs(Money.of("18.15", "CNY"))).isTrue();
    assertThat(QuoteMapper.fee(new java.math.BigDecimal("58.30"), "CNY").isSameAs(Money.of("58.30", "CNY"))).isTrue();
    assertThat(QuoteMapper.fee(new java.math.BigDecimal("31.5"), "USD").isSameAs(Money.of("31.50", "USD"))).isTrue();
    assertThat(QuoteMapper.fee(new java.math.BigDecimal("1815"), "XXX?")).isNull();
  }

  @Test
  void recommendationIndexIsKeptInDetails() {
    List<Quote> quotes = inquiry();
    assertThat(quotes.get(0).details()).containsEntry("recommendIndex", "1").containsEntry("feeType", "POST_ESTIMATED_COST");
    assertThat(quotes.get(1).details()).containsEntry("recommendIndex", "2");
  }

  @Test
  void aCrossBorderSolutionCoversEveryLegFromFirstToLastMile() {
    List<Quote> quotes = inquiry();
    assertThat(quotes.get(0).legs()).containsExactlyInAnyOrder(Leg.FIRST_MILE, Leg.EXPORT_CUSTOMS, Leg.LINE_HAUL,
        Leg.IMPORT_CUSTOMS, Leg.LAST_MILE);
  }

  @Test
  void requestCarriesGramsCentimetresAndMinorUnits() throws Exception {
    Map<String, String> p = Calls.form(QuoteMapper.toWire(TestData.quoteRequest(), "en_US"));
    assertThat(p).containsEntry("locale", "en_US");
    JsonNode pkg = JsonCodec.standard().mapper().readTree(p.get("package_params")).get(0);
    assertThat(pkg.get("weight").asLong()).isEqualTo(350);
    assertThat(pkg.get("height").asLong()).as("4.2 cm rounded up").isEqualTo(5);
    assertThat(pkg.get("price").asLong()).as("2 x 9.99 USD in cents").isEqualTo(1998);
    assertThat(pkg.get("currency").asText()).isEqualTo("USD");
    assertThat(pkg.get("item_params").get(0).get("unit_price").asLong()).isEqualTo(999);
  }

  @Test
  void aFailedInquiryIsAnInvalidRequestWithCainiaosCode() {
    assertThatThrownBy(() -> QuoteMapper.fromWire(Calls.reply("quote/solution-inquiry-failed.response.json", CainiaoWire.Inquiry.class),
        TestData.quoteRequest(), call, UsInductions.NONE))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("package_params.weight is required")
        .satisfies(e -> assertThat(((InvalidRequestException) e).carrierCode()).contains("PARAM_ERROR"));
  }

  @Test
  void onlyChineseOriginsAreServed() {
    assertThat(QuoteMapper.serves(TestData.quoteRequest())).isTrue();
    var fromUs = TestData.quoteRequest().toBuilder().from(TestData.brooklyn()).to(TestData.shenzhen()).build();
    assertThat(QuoteMapper.serves(fromUs)).isFalse();
  }
}
