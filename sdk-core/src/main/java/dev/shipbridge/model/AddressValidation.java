package dev.shipbridge.model;

import java.util.List;

/**
 * A carrier's view of an address: its standard form and whether mail can be delivered there.
 *
 * @param standardized the address as the carrier writes it (uppercase, ZIP+4)
 * @param deliverable whether the carrier confirms delivery to it (USPS DPV confirmation Y/S/D)
 * @param confirmation the carrier's raw confirmation code, or null
 * @param corrections what the carrier changed or suggests
 */
public record AddressValidation(Address standardized, boolean deliverable, String confirmation, List<String> corrections) {
  public AddressValidation {
    corrections = corrections == null ? List.of() : List.copyOf(corrections);
  }
}
