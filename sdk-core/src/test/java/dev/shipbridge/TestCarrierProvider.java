package dev.shipbridge;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.CarrierProvider;
import java.util.Optional;

/** Discovered through META-INF/services in the test resources; configured by TESTCARRIER_PRICE. */
public final class TestCarrierProvider implements CarrierProvider {
  @Override
  public CarrierId id() {
    return CarrierId.of("discovered");
  }

  @Override
  public Optional<Carrier> create(Settings settings) {
    Optional<String> price = settings.get("TESTCARRIER_PRICE");
    if (price.isPresent() && !price.get().matches("\\d+(\\.\\d+)?")) {
      throw ConfigurationException.of("TESTCARRIER_PRICE", "test discovery", "must be a decimal number");
    }
    return price.map(p -> new FakeCarrier("discovered", "DSC", p));
  }
}
