package dev.shipbridge.redis;

/**
 * What the shared rate limiters do while Redis cannot be reached (down, restarting, partitioned, or
 * slower than the command timeout). Shared tokens always fall back to this JVM's memory: a token is
 * valid wherever it is cached, so that costs at most one extra token request per instance.
 */
public enum WhenUnreachable {
  /**
   * No permit without Redis: calls fail at once with {@code RateLimitedException} (not sent, {@code
   * retryAfter()} = the recheck interval). Never exceeds the carrier's quota; stops traffic during
   * an outage. The default.
   */
  FAIL_CLOSED,

  /**
   * Each instance falls back to a limiter of its own for {@code L / N} calls per period (the quota
   * {@code L} divided by the configured fleet size {@code N}, rounded down, at least 1), so a fleet
   * of at most {@code N} instances stays within the quota while Redis is away.
   */
  FAIL_OPEN
}
