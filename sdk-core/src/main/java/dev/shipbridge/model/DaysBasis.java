package dev.shipbridge.model;

/**
 * How much a {@link Quote}'s transit days can be relied on.
 *
 * <pre>{@code
 * if (quote.daysBasis() == DaysBasis.COMMITMENT) promise(quote.deliveryDate());
 * }</pre>
 */
public enum DaysBasis {
  /** The carrier committed to the days or date for this offer (it may still be late unless guaranteed). */
  COMMITMENT,
  /** The days are the carrier's published standard or typical window, not a commitment for this parcel. */
  ESTIMATE,
  /** No days are known. */
  UNKNOWN
}
