package dev.shipbridge.spi;

import dev.shipbridge.model.Address;
import dev.shipbridge.model.AddressValidation;

/** Standardises and checks addresses. */
public interface AddressCapability extends Capability {
  AddressValidation validateAddress(Address address);
}
