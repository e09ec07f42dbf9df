package dev.shipbridge.tracking;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A parcel leased to one scheduler instance by a {@link ScheduleStore}: its state, the pushes
 * received for it and not yet applied, and the changes computed for it and not yet acknowledged
 * (left by an instance that died before its listener returned).
 *
 * @param state the parcel's state when claimed
 * @param token the lease's fencing token: only its holder may complete or acknowledge
 * @param leaseUntil when the lease expires and another instance may claim the parcel
 * @param inbox pushed events not yet applied, oldest first
 * @param outbox changes not yet acknowledged
 */
public record Claimed(ParcelState state, String token, Instant leaseUntil, List<PushedEvents> inbox,
    List<TrackingChanged> outbox) {
  public Claimed {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(leaseUntil, "leaseUntil");
    inbox = List.copyOf(inbox);
    outbox = List.copyOf(outbox);
  }
}
