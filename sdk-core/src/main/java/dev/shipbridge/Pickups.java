package dev.shipbridge;

import dev.shipbridge.model.Address;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Pickup;
import dev.shipbridge.model.PickupEligibility;
import dev.shipbridge.model.PickupRequest;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.spi.PickupCapability;
import java.util.Objects;
import java.util.function.Function;

/**
 * Carrier pickups, from {@link Shipbridge#pickups()}, each call under {@link Operation#PICKUP}. A
 * booking whose answer was lost is outcome-unknown, never sent twice. Changing or cancelling reads
 * the booking first (the carrier wants its current version). A carrier without pickups ({@code
 * cainiao}) is refused with a {@link ValidationException}.
 *
 * <pre>{@code
 * Pickups pickups = shipbridge.pickups();
 * if (pickups.eligibility(CarrierId.USPS, warehouse).eligible()) {
 *   Pickup p = pickups.schedule(request);
 *   pickups.cancel(CarrierId.USPS, p.confirmationNumber());
 * }
 * }</pre>
 */
public final class Pickups {
  private final FacadeCalls calls;

  Pickups(FacadeCalls calls) {
    this.calls = calls;
  }

  /** Whether {@code carrier} picks up at {@code address}. */
  public PickupEligibility eligibility(CarrierId carrier, Address address) {
    Objects.requireNonNull(address, "address");
    calls.capability(carrier, PickupCapability.class);
    return call(carrier, c -> c.eligibility(address));
  }

  /** Books a pickup; the carrier's limits are checked first, every violation at once. */
  public Pickup schedule(PickupRequest request) {
    checked(Objects.requireNonNull(request, "request"));
    return call(request.carrier(), c -> c.schedule(request));
  }

  /** The booking with this confirmation number. */
  public Pickup get(CarrierId carrier, String confirmationNumber) {
    String n = confirmation(confirmationNumber);
    calls.capability(carrier, PickupCapability.class);
    return call(carrier, c -> c.get(n));
  }

  /** Replaces the booking {@code confirmationNumber} by {@code changed} (same carrier). */
  public Pickup change(String confirmationNumber, PickupRequest changed) {
    Objects.requireNonNull(changed, "changed");
    String n = confirmation(confirmationNumber);
    checked(changed);
    Pickup current = call(changed.carrier(), c -> c.get(n));
    return call(changed.carrier(), c -> c.change(current, changed));
  }

  /** Cancels the booking; returns it as it was. */
  public Pickup cancel(CarrierId carrier, String confirmationNumber) {
    String n = confirmation(confirmationNumber);
    calls.capability(carrier, PickupCapability.class);
    Pickup current = call(carrier, c -> c.get(n));
    return call(carrier, c -> c.cancel(current));
  }

  private <T> T call(CarrierId carrier, Function<PickupCapability, T> body) {
    return calls.call(carrier, Operation.PICKUP, null, PickupCapability.class, body);
  }

  private void checked(PickupRequest request) {
    FacadeCalls.reject(calls.capability(request.carrier(), PickupCapability.class).check(request));
  }

  private static String confirmation(String n) {
    if (n == null || !n.strip().matches("[A-Za-z0-9-]{1,64}")) {
      throw ValidationException.of("confirmationNumber", "must be 1 to 64 letters, digits or '-'");
    }
    return n.strip();
  }

  @Override
  public String toString() {
    return "Pickups[carriers=" + calls.registry.having(PickupCapability.class) + "]";
  }
}
