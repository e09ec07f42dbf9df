package dev.shipbridge.http;

import dev.shipbridge.CarrierException;
import java.util.Objects;

/**
 * The one place that decides, for every adapter alike, whether a failed attempt may be sent again
 * ({@link CarrierException#retryable()}) and whether a state change may have taken effect ({@link
 * CarrierException#outcomeUnknown()}), from what went wrong ({@link Fault}) and what the request
 * was ({@link RequestSafety}):
 *
 * <table>
 *   <caption>retryable (r) / outcome unknown (u) / neither (-), per attempt</caption>
 *   <tr><th>fault</th><th>IDEMPOTENT</th><th>IDEMPOTENT_WITH_KEY</th><th>NON_IDEMPOTENT</th></tr>
 *   <tr><td>NOT_SENT (connect refused, DNS, TLS handshake)</td><td>r</td><td>r</td><td>r</td></tr>
 *   <tr><td>THROTTLED (429)</td><td>r</td><td>r</td><td>r</td></tr>
 *   <tr><td>REFUSED (other 4xx)</td><td>-</td><td>-</td><td>-</td></tr>
 *   <tr><td>LOST (reset, empty close, timeout after sending)</td><td>r</td><td>r</td><td>u</td></tr>
 *   <tr><td>SERVER_FAILED (408, 500, 502, 503, 504)</td><td>r</td><td>r</td><td>u</td></tr>
 *   <tr><td>FAILED_PERMANENTLY (other 5xx)</td><td>-</td><td>-</td><td>u</td></tr>
 *   <tr><td>DAMAGED_ANSWER (2xx, empty, truncated or not JSON)</td><td>r</td><td>r</td><td>u</td></tr>
 *   <tr><td>WRONG_ANSWER (2xx, JSON of the wrong shape)</td><td>-</td><td>u</td><td>u</td></tr>
 * </table>
 *
 * <p>When the facade gives up on a purchase after an attempt that may have taken effect, its
 * resilience layer makes the failure outcome-unknown, carrying the key.
 *
 * <pre>{@code
 * CarrierException.Details d = CarrierException.details(CarrierId.of("acme"), "Acme is failing").httpStatus(503);
 * throw new CarrierUnavailableException(FailureRules.classify(d, Fault.ofStatus(503), RequestSafety.NON_IDEMPOTENT));
 * }</pre>
 */
public final class FailureRules {
  private FailureRules() {}

  /** What went wrong with one attempt, as far as retrying and outcomes are concerned. */
  public enum Fault {
    /** The request provably never left (connect refused, unknown host, no route, TLS handshake). */
    NOT_SENT,
    /** The carrier said 429: it did not process the request. */
    THROTTLED,
    /** The carrier refused the request (4xx other than 408 and 429): it did nothing, and would refuse again. */
    REFUSED,
    /** The request left and no answer came back (reset, empty close, stall, timeout). */
    LOST,
    /** A transient server failure: 408, 500, 502, 503, 504. */
    SERVER_FAILED,
    /** Any other 5xx (501, 505, ...): trying again will not help. */
    FAILED_PERMANENTLY,
    /** A 2xx answer that is empty, truncated or not the expected syntax. */
    DAMAGED_ANSWER,
    /** A 2xx answer in the right syntax but of the wrong shape: the carrier would answer the same again. */
    WRONG_ANSWER;

    /** The fault an HTTP status stands for (a 2xx or 3xx here is a {@link #WRONG_ANSWER}). */
    public static Fault ofStatus(int status) {
      if (status == 429) return THROTTLED;
      if (status == 408 || status == 500 || status == 502 || status == 503 || status == 504) return SERVER_FAILED;
      if (status >= 500) return FAILED_PERMANENTLY;
      if (status >= 400) return REFUSED;
      return WRONG_ANSWER;
    }

    /** Whether a request that failed so may have been carried out by the carrier. */
    public boolean mayHaveTakenEffect() {
      return this == LOST || this == SERVER_FAILED || this == FAILED_PERMANENTLY || this == DAMAGED_ANSWER
          || this == WRONG_ANSWER;
    }
  }

  /**
   * Sets {@code retryable} and {@code outcomeUnknown} of {@code details} by the table above and
   * returns them.
   */
  public static CarrierException.Details classify(CarrierException.Details details, Fault fault, RequestSafety safety) {
    Objects.requireNonNull(fault, "fault");
    Objects.requireNonNull(safety, "safety");
    boolean unknown = safety == RequestSafety.NON_IDEMPOTENT ? fault.mayHaveTakenEffect()
        : safety == RequestSafety.IDEMPOTENT_WITH_KEY && fault == Fault.WRONG_ANSWER;
    boolean retryable = !unknown && switch (fault) {
      case NOT_SENT, THROTTLED, LOST, SERVER_FAILED, DAMAGED_ANSWER -> true;
      case REFUSED, FAILED_PERMANENTLY, WRONG_ANSWER -> false;
    };
    return details.retryable(retryable).outcomeUnknown(unknown);
  }
}
