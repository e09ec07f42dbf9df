package dev.shipbridge.model;

import java.util.List;

/**
 * One carrier's part of a journey: a Cainiao leg from China, then a USPS leg to the door.
 *
 * <pre>{@code
 * Tracking t = shipbridge.track("LP00123456789012");
 * TrackingLeg usps = t.legs().get(t.legs().size() - 1);
 * if (usps.status() == LegStatus.ACCESS_DENIED) {
 *   // the last-mile events in t.events() are those usps.reportedBy() (Cainiao) mirrors
 * }
 * }</pre>
 *
 * @param carrier the leg's carrier
 * @param trackingNumber its number on that carrier
 * @param firstEvent its oldest event, or null
 * @param lastEvent its newest event, or null
 * @param failure why this leg could not be tracked, or null when it was
 * @param status how the leg could be tracked (null: from {@code failure})
 * @param reportedBy whose answer the leg's events come from: its own carrier (null), or for an
 *     {@link LegStatus#ACCESS_DENIED} leg the previous carrier, which mirrors last-mile events
 */
public record TrackingLeg(
    CarrierId carrier, String trackingNumber, TrackingEvent firstEvent, TrackingEvent lastEvent, String failure,
    LegStatus status, CarrierId reportedBy) {

  public TrackingLeg {
    if (status == null) status = failure == null ? LegStatus.TRACKED : LegStatus.FAILED;
    if (reportedBy == null) reportedBy = carrier;
  }

  /** A leg with the status its {@code failure} implies, reported by its own carrier. */
  public TrackingLeg(CarrierId carrier, String trackingNumber, TrackingEvent firstEvent, TrackingEvent lastEvent,
      String failure) {
    this(carrier, trackingNumber, firstEvent, lastEvent, failure, null, null);
  }

  /** A tracked leg spanning {@code eventsOldestFirst}: its first and last event, no failure. */
  public static TrackingLeg spanning(CarrierId carrier, String trackingNumber, List<TrackingEvent> eventsOldestFirst) {
    List<TrackingEvent> es = eventsOldestFirst;
    return new TrackingLeg(carrier, trackingNumber, es.isEmpty() ? null : es.get(0), es.isEmpty() ? null : es.get(es.size() - 1), null);
  }

  /**
   * A leg whose carrier refused access to its tracking data: {@code reason} says which entitlement
   * and what to do; the journey's events for this stretch are those {@code mirroredBy} reported.
   */
  public static TrackingLeg accessDenied(CarrierId carrier, String trackingNumber, String reason, CarrierId mirroredBy) {
    return new TrackingLeg(carrier, trackingNumber, null, null, reason, LegStatus.ACCESS_DENIED, mirroredBy);
  }

  /** Whether this leg could not be tracked (failed or refused). */
  public boolean failed() {
    return failure != null;
  }
}
