package dev.shipbridge.usps.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.ValidationException;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.CustomsItem;
import dev.shipbridge.model.Dimensions;
import dev.shipbridge.model.LengthUnit;
import dev.shipbridge.model.Leg;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.ServiceLevel;
import dev.shipbridge.model.Weight;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuoteMapperTest {
  static final LocalDate DAY = LocalDate.parse("2026-03-02");
  static final Parcel BOX = Parcel.of(Weight.grams(850), Dimensions.of("30", "20", "10", LengthUnit.CENTIMETRE));

  @Test
  void aDomesticQuoteAsksThePricesApiInPoundsAndInchesWithTheAccount() {
    QuoteMapper.Query q = QuoteMapper.toWire(QuoteRequest.builder().from(Fixtures.WAREHOUSE).to(Fixtures.CUSTOMER)
        .parcel(BOX).build(), Fixtures.PAYMENT, "11430", DAY);
    assertThat(q.api()).isEqualTo(UspsApi.DOMESTIC_PRICES);
    JsonNode body = Fixtures.wire(q.body());
    assertThat(body.toString()).isEqualTo("{\"originZIPCode\":\"63116\",\"destinationZIPCode\":\"63118\",\"weight\":1.88,"
        + "\"length\":11.82,\"width\":7.88,\"height\":3.94,\"priceType\":\"COMMERCIAL\",\"mailingDate\":\"2026-03-02\","
        + "\"accountType\":\"EPS\",\"accountNumber\":\"1000405525\"}");
  }

  @Test
  void withoutAPaymentAccountQuotesRetailPricesAndSendsZeroDimensionsWhenUnknown() {
    QuoteMapper.Query q = QuoteMapper.toWire(QuoteRequest.builder().from(Fixtures.WAREHOUSE).to(Fixtures.CUSTOMER)
        .parcel(Parcel.of(Weight.grams(100))).build(), null, null, DAY);
    JsonNode body = Fixtures.wire(q.body());
    assertThat(body.get("priceType").asText()).isEqualTo("RETAIL");
    assertThat(body.has("accountNumber")).isFalse();
    assertThat(body.get("weight").decimalValue()).isEqualByComparingTo("0.23");
    assertThat(body.get("length").decimalValue()).isZero();
  }

  @Test
  void aParcelFromChinaToTheUsIsPricedDomesticallyFromTheInductionZip() {
    QuoteMapper.Query q = QuoteMapper.toWire(QuoteRequest.builder().from(Fixtures.SHENZHEN).to(Fixtures.CUSTOMER)
        .parcel(BOX).customs(customs("USD")).build(), Fixtures.PAYMENT, "11430", DAY);
    assertThat(q.api()).isEqualTo(UspsApi.DOMESTIC_PRICES);
    assertThat(q.viaInduction()).isTrue();
    assertThat(Fixtures.wire(q.body()).get("originZIPCode").asText()).isEqualTo("11430");
  }

  @Test
  void aParcelFromChinaIsNotQuotedWithoutAnInductionZip() {
    QuoteRequest r = QuoteRequest.builder().from(Fixtures.SHENZHEN).to(Fixtures.CUSTOMER).parcel(BOX)
        .customs(customs("USD")).build();
    assertThatThrownBy(() -> QuoteMapper.toWire(r, Fixtures.PAYMENT, null, DAY))
        .isInstanceOf(ValidationException.class).hasMessageContaining("inductionZip");
  }

  @Test
  void aForeignDestinationUsesInternationalPricesWithCountryPostcodeAndValue() {
    QuoteMapper.Query q = QuoteMapper.toWire(QuoteRequest.builder().from(Fixtures.WAREHOUSE).to(Fixtures.PARIS)
        .parcel(BOX).customs(customs("USD")).build(), Fixtures.PAYMENT, "11430", DAY);
    assertThat(q.api()).isEqualTo(UspsApi.INTERNATIONAL_PRICES);
    JsonNode body = Fixtures.wire(q.body());
    assertThat(body.get("destinationCountryCode").asText()).isEqualTo("FR");
    assertThat(body.get("foreignPostalCode").asText()).isEqualTo("75013");
    assertThat(body.get("itemValue").decimalValue()).isEqualByComparingTo("19.00");
  }

  @Test
  void mapsRateOptionsToQuotesWithBreakdownZoneServiceLevelAndTheLastMileLeg() {
    QuoteMapper.Query q = QuoteMapper.toWire(QuoteRequest.builder().from(Fixtures.WAREHOUSE).to(Fixtures.CUSTOMER)
        .parcel(BOX).build(), Fixtures.PAYMENT, "11430", DAY);
    List<Quote> quotes = QuoteMapper.fromWire(Fixtures.read(
        Fixtures.bytes("quote/domestic-total-rates.response.json"), QuoteWire.Result.class), q);

    assertThat(quotes).hasSize(3); // the Connect Local DDU option is a quote too, naming its entry
    assertThat(quotes.get(2).serviceCode()).isEqualTo("USPS_CONNECT_LOCAL:LO:MACHINABLE:DESTINATION_DELIVERY_UNIT");
    Quote ground = quotes.get(0);
    assertThat(ground.serviceCode()).isEqualTo("USPS_GROUND_ADVANTAGE:SP:NONSTANDARD");
    assertThat(ground.serviceName()).isEqualTo("USPS Ground Advantage Nonstandard Single-piece");
    assertThat(ground.serviceLevel()).isEqualTo(ServiceLevel.ECONOMY);
    assertThat(ground.total()).isEqualTo(Money.of("9.17", "USD"));
    assertThat(ground.breakdown()).extracting(Quote.Charge::name)
        .containsExactly("USPS Ground Advantage Nonstandard Single-piece", "Nonstandard Length > 22", "USPS Tracking");
    assertThat(ground.legs()).containsExactly(Leg.LAST_MILE);
    assertThat(ground.details()).containsEntry("zone", "05").containsEntry("mailClass", "USPS_GROUND_ADVANTAGE");
    assertThat(ground.transitDays()).isNull();
  }

  @Test
  void withoutTotalPriceTheTotalIsTheBasePriceAndOptionalExtrasAreLeftOut() {
    QuoteMapper.Query q = QuoteMapper.toWire(QuoteRequest.builder().from(Fixtures.WAREHOUSE).to(Fixtures.CUSTOMER)
        .parcel(BOX).build(), Fixtures.PAYMENT, "11430", DAY);
    Quote priority = QuoteMapper.fromWire(Fixtures.read(
        Fixtures.bytes("quote/domestic-total-rates.response.json"), QuoteWire.Result.class), q).get(1);
    assertThat(priority.total()).isEqualTo(Money.of("12.40", "USD"));
    assertThat(priority.serviceLevel()).isEqualTo(ServiceLevel.STANDARD);
    assertThat(priority.breakdown()).hasSize(1);
  }

  @Test
  void internationalQuotesIncludeIncludedExtrasAndCoverTheWholeJourney() {
    QuoteMapper.Query q = QuoteMapper.toWire(QuoteRequest.builder().from(Fixtures.WAREHOUSE).to(Fixtures.PARIS)
        .parcel(BOX).customs(customs("USD")).build(), Fixtures.PAYMENT, "11430", DAY);
    Quote pmei = QuoteMapper.fromWire(Fixtures.read(
        Fixtures.bytes("quote/international-total-rates.response.json"), QuoteWire.Result.class), q).get(0);
    assertThat(pmei.total()).isEqualTo(Money.of("71.44", "USD"));
    assertThat(pmei.serviceLevel()).isEqualTo(ServiceLevel.EXPRESS);
    assertThat(pmei.serviceCode()).isEqualTo("PRIORITY_MAIL_EXPRESS_INTERNATIONAL");
    assertThat(pmei.details()).containsEntry("priceGroup", "01");
    assertThat(pmei.legs()).contains(Leg.FIRST_MILE, Leg.LAST_MILE);
  }

  static CustomsDeclaration customs(String currency) {
    return CustomsDeclaration.of(CustomsDeclaration.ContentType.MERCHANDISE, List.of(
        new CustomsItem("Cotton T-shirt", 2, Money.of("9.50", currency), Weight.grams(400), "610910", "CN")));
  }
}
