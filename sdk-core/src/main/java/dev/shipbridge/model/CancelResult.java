package dev.shipbridge.model;

/**
 * The answer to a label cancellation.
 *
 * @param status {@code CANCELED} (refund on its way), {@code PENDING} (the carrier is reviewing
 *     it, USPS says DISPUTED), {@code REJECTED} (the label was used or is too old)
 * @param message the carrier's words, or null
 */
public record CancelResult(CarrierId carrier, String trackingNumber, Status status, String message) {
  public enum Status { CANCELED, PENDING, REJECTED }
}
