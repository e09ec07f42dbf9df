package dev.shipbridge;

/**
 * A pushed notification was refused: answer your HTTP caller with 401 (bad or missing signature),
 * 413 (too large), 503 (replay store full) or 400, and do not act on it.
 */
public final class WebhookException extends ShipbridgeException {
  private static final long serialVersionUID = 1L;

  /** Why a push was refused. */
  public enum Reason {
    /** No configured carrier recognises the request. */
    UNRECOGNISED,
    /** The signature is missing or does not match the shared secret. */
    BAD_SIGNATURE,
    /**
     * Its timestamp is outside the replay window, its newest event is older than the replay
     * retention, or its newest event is not newer than one already accepted for the parcel.
     */
    STALE,
    /** The same notification was already accepted. */
    DUPLICATE,
    /** It is signed correctly but cannot be read. */
    MALFORMED,
    /** It is plainly a carrier's notification but carries no signature (answer 401). */
    UNSIGNED,
    /** Its body is larger than {@link WebhookRequest#MAX_BODY_BYTES} (answer 413); not read. */
    TOO_LARGE,
    /** The replay store is full of live identities; refused rather than risk a replay (answer 503). */
    REPLAY_MEMORY_FULL
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
