package dev.shipbridge.tracking.sim;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.PushedTracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.QuotaWindows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Drives a population through virtual time, deterministically: at each step the clock moves, new
 * parcels are watched, events of pushed parcels that happened since the last step are pushed, and
 * each scheduler instance runs one pass (in a fixed order, on this thread).
 */
public final class Simulation {
  /** What to do at each step. */
  public interface Hooks {
    void watch(SimParcel parcel);

    void push(PushedTracking push);

    /**
     * One pass of each live instance at {@code now}, then again at each call slot a pass asked to
     * be woken for before {@code nextStep} (as {@code TrackingScheduler.start()} does).
     */
    void pass(Instant now, Instant nextStep);
  }

  private record Timed(Instant at, SimParcel parcel, TrackingEvent event) {}

  private final MutableClock clock;
  private final List<SimParcel> population;
  private final CarrierId carrier;

  public Simulation(MutableClock clock, CarrierId carrier, List<SimParcel> population) {
    this.clock = clock;
    this.carrier = carrier;
    this.population = List.copyOf(population);
  }

  /** Runs from the clock's time to {@code end}; {@code atStep} runs before each step's passes (fault injection). */
  public void run(Instant end, Duration step, Hooks hooks, Consumer<Instant> atStep) {
    List<SimParcel> byWatch = new ArrayList<>(population);
    byWatch.sort(Comparator.comparing(SimParcel::watchAt));
    List<Timed> pushes = new ArrayList<>();
    for (SimParcel p : population) {
      if (p.pushed()) for (TrackingEvent e : p.events()) pushes.add(new Timed(e.time().toInstant(), p, e));
    }
    pushes.sort(Comparator.comparing(Timed::at));
    int w = 0;
    int q = 0;
    for (Instant now = clock.instant(); !now.isAfter(end); now = now.plus(step)) {
      clock.set(now);
      while (w < byWatch.size() && !byWatch.get(w).watchAt().isAfter(now)) hooks.watch(byWatch.get(w++));
      while (q < pushes.size() && !pushes.get(q).at().isAfter(now)) {
        Timed t = pushes.get(q++);
        hooks.push(new PushedTracking(carrier, t.parcel().number(), List.of(t.event()), t.at(), null));
      }
      atStep.accept(now);
      hooks.pass(now, now.plus(step).isAfter(end) ? end : now.plus(step));
    }
  }

  /**
   * The figures of a run.
   *
   * @param parcels population size
   * @param activeParcelDays parcel-days from watch to delivery (or give-up, or the end)
   * @param calls carrier calls
   * @param p50Polled median lag from an event to its report, polled parcels
   * @param p95Polled 95th percentile, polled parcels
   * @param p50Pushed median, pushed parcels
   * @param p95Pushed 95th percentile, pushed parcels
   * @param duplicatesDropped event deliveries the consumer dropped by id
   * @param lostEvents events older than the horizon never reported
   * @param maxCallsInWindow the most calls in any quota window
   */
  public record Figures(int parcels, double activeParcelDays, long calls, Duration p50Polled, Duration p95Polled,
      Duration p50Pushed, Duration p95Pushed, long duplicatesDropped, long lostEvents, int maxCallsInWindow) {
    public double callsPerActiveParcelDay() {
      return calls / activeParcelDays;
    }

    @Override
    public String toString() {
      return String.format("parcels=%d activeParcelDays=%.0f calls=%d callsPerActiveParcelDay=%.3f "
          + "freshness polled p50=%s p95=%s pushed p50=%s p95=%s duplicatesDropped=%d lost=%d maxCallsInWindow=%d",
          parcels, activeParcelDays, calls, callsPerActiveParcelDay(), p50Polled, p95Polled, p50Pushed, p95Pushed,
          duplicatesDropped, lostEvents, maxCallsInWindow);
    }
  }

  public static double activeParcelDays(List<SimParcel> population, Instant end, Duration giveUp) {
    double ms = 0;
    for (SimParcel p : population) ms += Math.max(0, Duration.between(p.watchAt(), p.activeUntil(end, giveUp)).toMillis());
    return ms / Duration.ofDays(1).toMillis();
  }

  /** The figures of the scheduler's run, from the consumer and the carrier's call log. */
  public static Figures figures(List<SimParcel> population, SimConsumer consumer,
      List<Instant> calls, Instant end, Duration lostHorizon, Duration giveUp, Duration quotaWindow) {
    long lost = 0;
    for (SimParcel p : population) {
      for (TrackingEvent e : p.events()) {
        if (e.time().toInstant().isBefore(end.minus(lostHorizon)) && !consumer.heard(p.number(), e)) lost++;
      }
    }
    List<Duration> polled = consumer.lagsPolled();
    List<Duration> pushed = consumer.lagsPushed();
    return new Figures(population.size(), activeParcelDays(population, end, giveUp), calls.size(),
        SimConsumer.quantile(polled, 0.5), SimConsumer.quantile(polled, 0.95),
        SimConsumer.quantile(pushed, 0.5), SimConsumer.quantile(pushed, 0.95),
        consumer.duplicateDeliveries(), lost, QuotaWindows.maxInAnyWindow(calls, quotaWindow));
  }

  /**
   * The peers' way on the same population: every parcel polled alone every {@code interval} from
   * its watch until delivered (or given up), one number a call. Computed, not run: its calls and
   * the lag from each event to the next poll.
   */
  public static Figures fixedPoll(List<SimParcel> population, Instant end, Duration interval, Duration giveUp) {
    long calls = 0;
    List<Duration> lags = new ArrayList<>();
    long step = interval.toMillis();
    for (SimParcel p : population) {
      Instant until = p.activeUntil(end, giveUp);
      long span = Duration.between(p.watchAt(), until).toMillis();
      calls += span / step + 1;
      for (TrackingEvent e : p.events()) {
        long since = Duration.between(p.watchAt(), e.time().toInstant()).toMillis();
        long nextPoll = ((since + step - 1) / step) * step;
        if (p.watchAt().plusMillis(nextPoll).isAfter(end)) continue;
        lags.add(Duration.ofMillis(nextPoll - since));
      }
    }
    return new Figures(population.size(), activeParcelDays(population, end, giveUp), calls,
        SimConsumer.quantile(lags, 0.5), SimConsumer.quantile(lags, 0.95),
        Duration.ZERO, Duration.ZERO, 0, 0, 1);
  }
}
