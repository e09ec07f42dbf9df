package dev.shipbridge;

import dev.shipbridge.model.CarrierId;
import java.util.Objects;
import java.util.Optional;

/**
 * A carrier refused a call, failed, or answered with something that could not be understood; with
 * the status, the carrier's code and request id, whether to retry, and for a purchase whose fate
 * is not known ({@link #outcomeUnknown()}) the idempotency key to reconcile with.
 *
 * <pre>{@code
 * try {
 *   label = shipbridge.label(request);
 * } catch (CarrierException e) {
 *   if (e.outcomeUnknown()) {
 *     reconcileLater(e.idempotencyKey().orElseThrow()); // never simply buy again
 *   }
 * }
 * }</pre>
 *
 * <p>Adapters build one with {@link #details(CarrierId, String)}:
 *
 * <pre>{@code
 * throw new NotFoundException(CarrierException.details(CarrierId.USPS, "Unknown tracking number")
 *     .httpStatus(404).carrierCode("150001").requestId(requestId));
 * }</pre>
 */
public class CarrierException extends ShipbridgeException {
  private static final long serialVersionUID = 1L;

  /** A private copy of what the exception was built with (a {@link Details} is mutable). */
  private final Details d;

  public CarrierException(Details details) {
    super(format(details), details.cause);
    this.d = details.copy();
  }

  /** Starts the details of an exception about {@code carrier}. */
  public static Details details(CarrierId carrier, String message) {
    return new Details(carrier, message);
  }

  /** A copy of these details, to derive a similar exception. */
  public Details toDetails() {
    return d.copy();
  }

  public CarrierId carrier() {
    return d.carrier;
  }

  /** The HTTP status the carrier answered with, or 0 when no response arrived. */
  public int httpStatus() {
    return d.httpStatus;
  }

  /** The carrier's own error code ({@code "150001"}, {@code "S02"}), when it gave one. */
  public Optional<String> carrierCode() {
    return Optional.ofNullable(d.carrierCode);
  }

  /** The carrier's request or trace id, to quote to its support. */
  public Optional<String> requestId() {
    return Optional.ofNullable(d.requestId);
  }

  /** Whether the same call may succeed if tried again later. */
  public boolean retryable() {
    return d.retryable;
  }

  /**
   * True when a request that changes state (a label purchase) may or may not have taken effect:
   * the request was sent but no answer came back. Reconcile with {@link #idempotencyKey()} before
   * buying again.
   */
  public boolean outcomeUnknown() {
    return d.outcomeUnknown;
  }

  /** The idempotency key of the request this failure belongs to, when it had one. */
  public Optional<String> idempotencyKey() {
    return Optional.ofNullable(d.idempotencyKey);
  }

  /**
   * How many attempts of this call were sent to the carrier (retries included); 0 when none was
   * (refused by Shipbridge itself, or not thrown through the facade).
   *
   * <pre>{@code
   * log.warn("{} failed after {} attempt(s)", e.carrier(), e.attempts());
   * }</pre>
   */
  public int attempts() {
    return d.attempts;
  }

  /**
   * The carrier's order this failed purchase left behind, when the adapter knows one was created
   * (a Cainiao order created whose label could not be fetched): reconcile with it, or call again
   * with the same idempotency key in the same {@code Shipbridge} to resume from it.
   */
  public Optional<String> orderId() {
    return Optional.ofNullable(d.orderId);
  }

  /** The message without the appended carrier, status, code and request id. */
  public String plainMessage() {
    return d.message;
  }

  private static String format(Details d) {
    StringBuilder sb = new StringBuilder().append(d.carrier).append(": ").append(d.message);
    if (d.httpStatus > 0) sb.append("; status: ").append(d.httpStatus);
    if (d.carrierCode != null) sb.append("; code: ").append(d.carrierCode);
    if (d.requestId != null) sb.append("; request-id: ").append(d.requestId);
    if (d.outcomeUnknown) sb.append("; outcome unknown, idempotency-key: ").append(d.idempotencyKey);
    if (d.orderId != null) sb.append("; order: ").append(d.orderId);
    return sb.toString();
  }

  /** What an adapter knows about a failure; mutable, used once to build an exception. */
  public static final class Details {
    private final CarrierId carrier;
    private final String message;
    private int httpStatus;
    private String carrierCode;
    private String requestId;
    private boolean retryable;
    private boolean outcomeUnknown;
    private String idempotencyKey;
    private Throwable cause;
    private int attempts;
    private String orderId;

    private Details(CarrierId carrier, String message) {
      this.carrier = Objects.requireNonNull(carrier, "carrier");
      // a carrier's answer may echo a secret the SDK sent: masked by value before any text is built
      this.message = dev.shipbridge.spi.support.KnownSecrets.mask(Objects.requireNonNull(message, "message"));
    }

    public Details httpStatus(int httpStatus) {
      this.httpStatus = httpStatus;
      return this;
    }

    public Details carrierCode(String carrierCode) {
      this.carrierCode = carrierCode == null || carrierCode.isBlank() ? null : dev.shipbridge.spi.support.KnownSecrets.mask(carrierCode);
      return this;
    }

    public Details requestId(String requestId) {
      this.requestId = requestId == null || requestId.isBlank() ? null : dev.shipbridge.spi.support.KnownSecrets.mask(requestId);
      return this;
    }

    public Details retryable(boolean retryable) {
      this.retryable = retryable;
      return this;
    }

    public Details outcomeUnknown(boolean outcomeUnknown) {
      this.outcomeUnknown = outcomeUnknown;
      return this;
    }

    public Details idempotencyKey(String idempotencyKey) {
      this.idempotencyKey = idempotencyKey;
      return this;
    }

    /** How many attempts were sent (see {@link CarrierException#attempts()}); set by the resilience layer. */
    public Details attempts(int attempts) {
      this.attempts = Math.max(0, attempts);
      return this;
    }

    /** The carrier's order a failed purchase left behind (see {@link CarrierException#orderId()}). */
    public Details orderId(String orderId) {
      this.orderId = orderId == null || orderId.isBlank() ? null : orderId;
      return this;
    }

    public Details cause(Throwable cause) {
      this.cause = cause;
      return this;
    }

    private Details copy() {
      return new Details(carrier, message).httpStatus(httpStatus).carrierCode(carrierCode).requestId(requestId)
          .retryable(retryable).outcomeUnknown(outcomeUnknown).idempotencyKey(idempotencyKey).attempts(attempts)
          .orderId(orderId).cause(cause);
    }

    /** A plain {@link CarrierException} with these details. */
    public CarrierException build() {
      return new CarrierException(this);
    }
  }
}
