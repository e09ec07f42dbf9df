package dev.shipbridge.tracking;

import dev.shipbridge.model.TrackingEvent;
import java.time.Instant;
import java.util.List;

/**
 * Events a carrier pushed for one parcel, waiting in a {@link ScheduleStore} to be applied.
 *
 * @param events the pushed events
 * @param receivedAt when the push was received
 */
public record PushedEvents(List<TrackingEvent> events, Instant receivedAt) {
  public PushedEvents {
    events = List.copyOf(events);
  }
}
