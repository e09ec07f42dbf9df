package dev.shipbridge;

import dev.shipbridge.internal.ShipDates;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.AddressValidation;
import dev.shipbridge.model.CancelResult;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Manifest;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.spi.AddressCapability;
import dev.shipbridge.spi.CancelCapability;
import dev.shipbridge.spi.LabelCapability;
import dev.shipbridge.spi.ManifestCapability;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The facade's single-carrier operations: label purchase, cancel, address check and manifest. */
final class Purchases {
  private final FacadeCalls calls;
  private final Clock clock;

  Purchases(FacadeCalls calls, Clock clock) {
    this.calls = calls;
    this.clock = clock;
  }

  /** The carrier's own rules and the ship date are checked, every violation at once, before the call. */
  Label label(LabelRequest request) {
    Objects.requireNonNull(request, "request");
    List<ValidationException.Violation> violations =
        new ArrayList<>(calls.capability(request.carrier(), LabelCapability.class).check(request));
    violations.addAll(ShipDates.check(request.shipDate(), clock));
    FacadeCalls.reject(violations);
    return calls.call(request.carrier(), Operation.LABEL, request.idempotencyKey().value(), LabelCapability.class, c -> c.label(request));
  }

  CancelResult cancel(CarrierId carrier, String trackingNumber) {
    String n = FacadeCalls.checkedNumber(trackingNumber);
    calls.capability(carrier, CancelCapability.class);
    return calls.call(carrier, Operation.CANCEL, null, CancelCapability.class, c -> c.cancel(n));
  }

  /** The first carrier that validates addresses. */
  CarrierId addressCarrier() {
    List<CarrierId> capable = calls.registry.having(AddressCapability.class);
    if (capable.isEmpty()) {
      throw ValidationException.of("carrier", "no configured carrier validates addresses; configured: " + calls.registry.ids());
    }
    return capable.get(0);
  }

  AddressValidation validateAddress(CarrierId carrier, Address address) {
    Objects.requireNonNull(address, "address");
    calls.capability(carrier, AddressCapability.class);
    return calls.call(carrier, Operation.ADDRESS, null, AddressCapability.class, c -> c.validateAddress(address));
  }

  Manifest manifest(ManifestRequest request) {
    Objects.requireNonNull(request, "request");
    calls.capability(request.carrier(), ManifestCapability.class);
    return calls.call(request.carrier(), Operation.MANIFEST, null, ManifestCapability.class, c -> c.manifest(request));
  }
}
