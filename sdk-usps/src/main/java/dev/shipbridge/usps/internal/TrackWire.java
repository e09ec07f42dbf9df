package dev.shipbridge.usps.internal;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Wire records of tracking v3 ({@code GET /tracking/v3/tracking/{n}?expand=DETAIL}) and v3r2
 * ({@code POST /tracking/v3r2/tracking}). One record reads both: the v3 names are aliases of the
 * v3r2 ones ({@code eventZIP} / {@code eventZIPCode}, {@code destinationZIP} /
 * {@code destinationZIPCode}, ...), and property names are matched case-insensitively.
 */
final class TrackWire {
  private TrackWire() {}

  /** One item of the v3r2 request body. */
  record Item(String trackingNumber) {}

  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record Detail(String trackingNumber, String status, String statusCategory, String statusSummary,
      String mailClass, String mailClassCode,
      String originCity, String originState, @JsonAlias("originZIP") String originZIPCode,
      String destinationCity, String destinationState, @JsonAlias("destinationZIP") String destinationZIPCode,
      @JsonAlias("destinationCountryCode") String destinationCountry,
      String expectedDeliveryDate, String expectedDeliveryTimeStamp, String predictedDeliveryDate,
      String predictedDeliveryTimeStamp, DeliveryExpectation deliveryDateExpectation,
      List<Event> trackingEvents, List<String> eventSummaries) {}

  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record DeliveryExpectation(String expectedDeliveryDate, String predictedDeliveryDate, String guaranteedDeliveryDate) {}

  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record Event(String eventType, String eventTimestamp, @JsonProperty("GMTTimestamp") String gmtTimestamp,
      @JsonProperty("GMTOffset") String gmtOffset, String eventCountry, String eventCity, String eventState,
      @JsonAlias("eventZIP") String eventZIPCode, String eventCode, String firm) {}
}
