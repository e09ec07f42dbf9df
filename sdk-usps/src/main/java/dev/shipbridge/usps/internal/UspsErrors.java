package dev.shipbridge.usps.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.AuthenticationException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.ValidationException.Violation;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.http.RequestSafety;
import dev.shipbridge.http.WireErrors;
import dev.shipbridge.model.CarrierId;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one place that turns a USPS error answer into an exception: {@link UspsErrorBody} reads
 * every error shape USPS is known to send, and the result goes to {@link WireErrors#forStatus}. A
 * refused OAuth credential is an {@link AuthenticationException} whatever its status (400 or 401).
 * Carrier-specific meanings are applied on top: tracking codes {@code 150001}/{@code 150002} and
 * address codes {@code 010001}/{@code 010005} (sent with status 400) mean "not found".
 */
public final class UspsErrors {
  static final Set<String> TRACKING_NOT_FOUND = Set.of("150001", "150002");
  static final Set<String> ADDRESS_NOT_FOUND = Set.of("010001", "010005");
  /** Carrier Pickup's "Case number not found" (a confirmation number USPS does not know). */
  static final Set<String> PICKUP_NOT_FOUND = Set.of("020015");

  private UspsErrors() {}

  /** What could be read from an error body. */
  record Parsed(String code, String message, List<Violation> fieldErrors, boolean oauth) {}

  /**
   * The exception for a non-2xx answer of {@code api}, classified by the request's {@code safety}
   * (core's {@link dev.shipbridge.http.FailureRules}) and carrying its idempotency key (label purchases).
   */
  public static CarrierException map(HttpResult result, UspsApi api, Clock clock, RequestSafety safety,
      String idempotencyKey) {
    return map(result, api, clock, safety, idempotencyKey, null);
  }

  /** {@link #map} of a tracking answer about {@code number} alone, which a refusal of access then names. */
  static CarrierException map(HttpResult result, UspsApi api, Clock clock, RequestSafety safety, String idempotencyKey,
      String number) {
    Parsed p = UspsErrorBody.read(result);
    CarrierId usps = CarrierId.USPS;
    int status = result.status();
    String message = p.message() == null ? defaultMessage(result) : p.message();
    boolean auth = (p.oauth() || api == UspsApi.OAUTH) && (status == 400 || status == 401 || status == 403);
    boolean notFound = status == 400 && ((p.code() != null && isNotFoundCode(api, p.code()))
        || ((api == UspsApi.DOMESTIC_LABELS || api == UspsApi.INTERNATIONAL_LABELS)
            && message.toLowerCase(Locale.ROOT).contains("order not found"))
        // the Subscriptions spec lists no 404: an unknown id is read from a 400 saying "not found"
        || (api == UspsApi.SUBSCRIPTIONS && message.toLowerCase(Locale.ROOT).contains("not found")));
    if (auth || notFound) {
      CarrierException.Details d = CarrierException.details(usps, message).httpStatus(status)
          .carrierCode(p.code()).requestId(result.requestId()).idempotencyKey(idempotencyKey);
      return auth ? new AuthenticationException(d) : new NotFoundException(d);
    }
    if ((api == UspsApi.TRACKING_V3 || api == UspsApi.TRACKING_V3R2)
        && TrackingAccess.isAccessRefusal(status, p.code(), p.message())) {
      return TrackingAccess.refused(number, p.message(), status, p.code(), result.requestId());
    }
    if (status == 403 && api != UspsApi.OAUTH) message = OAuthRefusals.forbidden(api, message);
    return WireErrors.forStatus(usps, result, p.code(), message, p.fieldErrors(), clock, safety, idempotencyKey);
  }

  /**
   * The exception for the failed item of {@code number} in tracking v3r2's multi-status answer (207),
   * whose own {@code statusCode} (an error without a failure status: 404) says what happened to that
   * item. A per-number 403 can only be about this parcel (a missing scope refuses the whole request):
   * a refusal of access.
   */
  static CarrierException mapItem(JsonNode item, int statusCode, String number, String requestId, Clock clock) {
    int itemStatus = statusCode >= 300 ? statusCode : 404;
    HttpResult synthetic = new HttpResult(itemStatus, okhttp3.Headers.of(), new byte[0], null, requestId);
    Parsed p = UspsErrorBody.read(item, itemStatus);
    if (statusCode == 403 || TrackingAccess.ANOTHER_SHIPPER.equals(p.code())) {
      return TrackingAccess.refused(number, p.message(), statusCode >= 300 ? statusCode : 403, p.code(), requestId);
    }
    String message = p.message() == null ? "HTTP " + itemStatus + " for this item" : p.message();
    if (itemStatus == 400 && p.code() != null && TRACKING_NOT_FOUND.contains(p.code())) itemStatus = 404;
    if (itemStatus == 404) {
      return new NotFoundException(CarrierException.details(CarrierId.USPS, message).httpStatus(404)
          .carrierCode(p.code()).requestId(requestId));
    }
    return WireErrors.forStatus(CarrierId.USPS, synthetic, p.code(), message, p.fieldErrors(), clock,
        RequestSafety.IDEMPOTENT, null);
  }

  private static boolean isNotFoundCode(UspsApi api, String code) {
    return switch (api) {
      case TRACKING_V3, TRACKING_V3R2 -> TRACKING_NOT_FOUND.contains(code);
      case ADDRESSES -> ADDRESS_NOT_FOUND.contains(code);
      case CARRIER_PICKUP -> PICKUP_NOT_FOUND.contains(code);
      default -> false;
    };
  }

  private static String defaultMessage(HttpResult r) {
    String ct = r.contentType() == null ? "no content type" : r.contentType();
    return "HTTP " + r.status() + (r.body().length == 0 ? " with an empty body" : " (" + ct + " body)");
  }
}
