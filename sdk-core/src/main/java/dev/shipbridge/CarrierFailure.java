package dev.shipbridge;

import dev.shipbridge.model.CarrierId;

/**
 * A carrier that did not answer a fan-out call (a quote), and why.
 *
 * @param carrier the carrier
 * @param error what went wrong (a {@link CarrierException} or a {@link ValidationException} the
 *     carrier's own rules raised)
 */
public record CarrierFailure(CarrierId carrier, ShipbridgeException error) {
  /** The error's message, safe to show. */
  public String message() {
    return error.getMessage();
  }
}
