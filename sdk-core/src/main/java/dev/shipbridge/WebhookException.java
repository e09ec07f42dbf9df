package dev.shipbridge;

/**
 * A pushed notification was refused: answer your HTTP caller with 401 (bad signature) or 400 and
 * do not act on it.
 */
public final class WebhookException extends ShipbridgeException {
  private static final long serialVersionUID = 1L;

  /** Why a push was refused. */
  public enum Reason {
    /** No configured carrier recognises the request. */
    UNRECOGNISED,
    /** The signature is missing or does not match the shared secret. */
    BAD_SIGNATURE,
    /** Its timestamp is outside the replay window. */
    STALE,
    /** The same notification was already accepted. */
    DUPLICATE,
    /** It is signed correctly but cannot be read. */
    MALFORMED
  }

  private final Reason reason;

  public WebhookException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
