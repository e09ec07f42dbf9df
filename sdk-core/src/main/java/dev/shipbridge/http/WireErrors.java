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
 * Turns an HTTP status plus what an adapter's error mapper read from the body into the right
 * {@link CarrierException} subclass, classified by {@link FailureRules} for the request's {@link
 * RequestSafety}.
 *
 * <pre>{@code
 * throw WireErrors.forStatus(CarrierId.USPS, result, code, message, fieldErrors, clock,
 *     RequestSafety.IDEMPOTENT_WITH_KEY, idempotencyKey);
 * }</pre>
 */
public final class WireErrors {
  private WireErrors() {}

  /**
   * The exception for a non-2xx answer: 400/409/422 {@link InvalidRequestException}, 401/403 {@link
   * AuthenticationException}, 404 {@link NotFoundException}, 429 {@link RateLimitedException} with
   * its {@code Retry-After}, 408 and 5xx {@link CarrierUnavailableException}; the key carried in all.
   */
  public static CarrierException forStatus(CarrierId carrier, HttpResult result, String code, String message,
      List<ValidationException.Violation> fieldErrors, Clock clock, RequestSafety safety, String idempotencyKey) {
    int s = result.status();
    String msg = message == null || message.isBlank() ? "HTTP " + s : message;
    CarrierException.Details d = CarrierException.details(carrier, msg)
        .httpStatus(s).carrierCode(code).requestId(result.requestId()).idempotencyKey(idempotencyKey);
    FailureRules.Fault fault = FailureRules.Fault.ofStatus(s);
    FailureRules.classify(d, fault, safety);
    if (s == 429) return new RateLimitedException(d, retryAfter(result, clock));
    if (fault == FailureRules.Fault.SERVER_FAILED || fault == FailureRules.Fault.FAILED_PERMANENTLY) {
      return new CarrierUnavailableException(d);
    }
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

  /** The longest {@code Retry-After} read (a longer one is read as this, so no arithmetic overflows). */
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
