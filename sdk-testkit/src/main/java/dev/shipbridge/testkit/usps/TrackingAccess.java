package dev.shipbridge.testkit.usps;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * USPS's tracking access rule since 2026-04-01 (usps-api.md, "2026 facts"): tracking data of a
 * parcel goes only to a caller authorized for the Mailer ID (MID) in its barcode: the shipper itself,
 * or a platform the shipper authorized (Business Portal platform authorization). Off until {@link
 * #enforce} is called, so the emulator's other tests see every parcel.
 *
 * <p>Model: a parcel's MID is the one in its IMpb barcode (labels the emulator sells carry the
 * payment account's MID; a cross-border partner's parcels carry the partner's MID); an S10 or
 * unreadable number has none. The caller is the platform's own client application (client
 * credentials) or the merchant a merchant token was issued for. The platform application sees the
 * labels it bought and the MIDs {@link #allow allowed} to it; a merchant sees the MIDs allowed to it.
 * Test-environment numbers are always visible. A refusal is the {@code ErrorMessage} envelope with
 * status 403, whole for the v3 GET and per number (a {@code FailureResponse} with {@code statusCode}
 * "403") in the v3r2 batch, as the spec's multi-status answer allows. USPS does not document the
 * refusal's text; this one names the MID.
 */
final class TrackingAccess {
  private volatile boolean enforced;
  private final Map<String, Set<String>> allowed = new ConcurrentHashMap<>();

  void enforce(boolean on) {
    enforced = on;
  }

  /** Lets {@code caller} (the client id, or a merchant) see parcels carrying {@code mid}. */
  void allow(String caller, String mid) {
    allowed.computeIfAbsent(caller, k -> ConcurrentHashMap.newKeySet()).add(mid);
  }

  void reset() {
    enforced = false;
    allowed.clear();
  }

  /** The MID {@code caller} lacks to see {@code p}, or null when it may. */
  String refusedMid(String caller, String clientId, Parcel p) {
    if (!enforced || p == null || p.kind == Parcel.Kind.TEST_NUMBER) return null;
    if (p.isLabel() && clientId.equals(caller)) return null;
    String mid = midOf(p);
    if (mid == null) return null;
    Set<String> mine = caller == null ? null : allowed.get(caller);
    return mine != null && mine.contains(mid) ? null : mid;
  }

  static String midOf(Parcel p) {
    return p.mid != null ? p.mid : midOf(p.trackingNumber);
  }

  /** The MID in an IMpb barcode: after the 2-digit application id and 3-digit service type code, 9 digits if it starts with 9, else 6. */
  static String midOf(String trackingNumber) {
    String n = Inputs.normalise(trackingNumber);
    if (!n.matches("9[2-5]\\d{20}(\\d{4})?")) return null;
    return n.charAt(5) == '9' ? n.substring(5, 14) : n.substring(5, 11);
  }

  static String detail(String mid) {
    return "The requester is not authorized to receive tracking data for items with Mailer ID " + mid
        + ". The mail owner must authorize your platform in the USPS Business Portal.";
  }

  /** The whole-request refusal (v3 GET). */
  static Wire.Reply refusal(String api, String mid) {
    return Wire.error(403, api, "Access is denied.", List.of(Wire.item("403", null, "Forbidden", detail(mid),
        "trackingNumber")));
  }

  /** One number's refusal in a v3r2 multi-status answer. */
  static Json.Obj itemRefusal(String api, String trackingNumber, String mid) {
    return Json.obj().with("statusCode", "403").with("trackingNumber", trackingNumber).with("apiVersion", api)
        .with("error", Json.obj().with("code", "403").with("message", "Access is denied.")
            .with("errors", List.of(Wire.item("403", null, "Forbidden", detail(mid), "trackingNumber"))));
  }
}
