package dev.shipbridge;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.CarrierRateLimiter;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.RateLimiterProvider;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rate limiters of one {@link Shipbridge} and every instance derived with {@link
 * Shipbridge#newBuilder()}: one limiter per carrier operation and quota, so they spend one quota.
 * Accounts' asks ({@link AccountLimiters}) also check that one quota is declared with one limit.
 */
final class SharedLimiters implements RateLimiterProvider {
  private record Key(CarrierId carrier, Operation operation, RateLimit limit) {}

  private record Quota(CarrierId carrier, Operation operation) {}

  /** Who first declared a quota's limit, and which. */
  private record Declared(RateLimit limit, String owner) {}

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
    declared.putIfAbsent(new Quota(carrier, operation), new Declared(limit, "the default account"));
    return limiters.computeIfAbsent(new Key(carrier, operation, limit), k -> provider.limiter(carrier, operation, limit, clock));
  }

  /**
   * An account's limiter of the quota {@code carrier} (its quota id: the carrier's own, or one per
   * quota key). The carrier counts one quota per key, so one limiter serves every account of the key:
   * an account declaring another limit for a key already declared is a {@link ConfigurationException}
   * naming both (taking either silently would exceed the quota or throttle the others below the limit
   * nobody set). The same account declaring anew (its settings changed, then forgotten) replaces its own.
   */
  CarrierRateLimiter limiter(CarrierId carrier, Operation operation, RateLimit limit, Clock clock, String account) {
    Declared mine = new Declared(limit, "account " + account);
    Declared first = declared.compute(new Quota(carrier, operation), (k, was) -> {
      if (was == null) return mine;
      return !was.limit().equals(limit) && was.owner().equals(mine.owner()) ? mine : was; // its own, declared anew
    });
    if (!first.limit().equals(limit)) {
      throw new ConfigurationException(List.of(new ConfigurationException.Problem("quotaPerHour", mine.owner(),
          carrier + "'s " + operation + " quota is counted once for every account with its quota key, and " + first.owner()
              + " declared it as " + first.limit() + " while " + mine.owner() + " declares " + limit
              + ": give the accounts of one quota key (one client application) the same quota, or this account its own "
              + "key (CarrierAccount.Builder.quotaKey)")));
    }
    return limiter(carrier, operation, limit, clock);
  }

  @Override
  public String toString() {
    return "SharedLimiters[" + provider + "]";
  }
}
