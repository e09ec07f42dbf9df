package dev.shipbridge.usps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.ValidationException.Violation;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.LabelFormat;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.ReceiptOption;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The entry facility and the receipt option of a label request: USPS's rules and the wire fields. */
class LabelOptionsTest {
  static final LocalDate DAY = LabelMapperTest.DAY;
  static final String DDU = "PARCEL_SELECT:SP:MACHINABLE:DESTINATION_DELIVERY_UNIT";
  static final Address FACILITY = Address.builder().name("Post Office").line("3415 Gravois Ave").line("Dock 2")
      .city("St. Louis").region("MO").postalCode("63118-9998").country("US").build();

  private static List<String> paths(LabelRequest r) {
    return LabelMapper.validate(r, DAY).stream().map(Violation::path).toList();
  }

  @Test
  void theFacilityIsSentAsTheSpecsDomesticAddressWithoutNames() {
    LabelMapper.Call call = LabelMapper.toWire(LabelMapperTest.domestic().serviceCode(DDU).entryFacility(FACILITY)
        .build(), Fixtures.CRID, DAY);
    JsonNode pkg = Fixtures.wire(call.body()).get("packageDescription");
    assertThat(pkg.get("destinationEntryFacilityType").asText()).isEqualTo("DESTINATION_DELIVERY_UNIT");
    JsonNode f = pkg.get("destinationEntryFacilityAddress");
    assertThat(f.toString()).isEqualTo("{\"streetAddress\":\"3415 Gravois Ave\",\"secondaryAddress\":\"Dock 2\","
        + "\"city\":\"St. Louis\",\"state\":\"MO\",\"ZIPCode\":\"63118\",\"ZIPPlus4\":\"9998\"}");
    assertThat(LabelMapper.validate(LabelMapperTest.domestic().serviceCode(DDU).entryFacility(FACILITY).build(), DAY))
        .isEmpty();
  }

  @Test
  void aLabelWithoutDestinationEntrySendsNoFacility() {
    JsonNode pkg = Fixtures.wire(LabelMapper.toWire(LabelMapperTest.domestic().build(), Fixtures.CRID, DAY).body())
        .get("packageDescription");
    assertThat(pkg.has("destinationEntryFacilityAddress")).isFalse();
    assertThat(pkg.get("destinationEntryFacilityType").asText()).isEqualTo("NONE");
  }

  @Test
  void everyEntryFacilityTypeNeedsTheFacilityAndNoOtherServiceTakesOne() {
    for (String entry : List.of("DESTINATION_DELIVERY_UNIT", "DESTINATION_SECTIONAL_CENTER_FACILITY",
        "DESTINATION_SERVICE_HUB", "DESTINATION_REGIONAL_PROCESSING_DISTRIBUTION_CENTER")) {
      assertThat(paths(LabelMapperTest.domestic().serviceCode("PARCEL_SELECT:SP:MACHINABLE:" + entry).build()))
          .as(entry).containsExactly("entryFacility");
    }
    assertThat(paths(LabelMapperTest.domestic().entryFacility(FACILITY).build())).containsExactly("entryFacility");
  }

  @Test
  void theRulesOfOneRequestAreListedTogether() {
    Address bad = FACILITY.toBuilder().city("Saint Louis County Processing").region("MO").build();
    LabelRequest r = LabelMapperTest.domestic().serviceCode("USPS_CONNECT_MAIL:SP:FLATS:DESTINATION_SECTIONAL_CENTER_FACILITY")
        .entryFacility(bad).format(LabelFormat.zpl(203)).receipt(ReceiptOption.SAME_PAGE).build();
    assertThat(paths(r)).contains("entryFacility.city", "serviceCode", "receipt");
  }

  @Test
  void dndcForParcelSelectEndsOnTheEighteenthOfJanuary2026() {
    LabelRequest.Builder dndc = LabelMapperTest.domestic()
        .serviceCode("PARCEL_SELECT:SP:MACHINABLE:DESTINATION_NETWORK_DISTRIBUTION_CENTER").entryFacility(FACILITY);
    assertThat(LabelMapper.validate(dndc.shipDate(LocalDate.of(2026, 1, 17)).build(), LocalDate.of(2026, 1, 16))).isEmpty();
    assertThat(LabelMapper.validate(dndc.shipDate(LocalDate.of(2026, 1, 18)).build(), LocalDate.of(2026, 1, 16)))
        .extracting(Violation::message).singleElement().asString().contains("no DNDC entry for Parcel Select");
  }

  @Test
  void eachReceiptOptionIsTheSpecsReceiptOption() {
    for (ReceiptOption o : ReceiptOption.values()) {
      JsonNode image = Fixtures.wire(LabelMapper.toWire(LabelMapperTest.domestic().receipt(o).build(), Fixtures.CRID, DAY)
          .body()).get("imageInfo");
      assertThat(image.get("receiptOption").asText()).isEqualTo(switch (o) {
        case NONE -> "NONE";
        case SEPARATE_DOCUMENT -> "SEPARATE_PAGE";
        case SAME_PAGE -> "SAME_PAGE";
      });
    }
    assertThat(LabelMapperTest.domestic().build().receipt()).isEqualTo(ReceiptOption.NONE);
  }
}
