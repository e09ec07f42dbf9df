package dev.shipbridge.cainiao.internal;

import static dev.shipbridge.cainiao.internal.CainiaoWire.orEmpty;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.shipbridge.CarrierException;
import dev.shipbridge.InvalidRequestException;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.ValidationException;
import dev.shipbridge.http.RequestSafety;
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
 * Tracking: which source is asked ({@link #track}: IOP, the public page, LINK) and its answers as
 * {@link Tracking}s, statuses from {@link ActionCodeTable}; the overall status is the newest event
 * that is not merely informational. What the data say of the next carrier is a handoff hint.
 */
public final class TrackMapper {
  private static final Logger log = LoggerFactory.getLogger(TrackMapper.class);
  public static final String METHOD = "aliexpress.logistics.redefining.querytrackingresult";
  /** {@code [Place] text} or {@code 【Place】text}: the place Cainiao prefixes a description with. */
  private static final Pattern PLACE = Pattern.compile("^\\s*[\\[\u3010]([^\\]\u3011]{1,80})[\\]\u3011]");
  private static final Pattern NUMBER = Pattern.compile("[A-Z0-9]{8,40}");
  private static final Map<String, String> IOP_SOURCE = Map.of("source", "iop");

  private TrackMapper() {}

  /** The form of {@code querytrackingresult}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Query(String logisticsNo, String origin, String outRef, String serviceName, String toArea) {
    Query(String logisticsNo, String outRef, String serviceName) {
      this(logisticsNo, "ESCROW", outRef, serviceName, null);
    }
  }

  /** IOP if configured (the opted-in public page when IOP knows nothing), else LINK, else the public page. */
  public static Tracking track(CainiaoTransport transport, CainiaoConfig config, String number) {
    if (config.hasIop()) {
      Tracking t;
      try {
        t = trackIop(transport, config, number);
      } catch (NotFoundException e) {
        t = publicOrNull(transport, config, number);
        if (t == null) throw e;
        return t;
      }
      Tracking fallback = t.events().isEmpty() ? publicOrNull(transport, config, number) : null;
      return fallback != null ? fallback : t;
    }
    if (config.hasLink()) {
      var answer = transport.link(config.linkTrackingMsgType(), new CainiaoWire.LinkQuery(number, config.locale()),
          CainiaoWire.LinkAnswer.class, RequestSafety.IDEMPOTENT);
      return fromLink(answer.body(), number, transport.call(config.linkTrackingMsgType(), false, null));
    }
    if (config.publicTracking()) return trackPublic(transport, number);
    throw ValidationException.of("carrier", "Cainiao tracking needs IOP or LINK credentials, or public tracking enabled");
  }

  private static Tracking trackPublic(CainiaoTransport transport, String number) {
    return fromPublicDetail(transport.publicDetail(number), number, transport.call(CainiaoTransport.PUBLIC, false, null));
  }

  /** The opted-in public page's tracking; null when off, or it does not know the number or is limited. */
  private static Tracking publicOrNull(CainiaoTransport transport, CainiaoConfig config, String number) {
    if (!config.publicTracking()) return null;
    try {
      return trackPublic(transport, number);
    } catch (NotFoundException | RateLimitedException e) {
      return null;
    }
  }

  private static Tracking trackIop(CainiaoTransport transport, CainiaoConfig config, String number) {
    boolean lp = CainiaoNumbers.isLpCode(number);
    List<LabelMapper.OnlineInfo> rows;
    try {
      rows = LabelMapper.fromOnlineInfo(transport.iop(LabelMapper.ONLINE_INFO, lp
              ? new LabelMapper.InfoForm(number, null, null, null) : new LabelMapper.InfoForm(null, null, null, number),
          CainiaoWire.OnlineInfoAnswer.class, RequestSafety.IDEMPOTENT, null), transport.call(LabelMapper.ONLINE_INFO, false, null));
    } catch (InvalidRequestException | NotFoundException e) {
      if (lp) throw e;
      rows = List.of(); // not one of this seller's orders: query the number directly
    }
    LabelMapper.OnlineInfo info = rows.isEmpty() ? null : rows.get(0);
    if (lp && info == null) {
      throw new NotFoundException(CarrierException.details(config.id(), "Cainiao has no logistics order " + number));
    }
    String logisticsNo = number;
    if (info != null) {
      String latest = info.latestNumber();
      String original = info.originalNumber();
      if (latest != null && CainiaoNumbers.INSTANCE.matches(latest)) logisticsNo = latest;
      else if (original != null) logisticsNo = original;
      else if (latest != null) logisticsNo = latest;
      else return awaitingDispatch(tracking(number, config.id(), List.of(), null, null, IOP_SOURCE));
    }
    Query q = new Query(logisticsNo, info == null ? null : info.tradeOrderId(), info == null ? null : info.serviceName());
    var answer = transport.iop(METHOD, q, CainiaoWire.TrackAnswer.class, RequestSafety.IDEMPOTENT, null);
    return fromQueryTrackingResult(answer, number, info, transport.call(METHOD, false, null));
  }

  static Tracking fromQueryTrackingResult(CainiaoWire.Reply<CainiaoWire.TrackAnswer> answer, String asked,
      LabelMapper.OnlineInfo info, CainiaoErrors.Call call) {
    CainiaoWire.TrackAnswer body = answer.body();
    boolean nested = body != null && body.result() != null && body.details() == null;
    CainiaoWire.TrackAnswer holder = nested ? body.result() : body;
    CainiaoWire.Envelope status = nested ? answer.status().result() : answer.status();
    List<CainiaoWire.TrackDetail> rows = holder == null ? List.of() : orEmpty(holder.details());
    Boolean ok = status == null ? null : status.resultSuccess() != null ? status.resultSuccess()
        : status.isSuccessSnake() != null ? status.isSuccessSnake() : status.success();
    if (Boolean.FALSE.equals(ok) && rows.isEmpty()) {
      String desc = status.errorDesc() != null ? status.errorDesc() : status.errorMsg();
      throw new NotFoundException(CarrierException.details(call.carrier(), "Cainiao has no tracking for " + asked
          + (desc == null ? "" : ": " + desc)).carrierCode(status.errorCodeSnake()));
    }
    List<TrackingEvent> events = new ArrayList<>();
    for (CainiaoWire.TrackDetail d : rows) {
      if (d == null) continue;
      String code = d.actionCode() != null ? d.actionCode() : d.status();
      OffsetDateTime time = CainiaoTimes.parse(d.eventDate(), d.timeZone());
      if (time == null) {
        log.debug("A Cainiao event without a readable time was skipped ({})", code);
        continue;
      }
      String where = d.address();
      events.add(event(time, code, d.eventDesc(), where == null ? null : new EventLocation(null, null, null, null, where),
          call.carrier()));
    }
    Map<String, String> details = new LinkedHashMap<>(IOP_SOURCE);
    QuoteMapper.putIfPresent(details, "officialWebsite", holder == null ? null : holder.officialWebsite());
    Handoff handoff = null;
    if (info != null) {
      QuoteMapper.putIfPresent(details, "lpNumber", info.lpNumber());
      QuoteMapper.putIfPresent(details, "internationalTrackingNumber", info.latestNumber());
      QuoteMapper.putIfPresent(details, "originalInternationalTrackingNumber", info.originalNumber());
      handoff = handoff(info.latestNumber(), info.originalNumber(), info.lastMileResource());
    }
    return tracking(asked, call.carrier(), events, null, handoff, details);
  }

  static Tracking fromPublicDetail(CainiaoWire.PublicAnswer root, String asked, CainiaoErrors.Call call) {
    CainiaoWire.Module module = null;
    for (CainiaoWire.Module m : orEmpty(root == null ? null : root.module())) {
      if (m == null) continue;
      String no = LabelMapper.upper(m.mailNo());
      if (module == null || asked.equals(no)) module = m;
      if (asked.equals(no)) break;
    }
    if (module == null) {
      throw CainiaoErrors.malformed(call, null, "no module for " + asked);
    }
    List<TrackingEvent> events = new ArrayList<>();
    for (CainiaoWire.PublicEvent d : orEmpty(module.detailList())) {
      if (d == null) continue;
      OffsetDateTime time = CainiaoTimes.parse(d.time(), d.timeZone());
      if (time == null) time = CainiaoTimes.parse(d.timeStr(), d.timeZone());
      if (time == null) continue;
      events.add(event(time, d.actionCode(), d.standerdDesc() != null ? d.standerdDesc() : d.desc(), null, call.carrier()));
    }
    String source = module.mailNoSource();
    if (events.isEmpty() && "EXTERNAL".equalsIgnoreCase(source)) {
      throw new NotFoundException(CarrierException.details(call.carrier(), "Cainiao does not know " + asked));
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("source", "public");
    QuoteMapper.putIfPresent(details, "parcelStatus", module.status());
    QuoteMapper.putIfPresent(details, "originCountry", module.originCountry());
    QuoteMapper.putIfPresent(details, "destCountry", module.destCountry());
    QuoteMapper.putIfPresent(details, "mailNoSource", source);
    CainiaoWire.CpInfo cp = module.destCpInfo();
    String cpName = cp == null ? null : cp.cpName() != null ? cp.cpName() : cp.cpCode();
    String real = realNumber(module.realMailNo(), module.copyRealMailNo());
    String named = cpName != null ? cpName : namedCarrier(module.realMailNo());
    Handoff handoff = handoff(real, asked, named);
    LocalDate eta = null;
    Long max = module.globalEtaInfo() == null ? null : module.globalEtaInfo().deliveryMaxTime();
    if (max != null && max > 0) eta = CainiaoTimes.fromEpoch(max).toLocalDate();
    Tracking t = tracking(asked, call.carrier(), events, eta, handoff, details);
    return events.isEmpty() ? awaitingDispatch(t) : t;
  }

  /** Known to Cainiao ("awaiting seller dispatch") but without an event yet: not an invalid number. */
  private static Tracking awaitingDispatch(Tracking t) {
    return new Tracking(t.trackingNumber(), t.carrier(), TrackingStatus.PRE_TRANSIT, t.events(),
        t.estimatedDelivery(), t.legs(), t.handoff(), t.details());
  }

  static Tracking fromLink(CainiaoWire.LinkAnswer answer, String asked, CainiaoErrors.Call call) {
    List<TrackingEvent> events = new ArrayList<>();
    CainiaoWire.LinkAnswer data = answer == null ? null : answer.data() != null ? answer.data() : answer;
    List<CainiaoWire.Trace> rows = data == null ? List.of() : orEmpty(data.statuses());
    if (rows.isEmpty() && data != null) rows = orEmpty(data.traceDetailList());
    for (CainiaoWire.Trace s : rows) {
      TrackingEvent e = s == null ? null : linkEvent(s, call.carrier());
      if (e != null) events.add(e);
    }
    Map<String, String> details = new LinkedHashMap<>();
    details.put("source", "link");
    CainiaoWire.PackageInfo pkg = data == null ? null : data.packageParam();
    String real = pkg == null ? null : LabelMapper.upper(pkg.trackingNumber());
    Handoff handoff = handoff(real, asked, pkg == null ? null : pkg.carrier());
    return tracking(asked, call.carrier(), events, null, handoff, details);
  }

  /** One LINK trace line (pull answers and pushes share it): the first readable of its times. */
  static TrackingEvent linkEvent(CainiaoWire.Trace s, CarrierId carrier) {
    OffsetDateTime time = null;
    for (String t : new String[] {s.opTimestamp(), s.time(), s.datetime()}) {
      if (time == null) time = CainiaoTimes.parse(t, s.timeZone());
    }
    if (time == null) return null;
    String desc = s.customerizedDesc() != null ? s.customerizedDesc() : s.standardDesc() != null ? s.standardDesc()
        : s.description() != null ? s.description() : s.statusName();
    CainiaoWire.Place p = s.location();
    EventLocation where = p == null ? null : new EventLocation(p.city(), p.province(), p.zipCode(), p.country(), p.name());
    return event(time, s.actionCode() != null ? s.actionCode() : s.opCode(), desc, where, carrier);
  }

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

  /** The next carrier's hint: {@code latest} when new and not Cainiao's, and {@code named} unless Cainiao; or null. */
  static Handoff handoff(String latest, String original, String named) {
    String number = latest == null || latest.equals(original) || CainiaoNumbers.INSTANCE.matches(latest) ? null : latest;
    String name = named == null || named.isBlank() || named.strip().equalsIgnoreCase("cainiao") ? null : named.strip();
    return number == null && name == null ? null : Handoff.hinted(name, number);
  }
}
