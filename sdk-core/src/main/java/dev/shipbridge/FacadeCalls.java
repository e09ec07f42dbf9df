package dev.shipbridge;

import dev.shipbridge.http.AttemptLimits;
import dev.shipbridge.internal.CallExecutor;
import dev.shipbridge.internal.CallMdc;
import dev.shipbridge.internal.CarrierRegistry;
import dev.shipbridge.internal.Outcomes;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.spi.Capability;
import dev.shipbridge.spi.Carrier;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The one way the facade's parts reach a carrier: every call checks that the {@link Shipbridge}
 * is open, goes through the resilience layer and comes back as a result or a {@link
 * ShipbridgeException}; every {@code ...Async} call runs on the executor and never throws.
 */
final class FacadeCalls {
  private static final Pattern TRACKING_FORM = Pattern.compile("[A-Z0-9]{6,40}");

  final CarrierRegistry registry;
  final CallExecutor calls;
  final ExecutorService executor;
  private volatile boolean closed;

  FacadeCalls(CarrierRegistry registry, CallExecutor calls, ExecutorService executor) {
    this.registry = registry;
    this.calls = calls;
    this.executor = executor;
  }

  /**
   * Runs one carrier call through the resilience layer. Anything else an adapter throws, or a
   * {@code null} result, becomes a {@link CarrierException} (outcome-unknown for a purchase).
   */
  <C extends Capability, T> T call(CarrierId carrier, Operation op, String idempotencyKey, Class<C> type,
      Function<C, T> body) {
    return call(carrier, op, idempotencyKey, null, type, body);
  }

  /** The same call, the whole of it (retries, permit waits) also bounded by {@code within}. */
  <C extends Capability, T> T call(CarrierId carrier, Operation op, String idempotencyKey, Duration within,
      Class<C> type, Function<C, T> body) {
    ensureOpen();
    T result;
    try {
      result = CallMdc.withIdempotencyKey(idempotencyKey,
          () -> calls.execute(carrier, op, within, limits -> body.apply(attempt(carrier, type, limits))));
    } catch (RuntimeException e) {
      throw wrapUnexpected(carrier, op, idempotencyKey, e);
    }
    if (result == null) {
      throw new CarrierException(CarrierException.details(carrier, "the " + carrier + " adapter returned no result for "
          + op.name().toLowerCase()).outcomeUnknown(op.isPurchase()).idempotencyKey(idempotencyKey));
    }
    return result;
  }

  /** {@code type} of the carrier for one attempt under {@code limits} (null: the carrier as bound). */
  private <C extends Capability> C attempt(CarrierId carrier, Class<C> type, AttemptLimits limits) {
    Carrier bound = registry.require(carrier);
    Carrier view = limits == null ? bound : Objects.requireNonNull(bound.forAttempt(limits), "forAttempt");
    return view.capability(type).orElseThrow(() -> new IllegalStateException(
        "the " + carrier + " adapter's forAttempt view has no " + type.getSimpleName()));
  }

  /** A Shipbridge exception as is; anything else an adapter threw as a {@link CarrierException}. */
  static ShipbridgeException wrapUnexpected(CarrierId carrier, Operation op, String idempotencyKey, RuntimeException e) {
    if (e instanceof CarrierException ce) return Outcomes.withKey(ce, idempotencyKey);
    if (e instanceof ShipbridgeException se) return se;
    return new CarrierException(CarrierException.details(carrier,
            "unexpected " + e.getClass().getSimpleName() + " in the " + carrier + " adapter during " + op.name().toLowerCase())
        .outcomeUnknown(op.isPurchase()).idempotencyKey(idempotencyKey).cause(e));
  }

  /** Runs {@code body} on the executor; never throws: a closed instance gives a failed future. */
  <T> CompletableFuture<T> async(Supplier<T> body) {
    if (closed) return CompletableFuture.failedFuture(new ShipbridgeClosedException());
    try {
      return CompletableFuture.supplyAsync(body, executor);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(closed ? new ShipbridgeClosedException() : new ShipbridgeException("the executor refused the call", e));
    }
  }

  void ensureOpen() {
    if (closed) throw new ShipbridgeClosedException();
  }

  /** {@code type} of {@code carrier} once this instance is known open; a {@link ValidationException} when it has none. */
  <C extends Capability> C capability(CarrierId carrier, Class<C> type) {
    ensureOpen();
    return registry.require(carrier, type);
  }

  /** Throws the carrier's violations of a request, all at once, when there are any. */
  static void reject(List<ValidationException.Violation> violations) {
    if (!violations.isEmpty()) throw new ValidationException(violations);
  }

  boolean isClosed() {
    return closed;
  }

  void close() {
    closed = true;
  }

  /** The number trimmed, uppercased, inner spaces removed; refused unless 6 to 40 letters and digits. */
  static String checkedNumber(String trackingNumber) {
    if (trackingNumber == null) throw ValidationException.of("trackingNumber", "is required");
    String n = trackingNumber.strip().replace(" ", "").toUpperCase(java.util.Locale.ROOT);
    if (!TRACKING_FORM.matcher(n).matches()) {
      throw ValidationException.of("trackingNumber", "must be 6 to 40 letters and digits");
    }
    return n;
  }
}
