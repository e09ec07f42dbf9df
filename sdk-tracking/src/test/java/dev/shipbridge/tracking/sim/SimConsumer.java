package dev.shipbridge.tracking.sim;

import dev.shipbridge.tracking.TrackingChanged;
import dev.shipbridge.tracking.TrackingListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The platform's consumer: de-duplicates by event id, as the README tells users to, and records
 * for each event when it was first heard of, and how many deliveries were duplicates.
 */
public final class SimConsumer implements TrackingListener {
  private final Clock clock;
  private final Map<String, Instant> firstHeard = new HashMap<>();
  private final Set<String> changeIds = new HashSet<>();
  private final Set<String> heardKeys = new HashSet<>();
  private final List<Duration> lagsPushed = new ArrayList<>();
  private final List<Duration> lagsPolled = new ArrayList<>();
  private final Set<String> pushedNumbers;
  private long deliveries;
  private long duplicateEvents;
  private long accepted;

  public SimConsumer(Clock clock, Set<String> pushedNumbers) {
    this.clock = clock;
    this.pushedNumbers = pushedNumbers;
  }

  @Override
  public synchronized void onChange(TrackingChanged change) {
    deliveries++;
    changeIds.add(change.id());
    Instant now = clock.instant();
    for (int i = 0; i < change.events().size(); i++) {
      String id = change.eventIds().get(i);
      if (firstHeard.containsKey(id)) {
        duplicateEvents++;
        continue;
      }
      accepted++;
      firstHeard.put(id, now);
      heardKeys.add(key(change.legNumber(), change.events().get(i)));
      Duration lag = Duration.between(change.events().get(i).time().toInstant(), now);
      (pushedNumbers.contains(change.legNumber()) || pushedNumbers.contains(change.trackingNumber()) ? lagsPushed : lagsPolled).add(lag);
    }
  }

  /** True when the consumer heard of this event of this number (leg). */
  public synchronized boolean heard(String number, dev.shipbridge.model.TrackingEvent e) {
    return heardKeys.contains(key(number, e));
  }

  private static String key(String number, dev.shipbridge.model.TrackingEvent e) {
    return number + '|' + e.time().toInstant() + '|' + e.rawCode();
  }

  public synchronized long acceptedEvents() {
    return accepted;
  }

  /** Events delivered again (dropped here by id): at-least-once at work, never seen twice downstream. */
  public synchronized long duplicateDeliveries() {
    return duplicateEvents;
  }

  public synchronized long deliveries() {
    return deliveries;
  }

  public synchronized List<Duration> lagsPushed() {
    return List.copyOf(lagsPushed);
  }

  public synchronized List<Duration> lagsPolled() {
    return List.copyOf(lagsPolled);
  }

  /** The q-quantile (0..1) of {@code lags}, or zero when empty. */
  public static Duration quantile(List<Duration> lags, double q) {
    if (lags.isEmpty()) return Duration.ZERO;
    List<Duration> sorted = new ArrayList<>(lags);
    sorted.sort(null);
    return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
  }
}
