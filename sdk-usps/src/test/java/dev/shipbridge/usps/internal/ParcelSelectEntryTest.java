package dev.shipbridge.usps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.ValidationException.Violation;
import dev.shipbridge.model.LabelRequest;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Issue 16 item 8: a Parcel Select label buys exactly the entry point its quote named, or is refused. */
class ParcelSelectEntryTest {
  private static LabelRequest request(String serviceCode) {
    return LabelMapperTest.domestic().serviceCode(serviceCode).build();
  }

  @Test
  void aParcelSelectServiceWithoutRateIndicatorAndCategoryIsRefusedAsAmbiguous() {
    for (String code : new String[] {"PARCEL_SELECT", "PARCEL_SELECT:DE", "parcel_select_lightweight"}) {
      assertThat(LabelMapper.check(request(code), Fixtures.settings(), java.time.Clock.systemUTC())).as(code)
          .extracting(Violation::path).containsExactly("serviceCode");
    }
    // other classes keep their single-piece machinable default
    assertThat(LabelMapper.check(request("PRIORITY_MAIL"), Fixtures.settings(), java.time.Clock.systemUTC())).isEmpty();
  }

  @Test
  void theRateIndicatorCategoryAndEntryFacilityOfTheQuoteAreSentAsGiven() {
    LabelMapper.Call call = LabelMapper.toWire(request("PARCEL_SELECT:DE:MACHINABLE:DESTINATION_DELIVERY_UNIT"),
        Fixtures.settings(), LocalDate.parse("2026-03-02"));
    var pkg = Fixtures.wire(call.body()).path("packageDescription");
    assertThat(pkg.path("rateIndicator").asText()).isEqualTo("DE");
    assertThat(pkg.path("processingCategory").asText()).isEqualTo("MACHINABLE");
    assertThat(pkg.path("destinationEntryFacilityType").asText()).isEqualTo("DESTINATION_DELIVERY_UNIT");
    assertThat(LabelMapper.check(request("PARCEL_SELECT:DE:MACHINABLE:MOON_BASE"), Fixtures.settings(), java.time.Clock.systemUTC()))
        .extracting(Violation::path).containsExactly("serviceCode");
  }
}
