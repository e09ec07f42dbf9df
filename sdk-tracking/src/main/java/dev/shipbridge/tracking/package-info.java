/**
 * A quota-aware, push-first tracking scheduler on the {@code Shipbridge} facade: {@link
 * dev.shipbridge.tracking.TrackingScheduler} decides when each watched parcel is asked again
 * ({@link dev.shipbridge.tracking.TrackingPolicy}), batches and paces the calls inside each carrier
 * account's quota ({@link dev.shipbridge.tracking.CarrierBudget}) and tells a {@link
 * dev.shipbridge.tracking.TrackingListener} of new events, at least once, with stable ids. Parcels
 * live in a {@link dev.shipbridge.tracking.ScheduleStore}: {@link
 * dev.shipbridge.tracking.InMemoryScheduleStore} for one JVM, {@code RedisScheduleStore}
 * (shipbridge-redis) for a fleet.
 *
 * <pre>{@code
 * TrackingScheduler scheduler = TrackingScheduler.builder().shipbridge(shipbridge)
 *     .listener(change -> queue.publish(change)).build();
 * scheduler.watch(label);
 * scheduler.start();
 * }</pre>
 */
package dev.shipbridge.tracking;
