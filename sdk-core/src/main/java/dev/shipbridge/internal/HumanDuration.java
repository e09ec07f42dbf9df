package dev.shipbridge.internal;

import java.math.BigDecimal;
import java.time.Duration;

/** Durations as people read them in logs and messages: {@code 312 ms}, {@code 5 s}, {@code 1 min 30 s}, {@code 2 h}. */
public final class HumanDuration {
  private HumanDuration() {}

  public static String format(Duration d) {
    if (d == null) return "null";
    if (d.isNegative()) return "-" + format(d.negated());
    if (d.isZero()) return "0 s";
    BigDecimal secs = BigDecimal.valueOf(d.toSecondsPart())
        .add(BigDecimal.valueOf(d.getNano()).movePointLeft(9));
    if (d.getSeconds() == 0) return decimal(secs.movePointRight(3)) + " ms";
    if (d.getSeconds() < 60) return decimal(secs) + " s";
    long days = d.toDays();
    int hours = d.toHoursPart();
    int minutes = d.toMinutesPart();
    if (days > 0) return days + " d" + (hours > 0 ? " " + hours + " h" : "");
    if (hours > 0) return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
    return minutes + " min" + (secs.signum() > 0 ? " " + decimal(secs) + " s" : "");
  }

  /** At most 3 decimals, trailing zeros dropped. */
  private static String decimal(BigDecimal v) {
    BigDecimal r = v.setScale(Math.min(3, Math.max(0, v.scale())), java.math.RoundingMode.HALF_UP).stripTrailingZeros();
    return r.scale() < 0 ? r.setScale(0).toPlainString() : r.toPlainString();
  }
}
