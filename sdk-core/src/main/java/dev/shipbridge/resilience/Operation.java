package dev.shipbridge.resilience;

/**
 * The kinds of carrier call a policy can be set for. {@link #RETURN_LABEL} covers return labels
 * and label reprints, {@link #PICKUP} every Carrier Pickup call, {@link #SUBSCRIPTION} every
 * tracking-subscription call; a carrier's {@code quotaOf} says which of them share a quota.
 */
public enum Operation {
  AUTH, QUOTE, LABEL, CANCEL, TRACK, ADDRESS, MANIFEST, RETURN_LABEL, PICKUP, SUBSCRIPTION;

  /**
   * True for the calls that buy something ({@link #LABEL}, {@link #RETURN_LABEL}): a fault must
   * never buy twice, and a purchase that may have reached the carrier without an answer is
   * outcome-unknown, whichever layer gave up. Other state changes (scheduling a pickup, creating a
   * subscription) are classified per request by {@link dev.shipbridge.http.RequestSafety}.
   */
  public boolean isPurchase() {
    return this == LABEL || this == RETURN_LABEL;
  }
}
