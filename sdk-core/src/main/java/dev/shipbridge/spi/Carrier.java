package dev.shipbridge.spi;

import dev.shipbridge.model.CarrierId;
import java.util.Optional;

/**
 * The adapter contract: one carrier, its capabilities and the tracking numbers it owns.
 *
 * <p>Implement this and the {@link Capability} interfaces the carrier supports; nothing else is
 * required. Shipbridge wraps every capability call with retries, a rate limiter, a circuit breaker
 * and a bulkhead, so an adapter does none of that itself.
 *
 * <pre>{@code
 * public final class AcmeCarrier implements Carrier, QuoteCapability {
 *   public CarrierId id() { return CarrierId.of("acme"); }
 *   public List<Quote> quote(QuoteRequest request) { ... }
 * }
 * Shipbridge shipbridge = Shipbridge.builder().carrier(new AcmeCarrier()).build();
 * }</pre>
 */
public interface Carrier {
  /** Unique among the carriers of one {@code Shipbridge}. */
  CarrierId id();

  /** The capability of type {@code type}, when this carrier has it. Defaults to {@code instanceof}. */
  default <T extends Capability> Optional<T> capability(Class<T> type) {
    return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
  }

  /** Recognises this carrier's tracking numbers; by default none. */
  default TrackingNumberMatcher trackingNumbers() {
    return TrackingNumberMatcher.NONE;
  }

  /**
   * Connects this carrier to the shared transport, clock and token store of the {@code
   * Shipbridge} being built, and returns the connected carrier (this one, when it needs nothing).
   * Called once per build.
   */
  default Carrier bind(CarrierContext context) {
    return this;
  }

  /**
   * This carrier for one attempt of a call, passing {@code limits} to every {@code
   * HttpTransport.execute} of the attempt: a light view sharing this carrier's state. The default,
   * {@code this}, sends under the HTTP client's own timeouts.
   *
   * <pre>{@code
   * public AcmeCarrier forAttempt(AttemptLimits limits) {
   *   return new AcmeCarrier(config, transport, limits); // each execute(..., limits)
   * }
   * }</pre>
   */
  default Carrier forAttempt(dev.shipbridge.http.AttemptLimits limits) {
    return this;
  }

  /**
   * The carrier's own limits (its published quotas), applied unless the user's {@code
   * ResiliencePolicy} says otherwise.
   */
  default dev.shipbridge.resilience.ResiliencePolicy defaultPolicy() {
    return dev.shipbridge.resilience.ResiliencePolicy.ofDefaults();
  }

  /**
   * The quota {@code operation} is counted against: operations returning the same one share one
   * rate limiter (by default each has its own). USPS label and cancel are both its Labels API:
   *
   * <pre>{@code
   * public Operation quotaOf(Operation operation) {
   *   return operation == Operation.CANCEL ? Operation.LABEL : operation;
   * }
   * }</pre>
   */
  default dev.shipbridge.resilience.Operation quotaOf(dev.shipbridge.resilience.Operation operation) {
    return operation;
  }

  /**
   * Which quota this carrier's calls count against across accounts: carriers with one key share
   * rate limiters (USPS: a digest of the client id). By default "": one quota per carrier.
   *
   * <pre>{@code
   * public String quotaKey() { return sha256Hex(clientId); } // a digest of your own
   * }</pre>
   */
  default String quotaKey() {
    return "";
  }
}
