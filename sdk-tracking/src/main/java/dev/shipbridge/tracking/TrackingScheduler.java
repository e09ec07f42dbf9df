package dev.shipbridge.tracking;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.ValidationException;
import dev.shipbridge.ValidationException.Violation;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.PushedTracking;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps many open parcels tracked without exceeding the carriers' quotas: each parcel is asked
 * again when its {@link TrackingPolicy} says (by status, age of its last event, pushes), due
 * parcels are sent through the facade's {@code trackMany} in the carrier's batch size (so the
 * facade's retries, rate limiters and breakers apply), calls are spaced evenly inside each
 * carrier account's {@link CarrierBudget}, and the {@link TrackingListener} hears of each new
 * event, at least once, with stable ids. A journey's handoff (Cainiao to USPS) starts watching the
 * next leg. Several instances may share one {@link ScheduleStore} (Redis): leases keep them from
 * polling the same parcel at once.
 *
 * <pre>{@code
 * TrackingScheduler scheduler = TrackingScheduler.builder()
 *     .shipbridge(shipbridge)                           // the "default" account
 *     .listener(change -> queue.publish(change))        // return once your queue has it
 *     .build();
 * scheduler.watch(label);                               // or watch(CarrierId.USPS, number)
 * scheduler.start();                                    // a background pass every 5 s
 * // in your webhook endpoint, after shipbridge.webhooks().handle(request):
 * scheduler.onPush(push);
 * }</pre>
 */
public final class TrackingScheduler implements AutoCloseable {
  /** The account name of {@link Builder#shipbridge(Shipbridge)}. */
  public static final String DEFAULT_ACCOUNT = "default";
  private static final Logger LOG = LoggerFactory.getLogger(TrackingScheduler.class);

  private final Map<String, Shipbridge> accounts;
  private final Map<CarrierId, CarrierBudget> budgets;
  private final ScheduleStore store;
  private final TrackingPolicy policy;
  private final Clock clock;
  private final Duration tick;
  private final Pass pass;
  private final Counters counters = new Counters();
  private ScheduledExecutorService runner;

  private TrackingScheduler(Builder b) {
    this.accounts = Map.copyOf(b.accounts);
    this.budgets = Map.copyOf(b.budgets);
    this.store = b.store;
    this.policy = b.policy;
    this.clock = b.clock;
    this.tick = b.tick;
    this.pass = new Pass(store, policy, b.listener, b.instanceId, b.lease, this::budget, this::accountFor, counters);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Watches the parcel a label was bought for, on the default account. */
  public boolean watch(Label label) {
    return watch(label.carrier(), label.trackingNumber(), WatchOptions.DEFAULTS);
  }

  /** Watches a number on the default account; false when it is already watched. */
  public boolean watch(CarrierId carrier, String number) {
    return watch(carrier, number, WatchOptions.DEFAULTS);
  }

  /**
   * Watches a number: it is polled at once (in the next pass), then as the policy says.
   *
   * @return false when the number is already known to the store (watched or stopped)
   * @throws ValidationException for a blank or over-long number, an unknown account or a carrier
   *     that account's {@code Shipbridge} does not have
   */
  public boolean watch(CarrierId carrier, String number, WatchOptions options) {
    Objects.requireNonNull(options, "options");
    List<Violation> problems = new ArrayList<>();
    if (carrier == null) problems.add(new Violation("carrier", "must not be null"));
    if (number == null || number.isBlank() || number.strip().length() > 64) {
      problems.add(new Violation("number", "must be 1 to 64 characters"));
    }
    Shipbridge sb = accounts.get(options.account());
    if (sb == null) {
      problems.add(new Violation("account", options.account() + " is not configured; known: " + accounts.keySet()));
    } else if (carrier != null && !sb.carriers().contains(carrier)) {
      problems.add(new Violation("carrier", carrier + " is not configured on account " + options.account()));
    }
    if (!problems.isEmpty()) throw new ValidationException(problems);
    return store.add(ParcelState.watched(number.strip(), carrier, options.account(), options.pushed(), clock.instant()));
  }

  /** Stops watching a number (its state stays readable with {@link #snapshot}); false when it was not watched. */
  public boolean unwatch(String number) {
    Optional<ParcelState> s = store.get(number);
    if (s.isEmpty() || !s.get().isWatched()) return false;
    store.remove(number);
    store.add(s.get().withSchedule(null, ParcelState.Stop.UNWATCHED));
    return true;
  }

  /** What the scheduler knows of a number, watched or stopped. */
  public Optional<ParcelState> snapshot(String number) {
    return store.get(number);
  }

  /**
   * Feeds a verified push ({@code shipbridge.webhooks().handle(request)}): its events are applied
   * in the next pass, reported if new, and the parcel's next poll is pushed out.
   *
   * @return false when the number is not watched
   */
  public boolean onPush(PushedTracking push) {
    Objects.requireNonNull(push, "push");
    return store.push(push.trackingNumber(), new PushedEvents(push.events(), clock.instant()));
  }

  /**
   * One pass at the clock's current time: applies waiting pushes, redelivers unacknowledged
   * changes, and polls due parcels as far as each account's call pacer allows. Call it from your
   * own scheduler (again at {@link PassResult#nextCallAt()} if that comes before your next tick,
   * so the quota is spent in full), or let {@link #start()} do it.
   */
  public PassResult runOnce() {
    Instant now = clock.instant();
    int calls = 0;
    int changes = 0;
    Instant nextCallAt = null;
    for (var account : accounts.entrySet()) {
      for (CarrierId carrier : account.getValue().carriers()) {
        try {
          Pass.Outcome r = pass.run(carrier, account.getKey(), account.getValue(), budget(carrier), now);
          calls += r.calls();
          changes += r.changes();
          if (r.nextSlot() != null && (nextCallAt == null || r.nextSlot().isBefore(nextCallAt))) nextCallAt = r.nextSlot();
        } catch (RuntimeException e) {
          LOG.warn("tracking pass for {}/{} failed; retried next pass: {}", carrier, account.getKey(), e.toString());
        }
      }
    }
    return new PassResult(calls, changes, nextCallAt);
  }

  /**
   * Starts a daemon thread running {@link #runOnce()} every tick (5 s unless set), and sooner when
   * a due parcel waits for a call slot that comes before the tick: each slot is used when it comes.
   */
  public synchronized void start() {
    if (runner != null) return;
    ScheduledExecutorService on = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "shipbridge-tracking");
      t.setDaemon(true);
      return t;
    });
    runner = on;
    on.execute(() -> runAndReschedule(on));
  }

  private void runAndReschedule(ScheduledExecutorService on) {
    Duration delay = tick;
    try {
      delay = delayUntilNextPass(runOnce(), clock.instant(), tick);
    } catch (RuntimeException e) {
      LOG.warn("tracking pass failed; retried next tick: {}", e.toString());
    } finally {
      try {
        on.schedule(() -> runAndReschedule(on), delay.toNanos(), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        // close() shut the runner down
      }
    }
  }

  /** The tick, or less when the pass stopped at a call slot that comes before it. */
  static Duration delayUntilNextPass(PassResult r, Instant now, Duration tick) {
    if (r.nextCallAt() == null) return tick;
    Duration untilSlot = Duration.between(now, r.nextCallAt());
    if (untilSlot.isNegative()) return Duration.ZERO;
    return untilSlot.compareTo(tick) < 0 ? untilSlot : tick;
  }

  /** Stops the background thread, if started; the store and the facades stay open (they are yours). */
  @Override
  public synchronized void close() {
    if (runner != null) runner.shutdownNow();
    runner = null;
  }

  /** What this instance has done since it was built (for metrics). */
  public TrackingStats stats() {
    return counters.snapshot(clock.instant());
  }

  /** How many parcels the store watches (the whole fleet's, on a shared store); asks the store. */
  public long watchedCount() {
    return store.watchedCount();
  }

  /**
   * How many watched parcels are due now and not leased: the backlog waiting for call slots (the
   * whole fleet's, on a shared store); -1 when the store cannot tell. Asks the store.
   */
  public long dueBacklog() {
    return store.dueCount(clock.instant());
  }

  CarrierBudget budget(CarrierId carrier) {
    return budgets.getOrDefault(carrier, CarrierBudget.defaultFor(carrier));
  }

  /** The account that tracks {@code carrier} for a journey started on {@code account}. */
  String accountFor(CarrierId carrier, String account) {
    Shipbridge sb = accounts.get(account);
    if (sb != null && sb.carriers().contains(carrier)) return account;
    for (var e : accounts.entrySet()) if (e.getValue().carriers().contains(carrier)) return e.getKey();
    return null;
  }

  @Override
  public String toString() {
    return "TrackingScheduler[accounts=" + accounts.keySet() + ", store=" + store + "]";
  }

  /**
   * What one pass did.
   *
   * @param calls carrier calls made (batches sent through {@code trackMany})
   * @param changes changes delivered to the listener
   * @param nextCallAt when the earliest call slot of an account comes at which due parcels may be
   *     waiting (the pass stopped at the pacer); null when no due parcel was left waiting. Run the
   *     next pass then, not a tick later, to spend the quota in full.
   */
  public record PassResult(int calls, int changes, Instant nextCallAt) {
    /** A result with no call slot to wait for. */
    public PassResult(int calls, int changes) {
      this(calls, changes, null);
    }
  }

  /** Builds a {@link TrackingScheduler}. */
  public static final class Builder {
    private final Map<String, Shipbridge> accounts = new LinkedHashMap<>();
    private final Map<CarrierId, CarrierBudget> budgets = new HashMap<>();
    private ScheduleStore store;
    private TrackingPolicy policy = TrackingPolicy.DEFAULTS;
    private TrackingListener listener;
    private Clock clock = Clock.systemUTC();
    private String instanceId = UUID.randomUUID().toString().substring(0, 8);
    private Duration lease = Duration.ofMinutes(2);
    private Duration tick = Duration.ofSeconds(5);

    private Builder() {}

    /** The facade of the default account. */
    public Builder shipbridge(Shipbridge shipbridge) {
      return account(DEFAULT_ACCOUNT, shipbridge);
    }

    /** Another carrier account (its own credentials, its own quota), by name. */
    public Builder account(String name, Shipbridge shipbridge) {
      new WatchOptions(name, false);
      accounts.put(name, Objects.requireNonNull(shipbridge, "shipbridge"));
      return this;
    }

    /** A carrier's budget (default {@link CarrierBudget#USPS}, {@link CarrierBudget#CAINIAO}, {@link CarrierBudget#OTHER}). */
    public Builder budget(CarrierId carrier, CarrierBudget budget) {
      budgets.put(Objects.requireNonNull(carrier), Objects.requireNonNull(budget));
      return this;
    }

    /** Where parcels are kept (default: a new {@link InMemoryScheduleStore}). */
    public Builder store(ScheduleStore store) {
      this.store = Objects.requireNonNull(store);
      return this;
    }

    public Builder policy(TrackingPolicy policy) {
      this.policy = Objects.requireNonNull(policy);
      return this;
    }

    /** Required: who hears of changes. */
    public Builder listener(TrackingListener listener) {
      this.listener = Objects.requireNonNull(listener);
      return this;
    }

    /** The clock deciding what is due (inject a virtual one in tests); default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** Names this instance in its leases (default: random); unique per instance of a fleet. */
    public Builder instanceId(String instanceId) {
      this.instanceId = Objects.requireNonNull(instanceId);
      return this;
    }

    /**
     * How long a claimed parcel stays out of other instances' reach (default 2 minutes): longer
     * than one batch takes, including the facade's retries and rate-limit waits.
     */
    public Builder lease(Duration lease) {
      if (lease.isNegative() || lease.isZero()) throw new IllegalArgumentException("lease must be positive");
      this.lease = lease;
      return this;
    }

    /** Time between two passes of {@link #start()} (default 5 s). */
    public Builder tick(Duration tick) {
      if (tick.isNegative() || tick.isZero()) throw new IllegalArgumentException("tick must be positive");
      this.tick = tick;
      return this;
    }

    public TrackingScheduler build() {
      List<Violation> problems = new ArrayList<>();
      if (accounts.isEmpty()) problems.add(new Violation("shipbridge", "at least one account is required"));
      if (listener == null) problems.add(new Violation("listener", "is required"));
      if (!problems.isEmpty()) throw new ValidationException(problems);
      if (store == null) store = new InMemoryScheduleStore();
      return new TrackingScheduler(this);
    }
  }
}
