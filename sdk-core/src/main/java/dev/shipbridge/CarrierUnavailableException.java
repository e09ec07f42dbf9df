package dev.shipbridge;

/** The carrier cannot be reached or is failing (5xx, timeouts, an open circuit breaker). Often retryable later; another carrier may answer now. */
public class CarrierUnavailableException extends CarrierException {
  private static final long serialVersionUID = 1L;

  public CarrierUnavailableException(Details details) {
    super(details);
  }
}
