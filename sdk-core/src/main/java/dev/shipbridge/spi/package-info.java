/**
 * The carrier SPI, for integrators writing an adapter: implement {@link dev.shipbridge.spi.Carrier}
 * and the {@link dev.shipbridge.spi.Capability} interfaces the carrier supports, and register a
 * {@link dev.shipbridge.spi.CarrierProvider} for {@link java.util.ServiceLoader} discovery.
 *
 * <pre>{@code
 * final class AcmeCarrier implements Carrier, TrackingCapability {
 *   public CarrierId id() { return CarrierId.of("acme"); }
 *   public TrackingNumberMatcher trackingNumbers() { return n -> n.startsWith("ACME"); }
 *   public Tracking track(String number) { ... }
 * }
 * }</pre>
 */
package dev.shipbridge.spi;
