package dev.shipbridge;

import dev.shipbridge.model.Label;
import dev.shipbridge.model.ReprintRequest;
import dev.shipbridge.model.ReturnLabelRequest;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.spi.ReturnLabelCapability;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Return labels and label reprints, from {@link Shipbridge#returns()}. Bought like labels: the
 * request's idempotency key goes with every attempt, and when a purchase's outcome cannot be known
 * the {@link CarrierException} says so ({@link CarrierException#outcomeUnknown()}) and carries the
 * key. A carrier without returns ({@code cainiao}) is refused with a {@link ValidationException}
 * before any call. A request naming an account ({@code withAccount}) runs as {@code
 * shipbridge.account(id).returns()} runs it.
 *
 * <pre>{@code
 * Label back = shipbridge.returns().label(ReturnLabelRequest.builder()
 *     .carrier(CarrierId.USPS).serviceCode("USPS_GROUND_ADVANTAGE_RETURN_SERVICE")
 *     .from(customer).to(warehouse).parcel(parcel).idempotencyKey(IdempotencyKey.of("rma-5531")).build());
 * Label copy = shipbridge.returns().reprint(ReprintRequest.of(CarrierId.USPS, back.trackingNumber(), LabelFormat.PDF_4X6));
 * }</pre>
 */
public final class Returns {
  private final Shipbridge owner;
  private final FacadeCalls calls;

  Returns(Shipbridge owner) {
    this.owner = owner;
    this.calls = owner.calls;
  }

  /** Buys a prepaid return label; the carrier's own rules are checked first, every violation at once. */
  public Label label(ReturnLabelRequest request) {
    Objects.requireNonNull(request, "request");
    FacadeCalls calls = AccountRoutes.calls(owner, request.account());
    FacadeCalls.reject(calls.capability(request.carrier(), ReturnLabelCapability.class).check(request));
    return calls.call(request.carrier(), Operation.RETURN_LABEL, request.idempotencyKey().value(),
        ReturnLabelCapability.class, c -> c.returnLabel(request));
  }

  /** {@link #label} on the executor; failures complete the future. */
  public CompletableFuture<Label> labelAsync(ReturnLabelRequest request) {
    return calls.async(() -> label(request));
  }

  /** A new copy of a label already bought (outbound or return). */
  public Label reprint(ReprintRequest request) {
    Objects.requireNonNull(request, "request");
    FacadeCalls calls = AccountRoutes.calls(owner, request.account());
    calls.capability(request.carrier(), ReturnLabelCapability.class);
    return calls.call(request.carrier(), Operation.RETURN_LABEL, null, ReturnLabelCapability.class, c -> c.reprint(request));
  }

  @Override
  public String toString() {
    return "Returns[carriers=" + calls.registry.having(ReturnLabelCapability.class) + "]";
  }
}
