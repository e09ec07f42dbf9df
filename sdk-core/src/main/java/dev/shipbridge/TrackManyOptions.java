package dev.shipbridge;

import dev.shipbridge.account.AccountId;
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
 * @param account the account the run tracks under, or null for the instance's own: {@code
 *     shipbridge.trackMany(numbers, options)} then runs as {@code
 *     shipbridge.account(account).trackMany(numbers, options)} does (its tokens, quota and memory
 *     of terminal numbers). An id, not a secret: part of {@code equals} and {@code toString}
 */
public record TrackManyOptions(Map<String, TrackingStatus> knownStatuses, boolean refreshTerminal, Instant deadline,
    AccountId account) {
  public static final TrackManyOptions DEFAULTS = new TrackManyOptions(Map.of(), false, null, null);

  public TrackManyOptions {
    knownStatuses = knownStatuses == null ? Map.of() : Map.copyOf(knownStatuses);
  }

  /**
   * These options run under {@code account} (null: the instance's own).
   *
   * <pre>{@code
   * List<TrackResult> results = shipbridge.trackMany(numbers, TrackManyOptions.DEFAULTS.withAccount(merchant));
   * }</pre>
   */
  public TrackManyOptions withAccount(AccountId account) {
    return new TrackManyOptions(knownStatuses, refreshTerminal, deadline, account);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link TrackManyOptions}. */
  public static final class Builder {
    private final Map<String, TrackingStatus> known = new HashMap<>();
    private boolean refreshTerminal;
    private Instant deadline;
    private AccountId account;

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

    /** The account the run tracks under; see {@link TrackManyOptions#account()}. */
    public Builder account(AccountId account) {
      this.account = account;
      return this;
    }

    public TrackManyOptions build() {
      return new TrackManyOptions(known, refreshTerminal, deadline, account);
    }
  }
}
