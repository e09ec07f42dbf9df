package dev.shipbridge.usps.internal;

import static dev.shipbridge.usps.internal.Units.blank;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipbridge.CarrierException;
import dev.shipbridge.TrackResult;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.EventLocation;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pure mapping of tracking: numbers to the v3r2 request body, and v3 / v3r2 details to {@link
 * Tracking}. No I/O. Event times are read by {@link EventTimes} (an event without one is dropped);
 * each event's status comes from its {@code eventCode} and the overall status from {@code
 * statusCategory}, both through {@link TrackStatusTable}; an unknown category falls back to the
 * newest event's status.
 */
public final class TrackMapper {
  private static final Logger LOG = LoggerFactory.getLogger(TrackMapper.class);
  /** Markup USPS puts in mail class names ({@code <SUP>&#153;</SUP>}). */
  private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("<[^>]*>");
  private static final java.util.regex.Pattern ENTITY = java.util.regex.Pattern.compile("&[#a-zA-Z0-9]+;");

  private TrackMapper() {}

  /** The v3r2 body: one item per number, each without a {@code 420}+ZIP routing prefix. */
  static List<TrackWire.Item> toWire(List<String> numbers) {
    return numbers.stream().map(n -> new TrackWire.Item(ImpbNumber.stripRouting(n))).toList();
  }

  /**
   * One detail as a tracking, under the number the caller asked for. An answer of no known shape
   * (no events, no status and no summary text) is a malformed-answer {@link CarrierException},
   * never an empty tracking; a summary-only answer ({@code expand=SUMMARY}: {@code
   * eventSummaries}, or a {@code statusSummary} alone) is mapped from its text.
   */
  static Tracking fromDetail(TrackWire.Detail d, String asked) {
    if (d == null || (d.trackingEvents() == null && blank(d.status()) == null && blank(d.statusCategory()) == null
        && summary(d) == null)) {
      throw Multipart.malformed("a tracking answer of no known shape (no trackingEvents, status or summary)");
    }
    List<TrackingEvent> events = new ArrayList<>();
    List<String> corrected = new ArrayList<>();
    if (d.trackingEvents() != null) {
      for (TrackWire.Event e : d.trackingEvents()) {
        if (e == null) continue;
        EventTimes.Read read = EventTimes.read(e);
        if (read == null) {
          LOG.debug("USPS event without a readable time dropped (code {})", e.eventCode());
          continue;
        }
        String raw = e.eventCode() != null && !e.eventCode().isBlank() ? e.eventCode().strip() : null;
        if (read.conflict() && corrected.size() < 10) {
          corrected.add(raw + "@" + blank(e.eventTimestamp()) + " " + blank(e.gmtOffset()) + " GMT " + blank(e.gmtTimestamp()));
        }
        events.add(new TrackingEvent(read.time(), TrackStatusTable.eventCode(raw), raw, e.eventType(),
            new EventLocation(blank(e.eventCity()), blank(e.eventState()), blank(e.eventZIPCode()),
                blank(e.eventCountry()), null), CarrierId.USPS));
      }
    }
    String summary = summary(d);
    dev.shipbridge.spi.support.Details details = new dev.shipbridge.spi.support.Details()
        .put("status", d.status())
        .put("statusCategory", d.statusCategory())
        .put("statusSummary", summary)
        .put("mailClass", d.mailClass() == null ? null : withoutMarkup(d.mailClass()))
        .put("mailClassCode", d.mailClassCode())
        .put("destinationZIPCode", d.destinationZIPCode());
    // GMTTimestamp disagreed with eventTimestamp + GMTOffset: the local time was used; the raw values kept
    if (!corrected.isEmpty()) details.put("eventTimesFromLocalTime", String.join("; ", corrected));
    String impb = ImpbNumber.stripRouting(asked);
    if (!impb.equals(asked)) details.put("impb", impb);
    // an unknown category: no status, which Tracking reads as the newest event's
    TrackingStatus status = TrackStatusTable.category(d.statusCategory()).orElse(null);
    if (status == null && events.isEmpty()) {
      status = TrackStatusTable.category(d.status()).orElseGet(() -> TrackStatusTable.summaryText(summary));
    }
    return Tracking.of(asked, CarrierId.USPS, status, events, expectedDelivery(d), null, details.build());
  }

  /** The summary text: {@code statusSummary}, else the newest of {@code eventSummaries}; null when neither. */
  private static String summary(TrackWire.Detail d) {
    String s = blank(d.statusSummary());
    if (s != null || d.eventSummaries() == null) return s;
    return d.eventSummaries().stream().map(Units::blank).filter(Objects::nonNull).findFirst().orElse(null);
  }

  /**
   * The v3r2 answer (200 or 207) as one result per asked number, in the order asked: successes
   * mapped, per-number failures as {@link dev.shipbridge.NotFoundException} (status 404) or the
   * matching {@link CarrierException}.
   */
  static List<TrackResult> fromBatch(TrackWire.Batch batch, List<String> asked, String requestId, Clock clock) {
    Map<String, String> byWireNumber = new LinkedHashMap<>();
    for (String n : asked) byWireNumber.putIfAbsent(ImpbNumber.stripRouting(n), n);
    Map<String, TrackResult> results = new LinkedHashMap<>();
    for (TrackWire.Detail item : batch.items()) {
      String number = blank(item.trackingNumber());
      String asKey = number == null ? null : byWireNumber.getOrDefault(number.toUpperCase(java.util.Locale.ROOT), null);
      // An item without a number answers the only number asked; an item for another number never does.
      if (asKey == null && number == null && asked.size() == 1) asKey = asked.get(0);
      if (asKey == null) continue;
      int itemStatus = itemStatus(item.statusCode());
      if (itemStatus >= 300 || (item.error() != null && item.error().isObject())) {
        CarrierException failure = UspsErrors.mapItem(errorBody(item), itemStatus, asKey, requestId, clock);
        results.put(asKey, TrackResult.failure(asKey, CarrierId.USPS, failure));
      } else {
        try {
          results.put(asKey, TrackResult.success(asKey, fromDetail(item, asKey)));
        } catch (CarrierException unreadable) {
          results.put(asKey, TrackResult.failure(asKey, CarrierId.USPS, unreadable));
        }
      }
    }
    return asked.stream().map(n -> results.containsKey(n) ? results.get(n) : TrackResult.failure(n, CarrierId.USPS,
        new CarrierException(CarrierException.details(CarrierId.USPS, "the USPS answer did not mention this number")
            .requestId(requestId)))).toList();
  }

  /** A failure item's error parts as the error body {@link UspsErrorBody} reads (failure items only). */
  private static JsonNode errorBody(TrackWire.Detail item) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    if (item.error() != null) body.set("error", item.error());
    if (item.errorDescription() != null) body.set("error_description", item.errorDescription());
    if (item.fault() != null) body.set("fault", item.fault());
    if (item.message() != null) body.set("message", item.message());
    if (item.errors() != null) body.set("errors", item.errors());
    if (item.code() != null) body.set("code", item.code());
    return body;
  }

  private static int itemStatus(String statusCode) {
    String s = blank(statusCode);
    if (s == null) return 200;
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException notANumber) { // not USPS's normal shape
      return 200;
    }
  }

  /** The first readable of the expected and predicted dates ({@code "3 Business Days"} is not one). */
  static LocalDate expectedDelivery(TrackWire.Detail d) {
    TrackWire.DeliveryExpectation x = d.deliveryDateExpectation();
    return Stream.of(x == null ? null : x.expectedDeliveryDate(), x == null ? null : x.predictedDeliveryDate(),
            d.expectedDeliveryDate(), d.expectedDeliveryTimeStamp(), d.predictedDeliveryDate(),
            d.predictedDeliveryTimeStamp())
        .map(Units::date).filter(Objects::nonNull).findFirst().orElse(null);
  }

  /** Tags and entities removed; stripped. */
  static String withoutMarkup(String mailClass) {
    return ENTITY.matcher(TAG.matcher(mailClass).replaceAll("")).replaceAll("").strip();
  }
}
