package dev.shipbridge.model;

import dev.shipbridge.spi.support.Checks;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is known about a parcel: its status, its events oldest to newest and, for a journey across
 * carriers, its legs.
 *
 * <pre>{@code
 * Tracking t = shipbridge.track("LP00123456789012");
 * t.events().forEach(e -> System.out.println(e.time() + " " + e.carrier() + " " + e.status()));
 * if (t.status().isTerminal()) { ... }
 * }</pre>
 *
 * @param trackingNumber the number asked for
 * @param carrier the carrier of that number
 * @param status the overall status (the latest leg's latest event)
 * @param events every event, oldest first
 * @param estimatedDelivery expected delivery date, or null
 * @param legs one per carrier the parcel went through, in order (null: one leg spanning the events)
 * @param handoff the next carrier and number, when the parcel was handed over, or null
 * @param details carrier-specific facts (original and latest numbers, ...)
 */
public record Tracking(
    String trackingNumber, CarrierId carrier, TrackingStatus status, List<TrackingEvent> events,
    LocalDate estimatedDelivery, List<TrackingLeg> legs, Handoff handoff, Map<String, String> details) {

  private static final Comparator<TrackingEvent> OLDEST_FIRST =
      Comparator.comparing(TrackingEvent::time, java.time.OffsetDateTime.timeLineOrder());

  public Tracking {
    Checks c = new Checks();
    c.notBlank("trackingNumber", trackingNumber, 64);
    c.notNull("carrier", carrier);
    c.throwIfAny();
    List<TrackingEvent> sorted = new ArrayList<>(events == null ? List.of() : events);
    sorted.sort(OLDEST_FIRST);
    events = List.copyOf(sorted);
    legs = legs == null ? List.of(TrackingLeg.spanning(carrier, trackingNumber, events)) : List.copyOf(legs);
    details = details == null ? Map.of() : Map.copyOf(details);
    status = status == null
        ? (events.isEmpty() ? TrackingStatus.UNKNOWN : events.get(events.size() - 1).status())
        : status;
  }

  /** A one-carrier tracking whose status is its newest event's, with one leg. */
  public static Tracking of(String trackingNumber, CarrierId carrier, List<TrackingEvent> events,
      LocalDate estimatedDelivery, Handoff handoff, Map<String, String> details) {
    return of(trackingNumber, carrier, null, events, estimatedDelivery, handoff, details);
  }

  /**
   * A one-carrier tracking with one leg spanning its events, and the carrier's overall {@code
   * status} (null: the newest event's).
   */
  public static Tracking of(String trackingNumber, CarrierId carrier, TrackingStatus status, List<TrackingEvent> events,
      LocalDate estimatedDelivery, Handoff handoff, Map<String, String> details) {
    return new Tracking(trackingNumber, carrier, status, events, estimatedDelivery, null, handoff, details);
  }

  public Optional<TrackingEvent> latestEvent() {
    return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
  }

  public Optional<Handoff> handoffTo() {
    return Optional.ofNullable(handoff);
  }
}
