package dev.shipbridge.usps.internal;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.shipbridge.ShipbridgeException;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.http.RequestSafety;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.DaysBasis;
import dev.shipbridge.model.Quote;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the days of domestic quotes without a commitment from Service Standards ({@code GET
 * /service-standards/v3/standards}): one call per ZIP3 pair (class {@code ALL}), each class's
 * standard (or its absence, a 404 too) cached per pair and weight band on the carrier's clock. A
 * failed call never fails the quote: its days stay unknown.
 */
final class ServiceStandards {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceStandards.class);
  /** Entries kept at most; beyond it, expired ones are dropped, then everything. */
  static final int MAX_ENTRIES = 10_000;

  record Key(String originZip3, String destinationZip3, String mailClass, String band) {}

  /** A cached standard; {@code days == null}: USPS has none for this key. */
  record Entry(Integer days, Instant fetched) {}

  /** One standard of the answer (an array of them); the fields read here, the rest ignored. */
  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record Standard(String mailClass, String notes, BigDecimal days) {}

  private final JsonCodec json;
  private final Clock clock;
  private final Duration ttl;
  private final Map<Key, Entry> cache = new ConcurrentHashMap<>();

  ServiceStandards(UspsClient http, Duration ttl) {
    this.json = http.json();
    this.clock = http.clock();
    this.ttl = ttl;
  }

  /**
   * {@code quotes} with days filled where USPS states a standard; quotes with days are kept as they
   * are. Asks through {@code via} (the quote's attempt).
   */
  List<Quote> fill(List<Quote> quotes, String originZip, String destinationZip, BigDecimal pounds, LocalDate mailingDate,
      UspsClient via) {
    if (ttl.isZero() || originZip == null || destinationZip == null || originZip.length() < 5
        || destinationZip.length() < 5 || quotes.stream().allMatch(q -> q.transitDays() != null)) {
      return quotes;
    }
    String band = pounds.compareTo(BigDecimal.ONE) < 0 ? "WEIGHT_LESS_THAN_1_POUND" : "WEIGHT_GREATER_THAN_OR_EQUAL_TO_1_POUND";
    String o3 = originZip.substring(0, 3);
    String d3 = destinationZip.substring(0, 3);
    Instant now = clock.instant();
    fetch(o3, destinationZip, d3, pounds, band, quotes, now, via);
    return quotes.stream().map(q -> {
      Entry e = q.transitDays() == null ? fresh(key(q, o3, d3, band), now) : null;
      return e == null || e.days() == null ? q : q.withDays(e.days(), e.days(),
          mailingDate == null ? null : mailingDate.plusDays(e.days()), DaysBasis.ESTIMATE)
          .withDetails(Map.of("daysSource", "service-standards"));
    }).toList();
  }

  private static Key key(Quote q, String o3, String d3, String band) {
    String mailClass = q.details().getOrDefault("mailClass", q.serviceCode());
    return new Key(o3, d3, mailClass, band);
  }

  private Entry fresh(Key k, Instant now) {
    Entry e = cache.get(k);
    return e != null && e.fetched().plus(ttl).isAfter(now) ? e : null;
  }

  /** Classes {@code mailClass=ALL} does not answer but USPS states standards for, asked one by one. */
  private static final Set<String> ASKED_ALONE = Set.of("PARCEL_SELECT", "PARCEL_SELECT_LIGHTWEIGHT");

  private void fetch(String o3, String destinationZip, String d3, BigDecimal pounds, String band, List<Quote> quotes,
      Instant now, UspsClient via) {
    Set<String> asked = new java.util.HashSet<>();
    for (Quote q : quotes) {
      if (q.transitDays() == null && fresh(key(q, o3, d3, band), now) == null) asked.add(key(q, o3, d3, band).mailClass());
    }
    List<String> calls = new ArrayList<>();
    if (asked.stream().anyMatch(c -> !ASKED_ALONE.contains(c))) calls.add("ALL");
    asked.stream().filter(ASKED_ALONE::contains).sorted().forEach(calls::add);
    for (String mailClass : calls) {
      if (!fetchOne(mailClass, o3, destinationZip, d3, pounds, band, asked, now, via)) return;
    }
    asked.forEach(c -> put(new Key(o3, d3, c, band), new Entry(null, now)));
  }

  /** One call; false when it failed (nothing cached as missing then). */
  private boolean fetchOne(String mailClass, String o3, String destinationZip, String d3, BigDecimal pounds,
      String band, Set<String> asked, Instant now, UspsClient via) {
    Call call = Call.get(UspsApi.SERVICE_STANDARDS, Call.query("originZIPCode", o3,
        "destinationZIPCode", destinationZip.substring(0, 5), "mailClass", mailClass,
        "weight", pounds.stripTrailingZeros().toPlainString()), "standards");
    Standard[] answer;
    try {
      HttpResult r = via.send(call);
      if (r.status() == 404) return true; // no standard for this pair: cached as none by the caller
      if (!r.isSuccessful()) {
        LOG.debug("USPS service standards answered {}; days stay unknown", r.status());
        return false;
      }
      answer = json.read(CarrierId.USPS, r, Standard[].class, RequestSafety.IDEMPOTENT, null);
    } catch (ShipbridgeException e) {
      LOG.debug("USPS service standards failed ({}); days stay unknown", e.getClass().getSimpleName());
      return false;
    }
    for (Standard s : answer) {
      if (s == null || s.mailClass() == null || s.days() == null || s.days().signum() < 0
          || s.days().compareTo(BigDecimal.valueOf(366)) > 0) continue;
      if (s.notes() != null && !s.notes().isBlank() && !s.notes().equals(band)) continue; // the other weight band
      int days = s.days().setScale(0, RoundingMode.CEILING).intValueExact();
      for (String c : classesOf(s.mailClass())) {
        put(new Key(o3, d3, c, band), new Entry(days, now));
        asked.remove(c);
      }
    }
    return true;
  }

  /**
   * The quote mail classes a standard's class stands for: USPS answers {@code ALL} with the
   * retired names too ({@code FIRST-CLASS_PACKAGE_SERVICE} for Ground Advantage,
   * {@code PACKAGE_SERVICES} for Library, Media and Bound Printed Matter).
   */
  static List<String> classesOf(String standardClass) {
    return switch (standardClass) {
      case "FIRST-CLASS_PACKAGE_SERVICE", "FIRST_CLASS_PACKAGE_SERVICE" -> List.of("USPS_GROUND_ADVANTAGE");
      case "PACKAGE_SERVICES" -> List.of("LIBRARY_MAIL", "MEDIA_MAIL", "BOUND_PRINTED_MATTER");
      case "PARCEL_SELECT_LIGHTWEIGHT" -> List.of("PARCEL_SELECT_LIGHTWEIGHT", "PARCEL_SELECT");
      default -> List.of(standardClass);
    };
  }

  private void put(Key k, Entry e) {
    if (cache.size() >= MAX_ENTRIES && !cache.containsKey(k)) {
      Instant now = clock.instant();
      cache.values().removeIf(x -> !x.fetched().plus(ttl).isAfter(now));
      if (cache.size() >= MAX_ENTRIES) cache.clear();
    }
    cache.put(k, e);
  }
}
