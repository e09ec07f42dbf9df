package dev.shipbridge;

import dev.shipbridge.internal.ShipDates;
import dev.shipbridge.model.Address;
import dev.shipbridge.account.AccountId;
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
  /** The account the instance is bound for, or null. */
  private final AccountId account;

  Purchases(FacadeCalls calls, Clock clock, AccountId account) {
    this.calls = calls;
    this.clock = clock;
    this.account = account;
  }

  /**
   * The carrier's own rules, the ship date and (on a bound instance) the account are checked, every
   * violation at once, before the call.
   */
  Label label(LabelRequest request) {
    Objects.requireNonNull(request, "request");
    ValidationException.Violation refused = AccountRoutes.refusal(request.account(), account);
    LabelCapability cap;
    try {
      cap = calls.capability(request.carrier(), LabelCapability.class);
    } catch (ValidationException e) {
      if (refused == null) throw e;
      throw new ValidationException(java.util.stream.Stream.concat(java.util.stream.Stream.of(refused),
          e.violations().stream()).toList());
    }
    List<ValidationException.Violation> violations = new ArrayList<>();
    if (refused != null) violations.add(refused);
    for (ValidationException.Violation v : cap.check(request)) {
      if (refused == null || !v.path().equals("account")) violations.add(v); // the carrier's own refusal of it, once
    }
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
