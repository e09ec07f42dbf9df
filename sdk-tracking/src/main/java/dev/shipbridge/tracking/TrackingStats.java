package dev.shipbridge.tracking;

/**
 * What one {@link TrackingScheduler} instance has done since it was built: a snapshot for metrics
 * ({@code shipbridge-micrometer}'s {@code TrackingMetrics} reads it). In a fleet each instance
 * counts its own work; add them up for the fleet's.
 *
 * <pre>{@code
 * TrackingStats s = scheduler.stats();
 * log.info("{} calls, {} numbers asked, {} pushes applied", s.calls(), s.numbersAsked(), s.pushesApplied());
 * }</pre>
 *
 * @param calls carrier calls made (batches sent through {@code trackMany})
 * @param numbersAsked tracking numbers those calls carried
 * @param pushesApplied pushed notifications applied to a parcel
 * @param changesDelivered changes the listener accepted
 * @param callsLastDay calls made in the last 24 hours (by the scheduler's clock, counted per hour)
 */
public record TrackingStats(long calls, long numbersAsked, long pushesApplied, long changesDelivered, long callsLastDay) {}
