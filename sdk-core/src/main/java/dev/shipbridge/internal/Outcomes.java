package dev.shipbridge.internal;

import dev.shipbridge.AuthenticationException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.InvalidRequestException;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.ShipbridgeException;
import dev.shipbridge.http.FailureRules;
import dev.shipbridge.http.HttpTransport;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.Operation;

/**
 * The resilience loop's decisions on top of {@link dev.shipbridge.http.FailureRules}: whether to
 * send a call again, whether an attempt may have taken effect, and what the caller gets when the
 * loop gives up. A retry Shipbridge itself refuses (no permit, breaker open, bulkhead full) yields
 * the last real failure, the refusal named and suppressed; a purchase any attempt of which may
 * have taken effect ends outcome-unknown and not retryable.
 */
public final class Outcomes {
  private Outcomes() {}

  /**
   * Whether the loop may send the call again after {@code t}: a retryable failure, never an
   * outcome-unknown one; a purchase without an honoured key only after a 429 or a failure
   * provably before sending (a fault never buys two labels).
   */
  static boolean mayRetry(Throwable t, Operation operation, boolean honoursIdempotencyKey) {
    if (!(t instanceof CarrierException ce) || !ce.retryable() || ce.outcomeUnknown()) return false;
    if (operation.isPurchase() && !honoursIdempotencyKey) {
      return ce.httpStatus() == 429 || (ce.httpStatus() == 0 && HttpTransport.provablyNotSent(ce));
    }
    return true;
  }

  /** Whether the carrier may have carried out the request that failed with {@code e}. */
  static boolean mayHaveTakenEffect(RuntimeException e) {
    // Bad input is refused before anything is sent; another Shipbridge exception (closed, interrupted) sends nothing.
    if (e instanceof ShipbridgeException && !(e instanceof CarrierException)) return false;
    if (!(e instanceof CarrierException ce)) return true; // an adapter's own bug after sending: assume the worst
    if (ce.outcomeUnknown()) return true;
    // A carrier's definite refusal (in whatever HTTP status its envelope came) did nothing.
    if (ce instanceof InvalidRequestException || ce instanceof AuthenticationException || ce instanceof NotFoundException
        || ce instanceof RateLimitedException) {
      return false;
    }
    if (ce.httpStatus() == 0) return !HttpTransport.provablyNotSent(ce);
    return FailureRules.Fault.ofStatus(ce.httpStatus()).mayHaveTakenEffect();
  }

  /**
   * The exception the caller gets; a purchase an earlier attempt may have made is outcome-unknown
   * whatever ended it (a refusal, an interrupt, bad input or an adapter's bug in a later attempt).
   *
   * @param failure the last real failure of an attempt (or the only one)
   * @param refusal what stopped the next attempt (Shipbridge's own refusal, an interrupt), or null
   * @param anyMayHaveTakenEffect whether any attempt of the call may have taken effect
   * @param carrier the carrier, naming a purchase that ends in something other than its failure
   * @param key the idempotency key an earlier attempt was sent with, or null
   */
  static RuntimeException settle(RuntimeException failure, RuntimeException refusal, Operation operation,
      int attempts, boolean anyMayHaveTakenEffect, CarrierId carrier, String key) {
    if (!(failure instanceof CarrierException)) {
      if (refusal != null) failure.addSuppressed(refusal);
      boolean unknown = operation.isPurchase() && anyMayHaveTakenEffect && carrier != null;
      return unknown ? unknownAfter(carrier, key, failure, attempts) : failure;
    }
    CarrierException ce = (CarrierException) failure;
    String message = refusal == null ? ce.plainMessage() : ce.plainMessage() + " (after " + attempts
        + " attempt(s); the retry was not sent: " + refusalText(refusal) + ")";
    CarrierException.Details d = CarrierException.details(ce.carrier(), message).httpStatus(ce.httpStatus())
        .carrierCode(ce.carrierCode().orElse(null)).requestId(ce.requestId().orElse(null))
        .retryable(ce.retryable()).outcomeUnknown(ce.outcomeUnknown())
        .idempotencyKey(ce.idempotencyKey().orElse(key)).orderId(ce.orderId().orElse(null))
        .attempts(attempts).cause(ce.getCause());
    boolean keyAdded = key != null && ce.idempotencyKey().isEmpty(); // a later attempt failed before the key was sent
    boolean purchase = operation.isPurchase();
    boolean becomesUnknown = purchase && anyMayHaveTakenEffect && !ce.outcomeUnknown();
    if (becomesUnknown) d.outcomeUnknown(true).retryable(false);
    else if (purchase && ce.outcomeUnknown()) d.retryable(false);
    CarrierException out = rebuild(ce, d, becomesUnknown || refusal != null || keyAdded);
    if (out != ce) {
      out.setStackTrace(ce.getStackTrace());
      for (Throwable s : ce.getSuppressed()) out.addSuppressed(s);
    }
    if (refusal != null) out.addSuppressed(refusal);
    return out;
  }

  private static String refusalText(RuntimeException refusal) {
    String text = refusal instanceof CarrierException c ? c.plainMessage() : String.valueOf(refusal.getMessage());
    return text.replace("; the call was not sent", "");
  }

  /**
   * A purchase that failed with {@code failure} (not a carrier's answer) after an earlier attempt
   * may have bought: outcome unknown, carrying the key and carrier of the attempt that was sent.
   */
  private static CarrierException unknownAfter(CarrierId carrier, String key, RuntimeException failure, int attempts) {
    return new CarrierException(CarrierException.details(carrier, failure.getClass().getSimpleName() + " in the "
            + carrier + " adapter after " + attempts + " attempt(s), one of which may have bought the label:"
            + " the outcome of the purchase is unknown")
        .outcomeUnknown(true).retryable(false).attempts(attempts).idempotencyKey(key).cause(failure));
  }

  /**
   * {@code e} carrying {@code idempotencyKey} when it carries none (a purchase that failed in a
   * preliminary call, such as fetching a token): the facade knows the purchase's key.
   */
  public static CarrierException withKey(CarrierException e, String idempotencyKey) {
    if (idempotencyKey == null || e.idempotencyKey().isPresent()) return e;
    CarrierException.Details d = e.toDetails().idempotencyKey(idempotencyKey);
    CarrierException out = rebuild(e, d, true);
    out.setStackTrace(e.getStackTrace());
    return out;
  }

  /** A copy of {@code e} of the same type with {@code d}; an adapter's own subclass stays itself unless {@code mustChange}. */
  private static CarrierException rebuild(CarrierException e, CarrierException.Details d, boolean mustChange) {
    Class<?> type = e.getClass();
    if (type == RateLimitedException.class) return new RateLimitedException(d, ((RateLimitedException) e).retryAfter().orElse(null));
    if (type == InvalidRequestException.class) return new InvalidRequestException(d, ((InvalidRequestException) e).fieldErrors());
    if (type == NotFoundException.class) return new NotFoundException(d);
    if (type == AuthenticationException.class) return new AuthenticationException(d);
    if (type == dev.shipbridge.TrackingAccessDeniedException.class) { // keeps the number and MID, gains the attempts
      var t = (dev.shipbridge.TrackingAccessDeniedException) e;
      return new dev.shipbridge.TrackingAccessDeniedException(d, t.trackingNumber().orElse(null), t.mailerId().orElse(null));
    }
    if (type == CarrierUnavailableException.class) return new CarrierUnavailableException(d);
    if (type == CarrierException.class || mustChange) {
      CarrierException out = new CarrierException(d);
      if (type != CarrierException.class) out.addSuppressed(e);
      return out;
    }
    return e;
  }
}
