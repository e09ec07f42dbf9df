package dev.shipbridge.usps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.ValidationException.Violation;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 16 item 8: a Parcel Select label buys exactly the entry point its quote named, or is refused. */
class ParcelSelectEntryTest {
  private static LabelRequest request(String serviceCode) {
    return LabelMapperTest.domestic().serviceCode(serviceCode).build();
  }

  @Test
  void aParcelSelectServiceWithoutRateIndicatorAndCategoryIsRefusedAsAmbiguous() {
    for (String code : new String[] {"PARCEL_SELECT", "PARCEL_SELECT:DE", "parcel_select_lightweight"}) {
      assertThat(LabelMapper.validate(request(code), Units.today(java.time.Clock.systemUTC()))).as(code)
          .extracting(Violation::path).containsExactly("serviceCode");
    }
    // other classes keep their single-piece machinable default
    assertThat(LabelMapper.validate(request("PRIORITY_MAIL"), Units.today(java.time.Clock.systemUTC()))).isEmpty();
  }

  @Test
  void theRateIndicatorCategoryAndEntryFacilityOfTheQuoteAreSentAsGiven() {
    LabelMapper.Call call = LabelMapper.toWire(request("PARCEL_SELECT:DE:MACHINABLE:DESTINATION_DELIVERY_UNIT"),
        Fixtures.CRID, LocalDate.parse("2026-03-02"));
    var pkg = Fixtures.wire(call.body()).path("packageDescription");
    assertThat(pkg.path("rateIndicator").asText()).isEqualTo("DE");
    assertThat(pkg.path("processingCategory").asText()).isEqualTo("MACHINABLE");
    assertThat(pkg.path("destinationEntryFacilityType").asText()).isEqualTo("DESTINATION_DELIVERY_UNIT");
    assertThat(LabelMapper.validate(request("PARCEL_SELECT:DE:MACHINABLE:MOON_BASE"), Units.today(java.time.Clock.systemUTC())))
        .extracting(Violation::path).containsExactly("serviceCode");
  }

  private static List<Quote> quotes(String fixture) {
    QuoteMapper.Query q = QuoteMapper.toWire(QuoteRequest.builder().from(Fixtures.WAREHOUSE).to(Fixtures.CUSTOMER)
        .parcel(QuoteMapperTest.BOX).build(), Fixtures.PAYMENT, "11430", QuoteMapperTest.DAY);
    return QuoteMapper.fromWire(Fixtures.read(Fixtures.bytes("quote/" + fixture), QuoteWire.Result.class), q);
  }

  /** A label for the quote, with the entry facility a destination-entry code needs (LabelOptionsTest). */
  private static List<Violation> labelFor(Quote quote) {
    LabelRequest.Builder b = LabelMapperTest.domestic().quote(quote);
    if (quote.serviceCode().split(":").length > 3) b.entryFacility(LabelOptionsTest.FACILITY);
    return LabelMapper.validate(b.build(), Units.today(java.time.Clock.systemUTC()));
  }

  @Test
  void everyParcelSelectOfferIsADistinctQuoteNamingItsEntryFacility() {
    // the Prices spec's BaseRatesListSearchExample (DDU, DSCF, DHUB) plus a DNDC and a single-piece offer
    List<Quote> quotes = quotes("parcel-select-rates.response.json");
    assertThat(quotes).extracting(Quote::serviceCode).containsExactly(
        "PARCEL_SELECT:SP:MACHINABLE:DESTINATION_DELIVERY_UNIT",
        "PARCEL_SELECT:DE:MACHINABLE:DESTINATION_SECTIONAL_CENTER_FACILITY",
        "PARCEL_SELECT:SP:MACHINABLE:DESTINATION_SERVICE_HUB",
        "PARCEL_SELECT:SP:NONSTANDARD:DESTINATION_NETWORK_DISTRIBUTION_CENTER",
        "PARCEL_SELECT:SP:MACHINABLE");
    assertThat(quotes).extracting(q -> q.total().amount().toPlainString())
        .containsExactly("5.57", "6.06", "6.06", "6.17", "8.90");
    assertThat(quotes.get(1).details()).containsEntry("destinationEntryFacilityType",
        "DESTINATION_SECTIONAL_CENTER_FACILITY").containsEntry("rateIndicator", "DE");
  }

  @Test
  void aLabelBoughtFromEachParcelSelectQuoteSendsExactlyThatOption() {
    for (Quote quote : quotes("parcel-select-rates.response.json")) {
      String[] parts = quote.serviceCode().split(":");
      var pkg = Fixtures.wire(LabelMapper.toWire(LabelMapperTest.domestic().quote(quote).build(), Fixtures.CRID,
          QuoteMapperTest.DAY).body()).path("packageDescription");
      assertThat(pkg.path("mailClass").asText()).as(quote.serviceCode()).isEqualTo("PARCEL_SELECT");
      assertThat(pkg.path("rateIndicator").asText()).as(quote.serviceCode()).isEqualTo(parts[1]);
      assertThat(pkg.path("processingCategory").asText()).as(quote.serviceCode()).isEqualTo(parts[2]);
      assertThat(pkg.path("destinationEntryFacilityType").asText()).as(quote.serviceCode())
          .isEqualTo(parts.length > 3 ? parts[3] : "NONE");
    }
  }

  @Test
  void anEntryFromTheDescriptionIsKeptAndAnOfferMissingItsRateIndicatorOrEntryIsRefusedAtLabelTime() {
    // USPS left out rate indicator, category or entry type: the description still names the entry
    List<Quote> quotes = quotes("parcel-select-rates-partial.response.json");
    assertThat(quotes).extracting(Quote::serviceCode).containsExactly(
        "PARCEL_SELECT:::DESTINATION_DELIVERY_UNIT",
        "PARCEL_SELECT:::DESTINATION_SECTIONAL_CENTER_FACILITY",
        "PARCEL_SELECT:SP:MACHINABLE:DESTINATION_SERVICE_HUB",
        "PARCEL_SELECT");
    assertThat(labelFor(quotes.get(0))).extracting(Violation::path).containsExactly("serviceCode");
    assertThat(labelFor(quotes.get(1))).extracting(Violation::path).containsExactly("serviceCode");
    assertThat(labelFor(quotes.get(2))).isEmpty();
    assertThat(labelFor(quotes.get(3))).extracting(Violation::path).containsExactly("serviceCode");
  }

  @Test
  void aNonParcelSelectCodeNamingAnEntryButNoRateIndicatorIsRefusedNotDefaultedToSinglePiece() {
    assertThat(LabelMapper.validate(LabelMapperTest.domestic().serviceCode("USPS_CONNECT_LOCAL:::DESTINATION_DELIVERY_UNIT")
        .entryFacility(LabelOptionsTest.FACILITY).build(), Units.today(java.time.Clock.systemUTC())))
        .extracting(Violation::path).containsExactly("serviceCode");
    assertThat(LabelMapper.validate(LabelMapperTest.domestic()
        .serviceCode("PARCEL_SELECT:SP:MACHINABLE:DESTINATION_REGIONAL_PROCESSING_DISTRIBUTION_CENTER")
        .entryFacility(LabelOptionsTest.FACILITY).build(), Units.today(java.time.Clock.systemUTC()))).isEmpty();
  }
}
