package dev.shipbridge.usps.internal;

import dev.shipbridge.CarrierException;
import dev.shipbridge.TrackingAccessDeniedException;
import dev.shipbridge.model.CarrierId;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * USPS's tracking access rule (since 2026-04-01: a platform sees only parcels of shippers that
 * authorized it): a per-number {@code 403} of v3r2, a whole {@code 403} speaking of a Mailer ID,
 * another shipper or an authorization (not of a missing scope), or v3's code {@code 150010}. USPS
 * documents no text for it, so the MID is read from the text, else from the IMpb barcode.
 */
final class TrackingAccess {
  /** v3: "The tracking number may belong to another shipper." */
  static final String ANOTHER_SHIPPER = "150010";

  private static final Pattern MID_IN_TEXT = Pattern.compile("(?i)(?:\\bMID\\b|mailer id)\\D{0,24}?(\\d{9}|\\d{6})(?!\\d)");
  private static final Pattern ABOUT_ACCESS = Pattern.compile("(?i)\\bMID\\b|mailer id|another shipper|not authori[sz]ed for");

  private TrackingAccess() {}

  /** Whether a whole-request refusal of a tracking API is about access to the parcels, not about the token's scope. */
  static boolean isAccessRefusal(int status, String code, String message) {
    if (ANOTHER_SHIPPER.equals(code)) return true;
    return status == 403 && message != null && ABOUT_ACCESS.matcher(message).find()
        && !message.toLowerCase(Locale.ROOT).contains("scope");
  }

  /** The typed refusal for {@code number} (null: a whole request), keeping what USPS said. */
  static TrackingAccessDeniedException refused(String number, String uspsMessage, int status, String code,
      String requestId) {
    String mid = midOf(uspsMessage, number);
    String what = number == null ? "these parcels" : "parcel " + number;
    String message = "USPS refused the tracking data of " + what + ": this platform is not authorized for the Mailer ID "
        + (mid == null ? "(MID) in its barcode" : mid + " in its barcode") + " (USPS tracking access rule since 2026-04-01). "
        + "The shipper who owns " + (mid == null ? "that MID" : "MID " + mid) + " must authorize this platform in "
        + OAuthRefusals.PORTAL + " for one of its Merchant Access Tokens, and the parcel be tracked under that "
        + "merchant's authorization; a consolidator's MID (a Cainiao parcel's USPS leg) is not the merchant's to grant"
        + (uspsMessage == null || uspsMessage.isBlank() ? "" : " (USPS: " + uspsMessage + ")");
    return new TrackingAccessDeniedException(CarrierException.details(CarrierId.USPS, message).httpStatus(status)
        .carrierCode(code).requestId(requestId), number, mid);
  }

  /** The MID named in USPS's text, else the one in an IMpb {@code number}, else null. */
  static String midOf(String uspsMessage, String number) {
    if (uspsMessage != null) {
      Matcher m = MID_IN_TEXT.matcher(uspsMessage);
      if (m.find()) return m.group(1);
    }
    if (number == null) return null;
    Optional<String> impb = ImpbNumber.impbPart(number);
    if (impb.isEmpty()) return null;
    String n = impb.get();
    // 2-digit application id + 3-digit service type code, then a 9-digit MID (starting with 9) or a 6-digit one
    if (n.length() < 22 || !n.matches("9[2-5]\\d+")) return null;
    return n.charAt(5) == '9' ? n.substring(5, 14) : n.substring(5, 11);
  }
}
