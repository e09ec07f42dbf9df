package dev.shipbridge.cainiao.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cainiao's times: epoch digits, ISO-8601, or text as seen in real payloads ({@code 2026-02-06
 * 15:25:17}, pushes' {@code 15-25-17}, slashed dates) with a trailing or separate zone ({@code GMT+8},
 * {@code GMT+0800}, {@code UTC+1}, {@code Asia/Shanghai}); without one, Beijing time (GMT+8).
 */
public final class CainiaoTimes {
  static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
  private static final Pattern TEXT = Pattern.compile(
      "(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})[ T](\\d{1,2})[:\\-.](\\d{1,2})(?:[:\\-.](\\d{1,2}))?(?:\\.\\d+)?\\s*(.*)");
  private static final Pattern EPOCH = Pattern.compile("\\d{10}|\\d{12,14}");
  private static final Pattern OFFSET = Pattern.compile("(?i)^(?:GMT|UTC)?\\s*([+-])(\\d{1,2})(?::?(\\d{2}))?$");

  private CainiaoTimes() {}

  /** An instant from epoch milliseconds (or seconds, for 10-digit values), as UTC. */
  public static OffsetDateTime fromEpoch(long value) {
    long ms = Math.abs(value) < 100_000_000_000L ? value * 1000 : value;
    return OffsetDateTime.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC);
  }

  /**
   * A time from text and an optional separate zone label; epoch digits are accepted too. Null when
   * unreadable.
   */
  public static OffsetDateTime parse(String text, String zoneLabel) {
    if (text == null || text.isBlank()) return null;
    String t = text.trim();
    if (EPOCH.matcher(t).matches()) return fromEpoch(Long.parseLong(t));
    try {
      return OffsetDateTime.parse(t);
    } catch (DateTimeParseException ignored) {
      // not ISO with offset
    }
    Matcher m = TEXT.matcher(t);
    if (!m.matches()) return null;
    try {
      LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
          Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
          m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
      String trailing = m.group(7).trim();
      ZoneId zone = zone(!trailing.isEmpty() ? trailing : zoneLabel);
      return local.atZone(zone).toOffsetDateTime();
    } catch (java.time.DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  /** A zone label as a zone; Beijing time when blank or unreadable. */
  public static ZoneId zone(String label) {
    if (label == null || label.isBlank()) return BEIJING;
    String l = label.trim();
    Matcher m = OFFSET.matcher(l);
    if (m.matches()) {
      int h = Integer.parseInt(m.group(2));
      int min = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
      int sign = "-".equals(m.group(1)) ? -1 : 1;
      try {
        return ZoneOffset.ofHoursMinutes(sign * h, sign * min);
      } catch (java.time.DateTimeException e) {
        return BEIJING;
      }
    }
    String u = l.toUpperCase(Locale.ROOT);
    if (u.equals("GMT") || u.equals("UTC") || u.equals("Z")) return ZoneOffset.UTC;
    if (u.equals("CST") || u.equals("BEIJING") || u.equals("CHINA")) return BEIJING;
    try {
      return ZoneId.of(l);
    } catch (java.time.DateTimeException e) {
      return BEIJING;
    }
  }
}
