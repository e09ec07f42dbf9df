package dev.shipbridge.internal;

import java.math.BigDecimal;
import java.time.Duration;

/** Durations as people read them in logs and messages: {@code 312 ms}, {@code 5 s}, {@code 1 min 30 s}, {@code 2 h}. */
public final class HumanDuration {
  private HumanDuration() {}

  public static String format(Duration d) {
    if (d == null) return "null";
    if (d.isNegative()) return "-" + format(d.negated());
    long nanos = d.toNanos() % 1_000_000_000L;
    long seconds = d.getSeconds();
    if (seconds == 0) {
      return d.isZero() ? "0 s" : decimal(BigDecimal.valueOf(d.toNanos()).movePointLeft(6)) + " ms";
    }
    if (seconds < 60) return decimal(BigDecimal.valueOf(seconds).add(BigDecimal.valueOf(nanos).movePointLeft(9))) + " s";
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3_600;
    long minutes = seconds % 3_600 / 60;
    long secs = seconds % 60;
    StringBuilder sb = new StringBuilder();
    if (days > 0) sb.append(days).append(" d ");
    if (hours > 0) sb.append(hours).append(" h ");
    if (minutes > 0 && days == 0) sb.append(minutes).append(" min ");
    if ((secs > 0 || nanos > 0) && days == 0 && hours == 0) {
      sb.append(decimal(BigDecimal.valueOf(secs).add(BigDecimal.valueOf(nanos).movePointLeft(9)))).append(" s ");
    }
    return sb.toString().strip();
  }

  /** At most 3 decimals, trailing zeros dropped. */
  private static String decimal(BigDecimal v) {
    BigDecimal r = v.setScale(Math.min(3, Math.max(0, v.scale())), java.math.RoundingMode.HALF_UP).stripTrailingZeros();
    return r.scale() < 0 ? r.setScale(0).toPlainString() : r.toPlainString();
  }
}
