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
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

  private static final java.util.regex.Pattern OFFSET_DIGITS = java.util.regex.Pattern.compile("\\d{1,4}");

  private TrackMapper() {}

  /** The v3r2 body: one item per number, each without a {@code 420}+ZIP routing prefix. */
  static List<TrackWire.Item> toWire(List<String> numbers) {
    return numbers.stream().map(n -> new TrackWire.Item(ImpbNumber.stripRouting(n))).toList();
  }

  /** One detail as a tracking, under the number the caller asked for. */
  static Tracking fromDetail(TrackWire.Detail d, String asked) {
    List<TrackingEvent> events = new ArrayList<>();
    if (d.trackingEvents() != null) {
      for (TrackWire.Event e : d.trackingEvents()) {
        if (e == null) continue;
        OffsetDateTime time = eventTime(e);
        if (time == null) {
          LOG.debug("USPS event without a readable time dropped (code {})", e.eventCode());
          continue;
        }
        String raw = e.eventCode() != null && !e.eventCode().isBlank() ? e.eventCode().strip() : null;
        events.add(new TrackingEvent(time, TrackStatusTable.eventCode(raw), raw, e.eventType(),
            new EventLocation(blank(e.eventCity()), blank(e.eventState()), blank(e.eventZIPCode()),
                blank(e.eventCountry()), null), CarrierId.USPS));
      }
    }
    Map<String, String> details = new LinkedHashMap<>();
    put(details, "status", d.status());
    put(details, "statusCategory", d.statusCategory());
    put(details, "statusSummary", d.statusSummary());
    put(details, "mailClass", d.mailClass() == null ? null : withoutMarkup(d.mailClass()));
    put(details, "mailClassCode", d.mailClassCode());
    put(details, "destinationZIPCode", d.destinationZIPCode());
    if (!ImpbNumber.stripRouting(asked).equals(asked)) details.put("impb", ImpbNumber.stripRouting(asked));
    Tracking base = Tracking.of(asked, CarrierId.USPS, events, expectedDelivery(d), null, details);
    TrackingStatus status = TrackStatusTable.category(d.statusCategory()).orElse(base.status());
    return new Tracking(base.trackingNumber(), base.carrier(), status, base.events(), base.estimatedDelivery(),
        base.legs(), null, base.details());
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

  /** Reads a {@link TrackWire.Detail} straight from tokens: no tree, no {@code treeToValue}. */
  private static final com.fasterxml.jackson.databind.ObjectReader DETAIL =
      JsonCodec.standard().mapper().readerFor(TrackWire.Detail.class);

  /**
   * The common answer (every item a success naming an asked number) read as a stream, each item
   * buffered as tokens and bound to {@link TrackWire.Detail} directly. Null whenever the answer is
   * anything else (a failure item, an item naming no or another number, a non-string number, a
   * body that does not parse or bind): then {@link #fromBatch(JsonNode, List, String, JsonCodec,
   * Clock)} reads the tree and decides, exactly as before. Matches keys case-sensitively, as that
   * path does.
   */
  static List<TrackResult> fromBatchFast(byte[] body, List<String> asked, JsonCodec json) {
    if (body == null || body.length == 0 || json != JsonCodec.standard()) return null;
    Map<String, String> byWireNumber = new LinkedHashMap<>();
    for (String n : asked) byWireNumber.putIfAbsent(ImpbNumber.stripRouting(n), n);
    Map<String, TrackResult> results = new LinkedHashMap<>();
    com.fasterxml.jackson.databind.ObjectMapper mapper = json.mapper();
    try (com.fasterxml.jackson.core.JsonParser p = mapper.createParser(body)) {
      com.fasterxml.jackson.core.JsonToken t = p.nextToken();
      if (t == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        if (!fastItem(p, byWireNumber, results, mapper)) return null;
      } else if (t == com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
        while ((t = p.nextToken()) != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
          if (t != com.fasterxml.jackson.core.JsonToken.START_OBJECT) return null;
          if (!fastItem(p, byWireNumber, results, mapper)) return null;
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

  private static boolean fastItem(com.fasterxml.jackson.core.JsonParser p, Map<String, String> byWireNumber,
      Map<String, TrackResult> results, com.fasterxml.jackson.databind.ObjectMapper mapper) throws java.io.IOException {
    com.fasterxml.jackson.databind.util.TokenBuffer buf = new com.fasterxml.jackson.databind.util.TokenBuffer(p);
    buf.writeStartObject();
    String number = null;
    com.fasterxml.jackson.core.JsonToken t;
    while ((t = p.nextToken()) == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
      String name = p.currentName();
      if (name.equals("statusCode") || name.equals("error")) return false;
      com.fasterxml.jackson.core.JsonToken v = p.nextToken();
      if (name.equals("trackingNumber")) {
        if (v != com.fasterxml.jackson.core.JsonToken.VALUE_STRING) return false;
        number = blank(p.getText());
      }
      buf.writeFieldName(lowerName(name));
      if (!copyLowered(p, buf)) return false;
    }
    if (t != com.fasterxml.jackson.core.JsonToken.END_OBJECT) return false;
    buf.writeEndObject();
    if (number == null) return false;
    String asKey = byWireNumber.get(number.toUpperCase(java.util.Locale.ROOT));
    if (asKey == null) return false;
    TrackWire.Detail d;
    try (com.fasterxml.jackson.core.JsonParser bp = buf.asParser(p)) {
      d = DETAIL.readValue(bp);
    }
    if (d == null) return false;
    results.put(asKey, TrackResult.success(asKey, fromDetail(d, asKey)));
    return true;
  }

  /**
   * Copies the current value to {@code buf} with property names in lower case; false (nothing
   * decided) for a value this copy would not render exactly as the tree path does. The wire records
   * match names case-insensitively, which lower-cases each incoming name per lookup; a name already
   * in lower case is returned as is, so this (with the cache) saves a string per property.
   */
  private static boolean copyLowered(com.fasterxml.jackson.core.JsonParser p,
      com.fasterxml.jackson.databind.util.TokenBuffer buf) throws java.io.IOException {
    switch (p.currentToken()) {
      case START_OBJECT -> {
        buf.writeStartObject();
        while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
          buf.writeFieldName(lowerName(p.currentName()));
          p.nextToken();
          if (!copyLowered(p, buf)) return false;
        }
        buf.writeEndObject();
      }
      case START_ARRAY -> {
        buf.writeStartArray();
        while (p.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
          if (!copyLowered(p, buf)) return false;
        }
        buf.writeEndArray();
      }
      // A decimal would reach a String field as the tree path's BigDecimal text only if copied
      // as one; the tree path decides those (USPS sends none in tracking).
      case VALUE_NUMBER_FLOAT, VALUE_EMBEDDED_OBJECT -> {
        return false;
      }
      default -> buf.copyCurrentEvent(p);
    }
    return true;
  }

  /** Lower-cased names as Jackson lower-cases them (the mapper's locale); a bounded cache. */
  private static final java.util.concurrent.ConcurrentHashMap<String, String> LOWER = new java.util.concurrent.ConcurrentHashMap<>();
  private static final java.util.Locale NAME_LOCALE = JsonCodec.standard().mapper().getDeserializationConfig().getLocale();

  private static String lowerName(String name) {
    String l = LOWER.get(name);
    if (l != null) return l;
    l = name.toLowerCase(NAME_LOCALE);
    if (LOWER.size() < 512 && name.length() <= 64) LOWER.putIfAbsent(name, l);
    return l;
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
        results.put(asKey, TrackResult.success(asKey, fromDetail(d, asKey)));
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

  static OffsetDateTime eventTime(TrackWire.Event e) {
    ZoneOffset offset = offset(e.gmtOffset());
    OffsetDateTime gmt = instant(e.gmtTimestamp());
    if (gmt != null) return offset != null ? gmt.withOffsetSameInstant(offset) : gmt;
    String local = blank(e.eventTimestamp());
    if (local == null) return null;
    String t = local.replace(' ', 'T');
    if (offset != null) {
      LocalDateTime ldt = localDateTime(t);
      return ldt == null ? null : ldt.atOffset(offset);
    }
    try {
      if (!t.endsWith("Z") && !t.endsWith("z")) return OffsetDateTime.parse(t);
    } catch (DateTimeParseException noOffset) {
      // local time without an offset: below
    }
    LocalDateTime ldt = localDateTime(t);
    return ldt == null ? null : ldt.atOffset(ZoneOffset.UTC);
  }

  /** {@code GMTTimestamp}: an instant, with or without offset (then UTC), 'T' or space separated. */
  static OffsetDateTime instant(String raw) {
    String s = blank(raw);
    if (s == null) return null;
    OffsetDateTime fast = utcSeconds(s);
    if (fast != null) return fast;
    String t = s.replace(' ', 'T');
    try {
      return OffsetDateTime.parse(t).withOffsetSameInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException noOffset) {
      LocalDateTime ldt = localDateTime(t);
      return ldt == null ? null : ldt.atOffset(ZoneOffset.UTC);
    }
  }

  /**
   * The common {@code yyyy-MM-ddTHH:mm:ssZ} form (also with a space for 'T' or a lower-case 'z'),
   * read without a {@code DateTimeFormatter}; null for any other form or an invalid date, which
   * then takes the general path (and so gets exactly its result).
   */
  static OffsetDateTime utcSeconds(String s) {
    if (s.length() != 20) return null;
    char sep = s.charAt(10);
    char z = s.charAt(19);
    if ((sep != 'T' && sep != ' ') || (z != 'Z' && z != 'z') || s.charAt(4) != '-' || s.charAt(7) != '-'
        || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) return null;
    try {
      return OffsetDateTime.of(year, month, day, hour, minute, second, 0, ZoneOffset.UTC);
    } catch (java.time.DateTimeException invalid) {
      return null;
    }
  }

  /** The value of {@code n} ASCII digits at {@code from}, or -1. */
  private static int digits(String s, int from, int n) {
    int v = 0;
    for (int i = from; i < from + n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static LocalDateTime localDateTime(String t) {
    String s = t.endsWith("Z") || t.endsWith("z") ? t.substring(0, t.length() - 1) : t;
    int plus = Math.max(s.indexOf('+', 10), s.lastIndexOf('-') > 10 ? s.lastIndexOf('-') : -1);
    if (plus > 10) s = s.substring(0, plus);
    try {
      return LocalDateTime.parse(s);
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(s.length() >= 10 ? s.substring(0, 10) : s).atStartOfDay();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /** {@code -05:00}, {@code +0530}, or minutes such as {@code -420}; null when absent or unreadable. */
  static ZoneOffset offset(String raw) {
    String s = blank(raw);
    if (s == null) return null;
    try {
      if (s.contains(":")) return ZoneOffset.of(s.startsWith("+") || s.startsWith("-") ? s : "+" + s);
      String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
      int sign = s.startsWith("-") ? -1 : 1;
      if (!OFFSET_DIGITS.matcher(digits).matches()) return null;
      if (digits.length() == 4) {
        return ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(digits.substring(0, 2)), sign * Integer.parseInt(digits.substring(2)));
      }
      int minutes = Integer.parseInt(digits);
      if (minutes > 18 * 60) return null;
      return ZoneOffset.ofTotalSeconds(sign * minutes * 60);
    } catch (RuntimeException e) {
      return null;
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
    String s = mailClass;
    if (s.indexOf('<') >= 0) s = TAG.matcher(s).replaceAll("");
    if (s.indexOf('&') >= 0) s = ENTITY.matcher(s).replaceAll("");
    return s.strip();
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static void put(Map<String, String> m, String k, String v) {
    if (v != null && !v.isBlank()) m.put(k, v.strip());
  }
}
