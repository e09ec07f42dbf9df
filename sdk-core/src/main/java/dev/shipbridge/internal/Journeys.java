package dev.shipbridge.internal;

import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingLeg;
import dev.shipbridge.model.TrackingStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Merges the legs of a journey across carriers into one {@link Tracking}. */
public final class Journeys {
  private Journeys() {}

  /**
   * One tracking for a parcel handed from {@code first}'s carrier to another: the events of both
   * legs oldest first with duplicates (same instant, status and place) removed, and the overall
   * status from the latest leg that has events.
   *
   * @param next the next leg's tracking, or null when it failed
   * @param nextNumber the next leg's number
   * @param failure why the next leg could not be tracked, or null
   */
  public static Tracking merge(Tracking first, Tracking next, String nextNumber, String failure) {
    List<TrackingEvent> events = new ArrayList<>(first.events());
    if (next != null) {
      for (TrackingEvent e : next.events()) {
        if (events.stream().noneMatch(x -> x.isSameAs(e))) events.add(e);
      }
    }
    // the Tracking below sorts the merged events, oldest first
    List<TrackingLeg> legs = new ArrayList<>();
    legs.add(TrackingLeg.spanning(first.carrier(), first.trackingNumber(), first.events()));
    if (next != null) {
      legs.add(TrackingLeg.spanning(next.carrier(), nextNumber, next.events()));
    } else {
      legs.add(new TrackingLeg(first.handoff().carrier(), nextNumber, null, null, failure));
    }
    TrackingStatus status = next != null && !next.events().isEmpty() ? next.status() : first.status();
    Map<String, String> details = new HashMap<>(first.details());
    if (next != null) next.details().forEach((k, v) -> details.putIfAbsent(next.carrier() + "." + k, v));
    return new Tracking(first.trackingNumber(), first.carrier(), status, events,
        next != null && next.estimatedDelivery() != null ? next.estimatedDelivery() : first.estimatedDelivery(),
        legs, first.handoff(), details);
  }
}
