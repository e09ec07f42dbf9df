package dev.shipbridge.tracking;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.TrackingStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * What the scheduler keeps about one watched number (one leg of a journey). Immutable; stores
 * hold it, {@link TrackingScheduler#snapshot(String)} returns it.
 *
 * @param number the leg's tracking number
 * @param carrier its carrier
 * @param account the carrier account that pays for its polls
 * @param journey the number the user watched (equal to {@code number} for a first leg)
 * @param status the latest status known
 * @param watchedAt when it was first watched (the journey's first watch, for a later leg)
 * @param lastEventAt the time of its newest event, or null
 * @param lastPolledAt when the carrier was last asked, or null
 * @param nextDueAt when it is asked next, or null when it is no longer watched
 * @param misses how many polls in a row the carrier said it does not know the number
 * @param pushed true when the carrier pushes its events (polled only as a safety net)
 * @param stopReason why it is no longer polled ({@link Stop}), or null while it is
 * @param seen fingerprints of the events already reported (6 characters each)
 */
public record ParcelState(
    String number, CarrierId carrier, String account, String journey, TrackingStatus status, Instant watchedAt,
    Instant lastEventAt, Instant lastPolledAt, Instant nextDueAt, int misses, boolean pushed, Stop stopReason,
    String seen) {

  /** Why a parcel is no longer polled. */
  public enum Stop {
    /** Delivered or returned. */
    TERMINAL,
    /** Watched longer than the policy's cutoff. */
    CUTOFF,
    /** The carrier never knew the number within the policy's give-up time. */
    NEVER_KNOWN,
    /** Handed to another carrier: the next leg is watched instead. */
    HANDED_OFF,
    /** {@link TrackingScheduler#unwatch} was called. */
    UNWATCHED
  }

  public ParcelState {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(carrier, "carrier");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(watchedAt, "watchedAt");
    journey = journey == null ? number : journey;
    status = status == null ? TrackingStatus.UNKNOWN : status;
    seen = seen == null ? "" : seen;
  }

  /** A new watch, due at once. */
  public static ParcelState watched(String number, CarrierId carrier, String account, boolean pushed, Instant now) {
    return new ParcelState(number, carrier, account, number, TrackingStatus.UNKNOWN, now, null, null, now, 0, pushed, null, "");
  }

  /** The store's group: carrier and account, whose quota the parcel's polls spend. */
  public String group() {
    return carrier.value() + "/" + account;
  }

  public boolean isWatched() {
    return nextDueAt != null;
  }

  public ParcelState withSchedule(Instant nextDueAt, Stop stopReason) {
    return new ParcelState(number, carrier, account, journey, status, watchedAt, lastEventAt, lastPolledAt,
        nextDueAt, misses, pushed, stopReason, seen);
  }

  public ParcelState withPushed(boolean pushed) {
    return new ParcelState(number, carrier, account, journey, status, watchedAt, lastEventAt, lastPolledAt,
        nextDueAt, misses, pushed, stopReason, seen);
  }

  ParcelState observed(TrackingStatus status, Instant lastEventAt, Instant polledAt, int misses, String seen) {
    return new ParcelState(number, carrier, account, journey, status, watchedAt, lastEventAt, polledAt,
        nextDueAt, misses, pushed, stopReason, seen);
  }
}
