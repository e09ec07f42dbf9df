package dev.shipbridge.resilience;

/** Retry, rate-limit, circuit-breaker and timeout settings per carrier and per operation. */
public final class ResiliencePolicy {
  private static final ResiliencePolicy DEFAULTS = new ResiliencePolicy();

  private ResiliencePolicy() {}

  public static ResiliencePolicy ofDefaults() {
    return DEFAULTS;
  }
}
