package dev.shipbridge.micrometer;

import dev.shipbridge.tracking.TrackingScheduler;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;

/**
 * Meters of a {@link TrackingScheduler} (needs {@code shipbridge-tracking} on the classpath): the
 * due backlog, the watched parcels, calls and the numbers they carried, pushes applied, changes
 * delivered, and carrier calls per parcel-day over the last 24 hours. No tag at all: a tracking
 * number or an account name never becomes one.
 *
 * <pre>{@code
 * TrackingScheduler scheduler = TrackingScheduler.builder().shipbridge(shipbridge).listener(toQueue).build();
 * TrackingMetrics.bind(scheduler, meterRegistry);
 * scheduler.start();
 * }</pre>
 *
 * <p>The backlog and watched gauges ask the scheduler's store when read (one Redis script on a
 * Redis store, the fleet's figure); the counters are this instance's. The Spring Boot starter binds
 * every {@code TrackingScheduler} bean when Micrometer is present.
 */
public final class TrackingMetrics {
  /** Gauge: watched parcels due now and not leased, waiting for a call slot (-1: the store cannot tell). */
  public static final String DUE_BACKLOG = "shipbridge.tracking.due";
  /** Gauge: parcels watched (not stopped). */
  public static final String WATCHED = "shipbridge.tracking.watched";
  /** Counter: carrier calls (batches) this instance made. */
  public static final String CALLS = "shipbridge.tracking.calls";
  /** Counter: tracking numbers those calls carried. */
  public static final String NUMBERS_ASKED = "shipbridge.tracking.numbers";
  /** Counter: pushed notifications applied to a parcel. */
  public static final String PUSHES_APPLIED = "shipbridge.tracking.pushes.applied";
  /** Counter: changes the listener accepted. */
  public static final String CHANGES = "shipbridge.tracking.changes";
  /** Gauge: this instance's calls in the last 24 hours per watched parcel (calls per parcel-day). */
  public static final String CALLS_PER_PARCEL_DAY = "shipbridge.tracking.calls_per_parcel_day";

  private TrackingMetrics() {}

  /** Registers the scheduler's meters in {@code meters}; they read the scheduler when scraped. */
  public static void bind(TrackingScheduler scheduler, MeterRegistry meters) {
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(meters, "meters");
    Gauge.builder(DUE_BACKLOG, scheduler, TrackingScheduler::dueBacklog)
        .description("Watched parcels due now and not leased, waiting for a call slot").register(meters);
    Gauge.builder(WATCHED, scheduler, TrackingScheduler::watchedCount)
        .description("Parcels watched by the tracking scheduler").register(meters);
    FunctionCounter.builder(CALLS, scheduler, s -> s.stats().calls())
        .description("Tracking calls (batches) made by this scheduler instance").register(meters);
    FunctionCounter.builder(NUMBERS_ASKED, scheduler, s -> s.stats().numbersAsked())
        .description("Tracking numbers carried by those calls").register(meters);
    FunctionCounter.builder(PUSHES_APPLIED, scheduler, s -> s.stats().pushesApplied())
        .description("Pushed tracking notifications applied").register(meters);
    FunctionCounter.builder(CHANGES, scheduler, s -> s.stats().changesDelivered())
        .description("Tracking changes the listener accepted").register(meters);
    Gauge.builder(CALLS_PER_PARCEL_DAY, scheduler, TrackingMetrics::callsPerParcelDay)
        .description("Tracking calls in the last 24 hours per watched parcel").register(meters);
  }

  private static double callsPerParcelDay(TrackingScheduler s) {
    long watched = s.watchedCount();
    return watched <= 0 ? 0 : (double) s.stats().callsLastDay() / watched;
  }
}
