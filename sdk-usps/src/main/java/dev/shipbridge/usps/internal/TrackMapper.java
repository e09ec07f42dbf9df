package dev.shipbridge.usps.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.CarrierException;
import dev.shipbridge.TrackResult;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.EventLocation;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pure mapping of tracking: numbers to the v3r2 request body, and v3 / v3r2 details to {@link
 * Tracking}. No I/O.
 *
 * <h2>Times</h2>
 *
 * {@code GMTTimestamp} is true UTC and is preferred; the event's offset comes from {@code
 * GMTOffset} ({@code -05:00} or minutes such as {@code -420}) so the time reads as local time at the
 * scan. Without {@code GMTTimestamp}, {@code eventTimestamp} (local time; a trailing {@code Z} on
 * it cannot be trusted) is placed at {@code GMTOffset}, else at an explicit offset it carries, else
 * at UTC. An event with no readable time is dropped.
 *
 * <h2>Statuses</h2>
 *
 * Each event's status comes from its {@code eventCode} and the overall status from {@code
 * statusCategory}, both through {@link TrackStatusTable}; an unknown category falls back to the
 * newest event's status.
 */
public final class TrackMapper {
  private static final Logger LOG = LoggerFactory.getLogger(TrackMapper.class);
  /** Markup USPS puts in mail class names ({@code <SUP>&#153;</SUP>}); compiled once, not per call. */
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
    for (String e : d.eventSummaries()) {
      if (blank(e) != null) return blank(e);
    }
    return null;
  }

  /**
   * The v3r2 answer (200 or 207) as one result per asked number, in the order asked: successes
   * mapped, per-number failures as {@link dev.shipbridge.NotFoundException} (status 404) or the
   * matching {@link CarrierException}.
   */
  static List<TrackResult> fromBatch(byte[] body, List<String> asked, String requestId, JsonCodec json, Clock clock) {
    List<TrackResult> fast = fromBatchFast(body, asked, json);
    if (fast != null) return fast;
    return fromBatch(json.tree(CarrierId.USPS, body), asked, requestId, json, clock);
  }

  private static final com.fasterxml.jackson.databind.ObjectReader DETAIL = WireReader.reader(TrackWire.Detail.class);

  /**
   * The common answer (every item a success naming an asked number) bound item by item to {@link
   * TrackWire.Detail} straight from the stream: no tree, no {@code treeToValue}. Null whenever the
   * answer is anything else (a failure item, an item naming no or another number, a body that does
   * not parse or bind): then {@link #fromBatch(JsonNode, List, String, JsonCodec, Clock)} reads the
   * tree and decides, exactly as before. It looks for {@code trackingNumber}, {@code statusCode} and
   * {@code error} case-sensitively, as that path does, and leaves decimals to it (their text differs).
   */
  static List<TrackResult> fromBatchFast(byte[] body, List<String> asked, JsonCodec json) {
    if (body == null || body.length == 0 || body.length > JsonCodec.MAX_DOCUMENT_LENGTH || json != JsonCodec.standard()) {
      return null;
    }
    Map<String, String> byWireNumber = new LinkedHashMap<>();
    for (String n : asked) byWireNumber.putIfAbsent(ImpbNumber.stripRouting(n), n);
    Map<String, TrackResult> results = new LinkedHashMap<>();
    try (ItemParser p = new ItemParser(json.mapper().createParser(body))) {
      com.fasterxml.jackson.core.JsonToken t = p.nextToken();
      if (t == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        if (!fastItem(p, byWireNumber, results)) return null;
      } else if (t == com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
        while ((t = p.nextToken()) != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
          if (t != com.fasterxml.jackson.core.JsonToken.START_OBJECT) return null;
          if (!fastItem(p, byWireNumber, results)) return null;
        }
      } else {
        return null;
      }
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
    if (results.size() != asked.size()) return null;
    List<TrackResult> out = new ArrayList<>(asked.size());
    for (String n : asked) {
      TrackResult r = results.get(n);
      if (r == null) return null;
      out.add(r);
    }
    return out;
  }

  private static boolean fastItem(ItemParser p, Map<String, String> byWireNumber, Map<String, TrackResult> results)
      throws java.io.IOException {
    p.startItem();
    TrackWire.Detail d = DETAIL.readValue(p);
    if (d == null || !p.number || p.forTreePath) return false;
    String number = blank(d.trackingNumber());
    if (number == null) return false;
    String asKey = byWireNumber.get(number.toUpperCase(java.util.Locale.ROOT));
    if (asKey == null || results.containsKey(asKey)) return false;
    results.put(asKey, TrackResult.success(asKey, fromDetail(d, asKey)));
    return true;
  }

  /**
   * Names in lower case for the binding ({@link WireReader.LowerCaseNames}), while noting the item's
   * own names as sent: the item is a plain success only with a {@code trackingNumber} and without
   * {@code statusCode} or {@code error}, spelled exactly so (the tree path's test).
   */
  private static final class ItemParser extends WireReader.LowerCaseNames {
    private com.fasterxml.jackson.core.JsonStreamContext item;
    boolean number;
    /** A failure item, or a value the tree path renders differently: that path decides. */
    boolean forTreePath;

    ItemParser(com.fasterxml.jackson.core.JsonParser p) {
      super(p);
    }

    /** Called at an item's START_OBJECT: the names of this object are the item's own. */
    void startItem() {
      item = delegate.getParsingContext();
      number = false;
      forTreePath = false;
    }

    @Override
    public com.fasterxml.jackson.core.JsonToken nextToken() throws java.io.IOException {
      com.fasterxml.jackson.core.JsonToken t = delegate.nextToken();
      if (t == com.fasterxml.jackson.core.JsonToken.FIELD_NAME && delegate.getParsingContext() == item) {
        String raw = delegate.currentName();
        if (raw.equals("trackingNumber")) number = true;
        else if (raw.equals("statusCode") || raw.equals("error")) forTreePath = true;
      } else if (t == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_FLOAT) {
        // bound to a String it would read as sent ("1.50"), where the tree path's node gives "1.5"
        forTreePath = true;
      }
      return t;
    }
  }

  static List<TrackResult> fromBatch(JsonNode root, List<String> asked, String requestId, JsonCodec json, Clock clock) {
    Map<String, String> byWireNumber = new LinkedHashMap<>();
    for (String n : asked) byWireNumber.putIfAbsent(ImpbNumber.stripRouting(n), n);
    Map<String, TrackResult> results = new LinkedHashMap<>();
    List<JsonNode> items = new ArrayList<>();
    if (root.isArray()) root.forEach(items::add);
    else if (root.isObject()) items.add(root);
    for (JsonNode item : items) {
      if (!item.isObject()) continue;
      String number = text(item.get("trackingNumber"));
      String asKey = number == null ? null : byWireNumber.getOrDefault(number.toUpperCase(java.util.Locale.ROOT), null);
      // An item without a number answers the only number asked; an item for another number never does.
      if (asKey == null && number == null && asked.size() == 1) asKey = asked.get(0);
      if (asKey == null) continue;
      int itemStatus = itemStatus(item);
      if (itemStatus >= 300 || item.path("error").isObject()) {
        CarrierException failure = UspsErrors.mapItem(item, itemStatus >= 300 ? itemStatus : 404,
            UspsApi.TRACKING_V3R2, requestId, clock);
        results.put(asKey, TrackResult.failure(asKey, CarrierId.USPS, failure));
      } else {
        TrackWire.Detail d = json.convert(CarrierId.USPS, item, TrackWire.Detail.class);
        try {
          results.put(asKey, TrackResult.success(asKey, fromDetail(d, asKey)));
        } catch (CarrierException unreadable) {
          results.put(asKey, TrackResult.failure(asKey, CarrierId.USPS, unreadable));
        }
      }
    }
    List<TrackResult> out = new ArrayList<>();
    for (String n : asked) {
      TrackResult r = results.get(n);
      out.add(r != null ? r : TrackResult.failure(n, CarrierId.USPS, new CarrierException(
          CarrierException.details(CarrierId.USPS, "the USPS answer did not mention this number").requestId(requestId))));
    }
    return out;
  }

  private static int itemStatus(JsonNode item) {
    String s = text(item.get("statusCode"));
    if (s == null) return 200;
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return 200;
    }
  }

  static LocalDate expectedDelivery(TrackWire.Detail d) {
    List<String> candidates = new ArrayList<>();
    if (d.deliveryDateExpectation() != null) {
      candidates.add(d.deliveryDateExpectation().expectedDeliveryDate());
      candidates.add(d.deliveryDateExpectation().predictedDeliveryDate());
    }
    candidates.add(d.expectedDeliveryDate());
    candidates.add(d.expectedDeliveryTimeStamp());
    candidates.add(d.predictedDeliveryDate());
    candidates.add(d.predictedDeliveryTimeStamp());
    for (String c : candidates) {
      String s = blank(c);
      if (s == null || s.length() < 10) continue;
      try {
        return LocalDate.parse(s.substring(0, 10));
      } catch (DateTimeParseException ignored) {
        // not a date ("3 Business Days"): try the next
      }
    }
    return null;
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() || n.isContainerNode() ? null : blank(n.asText());
  }

  /** Tags and entities removed (the regexes run only when there is a '<' or a '&'); stripped. */
  static String withoutMarkup(String mailClass) {
    String cached = MAIL_CLASSES.get(mailClass);
    if (cached != null) return cached;
    String s = mailClass;
    if (s.indexOf('<') >= 0) s = TAG.matcher(s).replaceAll("");
    if (s.indexOf('&') >= 0) s = ENTITY.matcher(s).replaceAll("");
    s = s.strip();
    if (MAIL_CLASSES.size() < 256 && mailClass.length() <= 128) MAIL_CLASSES.putIfAbsent(mailClass, s);
    return s;
  }

  /** Mail class names as sent and without markup: USPS has a few dozen, each seen many times. */
  private static final java.util.concurrent.ConcurrentHashMap<String, String> MAIL_CLASSES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

}
