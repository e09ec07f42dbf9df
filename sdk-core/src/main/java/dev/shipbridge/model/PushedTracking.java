package dev.shipbridge.model;

import java.time.Instant;
import java.util.List;

/**
 * What a verified push notification says about one parcel.
 *
 * @param carrier who pushed it
 * @param trackingNumber the parcel
 * @param events the new events, oldest first
 * @param sentAt when the carrier says it sent the notification, or null when it does not say
 * @param messageId the carrier's id of the notification, used to drop duplicates, or null
 */
public record PushedTracking(CarrierId carrier, String trackingNumber, List<TrackingEvent> events, Instant sentAt, String messageId) {
  public PushedTracking {
    events = events == null ? List.of() : events.stream()
        .sorted(java.util.Comparator.comparing(e -> e.time().toInstant())).toList();
  }
}
