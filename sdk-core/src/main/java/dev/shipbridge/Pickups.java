package dev.shipbridge;

import dev.shipbridge.model.Address;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Pickup;
import dev.shipbridge.model.PickupEligibility;
import dev.shipbridge.model.PickupRequest;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.spi.PickupCapability;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Carrier pickups, from {@link Shipbridge#pickups()}: eligibility, schedule, look up, change and
 * cancel. Each call runs through the carrier's resilience layer under {@link Operation#PICKUP}. A
 * booking whose answer was lost is outcome-unknown and never sent twice: look it up before booking
 * again. Changing or cancelling reads the booking first (two calls: the carrier wants its current
 * version). A carrier without pickups ({@code cainiao}: its door pickup is part of the big-bag
 * handover, {@link Shipbridge#manifest}) is refused with a {@link ValidationException}. A {@link
 * PickupRequest} naming an account ({@code withAccount}) is booked or changed as {@code
 * shipbridge.account(id).pickups()} does it; the calls taking a carrier and a number or address run
 * on the instance they are called on ({@code shipbridge.account(id).pickups().cancel(...)}).
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
  private final Shipbridge owner;
  private final FacadeCalls calls;

  Pickups(Shipbridge owner) {
    this.owner = owner;
    this.calls = owner.calls;
  }

  /** Whether {@code carrier} picks up at {@code address}. */
  public PickupEligibility eligibility(CarrierId carrier, Address address) {
    Objects.requireNonNull(address, "address");
    calls.capability(carrier, PickupCapability.class);
    return call(carrier, c -> c.eligibility(address));
  }

  /** Books a pickup; the carrier's limits are checked first, every violation at once. */
  public Pickup schedule(PickupRequest request) {
    Objects.requireNonNull(request, "request");
    FacadeCalls calls = AccountRoutes.calls(owner, request.account());
    checked(calls, request);
    return call(calls, request.carrier(), c -> c.schedule(request));
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
    FacadeCalls calls = AccountRoutes.calls(owner, changed.account());
    checked(calls, changed);
    Pickup current = call(calls, changed.carrier(), c -> c.get(n));
    return call(calls, changed.carrier(), c -> c.change(current, changed));
  }

  /** Cancels the booking; returns it as it was. */
  public Pickup cancel(CarrierId carrier, String confirmationNumber) {
    String n = confirmation(confirmationNumber);
    calls.capability(carrier, PickupCapability.class);
    Pickup current = call(carrier, c -> c.get(n));
    return call(carrier, c -> c.cancel(current));
  }

  /** {@link #schedule} on the executor; failures complete the future. */
  public CompletableFuture<Pickup> scheduleAsync(PickupRequest request) {
    return calls.async(() -> schedule(request));
  }

  private <T> T call(CarrierId carrier, Function<PickupCapability, T> body) {
    return call(calls, carrier, body);
  }

  private static <T> T call(FacadeCalls calls, CarrierId carrier, Function<PickupCapability, T> body) {
    return calls.call(carrier, Operation.PICKUP, null, PickupCapability.class, body);
  }

  private static void checked(FacadeCalls calls, PickupRequest request) {
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
