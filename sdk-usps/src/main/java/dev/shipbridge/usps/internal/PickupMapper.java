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

  static PickupRequest.Kind kind(String packageType) {
    if (packageType == null) return PickupRequest.Kind.OTHER;
    return switch (packageType) {
      case "PRIORITY_MAIL_EXPRESS" -> PickupRequest.Kind.EXPRESS;
      case "PRIORITY_MAIL" -> PickupRequest.Kind.PRIORITY;
      case "USPS_GROUND_ADVANTAGE" -> PickupRequest.Kind.GROUND;
      case "FIRST-CLASS_PACKAGE_SERVICE" -> PickupRequest.Kind.FIRST_CLASS;
      case "RETURNS" -> PickupRequest.Kind.RETURNS;
      case "INTERNATIONAL" -> PickupRequest.Kind.INTERNATIONAL;
      default -> PickupRequest.Kind.OTHER;
    };
  }

  /**
   * The booking USPS answered. The date is USPS's (it may be a later day than asked); what is
   * booked is what was asked when this call sent it, else USPS's echo without the contact details
   * (the model keeps the asked address; an echo-only read keeps none).
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
    PickupRequest held = asked == null ? null : asked.toBuilder().date(day).build();
    return new Pickup(CarrierId.USPS, c.confirmationNumber().strip(), day, held, etag);
  }
}
