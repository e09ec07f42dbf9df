package dev.shipbridge.cainiao.internal;

import static dev.shipbridge.model.TrackingStatus.AVAILABLE_FOR_PICKUP;
import static dev.shipbridge.model.TrackingStatus.DELIVERED;
import static dev.shipbridge.model.TrackingStatus.DELIVERY_ATTEMPTED;
import static dev.shipbridge.model.TrackingStatus.EXCEPTION;
import static dev.shipbridge.model.TrackingStatus.IN_CUSTOMS;
import static dev.shipbridge.model.TrackingStatus.IN_TRANSIT;
import static dev.shipbridge.model.TrackingStatus.OUT_FOR_DELIVERY;
import static dev.shipbridge.model.TrackingStatus.PRE_TRANSIT;
import static dev.shipbridge.model.TrackingStatus.RETURNED_TO_SENDER;
import static dev.shipbridge.model.TrackingStatus.UNKNOWN;

import dev.shipbridge.model.TrackingStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one table from Cainiao's {@code action_code} to Shipbridge's {@link TrackingStatus}.
 *
 * <p>It covers every code of the official list published with {@code
 * aliexpress.logistics.redefining.querytrackingresult} (which ends with "etc.") and the extra
 * codes seen in real payloads. Codes are looked up trimmed and uppercased, with the full-width
 * underscore (U+FF3F, as the official list spells {@code CC_TRANS＿START}) read as {@code _}; the
 * event keeps the code exactly as received. A code not in the table maps to {@link
 * TrackingStatus#UNKNOWN} and is logged once per JVM.
 *
 * <p>Choices worth knowing:
 *
 * <ul>
 *   <li>{@code GTMS_STA_SIGNED} is the <em>pickup station</em> signing for the parcel, not the
 *       customer: {@code AVAILABLE_FOR_PICKUP}, not {@code DELIVERED}.
 *   <li>{@code SIGNED}, {@code STA_SIGN} and the rest of the domestic-China leg ({@code GOT},
 *       {@code SENT_SCAN}, ...) describe the seller's parcel reaching Cainiao's warehouse:
 *       {@code IN_TRANSIT}, never {@code DELIVERED} or {@code OUT_FOR_DELIVERY}.
 *   <li>{@code CUS_TAX} (duties assessed) and {@code GTMS_STA_WAIT_CUST_CHANGE_ADDRESS} are
 *       {@code EXCEPTION}s that need the consumer to act ({@link Entry#consumerAction()}).
 *   <li>Returns in progress ({@code RT_*}) are {@code EXCEPTION}; only {@code RETURNED} (the
 *       seller signed for it) is {@code RETURNED_TO_SENDER}, a terminal state.
 *   <li>Informational codes (relabel, address changed, "other", ASN notices) carry {@code
 *       IN_TRANSIT} (or {@code UNKNOWN} for {@code COMMON_INTRANSIT}, which also labels
 *       pre-shipment lines) and are flagged {@link Entry#informational()}: they never set a
 *       parcel's overall status while a meaningful event exists.
 * </ul>
 */
public final class ActionCodeTable {
  private static final Logger log = LoggerFactory.getLogger(ActionCodeTable.class);
  private static final int MAX_LOGGED = 1000;
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

  /**
   * One code's meaning.
   *
   * @param status the normalised status
   * @param informational true when the event reports no movement or state change
   * @param consumerAction true when the consumer must act (pay duties, give an address)
   * @param english an English gloss of the official meaning
   */
  public record Entry(TrackingStatus status, boolean informational, boolean consumerAction, String english) {}

  private static final Map<String, Entry> TABLE;

  static {
    Map<String, Entry> t = new LinkedHashMap<>();
    // Order / pre-shipment
    put(t, "CONSIGN", PRE_TRANSIT, "seller declared shipment");
    put(t, "OM_CONSIGN", PRE_TRANSIT, "merchant shipped");
    put(t, "GTMS_ASN", PRE_TRANSIT, "electronic advance notice received");
    // Global warehouse (GWMS)
    put(t, "GWMS_ACCEPT", PRE_TRANSIT, "warehouse order accepted");
    put(t, "GWMS_REJECT", EXCEPTION, "warehouse order acceptance failed");
    put(t, "GWMS_PICK", IN_TRANSIT, "picked in warehouse");
    put(t, "GWMS_PACKAGE", IN_TRANSIT, "packed in warehouse");
    put(t, "GWMS_OUTBOUND", IN_TRANSIT, "left warehouse");
    put(t, "GWMS_HANDOVER", IN_TRANSIT, "handed over by warehouse");
    put(t, "GWMS_EXCEPTION", EXCEPTION, "warehouse exception");
    put(t, "GWMS_CANCEL", EXCEPTION, "warehouse order cancelled");
    // First mile / pickup
    put(t, "PU_PICKUP_SUCCESS", IN_TRANSIT, "picked up by logistics company");
    put(t, "PU_PICKUP_FAILURE", EXCEPTION, "pickup exception");
    put(t, "PU_SIGN_IN_SUCCESS", IN_TRANSIT, "received at collection point");
    put(t, "PU_SIGN_IN_FAILURE", EXCEPTION, "collection-point receipt exception");
    // Origin sorting centre
    put(t, "SC_SIGN_IN_SUCCESS", IN_TRANSIT, "received at sorting centre");
    put(t, "SC_SIGN_IN_FAILURE", EXCEPTION, "sorting-centre receipt exception");
    put(t, "SC_INBOUND_SUCCESS", IN_TRANSIT, "processing at sorting centre");
    put(t, "SC_INBOUND_FAILURE", EXCEPTION, "sorting-centre inbound exception");
    put(t, "SC_OUTBOUND_SUCCESS", IN_TRANSIT, "departed sorting centre");
    put(t, "SC_OUTBOUND_FAILURE", EXCEPTION, "sorting-centre outbound exception");
    put(t, "SC_HO_OUT_SUCCESS", IN_TRANSIT, "handed from warehouse to linehaul");
    put(t, "SC_HO_OUT_FAILURE", EXCEPTION, "handover to linehaul failed");
    // Export customs
    put(t, "CC_EX_START", IN_CUSTOMS, "export clearance started");
    put(t, "CC_EX_SUCCESS", IN_CUSTOMS, "export clearance complete");
    put(t, "CC_EX_FAILURE", EXCEPTION, "export clearance exception");
    // Linehaul and transit
    put(t, "LH_HO_IN_SUCCESS", IN_TRANSIT, "received by linehaul");
    put(t, "LH_HO_IN_FAILURE", EXCEPTION, "linehaul handover exception");
    put(t, "LH_POST_COLLECTION", IN_TRANSIT, "accepted for transportation by postal service");
    put(t, "LH_HO_AIRLINE", IN_TRANSIT, "handed to airline");
    put(t, "LH_HO_AIRLINE_FAILURE", EXCEPTION, "aviation security failed");
    put(t, "LH_DEPART", IN_TRANSIT, "flight departed");
    put(t, "LH_ARRIVE", IN_TRANSIT, "flight arrived in destination country");
    put(t, "LH_ARRIVE_FAILURE", EXCEPTION, "linehaul arrival exception");
    put(t, "LH_HO_OUT_SUCCESS", IN_TRANSIT, "linehaul handed over onward");
    put(t, "LH_HO_OUT_FAILURE", EXCEPTION, "linehaul handover-out exception");
    info(t, "LH_OTHER", IN_TRANSIT, "other linehaul event");
    put(t, "TD_TRANS_ARRIVE", IN_TRANSIT, "arrived at transit point");
    put(t, "TD_TRANS_DEPART", IN_TRANSIT, "left transit point");
    put(t, "CC_TRANS_START", IN_CUSTOMS, "transit-country clearance started");
    put(t, "CC_TRANS_SUCCESS", IN_CUSTOMS, "transit-country clearance passed");
    put(t, "CC_TRANS_FAILURE", EXCEPTION, "transit-country clearance failed");
    // Import customs
    put(t, "CC_HO_IN_SUCCESS", IN_CUSTOMS, "handed to customs");
    put(t, "CC_HO_IN_FAILURE", EXCEPTION, "customs handover exception");
    put(t, "CC_IM_START", IN_CUSTOMS, "import clearance started");
    put(t, "CC_IM_PROCESS", IN_CUSTOMS, "import clearance in progress");
    put(t, "CC_IM_SUCCESS", IN_CUSTOMS, "import clearance complete");
    put(t, "CC_IM_FAILURE", EXCEPTION, "import clearance exception");
    put(t, "CC_HO_OUT_SUCCESS", IN_CUSTOMS, "released from customs");
    put(t, "CC_HO_OUT_FAILURE", EXCEPTION, "customs handover-out failed");
    put(t, "CUS_DECLARE", IN_CUSTOMS, "customs declaration filed");
    put(t, "CUS_SUCCESS", IN_CUSTOMS, "customs review passed");
    put(t, "CUS_FAILURE", EXCEPTION, "customs review exception");
    t.put("CUS_TAX", new Entry(EXCEPTION, false, true, "duties and taxes due: the consumer must pay"));
    put(t, "CIQ_SUCCESS", IN_CUSTOMS, "inspection and quarantine passed");
    put(t, "CIQ_FAILURE", EXCEPTION, "inspection and quarantine exception");
    // Destination delivery (GTMS)
    put(t, "GTMS_ACCEPT", IN_TRANSIT, "arrived in destination country / accepted by last-mile carrier");
    put(t, "GTMS_SC_ARRIVE", IN_TRANSIT, "arrived at destination sorting centre");
    put(t, "GTMS_SC_ARRIVE_FAILURE", EXCEPTION, "destination sorting-centre arrival failed");
    put(t, "GTMS_STATION_IN", IN_TRANSIT, "arrived at delivery node");
    put(t, "GTMS_STATION_OUT", IN_TRANSIT, "left delivery node");
    put(t, "GTMS_DO_ARRIVE", IN_TRANSIT, "arrived at final delivery office");
    put(t, "GTMS_DO_DEPART", OUT_FOR_DELIVERY, "left final delivery office, out for delivery");
    put(t, "GTMS_DELIVERING", OUT_FOR_DELIVERY, "out for delivery");
    put(t, "GTMS_RE_DELIVERING", OUT_FOR_DELIVERY, "re-delivery attempt");
    put(t, "GTMS_DEL_FAILURE", DELIVERY_ATTEMPTED, "delivery attempt failed");
    info(t, "GTMS_RELABEL", IN_TRANSIT, "relabelled, number changed");
    put(t, "GTMS_SIGNED", DELIVERED, "delivered, signed by recipient");
    put(t, "GTMS_SIGN_FAILURE", DELIVERY_ATTEMPTED, "delivery signature exception");
    put(t, "GTMS_WAIT_SELF_PICK", AVAILABLE_FOR_PICKUP, "waiting for customer pickup");
    put(t, "GTMS_STA_SIGNED", AVAILABLE_FOR_PICKUP, "received by pickup station (not yet by the customer)");
    put(t, "GTMS_STA_SIGN_FAILURE", EXCEPTION, "pickup-station receipt exception");
    put(t, "GTMS_FAILURE", EXCEPTION, "delivery exception");
    info(t, "GTMS_OTHER", IN_TRANSIT, "other delivery event");
    t.put("GTMS_STA_WAIT_CUST_CHANGE_ADDRESS",
        new Entry(EXCEPTION, false, true, "re-route: waiting for the consumer to update the address"));
    info(t, "GTMS_STA_CUST_TO_DOOR", IN_TRANSIT, "consumer updated delivery address");
    info(t, "GTMS_STA_CHANGE", IN_TRANSIT, "consumer changed pickup point");
    info(t, "GTMS_STA_CN_TO_DOOR", IN_TRANSIT, "Cainiao updated delivery address");
    info(t, "GTMS_STA_CN_CHANGE", IN_TRANSIT, "Cainiao changed pickup point");
    info(t, "GTMS_STA_CNCP_TO_DOOR", IN_TRANSIT, "carrier updated delivery address");
    info(t, "GTMS_STA_CNCP_CHANGE", IN_TRANSIT, "carrier changed pickup point");
    // Pickup points
    put(t, "GSTAHUB_INBOUND", IN_TRANSIT, "pickup hub inbound");
    put(t, "GSTAHUB_INBOUND_FAIL", EXCEPTION, "pickup hub inbound failed");
    put(t, "GSTA_INBOUND", AVAILABLE_FOR_PICKUP, "arrived at pickup point");
    put(t, "GSTA_INBOUND_FAIL", EXCEPTION, "pickup point inbound failed");
    put(t, "GSTA_SIGN", DELIVERED, "collected by customer at pickup point");
    put(t, "GSTA_SIGN_FAIL", EXCEPTION, "pickup-point collection exception");
    put(t, "GSTA_BUYER_SIGN", DELIVERED, "collected by buyer at pickup point");
    put(t, "GSTA_BUYER_SIGN_FAIL", EXCEPTION, "pickup-point buyer collection failed");
    put(t, "STA_SIGN", IN_TRANSIT, "signed at pickup point, domestic-China leg (not final delivery)");
    put(t, "STA_SIGN_FAIL", EXCEPTION, "pickup-point signing failed, domestic-China leg");
    info(t, "GSTA_OTHER", IN_TRANSIT, "other pickup-point event");
    // Domestic-China carrier leg (seller to Cainiao warehouse)
    put(t, "GOT", IN_TRANSIT, "collected by domestic carrier (China)");
    put(t, "REJECT", EXCEPTION, "domestic collection exception (China)");
    put(t, "DEPARTURE", IN_TRANSIT, "domestic leg in transit (China)");
    put(t, "ARRIVAL", IN_TRANSIT, "domestic leg in transit (China)");
    put(t, "SENT_SCAN", IN_TRANSIT, "domestic parcel out for delivery to the Cainiao warehouse (China)");
    put(t, "SIGNED", IN_TRANSIT, "domestic parcel delivered to the Cainiao warehouse (not final delivery)");
    put(t, "FAILED", EXCEPTION, "domestic delivery exception (China)");
    // Returns
    put(t, "RT_INBOUND", EXCEPTION, "returning to seller: back at the overseas carrier's warehouse");
    put(t, "RETURNED", RETURNED_TO_SENDER, "returned, signed for by the seller");
    put(t, "RT_OUTBOUND", EXCEPTION, "return: left overseas carrier");
    put(t, "RT_DESTROY", EXCEPTION, "destroyed by overseas carrier");
    put(t, "RT_HO_OUT", EXCEPTION, "return: handed over by carrier");
    put(t, "RT_WH_HO_IN", EXCEPTION, "return: received by returns warehouse");
    put(t, "RT_WH_HO_IN_FAIL", EXCEPTION, "return: returns warehouse receipt failed");
    put(t, "RT_WH_INBOUND", EXCEPTION, "return: inbound at returns warehouse");
    put(t, "RT_WH_INBOUND_FAILURE", EXCEPTION, "return: returns warehouse inbound failed");
    put(t, "RT_WH_DESTROY", EXCEPTION, "destroyed by returns warehouse");
    put(t, "RT_WH_OUTBOUND", EXCEPTION, "return: left returns warehouse");
    put(t, "RT_WH_HO_OUT", EXCEPTION, "return: handed over by returns warehouse");
    put(t, "RT_TRANSWH_HO_IN", EXCEPTION, "return: received by transit warehouse");
    put(t, "RT_TRANSWH_INBOUND", EXCEPTION, "return: inbound at transit warehouse");
    put(t, "RT_TRANSWH_OUTBOUND", EXCEPTION, "return: left transit warehouse");
    put(t, "RT_TMS_ACCEPT", EXCEPTION, "return: accepted by domestic carrier");
    // Seen in real payloads, not in the official list
    put(t, "CW_INBOUND", IN_TRANSIT, "inbound at consolidation warehouse");
    put(t, "CW_OUTBOUND", IN_TRANSIT, "left consolidation warehouse");
    info(t, "LAST_MILE_ASN_NOTIFY", IN_TRANSIT, "last-mile carrier pre-advised");
    info(t, "COMMON_INTRANSIT", UNKNOWN, "generic note (pre-shipment info sent, waiting for customs)");
    put(t, "GTMS_OE_DEPART", IN_TRANSIT, "shipment departed from facility");
    put(t, "GTMS_SC_DEPART", IN_TRANSIT, "departed destination sorting centre");
    put(t, "GTMS_STA_SIGNED_DELIVER", DELIVERED, "delivered from pickup station");
    put(t, "GSTA_INFORM_BUYER", AVAILABLE_FOR_PICKUP, "buyer notified: ready at pickup point");
    put(t, "POSTMAN_POST", AVAILABLE_FOR_PICKUP, "deposited in locker");
    put(t, "LH_LINEHAUL_ARRIVE", IN_TRANSIT, "linehaul arrived");
    put(t, "TD_TRANS_ARRIVE_C", IN_TRANSIT, "arrived at transit point");
    put(t, "TD_TRANSWH_OUTBOUND", IN_TRANSIT, "left transit warehouse");
    put(t, "WMS_CONFIRMED", PRE_TRANSIT, "warehouse confirmed the order");
    info(t, "TRANSIT_PORT_REROUTE_CALLBACK", IN_TRANSIT, "rerouted at transit port");
    put(t, "CUSTOMS_ARRIVED_IN_AREA_CALLBACK", IN_CUSTOMS, "arrived in customs area");
    TABLE = Collections.unmodifiableMap(t);
  }

  private static void put(Map<String, Entry> t, String code, TrackingStatus s, String english) {
    if (t.put(code, new Entry(s, false, false, english)) != null) throw new IllegalStateException("duplicate " + code);
  }

  private static void info(Map<String, Entry> t, String code, TrackingStatus s, String english) {
    if (t.put(code, new Entry(s, true, false, english)) != null) throw new IllegalStateException("duplicate " + code);
  }

  private ActionCodeTable() {}

  /** The code as the table keys it: trimmed, uppercased, full-width underscores made ASCII. */
  public static String normalize(String rawCode) {
    return rawCode == null ? "" : rawCode.strip().replace('\uFF3F', '_').toUpperCase(Locale.ROOT);
  }

  /** The entry of a known code. */
  public static java.util.Optional<Entry> find(String rawCode) {
    return java.util.Optional.ofNullable(TABLE.get(normalize(rawCode)));
  }

  /** The status of a code; {@code UNKNOWN} for an unknown one, which is logged once. */
  public static TrackingStatus status(String rawCode) {
    String key = normalize(rawCode);
    Entry e = TABLE.get(key);
    if (e != null) return e.status();
    if (LOGGED.size() < MAX_LOGGED && LOGGED.add(key)) {
      log.info("Unknown Cainiao action_code '{}' mapped to UNKNOWN (logged once)", key.isEmpty() ? "<none>" : key);
    }
    return UNKNOWN;
  }

  public static boolean isInformational(String rawCode) {
    return find(rawCode).map(Entry::informational).orElse(false);
  }

  public static boolean needsConsumerAction(String rawCode) {
    return find(rawCode).map(Entry::consumerAction).orElse(false);
  }
}
