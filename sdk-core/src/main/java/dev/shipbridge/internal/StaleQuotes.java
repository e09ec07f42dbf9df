package dev.shipbridge.internal;

import dev.shipbridge.RateLimitedException;
import dev.shipbridge.ShipbridgeException;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The opt-in stale-quote cache: each carrier's last answer per request shape (what prices a
 * parcel, never a name or street), served {@linkplain Quote#staleAge() marked stale} when that
 * carrier refuses for quota ({@link RateLimitedException}) and the answer is at most {@code
 * maxAge} old; the refusal is still reported.
 */
public final class StaleQuotes {
  public static final StaleQuotes DISABLED = new StaleQuotes(Duration.ZERO, Clock.systemUTC());
  /** Request shapes remembered at most (least recently used forgotten first). */
  public static final int MAX_ENTRIES = 10_000;

  private record Entry(List<Quote> quotes, Instant at) {}

  private final Duration maxAge;
  private final Clock clock;
  private final Map<List<Object>, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<List<Object>, Entry> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  public StaleQuotes(Duration maxAge, Clock clock) {
    this.maxAge = maxAge;
    this.clock = clock;
  }

  public boolean enabled() {
    return maxAge.compareTo(Duration.ZERO) > 0;
  }

  /** Remembers a fresh answer (stale quotes are never stored again). */
  public void remember(CarrierId carrier, QuoteRequest request, List<Quote> quotes) {
    if (!enabled() || quotes.isEmpty() || quotes.get(0).isStale()) return;
    Entry e = new Entry(List.copyOf(quotes), clock.instant());
    synchronized (entries) {
      entries.put(key(carrier, request), e);
    }
  }

  /** The stale quotes to serve for a failure: empty unless it is a quota refusal with a recent answer. */
  public List<Quote> servedFor(CarrierId carrier, QuoteRequest request, ShipbridgeException failure) {
    if (!enabled() || !(failure instanceof RateLimitedException)) return List.of();
    Entry e;
    synchronized (entries) {
      e = entries.get(key(carrier, request));
    }
    if (e == null) return List.of();
    Duration age = Duration.between(e.at(), clock.instant());
    if (age.isNegative()) age = Duration.ZERO;
    if (age.compareTo(maxAge) > 0) return List.of();
    Duration stale = age;
    return e.quotes().stream().map(q -> q.asStale(stale)).toList();
  }

  private static List<Object> key(CarrierId carrier, QuoteRequest r) {
    return Arrays.asList(carrier, r.from().country(), r.from().postalCode(), r.to().country(),
        r.to().postalCode(), r.parcel().weight(), r.parcel().dimensions(),
        r.customs() == null ? null : r.customs().totalValue(), r.serviceLevel(), r.shipDate());
  }
}
