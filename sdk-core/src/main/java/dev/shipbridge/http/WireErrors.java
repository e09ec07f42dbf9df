package dev.shipbridge.http;

import dev.shipbridge.AuthenticationException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.InvalidRequestException;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.ValidationException;
import dev.shipbridge.model.CarrierId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Turns an HTTP status plus what an adapter read from an error body into the right {@link
 * CarrierException} subclass. Each adapter has one error mapper that extracts code and message
 * from its carrier's envelopes and calls {@link #forStatus}.
 *
 * <pre>{@code
 * throw WireErrors.forStatus(CarrierId.USPS, result, code, message, fieldErrors, clock);
 * }</pre>
 */
public final class WireErrors {
  private WireErrors() {}

  /**
   * 400/422 become {@link InvalidRequestException}; 401/403 {@link AuthenticationException}; 404
   * {@link NotFoundException}; 429 {@link RateLimitedException} with its {@code Retry-After};
   * 502/503/504 a retryable {@link CarrierUnavailableException}; other 5xx a non-retryable one;
   * anything else a plain {@link CarrierException}.
   */
  public static CarrierException forStatus(CarrierId carrier, HttpResult result, String code, String message,
      List<ValidationException.Violation> fieldErrors, Clock clock) {
    return forStatus(carrier, result, code, message, fieldErrors, clock, (String) null);
  }

  /**
   * Like {@link #forStatus(CarrierId, HttpResult, String, String, List, Clock)}, carrying the
   * idempotency key of the request (a label purchase) into the exception, so the caller can
   * reconcile with it.
   */
  public static CarrierException forStatus(CarrierId carrier, HttpResult result, String code, String message,
      List<ValidationException.Violation> fieldErrors, Clock clock, String idempotencyKey) {
    int s = result.status();
    String msg = message == null || message.isBlank() ? "HTTP " + s : message;
    CarrierException.Details d = CarrierException.details(carrier, msg)
        .httpStatus(s).carrierCode(code).requestId(result.requestId()).idempotencyKey(idempotencyKey);
    if (s == 429) {
      return new RateLimitedException(d.retryable(true), retryAfter(result, clock));
    }
    if (s == 401 || s == 403) return new AuthenticationException(d);
    if (s == 404) return new NotFoundException(d);
    if (s == 400 || s == 422 || s == 409) return new InvalidRequestException(d, fieldErrors == null ? List.of() : fieldErrors);
    if (s == 502 || s == 503 || s == 504) return new CarrierUnavailableException(d.retryable(true));
    if (s >= 500) return new CarrierUnavailableException(d);
    return d.build();
  }

  /**
   * Like {@link #forStatus(CarrierId, HttpResult, String, String, List, Clock)}, knowing what the
   * request was, so a 5xx means the right thing:
   *
   * <ul>
   *   <li>{@link RequestSafety#IDEMPOTENT} and {@link RequestSafety#IDEMPOTENT_WITH_KEY}: 408,
   *       429, 500, 502, 503 and 504 are retryable (a read, or a replay under the same key);
   *   <li>{@link RequestSafety#NON_IDEMPOTENT}: 429 stays retryable (it was not processed); every
   *       5xx is not retryable and outcome-unknown, since the carrier may have acted before failing.
   * </ul>
   *
   * The idempotency key is carried into the exception in every case.
   */
  public static CarrierException forStatus(CarrierId carrier, HttpResult result, String code, String message,
      List<ValidationException.Violation> fieldErrors, Clock clock, RequestSafety safety, String idempotencyKey) {
    int s = result.status();
    String msg = message == null || message.isBlank() ? "HTTP " + s : message;
    CarrierException.Details d = CarrierException.details(carrier, msg)
        .httpStatus(s).carrierCode(code).requestId(result.requestId()).idempotencyKey(idempotencyKey);
    if (s == 429) return new RateLimitedException(d.retryable(true), retryAfter(result, clock));
    if (s >= 500 && safety == RequestSafety.NON_IDEMPOTENT) {
      return new CarrierUnavailableException(d.retryable(false).outcomeUnknown(true));
    }
    if (s == 500 || s == 502 || s == 503 || s == 504) return new CarrierUnavailableException(d.retryable(true));
    if (s == 408) return new CarrierUnavailableException(d.retryable(safety != RequestSafety.NON_IDEMPOTENT)
        .outcomeUnknown(safety == RequestSafety.NON_IDEMPOTENT));
    if (s >= 500) return new CarrierUnavailableException(d);
    if (s == 401 || s == 403) return new AuthenticationException(d);
    if (s == 404) return new NotFoundException(d);
    if (s == 400 || s == 422 || s == 409) return new InvalidRequestException(d, fieldErrors == null ? List.of() : fieldErrors);
    return d.build();
  }

  /**
   * For an answer whose body is not what the carrier documents (an HTML error page from a proxy,
   * say): the status decides, the message never quotes the body.
   */
  public static CarrierException forUnreadableError(CarrierId carrier, HttpResult result, Clock clock,
      RequestSafety safety, String idempotencyKey) {
    String ct = result.contentType() == null ? "no content type" : result.contentType();
    return forStatus(carrier, result, null, "HTTP " + result.status() + " with an unreadable body (" + ct + ")",
        List.of(), clock, safety, idempotencyKey);
  }

  /**
   * The longest {@code Retry-After} read: any longer value (10 years, {@code Long.MAX_VALUE}
   * seconds, a far HTTP-date) is read as this, so no later arithmetic can overflow. The hold a 429
   * places on an operation is bounded further by the policy's {@code maxRetryAfter}.
   */
  public static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

  /**
   * The {@code Retry-After} header as a delay: delta-seconds or an HTTP-date, at most {@link
   * #MAX_RETRY_AFTER}; null when absent or unreadable.
   */
  public static Duration retryAfter(HttpResult result, Clock clock) {
    // Some servers split an HTTP-date at its comma into two header lines: join them back.
    List<String> values = result.headers().values("Retry-After");
    return values.isEmpty() ? null : parseRetryAfter(String.join(", ", values), clock);
  }

  /** Parses a {@code Retry-After} value without overflow, capped at {@link #MAX_RETRY_AFTER}; null when unreadable. */
  public static Duration parseRetryAfter(String value, Clock clock) {
    if (value == null) return null;
    String v = value.trim();
    if (!v.isEmpty() && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // delta-seconds: any number of digits; more than 18 cannot fit a long and is over the cap anyway
      if (v.length() > 18) return MAX_RETRY_AFTER;
      long seconds = Long.parseLong(v);
      return seconds > MAX_RETRY_AFTER.getSeconds() ? MAX_RETRY_AFTER : Duration.ofSeconds(seconds);
    }
    if (v.startsWith("-") || v.startsWith("+")) return null;
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(clock.instant(), at);
      if (d.isNegative()) return Duration.ZERO;
      return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
    } catch (DateTimeParseException | ArithmeticException e) {
      return null;
    }
  }
}
