package dev.shipbridge.tracking;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Handoff;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What changed about one watched parcel since it was last reported: its new events only, oldest
 * first, and its status. Delivered at least once (again after a crash, with the same {@link #id()}
 * and the same {@link #eventIds()}): a consumer that drops events whose id it has already seen,
 * sees each event exactly once.
 *
 * <pre>{@code
 * TrackingListener toKafka = change -> {
 *   for (int i = 0; i < change.events().size(); i++) {
 *     producer.send(new ProducerRecord<>("parcel-events", change.eventIds().get(i), json(change, i))).get();
 *   }
 * };
 * }</pre>
 *
 * @param id stable id of this change: the same on every redelivery
 * @param trackingNumber the number that was watched (for a journey, its first leg's number)
 * @param legNumber the number of the leg these events came from (equal to {@code trackingNumber}
 *     until a handoff)
 * @param carrier the carrier of that leg
 * @param events the new events, oldest first (may be empty when only the status changed)
 * @param eventIds one stable id per event, same order: carrier, instant, code, status and place
 * @param status the parcel's status after these events
 * @param previousStatus its status before them
 * @param handoff the next leg, when this change revealed a handoff to another carrier, or null
 * @param observedAt when the scheduler learned of them
 */
public record TrackingChanged(
    String id, String trackingNumber, String legNumber, CarrierId carrier, List<TrackingEvent> events,
    List<String> eventIds, TrackingStatus status, TrackingStatus previousStatus, Handoff handoff, Instant observedAt) {

  public TrackingChanged {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(trackingNumber, "trackingNumber");
    Objects.requireNonNull(legNumber, "legNumber");
    Objects.requireNonNull(carrier, "carrier");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(observedAt, "observedAt");
    events = List.copyOf(events);
    eventIds = List.copyOf(eventIds);
    if (events.size() != eventIds.size()) throw new IllegalArgumentException("one id per event");
  }
}
