package dev.shipbridge.spi;

import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;

/**
 * Buys labels. An implementation must send {@link LabelRequest#idempotencyKey()} to the carrier
 * when the carrier has a mechanism for it, and must mark a failure after the request was sent as
 * {@code outcomeUnknown} and not retryable unless the carrier honours the key: the core retries
 * only what the exception says is retryable, and a fault must never buy two labels.
 */
public interface LabelCapability extends Capability {
  Label label(LabelRequest request);
}
