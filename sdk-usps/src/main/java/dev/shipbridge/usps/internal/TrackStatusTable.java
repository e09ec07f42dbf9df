package dev.shipbridge.usps.internal;

import static dev.shipbridge.model.TrackingStatus.AVAILABLE_FOR_PICKUP;
import static dev.shipbridge.model.TrackingStatus.DELIVERED;
import static dev.shipbridge.model.TrackingStatus.DELIVERY_ATTEMPTED;
import static dev.shipbridge.model.TrackingStatus.EXCEPTION;
import static dev.shipbridge.model.TrackingStatus.IN_TRANSIT;
import static dev.shipbridge.model.TrackingStatus.OUT_FOR_DELIVERY;
import static dev.shipbridge.model.TrackingStatus.PRE_TRANSIT;
import static dev.shipbridge.model.TrackingStatus.RETURNED_TO_SENDER;

import dev.shipbridge.model.TrackingStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one table from USPS tracking vocabulary to {@link TrackingStatus}: {@code statusCategory}
 * values and event codes, each listed explicitly with its source ({@link Row#source()}: the real
 * karrio fixture, the tracking specs, the Web Tools-era code list, USPS Pub 199 Appendix G-4, the
 * first rows of USPS's event code extract and of an integrator's published USPS code list). A value not in the
 * table becomes {@link TrackingStatus#UNKNOWN}, the raw value is kept on the event, and it is
 * logged once per value.
 */
public final class TrackStatusTable {
  private static final Logger LOG = LoggerFactory.getLogger(TrackStatusTable.class);

  /** {@code statusCategory}, normalised to lower-case letters only ("Out for Delivery" -> "outfordelivery"). */
  static final Map<String, TrackingStatus> CATEGORIES = Map.ofEntries(
      Map.entry("preshipment", PRE_TRANSIT),
      Map.entry("accepted", IN_TRANSIT),
      Map.entry("intransit", IN_TRANSIT),
      Map.entry("outfordelivery", OUT_FOR_DELIVERY),
      Map.entry("delivered", DELIVERED),
      Map.entry("alert", EXCEPTION),
      Map.entry("availableforpickup", AVAILABLE_FOR_PICKUP),
      Map.entry("deliveryattempt", DELIVERY_ATTEMPTED),
      Map.entry("returntosender", RETURNED_TO_SENDER));

  /** Where a row comes from (the tags of {@code usps-api.md}, section 0). */
  static final String KR = "usps-api.md 8.4: karrio's real DETAIL fixture [KR]";
  static final String SPEC = "USPS tracking OpenAPI specs (tracking-v3r2 3.2.2, subscriptions-tracking-v3r2 3.2.2)";
  static final String WT = "usps-api.md 8.4: the Web Tools-era code table (USPS::WebTools::Tracking::Codes)";
  static final String PUB = "USPS Pub 199 Appendix G-4 domestic scan events, as quoted in issue 16";
  /** USPS's own event code table, as mirrored publicly (the part reachable: its first rows). */
  static final String EXTRACT = "USPS 'Customer Daily Extract External' event code table (last update 2017-08-06; "
      + "online.documentine.com mirror, first rows)";
  /** An integrator's published USPS code list (its status grouping is not taken over: acceptance is in transit here). */
  static final String EHUB = "eHub API 'Tracking Event Descriptions', USPS secondary codes "
      + "(app.theneo.io/ehub/ehub-api/tracking-event-descriptions, first rows)";

  /** One event code: its status, USPS's description and where the row comes from. */
  record Row(String code, TrackingStatus status, String description, String source) {}

  /** Every event code ({@code eventCode}, upper-case) with its source. */
  static final List<Row> ROWS = List.of(
      new Row("GX", PRE_TRANSIT, "Shipping Label Created, USPS Awaiting Item", KR),
      new Row("MA", PRE_TRANSIT, "Manifest Acknowledgement", WT),
      new Row("89", PRE_TRANSIT, "Merchant Order Receipt Notification, USPS Awaiting Item", EHUB),
      new Row("GC", PRE_TRANSIT, "Return Receipt Associated (an electronic-data event before acceptance)", EHUB),
      new Row("03", IN_TRANSIT, "USPS in possession of item (Accept or Pickup)", KR),
      new Row("TM", IN_TRANSIT, "Shipment Acceptance", WT),
      new Row("PA", IN_TRANSIT, "Shipment Acceptance", WT),
      new Row("OA", IN_TRANSIT, "Origin Acceptance", EHUB),
      new Row("UA", IN_TRANSIT, "Accepted At USPS Facility", EHUB),
      new Row("83", IN_TRANSIT, "Tendered To Postal Service", EHUB),
      new Row("SF", IN_TRANSIT, "Departed Post Office", KR),
      new Row("10", IN_TRANSIT, "Arrived at / Departed USPS Regional Origin or Destination Facility", KR),
      new Row("AD", IN_TRANSIT, "Accepted at USPS Regional Destination Facility", PUB),
      new Row("T1", IN_TRANSIT, "Departed USPS Regional Facility", KR),
      new Row("TL", IN_TRANSIT, "In Transit to Next Facility", KR),
      new Row("A1", IN_TRANSIT, "Arrived at USPS Regional Facility", KR),
      new Row("EF", IN_TRANSIT, "Departed Sort Facility", WT),
      new Row("PC", IN_TRANSIT, "Sorting/Processing Complete", WT),
      new Row("07", IN_TRANSIT, "Arrived at Post Office (Arrival at Unit)", SPEC),
      new Row("06", IN_TRANSIT, "Forwarded", WT),
      new Row("41", IN_TRANSIT, "listed without a description; a processing scan", WT),
      new Row("42", IN_TRANSIT, "USPS Handoff to Shipping Partner", WT),
      new Row("71", IN_TRANSIT, "Rescheduled to Next Delivery Day", WT),
      new Row("80", IN_TRANSIT, "Shipping Partner event", WT),
      new Row("81", IN_TRANSIT, "Shipping Partner event", WT),
      new Row("82", IN_TRANSIT, "Shipping Partner event", WT),
      new Row("OF", OUT_FOR_DELIVERY, "Out for Delivery", KR),
      new Row("01", DELIVERED, "Delivered", SPEC),
      new Row("17", DELIVERED, "Picked Up By Agent", WT),
      new Row("43", DELIVERED, "Picked Up", WT),
      new Row("14", AVAILABLE_FOR_PICKUP, "Arrival at Pickup Point (Available for Pickup)", SPEC),
      new Row("16", AVAILABLE_FOR_PICKUP, "Available for Pickup", WT),
      new Row("02", DELIVERY_ATTEMPTED, "Attempted / Notice Left", WT),
      new Row("30", DELIVERY_ATTEMPTED, "Delivery Attempted - No Access to Delivery Location", WT),
      new Row("51", DELIVERY_ATTEMPTED, "Business Closed", WT),
      new Row("52", DELIVERY_ATTEMPTED, "Notice Left (variant)", WT),
      new Row("53", DELIVERY_ATTEMPTED, "Notice Left (Receptacle Blocked)", EXTRACT),
      new Row("54", DELIVERY_ATTEMPTED, "Notice Left (variant)", WT),
      new Row("55", DELIVERY_ATTEMPTED, "Notice Left (variant)", WT),
      new Row("56", DELIVERY_ATTEMPTED, "Notice Left (variant)", WT),
      new Row("09", RETURNED_TO_SENDER, "Return to Sender", WT),
      new Row("04", EXCEPTION, "Refused", WT),
      new Row("05", EXCEPTION, "Undeliverable as Addressed", WT),
      new Row("08", EXCEPTION, "Missent", WT),
      new Row("11", EXCEPTION, "Dead Letter", WT),
      new Row("15", EXCEPTION, "Mis-shipped", WT),
      new Row("21", EXCEPTION, "No Such Number (return to sender reason)", WT),
      new Row("22", EXCEPTION, "Insufficient Address (return to sender reason)", WT),
      new Row("23", EXCEPTION, "Moved, Left No Address (return to sender reason)", WT),
      new Row("24", EXCEPTION, "Forward Expired (return to sender reason)", WT),
      new Row("25", EXCEPTION, "Addressee Unknown (return to sender reason)", WT),
      new Row("26", EXCEPTION, "Vacant (return to sender reason)", WT),
      new Row("27", EXCEPTION, "Unclaimed (return to sender reason)", WT),
      new Row("28", EXCEPTION, "Deceased (return to sender reason)", WT),
      new Row("29", EXCEPTION, "Other (return to sender reason)", WT),
      new Row("31", EXCEPTION, "Not Picked Up (return to sender reason)", WT),
      new Row("44", EXCEPTION, "Customer Recall", WT),
      new Row("DX", EXCEPTION, "Delivery Status Not Updated", WT));

  /** {@link #ROWS} by code (a code listed twice fails the class's initialisation). */
  static final Map<String, TrackingStatus> EVENT_CODES =
      ROWS.stream().collect(java.util.stream.Collectors.toUnmodifiableMap(Row::code, Row::status));

  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();
  private static final int MAX_LOGGED = 1000;
  private static final java.util.regex.Pattern NOT_A_LETTER = java.util.regex.Pattern.compile("[^a-z]");

  private TrackStatusTable() {}

  /** The status of a {@code statusCategory}; empty (and logged once) when unknown or absent. */
  public static Optional<TrackingStatus> category(String raw) {
    if (raw == null || raw.isBlank()) return Optional.empty();
    TrackingStatus s = CATEGORIES.get(NOT_A_LETTER.matcher(raw.toLowerCase(Locale.ROOT)).replaceAll(""));
    if (s == null) logOnce("statusCategory", raw);
    return Optional.ofNullable(s);
  }

  /** The status of an event code; {@code UNKNOWN} (logged once) when unknown or absent. */
  public static TrackingStatus eventCode(String raw) {
    if (raw == null || raw.isBlank()) return TrackingStatus.UNKNOWN;
    TrackingStatus s = EVENT_CODES.get(raw.strip().toUpperCase(Locale.ROOT));
    if (s == null) {
      logOnce("eventCode", raw);
      return TrackingStatus.UNKNOWN;
    }
    return s;
  }

  /**
   * The status a summary text states ({@code statusSummary}, {@code eventSummaries[]}: "Your item
   * was delivered ..."), read by USPS's own phrases; {@code UNKNOWN} when none is found.
   */
  public static TrackingStatus summaryText(String text) {
    if (text == null || text.isBlank()) return TrackingStatus.UNKNOWN;
    String t = text.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, TrackingStatus> e : SUMMARY_PHRASES) {
      if (t.contains(e.getKey())) return e.getValue();
    }
    return TrackingStatus.UNKNOWN;
  }

  /** Phrases in the order they are tried (the more specific first). */
  private static final List<Map.Entry<String, TrackingStatus>> SUMMARY_PHRASES = List.of(
      Map.entry("return to sender", RETURNED_TO_SENDER),
      Map.entry("returned to the sender", RETURNED_TO_SENDER),
      Map.entry("being returned", RETURNED_TO_SENDER),
      Map.entry("out for delivery", OUT_FOR_DELIVERY),
      Map.entry("available for pickup", AVAILABLE_FOR_PICKUP),
      Map.entry("ready for pickup", AVAILABLE_FOR_PICKUP),
      Map.entry("notice left", DELIVERY_ATTEMPTED),
      Map.entry("attempted", DELIVERY_ATTEMPTED),
      Map.entry("undeliverable", EXCEPTION),
      Map.entry("refused", EXCEPTION),
      Map.entry("alert", EXCEPTION),
      Map.entry("delivered", DELIVERED),
      Map.entry("label created", PRE_TRANSIT),
      Map.entry("awaiting item", PRE_TRANSIT),
      Map.entry("pre-shipment", PRE_TRANSIT),
      Map.entry("accepted", IN_TRANSIT),
      Map.entry("in transit", IN_TRANSIT),
      Map.entry("arrived", IN_TRANSIT),
      Map.entry("departed", IN_TRANSIT),
      Map.entry("processed", IN_TRANSIT),
      Map.entry("in possession", IN_TRANSIT));

  /** Whether {@code kind:raw} was logged as unknown (for tests). */
  static boolean wasLogged(String kind, String raw) {
    return LOGGED.contains(kind + ":" + raw);
  }

  private static void logOnce(String kind, String raw) {
    String value = raw.length() > 64 ? raw.substring(0, 64) : raw;
    if (LOGGED.size() >= MAX_LOGGED) return; // a flood of garbage codes must not grow memory without bound
    if (LOGGED.add(kind + ":" + value)) {
      LOG.warn("Unknown USPS {} '{}': mapped to UNKNOWN (raw value kept on the event)", kind, value);
    }
  }
}
