package dev.shipbridge.model;

import java.time.LocalDate;

/**
 * A booked carrier pickup.
 *
 * <pre>{@code
 * Pickup p = shipbridge.pickups().get(CarrierId.USPS, "WTC123456789");
 * System.out.println(p.confirmationNumber() + " on " + p.date());
 * }</pre>
 *
 * @param confirmationNumber the carrier's number for the booking
 * @param date the day booked (may be later than asked with {@code nextAvailableDate})
 * @param request what is booked, as the carrier holds it, or null when it did not say
 * @param version the carrier's version of the booking (USPS: its ETag, needed to change or cancel
 *     it, good for an hour), or null
 */
public record Pickup(CarrierId carrier, String confirmationNumber, LocalDate date, PickupRequest request, String version) {
  public Pickup {
    dev.shipbridge.spi.support.Checks c = new dev.shipbridge.spi.support.Checks();
    c.notNull("carrier", carrier);
    c.notBlank("confirmationNumber", confirmationNumber, 64);
    c.notNull("date", date);
    c.throwIfAny();
  }

  /** The booking without the address: no personal data. */
  @Override
  public String toString() {
    return "Pickup[carrier=" + carrier + ", confirmationNumber=" + confirmationNumber + ", date=" + date
        + (request == null ? "" : ", packages=" + request.packages() + ", location=" + request.location()) + "]";
  }
}
