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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one table from USPS tracking vocabulary to {@link TrackingStatus}: {@code statusCategory}
 * values and event codes, each listed explicitly (from {@code usps-api.md} sections 8.3 and 8.4:
 * the real karrio fixture, the tracking specs and the Web Tools-era code list). A value not in the
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

  /** Event codes ({@code eventCode}), upper-case. */
  static final Map<String, TrackingStatus> EVENT_CODES = Map.ofEntries(
      Map.entry("GX", PRE_TRANSIT),        // Shipping Label Created, USPS Awaiting Item
      Map.entry("MA", PRE_TRANSIT),        // Manifest Acknowledgement
      Map.entry("03", IN_TRANSIT),         // USPS in possession of item (accepted)
      Map.entry("TM", IN_TRANSIT),         // Shipment Acceptance
      Map.entry("PA", IN_TRANSIT),         // Shipment Acceptance
      Map.entry("SF", IN_TRANSIT),         // Departed Post Office
      Map.entry("10", IN_TRANSIT),         // Arrived at USPS Regional Origin Facility
      Map.entry("T1", IN_TRANSIT),         // Departed USPS Regional Facility
      Map.entry("TL", IN_TRANSIT),         // In Transit to Next Facility
      Map.entry("A1", IN_TRANSIT),         // Arrived at USPS Regional Facility
      Map.entry("EF", IN_TRANSIT),         // Departed Sort Facility
      Map.entry("PC", IN_TRANSIT),         // Sorting/Processing Complete
      Map.entry("07", IN_TRANSIT),         // Arrived at Post Office (Arrival at Unit)
      Map.entry("06", IN_TRANSIT),         // Forwarded
      Map.entry("41", IN_TRANSIT),         // listed without a description in the reference; a processing scan
      Map.entry("42", IN_TRANSIT),         // USPS Handoff to Shipping Partner
      Map.entry("71", IN_TRANSIT),         // Rescheduled to Next Delivery Day
      Map.entry("80", IN_TRANSIT),         // Shipping Partner event
      Map.entry("81", IN_TRANSIT),         // Shipping Partner event
      Map.entry("82", IN_TRANSIT),         // Shipping Partner event
      Map.entry("OF", OUT_FOR_DELIVERY),   // Out for Delivery
      Map.entry("01", DELIVERED),          // Delivered
      Map.entry("17", DELIVERED),          // Picked Up By Agent
      Map.entry("43", DELIVERED),          // Picked Up
      Map.entry("14", AVAILABLE_FOR_PICKUP), // Arrival at Pickup Point
      Map.entry("16", AVAILABLE_FOR_PICKUP), // Available for Pickup
      Map.entry("02", DELIVERY_ATTEMPTED), // Attempted / Notice Left
      Map.entry("30", DELIVERY_ATTEMPTED), // Delivery Attempted - No Access to Delivery Location
      Map.entry("51", DELIVERY_ATTEMPTED), // Business Closed
      Map.entry("52", DELIVERY_ATTEMPTED), // Notice Left variants 52-56
      Map.entry("53", DELIVERY_ATTEMPTED),
      Map.entry("54", DELIVERY_ATTEMPTED),
      Map.entry("55", DELIVERY_ATTEMPTED),
      Map.entry("56", DELIVERY_ATTEMPTED),
      Map.entry("09", RETURNED_TO_SENDER), // Return to Sender
      Map.entry("04", EXCEPTION),          // Refused
      Map.entry("05", EXCEPTION),          // Undeliverable as Addressed
      Map.entry("08", EXCEPTION),          // Missent
      Map.entry("11", EXCEPTION),          // Dead Letter
      Map.entry("15", EXCEPTION),          // Mis-shipped
      Map.entry("21", EXCEPTION),          // No Such Number
      Map.entry("22", EXCEPTION),          // Insufficient Address
      Map.entry("23", EXCEPTION),          // Moved, Left No Address
      Map.entry("24", EXCEPTION),          // Forward Expired
      Map.entry("25", EXCEPTION),          // Addressee Unknown
      Map.entry("26", EXCEPTION),          // Vacant
      Map.entry("27", EXCEPTION),          // Unclaimed
      Map.entry("28", EXCEPTION),          // Deceased
      Map.entry("29", EXCEPTION),          // Other
      Map.entry("31", EXCEPTION),          // Not Picked Up
      Map.entry("44", EXCEPTION),          // Customer Recall
      Map.entry("DX", EXCEPTION));         // Delivery Status Not Updated

  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();
  private static final int MAX_LOGGED = 1000;

  private TrackStatusTable() {}

  /** {@code raw} lower-cased with everything but a-z dropped (no regex: this runs for every tracked parcel). */
  private static String lettersOnly(String raw) {
    String lower = raw.toLowerCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (c >= 'a' && c <= 'z') sb.append(c);
    }
    return sb.toString();
  }

  /** The status of a {@code statusCategory}; empty (and logged once) when unknown or absent. */
  public static Optional<TrackingStatus> category(String raw) {
    if (raw == null || raw.isBlank()) return Optional.empty();
    TrackingStatus s = CATEGORIES.get(lettersOnly(raw));
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
