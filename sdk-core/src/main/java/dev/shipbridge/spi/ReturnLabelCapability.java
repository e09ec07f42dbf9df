package dev.shipbridge.spi;

import dev.shipbridge.ValidationException;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.ReprintRequest;
import dev.shipbridge.model.ReturnLabelRequest;
import java.util.List;

/**
 * Buys prepaid return labels and reprints labels already bought. Same purchase safety as {@link
 * LabelCapability}: send {@link ReturnLabelRequest#idempotencyKey()} when the carrier has a
 * mechanism for it, and mark a failure after sending as outcome-unknown unless the carrier
 * honours the key ({@link #honoursIdempotencyKey()}).
 */
public interface ReturnLabelCapability extends Capability {
  Label returnLabel(ReturnLabelRequest request);

  /** A new copy of a label already bought (outbound or return). */
  Label reprint(ReprintRequest request);

  /** This carrier's own rules for a return label, checked before any network call; every violation. */
  default List<ValidationException.Violation> check(ReturnLabelRequest request) {
    return List.of();
  }

  /** True when the carrier deduplicates return-label purchases by the request's key. Default false. */
  default boolean honoursIdempotencyKey() {
    return false;
  }
}
