package dev.shipbridge;

import dev.shipbridge.model.Label;
import dev.shipbridge.model.ReprintRequest;
import dev.shipbridge.model.ReturnLabelRequest;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.spi.ReturnLabelCapability;
import java.util.Objects;

/**
 * Return labels and label reprints, from {@link Shipbridge#returns()}; bought like labels (one
 * idempotency key for every attempt, an unknown outcome said so). A carrier without returns
 * ({@code cainiao}) is refused with a {@link ValidationException} before any call.
 *
 * <pre>{@code
 * Label back = shipbridge.returns().label(ReturnLabelRequest.builder()
 *     .carrier(CarrierId.USPS).serviceCode("USPS_GROUND_ADVANTAGE_RETURN_SERVICE")
 *     .from(customer).to(warehouse).parcel(parcel).idempotencyKey(IdempotencyKey.of("rma-5531")).build());
 * Label copy = shipbridge.returns().reprint(ReprintRequest.of(CarrierId.USPS, back.trackingNumber(), LabelFormat.PDF_4X6));
 * }</pre>
 */
public final class Returns {
  private final FacadeCalls calls;

  Returns(FacadeCalls calls) {
    this.calls = calls;
  }

  /** Buys a prepaid return label; the carrier's own rules are checked first, every violation at once. */
  public Label label(ReturnLabelRequest request) {
    Objects.requireNonNull(request, "request");
    FacadeCalls.reject(calls.capability(request.carrier(), ReturnLabelCapability.class).check(request));
    return calls.call(request.carrier(), Operation.RETURN_LABEL, request.idempotencyKey().value(),
        ReturnLabelCapability.class, c -> c.returnLabel(request));
  }

  /** A new copy of a label already bought (outbound or return). */
  public Label reprint(ReprintRequest request) {
    Objects.requireNonNull(request, "request");
    calls.capability(request.carrier(), ReturnLabelCapability.class);
    return calls.call(request.carrier(), Operation.RETURN_LABEL, null, ReturnLabelCapability.class, c -> c.reprint(request));
  }

  @Override
  public String toString() {
    return "Returns[carriers=" + calls.registry.having(ReturnLabelCapability.class) + "]";
  }
}
