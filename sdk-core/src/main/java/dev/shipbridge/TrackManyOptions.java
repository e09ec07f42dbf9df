package dev.shipbridge;

import dev.shipbridge.model.TrackingStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link Shipbridge#trackMany(java.util.Collection, TrackManyOptions)} spends a carrier's
 * quota.
 *
 * <pre>{@code
 * TrackManyOptions options = TrackManyOptions.builder()
 *     .knownStatuses(statusesFromMyDatabase)   // terminal ones are not tracked again
 *     .deadline(clock.instant().plus(Duration.ofMinutes(30)))
 *     .build();
 * }</pre>
 *
 * @param knownStatuses the last status you know per number (terminal numbers are skipped)
 * @param refreshTerminal track numbers whose last known status is terminal anyway
 * @param deadline when the whole run must be done, or null; a run the carriers' quotas cannot
 *     finish by then is refused before it starts ({@link QuotaDeadlineException})
 */
public record TrackManyOptions(Map<String, TrackingStatus> knownStatuses, boolean refreshTerminal, Instant deadline) {
  public static final TrackManyOptions DEFAULTS = new TrackManyOptions(Map.of(), false, null);

  public TrackManyOptions {
    knownStatuses = knownStatuses == null ? Map.of() : Map.copyOf(knownStatuses);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link TrackManyOptions}. */
  public static final class Builder {
    private final Map<String, TrackingStatus> known = new HashMap<>();
    private boolean refreshTerminal;
    private Instant deadline;

    private Builder() {}

    public Builder knownStatuses(Map<String, TrackingStatus> statuses) {
      known.putAll(statuses);
      return this;
    }

    public Builder knownStatus(String trackingNumber, TrackingStatus status) {
      known.put(Objects.requireNonNull(trackingNumber), Objects.requireNonNull(status));
      return this;
    }

    public Builder refreshTerminal(boolean refreshTerminal) {
      this.refreshTerminal = refreshTerminal;
      return this;
    }

    public Builder deadline(Instant deadline) {
      this.deadline = deadline;
      return this;
    }

    public TrackManyOptions build() {
      return new TrackManyOptions(known, refreshTerminal, deadline);
    }
  }
}
