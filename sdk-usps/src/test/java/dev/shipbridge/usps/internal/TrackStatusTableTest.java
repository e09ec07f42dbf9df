package dev.shipbridge.usps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.model.TrackingStatus;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrackStatusTableTest {
  /** Every event code named in usps-api.md section 8.4. */
  static final List<String> REFERENCE_CODES = List.of("GX", "03", "SF", "10", "T1", "TL", "A1", "07", "OF", "01",
      "MA", "PC", "DX", "TM", "PA", "02", "04", "05", "06", "08", "09", "11", "14", "15", "16", "17", "21", "22",
      "23", "24", "25", "26", "27", "28", "29", "30", "31", "41", "42", "43", "44", "51", "52", "53", "54", "55",
      "56", "71", "80", "81", "82", "EF");

  /**
   * Every code of the published lists reachable (TrackStatusTable.EXTRACT, TrackStatusTable.EHUB,
   * Pub 199 G-4 as quoted in issue 16), with the status each maps to.
   */
  static final java.util.Map<String, TrackingStatus> PUBLISHED = java.util.Map.ofEntries(
      java.util.Map.entry("01", TrackingStatus.DELIVERED), java.util.Map.entry("02", TrackingStatus.DELIVERY_ATTEMPTED),
      java.util.Map.entry("53", TrackingStatus.DELIVERY_ATTEMPTED), java.util.Map.entry("83", TrackingStatus.IN_TRANSIT),
      java.util.Map.entry("89", TrackingStatus.PRE_TRANSIT), java.util.Map.entry("AD", TrackingStatus.IN_TRANSIT),
      java.util.Map.entry("GC", TrackingStatus.PRE_TRANSIT), java.util.Map.entry("GX", TrackingStatus.PRE_TRANSIT),
      java.util.Map.entry("MA", TrackingStatus.PRE_TRANSIT), java.util.Map.entry("OA", TrackingStatus.IN_TRANSIT),
      java.util.Map.entry("TM", TrackingStatus.IN_TRANSIT), java.util.Map.entry("UA", TrackingStatus.IN_TRANSIT));

  @Test
  void theTableCoversEveryCodeOfThePublishedListsWithItsStatusAndSource() {
    PUBLISHED.forEach((code, status) -> assertThat(TrackStatusTable.eventCode(code)).as(code).isEqualTo(status));
    assertThat(TrackStatusTable.ROWS).allSatisfy(r -> {
      assertThat(r.source()).as(r.code()).isNotBlank();
      assertThat(r.description()).as(r.code()).isNotBlank();
    });
    assertThat(TrackStatusTable.ROWS).filteredOn(r -> r.source().equals(TrackStatusTable.EHUB))
        .extracting(TrackStatusTable.Row::code).containsExactlyInAnyOrder("83", "89", "GC", "OA", "UA");
  }

  @Test
  void theTableCoversEveryEventCodeInTheReference() {
    for (String code : REFERENCE_CODES) {
      assertThat(TrackStatusTable.EVENT_CODES).as(code).containsKey(code);
      assertThat(TrackStatusTable.eventCode(code)).as(code).isNotEqualTo(TrackingStatus.UNKNOWN);
    }
  }

  @ParameterizedTest
  @CsvSource({"GX,PRE_TRANSIT", "03,IN_TRANSIT", "A1,IN_TRANSIT", "OF,OUT_FOR_DELIVERY", "01,DELIVERED",
      "16,AVAILABLE_FOR_PICKUP", "02,DELIVERY_ATTEMPTED", "09,RETURNED_TO_SENDER", "21,EXCEPTION", "of,OUT_FOR_DELIVERY"})
  void mapsEventCodesToTheCarrierNeutralStatus(String code, TrackingStatus expected) {
    assertThat(TrackStatusTable.eventCode(code)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"Pre-Shipment,PRE_TRANSIT", "Accepted,IN_TRANSIT", "In Transit,IN_TRANSIT",
      "Out for Delivery,OUT_FOR_DELIVERY", "Delivered,DELIVERED", "Alert,EXCEPTION",
      "Available for Pickup,AVAILABLE_FOR_PICKUP", "Delivery Attempt,DELIVERY_ATTEMPTED",
      "Return to Sender,RETURNED_TO_SENDER", "DELIVERED,DELIVERED"})
  void mapsEveryStatusCategoryOfTheReference(String category, TrackingStatus expected) {
    assertThat(TrackStatusTable.category(category)).contains(expected);
  }

  @Test
  void unknownCodesAreUnknownAndLoggedOncePerCode() {
    assertThat(TrackStatusTable.eventCode("ZZ9")).isEqualTo(TrackingStatus.UNKNOWN);
    assertThat(TrackStatusTable.wasLogged("eventCode", "ZZ9")).isTrue();
    assertThat(TrackStatusTable.eventCode("ZZ9")).isEqualTo(TrackingStatus.UNKNOWN);
    assertThat(TrackStatusTable.category("Missort")).isEmpty();
    assertThat(TrackStatusTable.wasLogged("statusCategory", "Missort")).isTrue();
    assertThat(TrackStatusTable.eventCode(null)).isEqualTo(TrackingStatus.UNKNOWN);
  }
}
