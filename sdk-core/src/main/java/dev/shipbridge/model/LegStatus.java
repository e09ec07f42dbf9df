package dev.shipbridge.model;

/**
 * How one leg of a journey ({@link TrackingLeg#status()}) could be tracked.
 *
 * <pre>{@code
 * for (TrackingLeg leg : shipbridge.track("LP00123456789012").legs()) {
 *   if (leg.status() == LegStatus.ACCESS_DENIED) {
 *     log.info("{} refused {}: {}", leg.carrier(), leg.trackingNumber(), leg.failure());
 *   }
 * }
 * }</pre>
 */
public enum LegStatus {
  /** The leg's carrier answered with its tracking. */
  TRACKED,
  /** The leg's carrier could not be asked or did not answer usably; {@link TrackingLeg#failure()} says why. */
  FAILED,
  /**
   * The leg's carrier refused this caller access to the parcel's tracking data (USPS since
   * 2026-04-01: the caller is not authorized for the Mailer ID in the barcode). {@link
   * TrackingLeg#failure()} says which entitlement and what to do; the journey keeps the events the
   * previous carrier mirrors for this stretch ({@link TrackingLeg#reportedBy()}).
   */
  ACCESS_DENIED
}
