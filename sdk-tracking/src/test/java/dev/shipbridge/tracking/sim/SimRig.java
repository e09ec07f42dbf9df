package dev.shipbridge.tracking.sim;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.PushedTracking;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.tracking.CarrierBudget;
import dev.shipbridge.tracking.ScheduleStore;
import dev.shipbridge.tracking.TrackingScheduler;
import dev.shipbridge.tracking.WatchOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * A simulation set-up on the in-process {@link SimCarrier}: a population, a virtual clock, one
 * facade per instance (its own rate limiter, as separate JVMs would have) and N scheduler
 * instances on one store. Used by this module's tests, the Redis tests and the benchmark.
 */
public final class SimRig implements AutoCloseable {
  public static final CarrierId SIMPOST = CarrierId.of("simpost");
  public static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

  public final MutableClock clock = MutableClock.startingAt(START);
  public final List<SimParcel> population;
  public final SimCarrier carrier;
  public final SimConsumer consumer;
  public final CarrierBudget budget;
  public final List<TrackingScheduler> instances = new ArrayList<>();
  public final List<Boolean> alive = new ArrayList<>();
  private final List<Shipbridge> facades = new ArrayList<>();

  public SimRig(Population population, CarrierBudget budget) {
    this.population = population.generate(SIMPOST, "SP");
    this.budget = budget;
    this.carrier = new SimCarrier(SIMPOST, clock, budget.numbersPerCall(), this.population);
    Set<String> pushed = new HashSet<>();
    for (SimParcel p : this.population) if (p.pushed()) pushed.add(p.number());
    this.consumer = new SimConsumer(clock, pushed);
  }

  /** Adds an instance on {@code store}, with its own facade. */
  public TrackingScheduler addInstance(ScheduleStore store, String id) {
    Shipbridge sb = addInstanceFacade();
    TrackingScheduler t = TrackingScheduler.builder().shipbridge(sb).store(store).clock(clock).instanceId(id)
        .budget(SIMPOST, budget).listener(consumer).lease(Duration.ofMinutes(2)).build();
    instances.add(t);
    alive.add(true);
    return t;
  }

  /** A facade on the simulated carrier and the virtual clock, closed with the rig. */
  public Shipbridge addInstanceFacade() {
    Shipbridge sb = Shipbridge.builder().discoverCarriers(false).carrier(carrier).clock(clock)
        .sleeper(d -> { throw new IllegalStateException("the scheduler's pacing should never make the facade wait " + d); })
        .resilience(ResiliencePolicy.custom()
            .carrier(SIMPOST, Operation.TRACK, s -> s.rateLimit(budget.quota()).rateLimitTimeout(Duration.ZERO)).build())
        .build();
    facades.add(sb);
    return sb;
  }

  public Simulation.Hooks hooks() {
    return new Simulation.Hooks() {
      @Override
      public void watch(SimParcel p) {
        retrying(() -> instances.get(firstAlive()).watch(SIMPOST, p.number(), WatchOptions.DEFAULTS.withPush(p.pushed())));
      }

      @Override
      public void push(PushedTracking push) {
        retrying(() -> instances.get(firstAlive()).onPush(push));
      }

      /** Who goes first in a pass: drawn, so no instance always wins (or always loses) the race for a slot. */
      private final java.util.SplittableRandom order = new java.util.SplittableRandom(11);

      /**
       * Each live instance once, starting with a randomly drawn one (deterministic seed); then, like {@code start()}, again at the earliest call slot a pass asked to be woken
       * for, until the next step.
       */
      @Override
      public void pass(Instant now, Instant nextStep) {
        Instant at = now;
        while (at != null) {
          int n = instances.size();
          int first = order.nextInt(n);
          Instant wake = null;
          for (int k = 0; k < n; k++) {
            int i = (first + k) % n;
            if (!alive.get(i)) continue;
            Instant w = instances.get(i).runOnce().nextCallAt();
            if (w != null && w.isAfter(at) && w.isBefore(nextStep) && (wake == null || w.isBefore(wake))) wake = w;
          }
          at = wake;
          if (at != null) clock.set(at);
        }
      }
    };
  }

  /**
   * A platform's caller retries a watch or a push its store refused (Redis restarting): the
   * webhook answers 5xx and the carrier sends again.
   */
  private static void retrying(Runnable r) {
    for (int i = 0; ; i++) {
      try {
        r.run();
        return;
      } catch (RuntimeException e) {
        if (i == 200) throw e;
        try {
          Thread.sleep(25);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private int firstAlive() {
    for (int i = 0; i < alive.size(); i++) if (alive.get(i)) return i;
    throw new IllegalStateException("no instance alive");
  }

  public Simulation.Figures run(Duration length, Duration step, java.util.function.Consumer<Instant> atStep) {
    Instant end = START.plus(length);
    new Simulation(clock, SIMPOST, population).run(end, step, hooks(), atStep);
    return Simulation.figures(population, consumer, carrier.calls(), end, Duration.ofDays(1), Duration.ofDays(10),
        budget.quota().period());
  }

  public static Function<Integer, Population> populationOf() {
    return n -> Population.of(n, START);
  }

  @Override
  public void close() {
    for (Shipbridge sb : facades) sb.close();
  }
}
