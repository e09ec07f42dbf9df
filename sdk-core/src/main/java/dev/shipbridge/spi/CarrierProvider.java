package dev.shipbridge.spi;

import dev.shipbridge.model.CarrierId;
import java.util.Optional;

/**
 * Creates a carrier from configuration, for discovery through {@link java.util.ServiceLoader}.
 * Register the implementation in {@code META-INF/services/dev.shipbridge.spi.CarrierProvider}.
 * A provider whose settings are absent returns empty: the carrier is simply not configured.
 *
 * <pre>{@code
 * public final class AcmeCarrierProvider implements CarrierProvider {
 *   public CarrierId id() { return CarrierId.of("acme"); }
 *   public Optional<Carrier> create(Settings settings) {
 *     return settings.get("ACME_API_KEY").map(AcmeCarrier::new);
 *   }
 * }
 * }</pre>
 */
public interface CarrierProvider {
  /** The SPI version this interface describes; providers built against another are refused. */
  int SPI_VERSION = 1;

  CarrierId id();

  /** The carrier configured by {@code settings}, or empty when they do not configure it. */
  Optional<Carrier> create(Settings settings);

  /** The SPI version the provider was written for. */
  default int spiVersion() {
    return SPI_VERSION;
  }

  /** Named settings: by default a system property, else an environment variable of that name. */
  @FunctionalInterface
  interface Settings {
    Optional<String> get(String name);

    /** System properties first, then the environment. */
    static Settings system() {
      return name -> {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) v = System.getenv(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
      };
    }
  }
}
