package dev.shipbridge.spi;

import dev.shipbridge.ValidationException;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.Pickup;
import dev.shipbridge.model.PickupEligibility;
import dev.shipbridge.model.PickupRequest;
import java.util.List;

/**
 * Books a carrier's pickup of parcels at an address. Scheduling is not deduplicated by any
 * carrier we know: an implementation sends it as a non-idempotent request, so a lost answer is
 * outcome-unknown (look the booking up before booking again), never retried.
 */
public interface PickupCapability extends Capability {
  /** Whether the carrier picks up at {@code address}. */
  PickupEligibility eligibility(Address address);

  Pickup schedule(PickupRequest request);

  /** The booking with this confirmation number, with its current {@link Pickup#version()}. */
  Pickup get(String confirmationNumber);

  /** Replaces booking {@code current} (as just read, with its version) by {@code changed}. */
  Pickup change(Pickup current, PickupRequest changed);

  /** Cancels booking {@code current} (as just read, with its version); returns it. */
  Pickup cancel(Pickup current);

  /** This carrier's own limits for a request (field lengths, contact), before any call; every violation. */
  default List<ValidationException.Violation> check(PickupRequest request) {
    return List.of();
  }
}
