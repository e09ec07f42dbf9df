package dev.shipbridge.cainiao.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the public tracking page usable (it answers with a captcha under load): a number at most
 * once per {@code perNumber}, any two fetches at least {@code spacing} apart, on the caller's clock.
 */
public final class PublicTrackingLimiter {
  private static final int MAX_REMEMBERED = 10_000;

  private final Duration perNumber;
  private final Duration spacing;
  private final Map<String, Instant> lastByNumber = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
      return size() > MAX_REMEMBERED;
    }
  };
  private Instant lastAny;

  public PublicTrackingLimiter(Duration perNumber, Duration spacing) {
    this.perNumber = perNumber;
    this.spacing = spacing;
  }

  /** Zero when a fetch of {@code number} may go now (and records it), else how long to wait. */
  public synchronized Duration acquire(String number, Instant now) {
    Instant last = lastByNumber.get(number);
    Instant next = last == null ? now : last.plus(perNumber);
    if (lastAny != null && lastAny.plus(spacing).isAfter(next)) next = lastAny.plus(spacing);
    if (next.isAfter(now)) return Duration.between(now, next);
    lastByNumber.put(number, now);
    lastAny = now;
    return Duration.ZERO;
  }
}
