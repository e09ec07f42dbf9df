package dev.shipbridge.usps.internal;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Pickup;
import dev.shipbridge.model.PickupRequest;

/** Pure mapping between the neutral pickup model and USPS's Carrier Pickup records. No I/O. */
final class PickupMapper {
  private PickupMapper() {}

  static String packageType(PickupRequest.Kind kind) {
    return switch (kind) {
      case EXPRESS -> "PRIORITY_MAIL_EXPRESS";
      case PRIORITY -> "PRIORITY_MAIL";
      case GROUND -> "USPS_GROUND_ADVANTAGE";
      case FIRST_CLASS -> "FIRST-CLASS_PACKAGE_SERVICE";
      case RETURNS -> "RETURNS";
      case INTERNATIONAL -> "INTERNATIONAL";
      case OTHER -> "OTHER";
    };
  }

  /** The kind whose {@link #packageType} is {@code packageType}; {@code OTHER} for any other value. */
  static PickupRequest.Kind kind(String packageType) {
    for (PickupRequest.Kind k : PickupRequest.Kind.values()) {
      if (packageType(k).equals(packageType)) return k;
    }
    return PickupRequest.Kind.OTHER;
  }

  /**
   * The booking USPS answered. The date is USPS's (it may be a later day than asked); what is
   * booked is what was asked when this call sent it, else USPS's echo ({@link #echoed}), or null
   * (the model keeps the asked address).
   */
  static Pickup fromWire(PickupWire.Confirmation c, PickupRequest asked, String etag) {
    if (c == null || c.confirmationNumber() == null || c.confirmationNumber().isBlank()) {
      throw new dev.shipbridge.CarrierException(dev.shipbridge.CarrierException.details(CarrierId.USPS,
          "USPS answered a pickup without a confirmation number"));
    }
    String date = c.pickupDate() != null ? c.pickupDate()
        : c.carrierPickupRequest() != null ? c.carrierPickupRequest().pickupDate() : null;
    java.time.LocalDate day = Units.date(date);
    if (day == null) {
      throw new dev.shipbridge.CarrierException(dev.shipbridge.CarrierException.details(CarrierId.USPS,
          "USPS answered pickup " + c.confirmationNumber() + " without a readable pickup date"));
    }
    PickupRequest held = asked != null ? asked.toBuilder().date(day).build() : echoed(c.carrierPickupRequest(), day);
    return new Pickup(CarrierId.USPS, c.confirmationNumber().strip(), day, held, etag);
  }

  /** The booking USPS echoed, as a request; null when the echo is missing or not a whole request. */
  static PickupRequest echoed(PickupWire.Schedule w, java.time.LocalDate day) {
    if (w == null || w.pickupAddress() == null || w.pickupAddress().address() == null) return null;
    try {
      PickupWire.PickupAddress a = w.pickupAddress();
      PickupWire.DomesticAddress d = a.address();
      dev.shipbridge.model.Address.Builder address = dev.shipbridge.model.Address.builder()
          .name(((a.firstName() == null ? "" : a.firstName()) + " " + (a.lastName() == null ? "" : a.lastName())).strip())
          .company(a.firm()).line(d.streetAddress()).city(d.city()).region(d.state()).country("US")
          .postalCode(d.zip() + (d.zipPlus4() == null ? "" : "-" + d.zipPlus4()));
      if (d.secondaryAddress() != null && !d.secondaryAddress().isBlank()) address.line(d.secondaryAddress());
      for (PickupWire.Contact c : a.contact() == null ? java.util.List.<PickupWire.Contact>of() : a.contact()) {
        if (c.email() != null) address.email(c.email());
        if (c.cellNumber() != null) address.phone(c.cellNumber());
      }
      PickupRequest.Builder b = PickupRequest.builder().carrier(CarrierId.USPS).address(address.build()).date(day)
          .estimatedWeight(dev.shipbridge.model.Weight.pounds(w.estimatedWeight().toPlainString()))
          .location(PickupRequest.Location.valueOf(w.pickupLocation().packageLocation()))
          .instructions(w.pickupLocation().specialInstructions())
          .dogPresent(Boolean.TRUE.equals(w.pickupLocation().dogPresent()))
          .nextAvailableDate(Boolean.TRUE.equals(w.nextAvailablePickup()));
      for (PickupWire.Package p : w.packages()) b.pkg(kind(p.packageType()), p.packageCount());
      return b.build();
    } catch (RuntimeException incomplete) { // a partial or unexpected echo: the booking stands without it
      return null;
    }
  }
}
