package dev.shipbridge;

import java.time.Duration;
import java.util.Optional;

/**
 * The carrier refused this caller the tracking data of one parcel: an entitlement, not a bad
 * credential (since 2026-04-01 USPS serves a platform only parcels whose barcode Mailer ID (MID)
 * belongs to a shipper that authorized it). The message says which MID and what to do; not
 * retryable. On a journey's hand-off leg it does not fail the journey ({@link
 * dev.shipbridge.model.LegStatus#ACCESS_DENIED}).
 *
 * <pre>{@code
 * for (TrackResult r : shipbridge.trackMany(numbers)) {
 *   if (r.failure() instanceof TrackingAccessDeniedException denied) {
 *     askMerchantToAuthorize(denied.mailerId().orElse("unknown MID"), r.trackingNumber());
 *   }
 * }
 * }</pre>
 */
public class TrackingAccessDeniedException extends AuthenticationException {
  private static final long serialVersionUID = 1L;

  /**
   * How long a refusal naming its parcel stands before the carrier is asked about that parcel
   * again: a journey's refused hand-off leg (and the tracking scheduler's refused parcel) is not
   * re-asked within it, on the facade's clock. An authorization takes a merchant's action in the
   * carrier's portal, not seconds; six hours keeps a refused leg from spending the quota on every
   * poll while still noticing a new authorization the same day.
   */
  public static final Duration RECHECK_AFTER = Duration.ofHours(6);

  private final String trackingNumber;
  private final String mailerId;

  /**
   * @param trackingNumber the refused number, or null when the carrier refused a whole request
   * @param mailerId the Mailer ID the refusal is about (from the carrier's answer or the barcode), or null
   */
  public TrackingAccessDeniedException(Details details, String trackingNumber, String mailerId) {
    super(details);
    this.trackingNumber = trackingNumber;
    this.mailerId = mailerId;
  }

  /** The number refused, when the refusal was about one. */
  public Optional<String> trackingNumber() {
    return Optional.ofNullable(trackingNumber);
  }

  /** The Mailer ID (MID) the caller is not authorized for, when known. */
  public Optional<String> mailerId() {
    return Optional.ofNullable(mailerId);
  }
}
