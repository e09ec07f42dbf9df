package dev.shipbridge.internal;

import dev.shipbridge.spi.ReplayStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** {@link ReplayStore} in one JVM: identities in admission order, parcels' newest events in an LRU map. */
public final class InMemoryReplayStore implements ReplayStore {
  private final int capacity;
  private final LinkedHashMap<String, Instant> identities = new LinkedHashMap<>();
  private final Map<String, Instant[]> parcels;

  public InMemoryReplayStore(int capacity) {
    if (capacity < 1) throw new IllegalArgumentException("capacity must be positive");
    this.capacity = capacity;
    this.parcels = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Instant[]> eldest) {
        return size() > InMemoryReplayStore.this.capacity;
      }
    };
  }

  @Override
  public synchronized Verdict admit(String identity, String parcel, Instant newestEvent, Instant now, Duration retention) {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(now, "now");
    Instant expires = now.plus(retention);
    prune(now);
    Instant seenUntil = identities.get(identity);
    if (seenUntil != null && seenUntil.isAfter(now)) return Verdict.DUPLICATE;
    Instant[] mark = parcel == null ? null : parcels.get(parcel);
    if (mark != null && !mark[1].isAfter(now)) {
      parcels.remove(parcel);
      mark = null;
    }
    if (mark != null && newestEvent != null && !newestEvent.isAfter(mark[0])) return Verdict.NOT_NEWER;
    if (identities.size() >= capacity) return Verdict.FULL;
    identities.put(identity, expires);
    if (parcel != null && newestEvent != null) parcels.put(parcel, new Instant[] {newestEvent, expires});
    return Verdict.ACCEPTED;
  }

  private void prune(Instant now) {
    var it = identities.values().iterator();
    while (it.hasNext()) {
      if (it.next().isAfter(now)) break;
      it.remove();
    }
  }

  /** For tests: how many identities are live. */
  synchronized int size() {
    return identities.size();
  }

  @Override
  public String toString() {
    return "InMemoryReplayStore[capacity=" + capacity + "]";
  }
}
