package dev.shipbridge.usps.internal;

import static dev.shipbridge.usps.internal.Units.blank;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.text.ParsePosition;
import java.util.regex.Matcher;
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
  /** {@code [+-]} and {@code H:MM}, {@code HHMM} or minutes. */
  private static final Pattern OFFSET = Pattern.compile("([+-]?)(?:(\\d{1,2}):(\\d{2})|(\\d{2})(\\d{2})|(\\d{1,3}))");
  /** A date, optionally {@code T} and a time, optionally an ISO offset or {@code Z}; impossible dates refused. */
  private static final DateTimeFormatter WIRE = new DateTimeFormatterBuilder().parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').append(DateTimeFormatter.ISO_LOCAL_TIME)
      .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
      .optionalEnd().toFormatter().withResolverStyle(ResolverStyle.STRICT);

  private EventTimes() {}

  /** A readable event time, and whether the two sources disagreed. */
  record Read(OffsetDateTime time, boolean conflict) {}

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
    TemporalAccessor t = parse(raw);
    if (t == null) return null;
    if (offset == null && t.isSupported(ChronoField.OFFSET_SECONDS)) return OffsetDateTime.from(t);
    LocalDateTime ldt = t.isSupported(ChronoField.HOUR_OF_DAY) ? LocalDateTime.from(t)
        : LocalDate.from(t).atStartOfDay();
    return ldt.atOffset(offset != null ? offset : ZoneOffset.UTC);
  }

  /** {@code GMTTimestamp}: an instant, with or without offset (then UTC), 'T' or space separated. */
  static OffsetDateTime instant(String raw) {
    OffsetDateTime t = local(raw, null);
    return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
  }

  /**
   * What of {@code raw} reads: a date, then its time and ISO offset or {@code Z} when they read. An
   * offset that is not ISO's ({@code -7:00}) is left unread (the time is then local); an impossible
   * time leaves the date alone. Null when not even the date reads.
   */
  private static TemporalAccessor parse(String raw) {
    String s = blank(raw);
    if (s == null) return null;
    String t = s.replace(' ', 'T');
    try {
      return WIRE.parse(t, new ParsePosition(0));
    } catch (DateTimeParseException impossibleTime) {
      try {
        return LocalDate.parse(t.substring(0, Math.min(10, t.length())));
      } catch (DateTimeParseException unreadable) {
        return null;
      }
    }
  }

  /**
   * {@code -05:00}, {@code -5:00} (the spec's own example), {@code +0530}, or minutes such as
   * {@code -420}; null when absent or unreadable.
   */
  static ZoneOffset offset(String raw) {
    String s = blank(raw);
    Matcher m = s == null ? null : OFFSET.matcher(s);
    if (m == null || !m.matches()) return null;
    int sign = "-".equals(m.group(1)) ? -1 : 1;
    try {
      if (m.group(6) != null) return ZoneOffset.ofTotalSeconds(sign * Integer.parseInt(m.group(6)) * 60);
      int hours = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(4));
      int minutes = Integer.parseInt(m.group(3) != null ? m.group(3) : m.group(5));
      return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    } catch (DateTimeException outOfRange) {
      return null;
    }
  }
}
