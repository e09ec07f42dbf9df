package dev.shipbridge.spi;

import dev.shipbridge.model.CancelResult;

/** Cancels (voids, refunds) a label that was not used. */
public interface CancelCapability extends Capability {
  CancelResult cancel(String trackingNumber);
}
