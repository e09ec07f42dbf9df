package dev.shipbridge;

import java.time.Duration;
import java.util.Optional;

/**
 * The carrier refused this caller the tracking data of one parcel: an entitlement, not a bad
 * credential. Since 2026-04-01 USPS gives tracking data to a platform or consolidator only for
 * parcels whose barcode carries the Mailer ID (MID) of a shipper that authorized the platform (USPS
 * Business Portal, platform authorization); a Cainiao parcel's USPS leg carries the consolidator's
 * MID. The message says which MID and what the merchant must do. Not retryable until that
 * authorization changes.
 *
 * <p>In {@code Shipbridge.trackMany} it is the failure of that one number; on the hand-off leg of a
 * journey it does not fail the journey (the leg is {@link dev.shipbridge.model.LegStatus#ACCESS_DENIED}).
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
