package dev.shipbridge;

import dev.shipbridge.account.AccountId;
import dev.shipbridge.account.AccountResolver;
import dev.shipbridge.account.CarrierAccount;
import dev.shipbridge.account.Preflight;
import dev.shipbridge.internal.CarrierRegistry;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.PreflightCapability;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The instances bound for accounts of one {@link Shipbridge}, resolved through the {@link
 * AccountResolver} on first use: sharing the owner's HTTP client, executor, stores, limiters and
 * carrier memory, with their own carriers and breakers; kept in an LRU cache of {@code capacity}.
 */
final class AccountFacades {
  private final Shipbridge owner;
  private final AccountResolver resolver;
  private final SharedLimiters limiters;
  private final CarrierRegistry defaults;
  private final ReentrantLock lock = new ReentrantLock();
  private final LinkedHashMap<AccountId, Shipbridge> cache;
  private boolean closed;

  AccountFacades(Shipbridge owner, AccountResolver resolver, int capacity, SharedLimiters limiters, CarrierRegistry defaults) {
    this.owner = owner;
    this.resolver = resolver;
    this.limiters = limiters;
    this.defaults = defaults;
    this.cache = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<AccountId, Shipbridge> eldest) {
        // dropped, not closed: it owns no thread or connection, and a holder (a tracking scheduler,
        // a trackMany in flight) keeps working with it; the next get(id) builds a fresh one
        return size() > capacity;
      }
    };
  }

  /** The instance bound for {@code id}, from the cache or resolved and built now. */
  Shipbridge get(AccountId id) {
    if (id == null) throw ValidationException.of("account", "is required");
    Shipbridge cached = cached(id);
    if (cached != null) return cached;
    if (resolver == null) {
      throw ValidationException.of("account", "'" + id + "' cannot be resolved: no AccountResolver is configured "
          + "(ShipbridgeBuilder.accounts(...))");
    }
    Optional<CarrierAccount> account;
    try {
      account = resolver.resolve(id);
    } catch (RuntimeException e) {
      throw new ShipbridgeException("the AccountResolver failed for account " + id, e);
    }
    if (account == null || account.isEmpty()) {
      throw ValidationException.of("account", "'" + id + "' is not known to the AccountResolver");
    }
    if (!id.equals(account.get().id())) { // never run one merchant's calls on another's credentials
      throw new ShipbridgeException("the AccountResolver answered account " + account.get().id() + " for " + id);
    }
    Shipbridge built = build(account.get());
    lock.lock();
    try {
      if (closed) {
        built.close();
        throw new ShipbridgeClosedException();
      }
      Shipbridge raced = cache.putIfAbsent(id, built);
      if (raced == null) return built;
      built.close();
      return raced;
    } finally {
      lock.unlock();
    }
  }

  private Shipbridge cached(AccountId id) {
    lock.lock();
    try {
      if (closed) throw new ShipbridgeClosedException();
      return cache.get(id);
    } finally {
      lock.unlock();
    }
  }

  /** Drops the instance of {@code id} (not closed: see the cache); the next use resolves the account again. */
  boolean forget(AccountId id) {
    lock.lock();
    try {
      return cache.remove(id) != null;
    } finally {
      lock.unlock();
      limiters.release(id.toString()); // its quota declarations: another limit may now be declared
    }
  }

  /** Closes every cached instance; later asks fail with {@link ShipbridgeClosedException}. */
  void close() {
    lock.lock();
    try {
      closed = true;
      cache.values().forEach(Shipbridge::close);
      cache.clear();
    } finally {
      lock.unlock();
    }
  }

  private Shipbridge build(CarrierAccount account) {
    ShipbridgeBuilder b = owner.newBuilder();
    b.parent = null; // its own breakers and bulkheads
    b.discover = false;
    b.carriers = new ArrayList<>(account.carriers());
    b.accounts = null;
    Map<CarrierId, CarrierId> quotaIds = new LinkedHashMap<>();
    for (Carrier c : account.carriers()) {
      String key = account.quotaKey(c.id()).orElseGet(c::quotaKey);
      String defaultKey = defaults.ids().contains(c.id()) ? defaults.require(c.id()).quotaKey() : "";
      quotaIds.put(c.id(), AccountLimiters.quotaId(c.id(), key, defaultKey));
    }
    b.rateLimiters = new AccountLimiters(limiters, quotaIds, account.id().toString());
    Shipbridge built = new Shipbridge(b, null, account.id());
    owner.webhooks().learn(built.webhooks()); // the root verifies what its accounts subscribed to
    return built;
  }

  /** One preflight of {@code registry}'s carriers; a carrier without the capability is reported as not checked. */
  static Preflight preflight(AccountId account, FacadeCalls calls) {
    calls.ensureOpen();
    CarrierRegistry registry = calls.registry;
    List<Preflight.Check> checks = new ArrayList<>();
    for (CarrierId id : registry.ids()) {
      Optional<PreflightCapability> cap = registry.find(id, PreflightCapability.class);
      if (cap.isEmpty()) {
        checks.add(Preflight.Check.skipped(id, "preflight", "the " + id + " adapter has no preflight check"));
        continue;
      }
      try {
        checks.addAll(cap.get().preflight());
      } catch (ShipbridgeException e) {
        checks.add(Preflight.Check.failed(id, "preflight", e.getMessage()));
      } catch (RuntimeException e) {
        checks.add(Preflight.Check.failed(id, "preflight", "the " + id + " adapter's preflight failed ("
            + e.getClass().getSimpleName() + ")"));
      }
    }
    return new Preflight(account, checks);
  }
}
