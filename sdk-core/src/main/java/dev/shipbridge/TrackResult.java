package dev.shipbridge;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Tracking;
import java.util.Optional;

/**
 * One number's outcome in {@link Shipbridge#trackMany}: its tracking, or why it has none.
 *
 * @param trackingNumber the number asked for
 * @param carrier the carrier it was routed to, or null when none recognised it
 * @param tracking the result, or null when it failed
 * @param failure why it failed, or null
 */
public record TrackResult(String trackingNumber, CarrierId carrier, Tracking tracking, ShipbridgeException failure) {
  public static TrackResult success(String number, Tracking tracking) {
    return new TrackResult(number, tracking.carrier(), tracking, null);
  }

  public static TrackResult failure(String number, CarrierId carrier, ShipbridgeException failure) {
    return new TrackResult(number, carrier, null, failure);
  }

  public boolean isSuccess() {
    return tracking != null;
  }

  public Optional<Tracking> trackingIfPresent() {
    return Optional.ofNullable(tracking);
  }
}
