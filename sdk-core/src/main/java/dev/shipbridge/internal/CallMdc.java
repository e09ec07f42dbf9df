package dev.shipbridge.internal;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.Operation;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Puts the carrier, the operation and (for a purchase) the idempotency key of a carrier call into
 * SLF4J's MDC for the call's duration, retries included, and restores what was there before: every
 * line logged during the call, Shipbridge's or the application's, can be correlated.
 */
public final class CallMdc implements AutoCloseable {
  /** MDC key of the carrier id ({@code usps}). */
  public static final String CARRIER = "shipbridge.carrier";
  /** MDC key of the operation ({@code LABEL}). */
  public static final String OPERATION = "shipbridge.operation";
  /** MDC key of the purchase's idempotency key. */
  public static final String IDEMPOTENCY_KEY = "shipbridge.idempotencyKey";

  private final String key;
  private final String previous;
  private final CallMdc inner;

  private CallMdc(String key, String value, CallMdc inner) {
    this.key = key;
    this.previous = MDC.get(key);
    this.inner = inner;
    if (value != null) MDC.put(key, value);
  }

  /** Sets carrier and operation until {@link #close()}. */
  public static CallMdc enter(CarrierId carrier, Operation operation) {
    return new CallMdc(CARRIER, carrier.value(), new CallMdc(OPERATION, operation.name(), null));
  }

  /** Runs {@code body} with the idempotency key in the MDC (nothing is set for a null key). */
  public static <T> T withIdempotencyKey(String idempotencyKey, Supplier<T> body) {
    if (idempotencyKey == null) return body.get();
    try (CallMdc ignored = new CallMdc(IDEMPOTENCY_KEY, idempotencyKey, null)) {
      return body.get();
    }
  }

  @Override
  public void close() {
    if (previous == null) MDC.remove(key);
    else MDC.put(key, previous);
    if (inner != null) inner.close();
  }
}
