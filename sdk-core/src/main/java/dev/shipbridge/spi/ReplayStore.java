package dev.shipbridge.spi;

import dev.shipbridge.internal.InMemoryReplayStore;
import java.time.Duration;
import java.time.Instant;

/**
 * Remembers which pushed notifications were accepted, by what their signature covers, for a
 * retention period, so that a replay, or a parcel's push not newer than the last accepted, is
 * refused. Default {@link #inMemory()}; a fleet shares one from {@code shipbridge-redis}.
 *
 * <pre>{@code
 * Shipbridge sb = Shipbridge.builder().replayStore(ReplayStore.inMemory(500_000)).build();
 * }</pre>
 *
 * Implementations are thread-safe and decide atomically: two receivers admitting the same
 * identity at once see one {@link Verdict#ACCEPTED}.
 */
public interface ReplayStore {
  /** How long accepted identities are remembered unless configured otherwise. */
  Duration DEFAULT_RETENTION = Duration.ofDays(7);

  /** How many identities the in-memory store holds unless configured otherwise. */
  int DEFAULT_CAPACITY = 200_000;

  /** What {@link #admit} decided. */
  enum Verdict {
    /** New: remembered now; act on the notification. */
    ACCEPTED,
    /** Its identity was already accepted within the retention. */
    DUPLICATE,
    /** Its newest event is not newer than the newest already accepted for its parcel. */
    NOT_NEWER,
    /** The store holds as many live identities as it may: refused rather than forgotten. */
    FULL
  }

  /**
   * Decides on one notification and, when it is {@link Verdict#ACCEPTED}, remembers it.
   *
   * @param identity what the carrier's signature covers, digested (carrier-qualified)
   * @param parcel the carrier-qualified parcel the notification is about
   * @param newestEvent the time of its newest event, or null when it has none (then only the
   *     identity is checked)
   * @param now the current time, from the facade's clock
   * @param retention how long to remember the identity and the parcel's newest event
   */
  Verdict admit(String identity, String parcel, Instant newestEvent, Instant now, Duration retention);

  /** An in-memory store holding up to {@link #DEFAULT_CAPACITY} identities. */
  static ReplayStore inMemory() {
    return new InMemoryReplayStore(DEFAULT_CAPACITY);
  }

  /**
   * An in-memory store holding up to {@code capacity} live identities; when that many are live a
   * new notification is refused ({@link Verdict#FULL}) rather than an old identity forgotten.
   * Parcels' newest events are kept for the {@code capacity} most recently pushed parcels (LRU).
   */
  static ReplayStore inMemory(int capacity) {
    return new InMemoryReplayStore(capacity);
  }
}
