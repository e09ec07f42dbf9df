/**
 * Runnable programs that show Shipbridge at work. With no credentials they run against the
 * testkit's USPS and Cainiao emulators on loopback ({@link dev.shipbridge.examples.Sandbox}), in
 * virtual time, so they finish in seconds and need no network.
 *
 * <ul>
 *   <li>{@link dev.shipbridge.examples.CrossBorderShipment}: quote, label and track a China to US
 *       parcel through Cainiao and USPS (the jar's main class);
 *   <li>{@link dev.shipbridge.examples.QuoteOnly}: a quote table;
 *   <li>{@link dev.shipbridge.examples.TrackMany}: batch tracking that spares the quota;
 *   <li>{@link dev.shipbridge.examples.CustomCarrier}: an integrator's adapter found by ServiceLoader;
 *   <li>{@link dev.shipbridge.examples.WebhookReceiver}: verifying pushed tracking events;
 *   <li>{@link dev.shipbridge.examples.ResilienceTuning}: a custom retry policy recovering from a fault.
 * </ul>
 */
package dev.shipbridge.examples;
