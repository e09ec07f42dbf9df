package dev.shipbridge.tracking.sim;

import dev.shipbridge.model.TrackingEvent;
import java.time.Instant;
import java.util.List;

/**
 * One simulated parcel: when it is watched, whether its carrier pushes its events, whether the
 * carrier ever knows it, and its events (oldest first, at absolute times).
 */
public record SimParcel(String number, Instant watchAt, boolean pushed, boolean known, List<TrackingEvent> events) {
  public SimParcel {
    events = List.copyOf(events);
  }

  /** When the parcel stops being active: its terminal event, or {@code giveUp} after watch for a number never known. */
  public Instant activeUntil(Instant end, java.time.Duration giveUp) {
    Instant until = known && !events.isEmpty() && events.get(events.size() - 1).status().isTerminal()
        ? events.get(events.size() - 1).time().toInstant() : known ? end : watchAt.plus(giveUp);
    return until.isAfter(end) ? end : until;
  }
}
