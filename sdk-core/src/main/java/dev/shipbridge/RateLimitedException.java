package dev.shipbridge;

import java.time.Duration;
import java.util.Optional;

/**
 * The carrier's quota (or Shipbridge's own limiter guarding it) refused the call. {@link
 * #retryAfter()} says how long to wait when the carrier (its {@code Retry-After} header) or the
 * limiter knows.
 */
public class RateLimitedException extends CarrierException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public RateLimitedException(Details details, Duration retryAfter) {
    super(details);
    this.retryAfter = retryAfter;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
