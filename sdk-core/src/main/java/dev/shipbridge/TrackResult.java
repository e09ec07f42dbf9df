package dev.shipbridge;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingStatus;
import java.util.Optional;

/**
 * One number's outcome in {@link Shipbridge#trackMany}: its tracking, why it has none, or that it
 * was not tracked again because its last known status was terminal.
 *
 * @param trackingNumber the number asked for
 * @param carrier the carrier it was routed to, or null when none recognised it
 * @param tracking the result (for a skipped number, the last one Shipbridge saw, if any), or null
 * @param failure why it failed, or null
 * @param skippedStatus the terminal status that made {@code trackMany} skip the number, or null
 *     when the number was tracked
 */
public record TrackResult(
    String trackingNumber, CarrierId carrier, Tracking tracking, ShipbridgeException failure,
    TrackingStatus skippedStatus) {

  public static TrackResult success(String number, Tracking tracking) {
    return new TrackResult(number, tracking.carrier(), tracking, null, null);
  }

  public static TrackResult failure(String number, CarrierId carrier, ShipbridgeException failure) {
    return new TrackResult(number, carrier, null, failure, null);
  }

  /** Not tracked again: its last known status was terminal. */
  public static TrackResult skipped(String number, CarrierId carrier, TrackingStatus status, Tracking last) {
    return new TrackResult(number, carrier, last, null, status);
  }

  /** True when the number was tracked now and the carrier answered. */
  public boolean isSuccess() {
    return tracking != null && skippedStatus == null;
  }

  public boolean isSkipped() {
    return skippedStatus != null;
  }

  /** The status: the new tracking's, or the terminal one that made it skipped. */
  public Optional<TrackingStatus> status() {
    if (skippedStatus != null) return Optional.of(skippedStatus);
    return tracking == null ? Optional.empty() : Optional.of(tracking.status());
  }
}
