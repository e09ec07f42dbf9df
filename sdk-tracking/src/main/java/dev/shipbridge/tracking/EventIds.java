package dev.shipbridge.tracking;

import dev.shipbridge.model.TrackingEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/** Stable ids of events and changes, and the compact fingerprints a parcel's state keeps. */
final class EventIds {
  static final int FINGERPRINT_LENGTH = 6;

  private EventIds() {}

  /**
   * The same event of one journey, however it reached us (polled, pushed, through the journey's
   * first leg or its own leg), gets the same id: the journey's number (the one watched), carrier,
   * instant, raw code, status and place; not the leg's number, which differs between the two views.
   */
  static String eventId(String journey, TrackingEvent e) {
    return sha256Hex(journey + '|' + e.carrier().value() + '|' + e.time().toInstant() + '|' + (e.rawCode() == null ? "" : e.rawCode())
        + '|' + e.status() + '|' + e.location().display().toLowerCase(Locale.ROOT), 16);
  }

  /** 32 bits of the id, in 6 base64url characters. */
  static String fingerprint(String eventId) {
    byte[] b = HexFormat.of().parseHex(eventId.substring(0, 8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static boolean seen(String seen, String fingerprint) {
    for (int i = 0; i + FINGERPRINT_LENGTH <= seen.length(); i += FINGERPRINT_LENGTH) {
      if (seen.regionMatches(i, fingerprint, 0, FINGERPRINT_LENGTH)) return true;
    }
    return false;
  }

  static String sha256Hex(String text, int chars) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, chars);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
