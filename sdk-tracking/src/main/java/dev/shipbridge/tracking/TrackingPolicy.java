package dev.shipbridge.tracking;

import dev.shipbridge.model.TrackingStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * When a watched parcel is asked again: an interval per status, longer once its last event is
 * old, a safety-net interval for parcels whose carrier pushes their events, a back-off for numbers
 * the carrier does not know yet, and a cutoff after which a parcel is no longer watched.
 * Immutable; the defaults and their reasons are in the README ("Tracking a million parcels").
 *
 * <pre>{@code
 * TrackingPolicy policy = TrackingPolicy.custom()
 *     .interval(TrackingStatus.IN_TRANSIT, Duration.ofHours(4))
 *     .cutoff(Duration.ofDays(45))
 *     .build();
 * }</pre>
 *
 * @param intervals how long after a poll a parcel in that status is polled again
 * @param staleAfter a parcel whose newest event is older than this is polled at {@code staleFactor}
 *     times its interval (the carrier has gone quiet: no point asking as often)
 * @param staleFactor see {@code staleAfter}; at least 1
 * @param pushedSafetyNet the interval for a parcel whose carrier pushes its events (a live
 *     subscription): polled only in case a push was lost
 * @param unknownFirst first wait after the carrier said it does not know the number
 * @param unknownMax the longest such wait (each one doubles)
 * @param unknownGiveUp stop watching a number the carrier has never known after this long
 * @param cutoff stop watching any parcel this long after it was first watched
 * @param jitter each interval is shortened by up to this share, differently per number, so
 *     parcels watched together do not fall due together; 0 to 0.5
 */
public record TrackingPolicy(
    Map<TrackingStatus, Duration> intervals, Duration staleAfter, int staleFactor, Duration pushedSafetyNet,
    Duration unknownFirst, Duration unknownMax, Duration unknownGiveUp, Duration cutoff, double jitter) {

  /** The defaults (see the README for why). */
  public static final TrackingPolicy DEFAULTS = custom().build();

  public TrackingPolicy {
    Objects.requireNonNull(intervals, "intervals");
    EnumMap<TrackingStatus, Duration> m = new EnumMap<>(TrackingStatus.class);
    for (TrackingStatus s : TrackingStatus.values()) {
      if (s.isTerminal()) continue;
      Duration d = intervals.get(s);
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("interval for " + s + " must be positive, was " + d);
      }
      m.put(s, d);
    }
    intervals = Map.copyOf(m);
    positive("staleAfter", staleAfter);
    positive("pushedSafetyNet", pushedSafetyNet);
    positive("unknownFirst", unknownFirst);
    positive("unknownMax", unknownMax);
    positive("unknownGiveUp", unknownGiveUp);
    positive("cutoff", cutoff);
    if (staleFactor < 1) throw new IllegalArgumentException("staleFactor must be at least 1");
    if (!(jitter >= 0 && jitter <= 0.5)) throw new IllegalArgumentException("jitter must be within 0..0.5");
    if (unknownMax.compareTo(unknownFirst) < 0) throw new IllegalArgumentException("unknownMax must not be shorter than unknownFirst");
  }

  private static void positive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive, was " + d);
  }

  public static Builder custom() {
    return new Builder();
  }

  /** The interval for a parcel in {@code status} whose newest event happened at {@code lastEvent} (null: none yet). */
  public Duration intervalFor(TrackingStatus status, Instant lastEvent, boolean pushed, Instant now) {
    if (pushed) return pushedSafetyNet;
    Duration base = intervals.getOrDefault(status, intervals.get(TrackingStatus.UNKNOWN));
    if (lastEvent != null && Duration.between(lastEvent, now).compareTo(staleAfter) > 0) {
      return base.multipliedBy(staleFactor);
    }
    return base;
  }

  /** The wait after the carrier said, for the {@code misses}-th time in a row, that it does not know the number. */
  public Duration unknownBackoff(int misses) {
    Duration d = unknownFirst;
    for (int i = 1; i < misses && d.compareTo(unknownMax) < 0; i++) d = d.multipliedBy(2);
    return d.compareTo(unknownMax) > 0 ? unknownMax : d;
  }

  /** {@code interval} shortened by a share in [0, jitter) that depends only on {@code number}. */
  public Duration jittered(Duration interval, String number) {
    if (jitter == 0) return interval;
    double u = (number.hashCode() & 0x7fffffff) / (double) Integer.MAX_VALUE;
    return Duration.ofMillis(Math.round(interval.toMillis() * (1 - jitter * u)));
  }

  /** Builds a {@link TrackingPolicy}; starts from the defaults. */
  public static final class Builder {
    private final EnumMap<TrackingStatus, Duration> intervals = new EnumMap<>(TrackingStatus.class);
    private Duration staleAfter = Duration.ofDays(3);
    private int staleFactor = 2;
    private Duration pushedSafetyNet = Duration.ofHours(24);
    private Duration unknownFirst = Duration.ofHours(2);
    private Duration unknownMax = Duration.ofHours(24);
    private Duration unknownGiveUp = Duration.ofDays(10);
    private Duration cutoff = Duration.ofDays(60);
    private double jitter = 0.1;

    private Builder() {
      intervals.put(TrackingStatus.PRE_TRANSIT, Duration.ofHours(12));
      intervals.put(TrackingStatus.IN_TRANSIT, Duration.ofHours(6));
      intervals.put(TrackingStatus.IN_CUSTOMS, Duration.ofHours(12));
      intervals.put(TrackingStatus.OUT_FOR_DELIVERY, Duration.ofHours(2));
      intervals.put(TrackingStatus.AVAILABLE_FOR_PICKUP, Duration.ofHours(12));
      intervals.put(TrackingStatus.DELIVERY_ATTEMPTED, Duration.ofHours(6));
      intervals.put(TrackingStatus.EXCEPTION, Duration.ofHours(6));
      intervals.put(TrackingStatus.UNKNOWN, Duration.ofHours(6));
    }

    public Builder interval(TrackingStatus status, Duration interval) {
      if (status.isTerminal()) throw new IllegalArgumentException(status + " is terminal: such parcels are not polled");
      positive("interval", interval);
      intervals.put(status, interval);
      return this;
    }

    public Builder staleAfter(Duration staleAfter, int factor) {
      this.staleAfter = staleAfter;
      this.staleFactor = factor;
      return this;
    }

    public Builder pushedSafetyNet(Duration d) {
      this.pushedSafetyNet = d;
      return this;
    }

    public Builder unknownBackoff(Duration first, Duration max, Duration giveUpAfter) {
      this.unknownFirst = first;
      this.unknownMax = max;
      this.unknownGiveUp = giveUpAfter;
      return this;
    }

    public Builder cutoff(Duration cutoff) {
      this.cutoff = cutoff;
      return this;
    }

    public Builder jitter(double jitter) {
      this.jitter = jitter;
      return this;
    }

    public TrackingPolicy build() {
      return new TrackingPolicy(intervals, staleAfter, staleFactor, pushedSafetyNet, unknownFirst, unknownMax,
          unknownGiveUp, cutoff, jitter);
    }
  }
}
