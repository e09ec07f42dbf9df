package dev.shipbridge.model;

import dev.shipbridge.spi.support.Checks;
import java.time.OffsetDateTime;

/**
 * One scan or status change of a parcel.
 *
 * @param time when it happened, with the offset the carrier reported (UTC when it gave an instant)
 * @param status the normalised status
 * @param rawCode the carrier's own code ({@code "DELIVERED"}, {@code "01"}, {@code "GWMS_ACCEPT"})
 * @param description the carrier's text
 * @param location where, possibly {@link EventLocation#UNKNOWN}
 * @param carrier the carrier that reported it: the carrier of the leg it belongs to, or, for the
 *     last-mile events a first carrier mirrors (Cainiao's {@code GTMS_*}), that first carrier
 */
public record TrackingEvent(
    OffsetDateTime time, TrackingStatus status, String rawCode, String description,
    EventLocation location, CarrierId carrier) {

  public TrackingEvent {
    location = location == null ? EventLocation.UNKNOWN : location;
    status = status == null ? TrackingStatus.UNKNOWN : status;
    Checks c = new Checks();
    c.notNull("time", time);
    c.notNull("carrier", carrier);
    c.throwIfAny();
  }

  /** Same moment, status and place: the same event reported twice (by two legs, say). */
  public boolean isSameAs(TrackingEvent o) {
    return time.toInstant().equals(o.time.toInstant()) && status == o.status
        && location.display().equalsIgnoreCase(o.location.display());
  }
}
