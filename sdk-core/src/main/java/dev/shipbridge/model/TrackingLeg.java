package dev.shipbridge.model;

import java.util.List;
import java.util.Optional;

/**
 * One carrier's part of a journey: a Cainiao leg from China, then a USPS leg to the door.
 *
 * @param carrier the leg's carrier
 * @param trackingNumber its number on that carrier
 * @param firstEvent its oldest event, or null
 * @param lastEvent its newest event, or null
 * @param failure why this leg could not be tracked, or null when it was
 */
public record TrackingLeg(
    CarrierId carrier, String trackingNumber, TrackingEvent firstEvent, TrackingEvent lastEvent, String failure) {

  /** A tracked leg spanning {@code eventsOldestFirst}: its first and last event, no failure. */
  public static TrackingLeg spanning(CarrierId carrier, String trackingNumber, List<TrackingEvent> eventsOldestFirst) {
    List<TrackingEvent> es = eventsOldestFirst;
    return new TrackingLeg(carrier, trackingNumber, es.isEmpty() ? null : es.get(0), es.isEmpty() ? null : es.get(es.size() - 1), null);
  }

  public Optional<String> failureMessage() {
    return Optional.ofNullable(failure);
  }

  public boolean failed() {
    return failure != null;
  }
}
