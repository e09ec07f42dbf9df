package dev.shipbridge.model;

/**
 * Whether a carrier picks up at an address.
 *
 * <pre>{@code
 * PickupEligibility e = shipbridge.pickups().eligibility(CarrierId.USPS, warehouse);
 * if (e.eligible()) shipbridge.pickups().schedule(request.toBuilder().address(e.address()).build());
 * }</pre>
 *
 * @param eligible true when the carrier picks up there
 * @param address the carrier's standardized address when eligible, else the address asked about
 * @param reason why not, in the carrier's words, or null when eligible
 */
public record PickupEligibility(CarrierId carrier, boolean eligible, Address address, String reason) {
  @Override
  public String toString() {
    return "PickupEligibility[carrier=" + carrier + ", eligible=" + eligible + ", address=" + address
        + (reason == null ? "" : ", reason=" + reason) + "]";
  }
}
