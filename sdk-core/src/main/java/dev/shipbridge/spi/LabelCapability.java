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

  /**
   * True when this adapter sends {@link LabelRequest#idempotencyKey()} to a carrier that
   * deduplicates purchases by it (the same key twice buys one label). Only then does the core
   * retry a purchase whose request may have reached the carrier; otherwise it retries only a 429
   * and failures that provably happened before sending (connect, DNS, TLS). Default false.
   */
  default boolean honoursIdempotencyKey() {
    return false;
  }
}
