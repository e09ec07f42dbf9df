package dev.shipbridge.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Counting requests against a quota, for tests that check a rate limit at the server. */
public final class QuotaWindows {
  private QuotaWindows() {}

  /** The most instants in any half-open window (t - period, t]. */
  public static int maxInAnyWindow(List<Instant> times, Duration period) {
    List<Instant> sorted = new ArrayList<>(times);
    sorted.sort(null);
    int max = 0;
    int from = 0;
    for (int to = 0; to < sorted.size(); to++) {
      Instant windowStart = sorted.get(to).minus(period);
      while (!sorted.get(from).isAfter(windowStart)) from++;
      max = Math.max(max, to - from + 1);
    }
    return max;
  }
}
