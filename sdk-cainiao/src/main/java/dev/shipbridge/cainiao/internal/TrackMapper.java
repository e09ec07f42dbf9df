package dev.shipbridge.cainiao.internal;

import static dev.shipbridge.cainiao.internal.WireJson.at;
import static dev.shipbridge.cainiao.internal.WireJson.bool;
import static dev.shipbridge.cainiao.internal.WireJson.first;
import static dev.shipbridge.cainiao.internal.WireJson.list;
import static dev.shipbridge.cainiao.internal.WireJson.longValue;
import static dev.shipbridge.cainiao.internal.WireJson.object;
import static dev.shipbridge.cainiao.internal.WireJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.EventLocation;
import dev.shipbridge.model.Handoff;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingStatus;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracking answers to {@link Tracking}s, without I/O: {@code
 * aliexpress.logistics.redefining.querytrackingresult} ({@code details[]} with {@code
 * action_code}), the public {@code global.cainiao.com/global/detail.json} ({@code module[]} with
 * {@code detailList[]}), and the LINK tracking query ({@code statuses[]} or {@code
 * traceDetailList[]}). Every event's status comes from {@link ActionCodeTable}; times come from
 * epoch milliseconds where present; events are ordered oldest first; the overall status is the
 * newest event that is not merely informational.
 *
 * <p>Order: events are sorted oldest first by instant; a list the carrier gave newest first is
 * reversed before that stable sort, so events with equal times keep the carrier's own order and the
 * latest event is the carrier's latest.
 *
 * <p>Location: Cainiao puts the place in a {@code [Place] ...} (or {@code 【Place】}) prefix of the
 * description; it becomes the event's location when no other is given (the description is kept as
 * is).
 *
 * <p>Handoff: whatever the data say about the next carrier is reported, as a hint: its name
 * ({@code destCpInfo.cpName}/{@code cpCode}, {@code lm_resource_code}, a name before the number in
 * {@code realMailNo}) and its number ({@code realMailNo}, {@code copyRealMailNo}, also after a
 * label such as {@code Latest Tracking Number:\t}, or a latest international number that differs
 * from the original and is not Cainiao's own), either alone. Which carrier that is, is chosen in
 * sdk-core by the configured carriers' number matchers ({@code CarrierRegistry.routeHandoff}).
 */
public final class TrackMapper {
  private static final Logger log = LoggerFactory.getLogger(TrackMapper.class);
  public static final String METHOD = "aliexpress.logistics.redefining.querytrackingresult";
  /** {@code [Place] text} or {@code 【Place】text}: the place Cainiao prefixes a description with. */
  private static final Pattern PLACE = Pattern.compile("^\\s*[\\[\u3010]([^\\]\u3011]{1,80})[\\]\u3011]");
  private static final Pattern NUMBER = Pattern.compile("[A-Z0-9]{8,40}");

  private TrackMapper() {}

  /** What is known about a parcel before tracking it (from getonlinelogisticsinfo, when an LP code was asked). */
  public record Query(String logisticsNo, String outRef, String serviceName, String toArea) {}

  public static Map<String, String> toWire(Query q) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("logistics_no", q.logisticsNo());
    p.put("origin", "ESCROW");
    if (q.outRef() != null) p.put("out_ref", q.outRef());
    if (q.serviceName() != null) p.put("service_name", q.serviceName());
    if (q.toArea() != null) p.put("to_area", q.toArea());
    return p;
  }

  // ---------------------------------------------------------------- IOP querytrackingresult

  public static Tracking fromQueryTrackingResult(JsonNode answer, String asked, LabelMapper.OnlineInfo info,
      CainiaoErrors.Call call) {
    JsonNode holder = object(answer, "result").isObject() && first(answer, "details").isMissingNode()
        ? object(answer, "result") : answer;
    Boolean ok = bool(holder, "result_success", "is_success", "success");
    List<JsonNode> rows = list(holder, "details");
    if (Boolean.FALSE.equals(ok) && rows.isEmpty()) {
      String desc = text(holder, "error_desc", "error_msg");
      throw new NotFoundException(CarrierException.details(call.carrier(),
          "Cainiao has no tracking for " + asked + (desc == null ? "" : ": " + desc)).carrierCode(text(holder, "error_code")));
    }
    List<TrackingEvent> events = new ArrayList<>();
    for (JsonNode d : rows) {
      String code = text(d, "action_code");
      if (code == null) code = text(d, "status");
      OffsetDateTime time = time(d, "event_date", null);
      if (time == null) {
        log.debug("A Cainiao event without a readable time was skipped ({})", code);
        continue;
      }
      String where = text(d, "address");
      events.add(event(time, code, text(d, "event_desc"), where == null ? null : new EventLocation(null, null, null, null, where),
          call.carrier()));
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("source", "iop");
    QuoteMapper.putIfPresent(details, "officialWebsite", text(holder, "official_website"));
    Handoff handoff = null;
    if (info != null) {
      QuoteMapper.putIfPresent(details, "lpNumber", info.lpNumber());
      QuoteMapper.putIfPresent(details, "internationalTrackingNumber", info.latestNumber());
      QuoteMapper.putIfPresent(details, "originalInternationalTrackingNumber", info.originalNumber());
      handoff = handoff(info.latestNumber(), info.originalNumber(), info.lastMileResource());
    }
    return tracking(asked, call.carrier(), events, null, handoff, details);
  }

  // ---------------------------------------------------------------- public detail.json

  public static Tracking fromPublicDetail(JsonNode root, String asked, CainiaoErrors.Call call) {
    JsonNode module = null;
    for (JsonNode m : list(root, "module", "data")) {
      String no = LabelMapper.upper(text(m, "mailNo"));
      if (module == null || asked.equals(no)) module = m;
      if (asked.equals(no)) break;
    }
    if (module == null) {
      throw CainiaoErrors.malformed(call, null, "no module for " + asked);
    }
    List<TrackingEvent> events = new ArrayList<>();
    for (JsonNode d : list(module, "detailList")) {
      OffsetDateTime time = time(d, "time", "timeStr");
      if (time == null) continue;
      String desc = text(d, "standerdDesc", "standardDesc", "desc");
      events.add(event(time, text(d, "actionCode"), desc, null, call.carrier()));
    }
    String source = text(module, "mailNoSource");
    if (events.isEmpty() && "EXTERNAL".equalsIgnoreCase(source)) {
      throw new NotFoundException(CarrierException.details(call.carrier(), "Cainiao does not know " + asked));
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("source", "public");
    QuoteMapper.putIfPresent(details, "parcelStatus", text(module, "status"));
    QuoteMapper.putIfPresent(details, "originCountry", text(module, "originCountry"));
    QuoteMapper.putIfPresent(details, "destCountry", text(module, "destCountry"));
    QuoteMapper.putIfPresent(details, "mailNoSource", source);
    JsonNode cp = object(module, "destCpInfo");
    String cpName = text(cp, "cpName", "cpCode");
    String real = realNumber(text(module, "realMailNo"), text(module, "copyRealMailNo"));
    String named = cpName != null ? cpName : namedCarrier(text(module, "realMailNo"));
    Handoff handoff = handoff(real, asked, named);
    LocalDate eta = null;
    Long max = longValue(object(module, "globalEtaInfo"), "deliveryMaxTime");
    if (max != null && max > 0) eta = CainiaoTimes.fromEpoch(max).toLocalDate();
    Tracking t = tracking(asked, call.carrier(), events, eta, handoff, details);
    if (events.isEmpty()) {
      // Known to Cainiao ("awaiting seller dispatch") but no event yet: not an invalid number.
      return new Tracking(t.trackingNumber(), t.carrier(), TrackingStatus.PRE_TRANSIT, t.events(), eta, t.legs(),
          handoff, details);
    }
    return t;
  }

  // ---------------------------------------------------------------- LINK tracking

  public static Tracking fromLink(JsonNode answer, String asked, CainiaoErrors.Call call) {
    List<TrackingEvent> events = new ArrayList<>();
    JsonNode data = object(answer, "data").isObject() ? object(answer, "data") : answer;
    List<JsonNode> rows = list(data, "statuses");
    if (rows.isEmpty()) rows = list(data, "traceDetailList", "traceDetails", "traceDetail");
    for (JsonNode s : rows) {
      TrackingEvent e = linkEvent(s, call.carrier());
      if (e != null) events.add(e);
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("source", "link");
    JsonNode pkg = object(data, "packageParam");
    String real = LabelMapper.upper(text(pkg, "trackingNumber"));
    Handoff handoff = handoff(real, asked, text(pkg, "cpName", "cpCode", "lastMileCarrier"));
    return tracking(asked, call.carrier(), events, null, handoff, details);
  }

  /** One LINK trace line (pull answers and pushes share it). */
  static TrackingEvent linkEvent(JsonNode s, CarrierId carrier) {
    String code = text(s, "actionCode", "action_code", "opCode");
    OffsetDateTime time = time(s, "opTimestamp", "time");
    if (time == null) time = CainiaoTimes.parse(text(s, "datetime", "time", "opTime"), text(s, "timeZone"));
    if (time == null) return null;
    String desc = text(s, "customerizedDesc", "standardDesc", "standerdDesc", "description", "desc", "statusName");
    JsonNode loc = first(s, "location", "address");
    EventLocation where = null;
    if (loc.isTextual() && !loc.asText().isBlank()) {
      where = new EventLocation(null, null, null, null, loc.asText().trim());
    } else if (loc.isObject()) {
      where = new EventLocation(text(loc, "city"), text(loc, "province", "region", "state"), text(loc, "zipCode", "postcode"),
          text(loc, "country", "countryCode"), text(loc, "name", "address", "detailAddress"));
    }
    return event(time, code, desc, where, carrier);
  }

  // ---------------------------------------------------------------- shared

  static TrackingEvent event(OffsetDateTime time, String code, String desc, EventLocation where, CarrierId carrier) {
    TrackingStatus status = code == null ? TrackingStatus.UNKNOWN : ActionCodeTable.status(code);
    if (where == null || where.display().isEmpty()) {
      String place = place(desc);
      if (place != null) where = new EventLocation(null, null, null, null, place);
    }
    return new TrackingEvent(time, status, code, desc, where, carrier);
  }

  /** The place of a {@code [Place] ...} description prefix, or null. */
  static String place(String desc) {
    if (desc == null) return null;
    Matcher m = PLACE.matcher(desc);
    if (!m.find()) return null;
    String p = m.group(1).strip();
    return p.isEmpty() ? null : p;
  }

  /**
   * Epoch milliseconds from {@code epochField} (number or digits) first; else the text field read
   * with the event's {@code timeZone}.
   */
  static OffsetDateTime time(JsonNode d, String epochField, String textField) {
    JsonNode n = at(d, epochField);
    if (n.isNumber()) return CainiaoTimes.fromEpoch(n.longValue());
    String zone = text(d, "timeZone", "time_zone");
    String t = text(d, epochField);
    OffsetDateTime parsed = t == null ? null : CainiaoTimes.parse(t, zone);
    if (parsed != null) return parsed;
    return textField == null ? null : CainiaoTimes.parse(text(d, textField), zone);
  }

  /** A tracking whose status is its newest meaningful event's. */
  static Tracking tracking(String number, CarrierId carrier, List<TrackingEvent> events, LocalDate eta, Handoff handoff,
      Map<String, String> details) {
    List<TrackingEvent> sorted = new ArrayList<>(events);
    // newest first as given: reversed, so equal times keep the carrier's order through the stable sort
    if (sorted.size() > 1 && sorted.get(0).time().toInstant().isAfter(sorted.get(sorted.size() - 1).time().toInstant())) {
      java.util.Collections.reverse(sorted);
    }
    sorted.sort(Comparator.comparing(e -> e.time().toInstant()));
    TrackingStatus status = overall(sorted);
    Map<String, String> d = new LinkedHashMap<>(details);
    for (int i = sorted.size() - 1; i >= 0; i--) {
      TrackingEvent e = sorted.get(i);
      if (ActionCodeTable.isInformational(e.rawCode())) continue;
      if (ActionCodeTable.needsConsumerAction(e.rawCode())) d.put("consumerActionRequired", e.rawCode());
      break;
    }
    if (handoff != null) {
      QuoteMapper.putIfPresent(d, "lastMileCarrier", handoff.carrierName());
      QuoteMapper.putIfPresent(d, "lastMileTrackingNumber", handoff.trackingNumber());
    }
    return Tracking.of(number, carrier, status, sorted, eta, handoff, d);
  }

  static TrackingStatus overall(List<TrackingEvent> oldestFirst) {
    for (int i = oldestFirst.size() - 1; i >= 0; i--) {
      TrackingEvent e = oldestFirst.get(i);
      if (!ActionCodeTable.isInformational(e.rawCode()) && e.status() != TrackingStatus.UNKNOWN) return e.status();
    }
    return oldestFirst.isEmpty() ? TrackingStatus.UNKNOWN : oldestFirst.get(oldestFirst.size() - 1).status();
  }

  /** The number in {@code realMailNo} ("PostNL 3S...", "Latest Tracking Number:\t...") or {@code copyRealMailNo}. */
  static String realNumber(String realMailNo, String copyRealMailNo) {
    for (String s : new String[] {copyRealMailNo, realMailNo}) {
      if (s == null) continue;
      String[] parts = SEPARATORS.split(s.trim());
      String last = LabelMapper.upper(parts[parts.length - 1]);
      if (last != null && NUMBER.matcher(last).matches()) return last;
    }
    return null;
  }

  private static final Pattern SEPARATORS = Pattern.compile("[\\s:]+");
  private static final Pattern NAMED_CARRIER = Pattern.compile("^([A-Za-z][A-Za-z .-]{1,40}?)\\s+[A-Z0-9]{8,40}$");

  /** The carrier named in {@code realMailNo} before the number ("PostNL 3S..."), when there is one. */
  static String namedCarrier(String realMailNo) {
    if (realMailNo == null) return null;
    Matcher m = NAMED_CARRIER.matcher(realMailNo.trim());
    if (!m.matches()) return null;
    String name = m.group(1).trim();
    return name.toLowerCase(Locale.ROOT).contains("tracking number") ? null : name;
  }

  /**
   * What the data say about the next carrier, as a hint: {@code latest} when it is present, differs
   * from {@code original} and is not Cainiao's own, and the carrier {@code named} (not Cainiao);
   * null when neither is known. The carrier itself is chosen in sdk-core, by number matchers.
   */
  static Handoff handoff(String latest, String original, String named) {
    String number = latest == null || latest.equals(original) || CainiaoNumbers.INSTANCE.matches(latest) ? null : latest;
    String name = named == null || named.isBlank() || named.strip().equalsIgnoreCase("cainiao") ? null : named.strip();
    return number == null && name == null ? null : Handoff.hinted(name, number);
  }
}
