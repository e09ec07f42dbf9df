package dev.shipbridge.model;

import java.util.List;

/**
 * A carrier's view of an address: its standard form, whether mail can be delivered there, what the
 * carrier changed, and the delivery-point facts it reports.
 *
 * <pre>{@code
 * AddressValidation v = shipbridge.validateAddress(CarrierId.USPS, address);
 * if (!v.deliverable()) { ... }
 * v.changes().forEach(c -> System.out.println(c.field() + ": " + c.asked() + " -> " + c.standardized()));
 * if (v.deliveryPoint() != null && Boolean.TRUE.equals(v.deliveryPoint().vacant())) { ... }
 * }</pre>
 *
 * @param standardized the address as the carrier writes it (uppercase, ZIP+4)
 * @param deliverable whether the carrier confirms delivery to it (USPS DPV confirmation Y/S/D)
 * @param confirmation the carrier's raw confirmation code, or null
 * @param corrections what the carrier changed or suggests, as its texts ("code: text")
 * @param changes what differs between the address asked and the standardized one (ZIP, ZIP+4,
 *     city, state, street), found by comparing them
 * @param carrierCorrections the carrier's own correction codes (an entry with an empty code means
 *     "none" and is not listed)
 * @param matches the carrier's own match codes (USPS {@code 31}: single response, exact match)
 * @param deliveryPoint the delivery-point facts the carrier reports, or null when it gives none
 */
public record AddressValidation(Address standardized, boolean deliverable, String confirmation, List<String> corrections,
    List<Change> changes, List<Code> carrierCorrections, List<Code> matches, DeliveryPoint deliveryPoint) {
  public AddressValidation {
    corrections = corrections == null ? List.of() : List.copyOf(corrections);
    changes = changes == null ? List.of() : List.copyOf(changes);
    carrierCorrections = carrierCorrections == null ? List.of() : List.copyOf(carrierCorrections);
    matches = matches == null ? List.of() : List.copyOf(matches);
  }

  /** Without changes, codes or delivery-point facts. */
  public AddressValidation(Address standardized, boolean deliverable, String confirmation, List<String> corrections) {
    this(standardized, deliverable, confirmation, corrections, null, null, null, null);
  }

  /**
   * One field the carrier changed: its name ({@code ZIP}, {@code ZIP+4}, {@code city}, {@code
   * state}, {@code street}) and both values; {@code toString()} names the field only (the values
   * are part of an address).
   */
  public record Change(String field, String asked, String standardized) {
    @Override
    public String toString() {
      return "Change[field=" + field + "]";
    }
  }

  /** A carrier code with its text. */
  public record Code(String code, String text) {}

  /**
   * Delivery-point facts (USPS: {@code additionalInfo}); each null when not reported.
   *
   * @param confirmation DPV confirmation ({@code Y}, {@code D}, {@code S}, {@code N})
   * @param business a business address
   * @param vacant vacant for 90 days or more
   * @param cmra a commercial mail receiving agency (a private mailbox)
   * @param centralDeliveryPoint delivered to a central point (cluster box, mail room)
   * @param carrierRoute the carrier route ({@code C036})
   * @param deliveryPoint the delivery point code
   */
  public record DeliveryPoint(String confirmation, Boolean business, Boolean vacant, Boolean cmra,
      Boolean centralDeliveryPoint, String carrierRoute, String deliveryPoint) {}
}
