package dev.shipbridge.usps.internal;

import static dev.shipbridge.usps.internal.Units.blank;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The time of a USPS tracking event, from {@code eventTimestamp} (local time at the scan), {@code
 * GMTOffset} ({@code -05:00}, {@code -5:00}, {@code +0530} or minutes such as {@code -420}) and
 * {@code GMTTimestamp} (meant to be UTC). No I/O.
 *
 * <p>The two are cross-checked: USPS sends events whose {@code GMTTimestamp} disagrees with {@code
 * eventTimestamp} + {@code GMTOffset} by about a day, and trusting it reorders the timeline. When
 * both are readable and differ by more than {@link #TOLERANCE}, the local time at its offset wins
 * (it is what the scan recorded, and what the {@code statusSummary} text states); the caller keeps
 * the raw values. When they agree, {@code GMTTimestamp} gives the exact instant (it carries the
 * seconds {@code eventTimestamp} often lacks) at the event's offset. A trailing {@code Z} on {@code
 * eventTimestamp} cannot be trusted (USPS writes local times with it), so it is ignored when an
 * offset is known.
 */
final class EventTimes {
  /** Agreement within this is the same moment ({@code eventTimestamp} may lack seconds). */
  static final Duration TOLERANCE = Duration.ofMinutes(5);
  private static final Pattern OFFSET_DIGITS = Pattern.compile("\\d{1,4}");
  private static final Pattern HOURS_MINUTES = Pattern.compile("([+-]?)(\\d{1,2}):(\\d{2})");

  private EventTimes() {}

  /** A readable event time, and whether the two sources disagreed. */
  record Read(OffsetDateTime time, boolean conflict) {}

  /** The event's time (null when it has none readable). */
  static OffsetDateTime eventTime(TrackWire.Event e) {
    Read r = read(e);
    return r == null ? null : r.time();
  }

  /** The event's time with the cross-check's verdict; null when no time is readable. */
  static Read read(TrackWire.Event e) {
    ZoneOffset offset = offset(e.gmtOffset());
    OffsetDateTime gmt = instant(e.gmtTimestamp());
    OffsetDateTime local = local(e.eventTimestamp(), offset);
    if (gmt == null) return local == null ? null : new Read(local, false);
    if (local != null && offset != null && !sameMoment(gmt, local)) return new Read(local, true);
    if (local != null && offset == null && local.getOffset() != ZoneOffset.UTC && !sameMoment(gmt, local)) {
      return new Read(local, true); // an explicit offset on eventTimestamp itself
    }
    ZoneOffset at = offset != null ? offset : local != null ? local.getOffset() : null;
    return new Read(at != null ? gmt.withOffsetSameInstant(at) : gmt, false);
  }

  private static boolean sameMoment(OffsetDateTime a, OffsetDateTime b) {
    return Duration.between(a.toInstant(), b.toInstant()).abs().compareTo(TOLERANCE) <= 0;
  }

  /**
   * {@code eventTimestamp} placed at {@code offset} when known, else at an explicit offset it
   * carries (not a bare {@code Z}), else at UTC; null when absent or unreadable.
   */
  static OffsetDateTime local(String raw, ZoneOffset offset) {
    String local = blank(raw);
    if (local == null) return null;
    String t = local.replace(' ', 'T');
    if (offset == null && offsetAt(t) > 0) {
      OffsetDateTime own = withOffset(t);
      if (own != null) return own;
    }
    LocalDateTime ldt = localDateTime(t);
    return ldt == null ? null : ldt.atOffset(offset != null ? offset : ZoneOffset.UTC);
  }

  /** {@code GMTTimestamp}: an instant, with or without offset (then UTC), 'T' or space separated. */
  static OffsetDateTime instant(String raw) {
    String s = blank(raw);
    if (s == null) return null;
    String t = s.replace(' ', 'T');
    if (offsetAt(t) > 0) {
      OffsetDateTime at = withOffset(t);
      if (at != null) return at.withOffsetSameInstant(ZoneOffset.UTC);
    }
    LocalDateTime ldt = localDateTime(t); // no offset, or a 'Z' (UTC either way)
    return ldt == null ? null : ldt.atOffset(ZoneOffset.UTC);
  }

  /**
   * Where a signed offset ({@code +05:30}, {@code -07:00}) starts after the date, or -1 when the text
   * has none (a bare local time, a date, or a trailing {@code Z}).
   */
  private static int offsetAt(String t) {
    int plus = t.indexOf('+', 10);
    int minus = t.lastIndexOf('-');
    return Math.max(plus, minus > 10 ? minus : -1);
  }

  /** Text with a signed offset, parsed once; null when that offset is not ISO's (then read as local). */
  private static OffsetDateTime withOffset(String t) {
    try {
      return OffsetDateTime.parse(t);
    } catch (DateTimeParseException notIso) { // "-7:00" or an impossible date: not the normal shape
      return null;
    }
  }

  /** The local date-time of {@code t} without its offset or {@code Z}; a date alone is its start of day. */
  private static LocalDateTime localDateTime(String t) {
    String s = t.endsWith("Z") || t.endsWith("z") ? t.substring(0, t.length() - 1) : t;
    int at = offsetAt(s);
    if (at > 10) s = s.substring(0, at);
    try {
      if (s.length() > 10) return LocalDateTime.parse(s);
    } catch (DateTimeParseException notADateTime) {
      // an impossible time: the date alone, below
    }
    try {
      return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s).atStartOfDay();
    } catch (DateTimeParseException unreadable) {
      return null;
    }
  }

  /**
   * {@code -05:00}, {@code -5:00} (the spec's own example), {@code +0530}, or minutes such as
   * {@code -420}; null when absent or unreadable.
   */
  static ZoneOffset offset(String raw) {
    String s = blank(raw);
    if (s == null) return null;
    try {
      java.util.regex.Matcher hm = HOURS_MINUTES.matcher(s);
      if (hm.matches()) {
        int sign = "-".equals(hm.group(1)) ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(hm.group(2)), sign * Integer.parseInt(hm.group(3)));
      }
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
}
