package dev.shipbridge.usps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.model.DaysBasis;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shipping Options requests and answers, with the answers of the spec's own examples. */
class OptionsMapperTest {
  static final LocalDate DAY = LocalDate.parse("2024-10-02");

  private static QuoteMapper.Query domestic() {
    return QuoteMapper.toWire(QuoteRequest.builder().from(Fixtures.WAREHOUSE).to(Fixtures.CUSTOMER)
        .parcel(QuoteMapperTest.BOX).build(), Fixtures.PAYMENT, "11430", DAY);
  }

  private static OptionsWire.Response read(String json) {
    return Fixtures.JSON.read(dev.shipbridge.model.CarrierId.USPS, ok(json.getBytes(StandardCharsets.UTF_8)), OptionsWire.Response.class,
        dev.shipbridge.http.RequestSafety.IDEMPOTENT, null);
  }

  private static dev.shipbridge.http.HttpResult ok(byte[] body) {
    return new dev.shipbridge.http.HttpResult(200, okhttp3.Headers.of(), body, "application/json", null);
  }

  @Test
  void theSearchAsksEveryOutboundClassForTheSameShipmentAsPrices() {
    String body = Fixtures.wire(OptionsMapper.toWire(domestic())).toString();
    assertThat(body).isEqualTo("{\"pricingOptions\":[{\"priceType\":\"COMMERCIAL\",\"paymentAccount\":{\"accountType\":"
        + "\"EPS\",\"accountNumber\":\"1000405525\"}}],\"originZIPCode\":\"63116\",\"destinationZIPCode\":\"63118\","
        + "\"destinationEntryFacilityType\":\"NONE\",\"packageDescription\":{\"weight\":1.88,\"length\":11.82,"
        + "\"height\":3.94,\"width\":7.88,\"mailClass\":\"ALL_OUTBOUND\",\"mailingDate\":\"2024-10-02\"}}");
  }

  @Test
  void theInternationalSearchNamesTheCountryAndAllClasses() {
    QuoteMapper.Query q = QuoteMapper.toWire(QuoteRequest.builder().from(Fixtures.WAREHOUSE).to(Fixtures.PARIS)
        .parcel(QuoteMapperTest.BOX).build(), Fixtures.PAYMENT, "11430", DAY);
    String body = Fixtures.wire(OptionsMapper.toWire(q)).toString();
    assertThat(body).contains("\"destinationCountryCode\":\"FR\"", "\"foreignPostalCode\":\"75013\"", "\"mailClass\":\"ALL\"")
        .doesNotContain("destinationZIPCode", "destinationEntryFacilityType");
  }

  @Test
  void aDomesticCommitmentGivesDaysDateAndGuarantee() {
    OptionsWire.Response r = read("{\"originZIPCode\":\"63116\",\"destinationZIPCode\":\"63118\",\"pricingOptions\":[{"
        + "\"shippingOptions\":[{\"mailClass\":\"PRIORITY_MAIL_EXPRESS\",\"rateOptions\":[{\"commitment\":{\"name\":\"1-Day\","
        + "\"expectedDeliveryDate\":\"2024-10-03\",\"guaranteedDelivery\":true},\"totalBasePrice\":30.45,\"rates\":[{"
        + "\"mailClass\":\"PRIORITY_MAIL_EXPRESS\",\"price\":30.45,\"processingCategory\":\"MACHINABLE\",\"rateIndicator\":\"SP\","
        + "\"destinationEntryFacilityType\":\"NONE\",\"zone\":\"01\"}]}]},{\"mailClass\":\"USPS_GROUND_ADVANTAGE\","
        + "\"rateOptions\":[{\"commitment\":{\"name\":\"2-3 Days\"},\"totalBasePrice\":6.1,\"rates\":[{\"mailClass\":"
        + "\"USPS_GROUND_ADVANTAGE\",\"price\":6.1,\"processingCategory\":\"MACHINABLE\",\"rateIndicator\":\"SP\"}]},"
        + "{\"commitment\":{\"name\":\"Military\",\"scheduleDeliveryDate\":\"2024-10-07\"},\"totalBasePrice\":6.5,\"rates\":[{"
        + "\"mailClass\":\"USPS_GROUND_ADVANTAGE\",\"price\":6.5,\"processingCategory\":\"NONSTANDARD\",\"rateIndicator\":\"SP\"}]}]}],"
        + "\"priceType\":\"COMMERCIAL\"}]}");
    List<Quote> quotes = OptionsMapper.fromWire(r, domestic(), DAY);
    assertThat(quotes).hasSize(3).allSatisfy(q -> {
      assertThat(q.daysBasis()).isEqualTo(DaysBasis.COMMITMENT);
      assertThat(q.details()).containsEntry("quoteApi", "shipping-options");
    });
    Quote express = quotes.get(0);
    assertThat(express.transitDaysText()).isEqualTo("1");
    assertThat(express.deliveryDate()).isEqualTo(LocalDate.parse("2024-10-03"));
    assertThat(express.guaranteed()).isTrue();
    assertThat(quotes.get(1).transitDaysText()).isEqualTo("2-3");
    assertThat(quotes.get(1).guaranteed()).isFalse();
    assertThat(quotes.get(2).transitDays()).isEqualTo(5); // from the (deprecated) schedule date
  }

  @Test
  void theSpecsDomesticExampleKeepsItsPriceAndItsDestinationEntryRuleAsPricesDo() {
    // the spec's DomesticOutboundOptionsExample: a DNDC-entry Parcel Select rate, quoted with its entry
    // facility exactly as Prices quotes it (the quote mapper's rule decides both alike)
    OptionsWire.Response r = read("{\"pricingOptions\":[{\"shippingOptions\":[{\"mailClass\":\"PARCEL_SELECT\",\"rateOptions\":"
        + "[{\"commitment\":{\"name\":\"2 Days\",\"scheduleDeliveryDate\":\"2024-10-04\",\"expectedDeliveryDate\":"
        + "\"2024-10-04\",\"guaranteedDelivery\":false},\"totalBasePrice\":9.17,\"rates\":[{\"description\":"
        + "\"Parcel Select Nonstandard DNDC Single-piece\",\"price\":6.17,\"zone\":\"00\",\"fees\":[{\"name\":"
        + "\"Nonstandard Length > 22\",\"price\":3.00,\"SKU\":\"D811XVCXXXX0000\"}],\"priceType\":\"COMMERCIAL\","
        + "\"mailClass\":\"PARCEL_SELECT\",\"processingCategory\":\"NONSTANDARD\",\"rateIndicator\":\"SP\","
        + "\"destinationEntryFacilityType\":\"DESTINATION_NETWORK_DISTRIBUTION_CENTER\",\"SKU\":\"DVXP0XXCXC00010\"}]}]}],"
        + "\"priceType\":\"CONTRACT\"}]}");
    List<Quote> viaOptions = OptionsMapper.fromWire(r, domestic(), DAY);
    QuoteWire.Result asPrices = Fixtures.JSON.read(dev.shipbridge.model.CarrierId.USPS, ok(("{\"rateOptions\":[{\"totalBasePrice\":9.17,\"rates\":[{"
        + "\"price\":6.17,\"mailClass\":\"PARCEL_SELECT\",\"processingCategory\":\"NONSTANDARD\",\"rateIndicator\":\"SP\","
        + "\"destinationEntryFacilityType\":\"DESTINATION_NETWORK_DISTRIBUTION_CENTER\"}]}]}").getBytes(StandardCharsets.UTF_8)),
        QuoteWire.Result.class, dev.shipbridge.http.RequestSafety.IDEMPOTENT, null);
    assertThat(viaOptions).hasSameSizeAs(QuoteMapper.fromWire(asPrices, domestic()));
    assertThat(viaOptions).extracting(Quote::serviceCode)
        .containsExactly("PARCEL_SELECT:SP:NONSTANDARD:DESTINATION_NETWORK_DISTRIBUTION_CENTER");
    viaOptions.forEach(q -> {
      assertThat(q.total().amount()).isEqualByComparingTo("9.17");
      assertThat(q.transitDaysText()).isEqualTo("2");
    });
  }

  @Test
  void theSpecsInternationalExampleIsQuotedWithUnknownDays() {
    QuoteMapper.Query q = QuoteMapper.toWire(QuoteRequest.builder().from(Fixtures.WAREHOUSE).to(Fixtures.PARIS)
        .parcel(QuoteMapperTest.BOX).build(), Fixtures.PAYMENT, "11430", DAY);
    OptionsWire.Response r = read("{\"originZIPCode\":\"22407\",\"foreignPostalCode\":\"63118\",\"destinationCountryCode\":"
        + "\"CA\",\"pricingOptions\":[{\"shippingOptions\":[{\"mailClass\":\"PRIORITY_MAIL_EXPRESS_INTERNATIONAL\","
        + "\"rateOptions\":[{\"totalBasePrice\":65.64,\"rates\":[{\"description\":\"Priority Mail Express International ISC "
        + "Single-piece\",\"price\":65.64,\"zone\":\"01\",\"fees\":[],\"priceType\":\"COMMERCIAL_BASE\",\"mailClass\":"
        + "\"PRIORITY_MAIL_EXPRESS_INTERNATIONAL\",\"productName\":\"\",\"processingCategory\":\"FLATS\",\"rateIndicator\":"
        + "\"PA\",\"destinationEntryFacilityType\":\"INTERNATIONAL_SERVICE_CENTER\",\"SKU\":\"IEXX0XXXXB01020\"}],"
        + "\"extraServices\":[{\"name\":\"Insurance <= $500\",\"price\":20.15,\"extraService\":\"930\"}]}]}],"
        + "\"priceType\":\"CONTRACT\",\"paymentAccount\":{\"accountType\":\"METER\",\"accountNumber\":\"123456789\"}}]}");
    List<Quote> quotes = OptionsMapper.fromWire(r, q, DAY);
    assertThat(quotes).singleElement().satisfies(x -> {
      assertThat(x.serviceCode()).isEqualTo("PRIORITY_MAIL_EXPRESS_INTERNATIONAL:PA:FLATS");
      assertThat(x.total().amount()).isEqualByComparingTo("65.64");
      assertThat(x.daysBasis()).isEqualTo(DaysBasis.UNKNOWN);
      assertThat(x.details()).containsEntry("priceGroup", "01");
    });
  }

  @Test
  void anEmptyOrHalfAnswerGivesNoQuotesAndNoException() {
    assertThat(OptionsMapper.fromWire(read("{}"), domestic(), DAY)).isEmpty();
    assertThat(OptionsMapper.fromWire(read("{\"pricingOptions\":[null,{\"shippingOptions\":[null,{\"rateOptions\":[null]}]}]}"),
        domestic(), DAY)).isEmpty();
  }

  @Test
  void standardsNamedWithRetiredClassesFillTheirSuccessors() {
    assertThat(ServiceStandards.classesOf("FIRST-CLASS_PACKAGE_SERVICE")).containsExactly("USPS_GROUND_ADVANTAGE");
    assertThat(ServiceStandards.classesOf("PACKAGE_SERVICES")).contains("MEDIA_MAIL", "LIBRARY_MAIL");
    assertThat(ServiceStandards.classesOf("PRIORITY_MAIL")).containsExactly("PRIORITY_MAIL");
  }
}
