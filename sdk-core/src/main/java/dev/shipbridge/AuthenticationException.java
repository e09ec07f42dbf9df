package dev.shipbridge;

/** The carrier refused the credentials (bad client secret, expired or revoked token, bad signature). Not retryable until the configuration changes. */
public class AuthenticationException extends CarrierException {
  private static final long serialVersionUID = 1L;

  public AuthenticationException(Details details) {
    super(details);
  }
}
