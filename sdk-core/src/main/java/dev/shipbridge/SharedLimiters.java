package dev.shipbridge;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.CarrierRateLimiter;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.RateLimiterProvider;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rate limiters of one {@link Shipbridge} and every instance derived with {@link
 * Shipbridge#newBuilder()}: one limiter per carrier operation and quota, so they spend one quota.
 * Accounts' asks ({@link AccountLimiters}) also check that one quota is declared with one limit,
 * counting the accounts that use each quota until they are forgotten or removed. Instances derived
 * with {@code newBuilder()} that set another limit get their own limiter of that limit (a policy of
 * theirs, not an account's declaration).
 */
final class SharedLimiters implements RateLimiterProvider {
  // Map keys with equals and hashCode by hand, as CarrierId's: a record's are linked on first use.
  private record Key(Quota quota, RateLimit limit) {
    @Override
    public boolean equals(Object o) { return o instanceof Key k && quota.equals(k.quota) && limit.equals(k.limit); }

    @Override
    public int hashCode() { return quota.hashCode() * 31 + limit.hashCode(); }
  }

  private record Quota(CarrierId carrier, Operation operation) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Quota q && carrier.equals(q.carrier) && operation == q.operation;
    }

    @Override
    public int hashCode() { return carrier.hashCode() * 31 + operation.ordinal(); }
  }

  private record Declared(RateLimit limit, List<String> users) {
    Declared with(String user) {
      List<String> all = new ArrayList<>(users);
      all.add(user);
      return new Declared(limit, List.copyOf(all));
    }

    Declared without(String user) {
      List<String> rest = new ArrayList<>(users);
      rest.remove(user);
      return new Declared(limit, List.copyOf(rest));
    }
  }

  private static final String DEFAULT_ACCOUNT = "the default account";

  private final RateLimiterProvider provider;
  private final Map<Key, CarrierRateLimiter> limiters = new ConcurrentHashMap<>();
  private final Map<Quota, Declared> declared = new ConcurrentHashMap<>();

  private SharedLimiters(RateLimiterProvider provider) {
    this.provider = provider;
  }

  /** {@code provider} itself when it already shares, else a sharing wrapper of it. */
  static SharedLimiters of(RateLimiterProvider provider) {
    return provider instanceof SharedLimiters s ? s : new SharedLimiters(provider);
  }

  @Override
  public CarrierRateLimiter limiter(CarrierId carrier, Operation operation, RateLimit limit, Clock clock) {
    declared.compute(new Quota(carrier, operation), (k, was) -> {
      if (was == null || was.users().isEmpty()) return new Declared(limit, List.of(DEFAULT_ACCOUNT));
      return was.limit().equals(limit) && !was.users().contains(DEFAULT_ACCOUNT) ? was.with(DEFAULT_ACCOUNT) : was;
    });
    return shared(carrier, operation, limit, clock);
  }

  private CarrierRateLimiter shared(CarrierId carrier, Operation operation, RateLimit limit, Clock clock) {
    return limiters.computeIfAbsent(new Key(new Quota(carrier, operation), limit),
        k -> provider.limiter(carrier, operation, limit, clock));
  }

  /**
   * An account's limiter of the quota {@code carrier} (its quota id: the carrier's own, or one per
   * quota key). The carrier counts one quota per key, so one limiter serves every account of the key:
   * an account declaring another limit for a key other accounts use is a {@link
   * ConfigurationException} naming one of them (taking either silently would exceed the quota or
   * throttle the others below the limit nobody set). An account alone on its key may declare anew
   * (its settings changed, then forgotten): its limit replaces the old one, whose limiter is dropped.
   * Each account stays a user of the key until {@link #release}.
   */
  CarrierRateLimiter limiter(CarrierId carrier, Operation operation, RateLimit limit, Clock clock, String account) {
    String me = "account " + account;
    Declared[] conflict = {null};
    Quota quota = new Quota(carrier, operation);
    declared.compute(quota, (k, was) -> {
      if (was == null || was.users().isEmpty()) return new Declared(limit, List.of(me));
      if (was.limit().equals(limit)) return was.users().contains(me) ? was : was.with(me);
      if (was.users().equals(List.of(me))) { // alone on the key: its own quota, declared anew
        limiters.remove(new Key(quota, was.limit()));
        return new Declared(limit, List.of(me));
      }
      conflict[0] = was;
      return was;
    });
    if (conflict[0] != null) {
      Declared was = conflict[0];
      String other = was.users().stream().filter(u -> !u.equals(me)).findFirst().orElseThrow();
      throw new ConfigurationException(List.of(new ConfigurationException.Problem("quotaPerHour", me,
          carrier + "'s " + operation + " quota is counted once for every account with its quota key, and " + other
              + " declared it as " + was.limit() + " while " + me + " declares " + limit
              + ": give the accounts of one quota key (one client application) the same quota, or this account its own "
              + "key (CarrierAccount.Builder.quotaKey)")));
    }
    return shared(carrier, operation, limit, clock);
  }

  /** {@code account} no longer uses its quota keys (forgotten or removed): another limit may be declared by the rest. */
  void release(String account) {
    String me = "account " + account;
    declared.replaceAll((k, d) -> d.users().contains(me) ? d.without(me) : d);
  }

  @Override
  public String toString() {
    return "SharedLimiters[" + provider + "]";
  }
}
