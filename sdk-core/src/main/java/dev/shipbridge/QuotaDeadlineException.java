package dev.shipbridge;

import dev.shipbridge.model.CarrierId;
import java.time.Instant;

/**
 * A batch cannot finish by its deadline within a carrier's quota; thrown before any call is made,
 * with the earliest completion the quota allows.
 */
public final class QuotaDeadlineException extends ShipbridgeException {
  private static final long serialVersionUID = 1L;

  private final CarrierId carrier;
  private final int calls;
  private final Instant estimatedCompletion;
  private final Instant deadline;

  public QuotaDeadlineException(CarrierId carrier, int calls, Instant estimatedCompletion, Instant deadline) {
    super(carrier + ": " + calls + " calls cannot finish by " + deadline + " within the quota; the earliest is "
        + estimatedCompletion);
    this.carrier = carrier;
    this.calls = calls;
    this.estimatedCompletion = estimatedCompletion;
    this.deadline = deadline;
  }

  public CarrierId carrier() {
    return carrier;
  }

  /** How many carrier calls the batch needs. */
  public int calls() {
    return calls;
  }

  /** When the batch could finish at the quota's pace. */
  public Instant estimatedCompletion() {
    return estimatedCompletion;
  }

  public Instant deadline() {
    return deadline;
  }
}
