package dev.shipbridge.usps.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipbridge.AuthenticationException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.ValidationException.Violation;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.http.RequestSafety;
import dev.shipbridge.http.WireErrors;
import dev.shipbridge.model.CarrierId;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one place that turns a USPS error answer into an exception. It reads every error shape
 * USPS is known to send and hands the result to {@link WireErrors#forStatus}:
 *
 * <ul>
 *   <li>the v3 envelope {@code {"apiVersion", "error": {"code", "message", "errors": [{"code",
 *       "title", "detail", "source"}]}}}, with {@code source} as an object or a plain string;
 *   <li>the OAuth (RFC 6749) shape {@code {"error", "error_description"}}: a refused credential is
 *       an {@link AuthenticationException} whatever its status (400 or 401);
 *   <li>the API gateway's own {@code {"fault": {"faultstring", "detail": {"errorcode"}}}};
 *   <li>a JSON array (tracking v3r2 failures), of which the first element counts;
 *   <li>anything else (HTML or plain text): only the status and content type are used, never the
 *       body, which may hold personal data.
 * </ul>
 *
 * Carrier-specific meanings are applied on top: tracking codes {@code 150001}/{@code 150002} and
 * address codes {@code 010001}/{@code 010005} (sent with status 400) mean "not found".
 */
public final class UspsErrors {
  static final Set<String> TRACKING_NOT_FOUND = Set.of("150001", "150002");
  static final Set<String> ADDRESS_NOT_FOUND = Set.of("010001", "010005");
  private static final Set<String> OAUTH_ERRORS = Set.of("invalid_request", "invalid_client", "invalid_grant",
      "unauthorized_client", "unsupported_grant_type", "invalid_scope");
  private static final ObjectMapper MAPPER = JsonCodec.standard().mapper();

  private UspsErrors() {}

  /** What could be read from an error body. */
  record Parsed(String code, String message, List<Violation> fieldErrors, boolean oauth) {}

  /** The exception for a non-2xx answer of {@code api} to a read ({@link RequestSafety#IDEMPOTENT}). */
  public static CarrierException map(HttpResult result, UspsApi api, Clock clock) {
    return map(result, api, clock, RequestSafety.IDEMPOTENT, null);
  }

  /**
   * The exception for a non-2xx answer of {@code api}, classified by the request's {@code safety}
   * (core's {@link dev.shipbridge.http.FailureRules}) and carrying its idempotency key (label purchases).
   */
  public static CarrierException map(HttpResult result, UspsApi api, Clock clock, RequestSafety safety,
      String idempotencyKey) {
    Parsed p = parse(result);
    CarrierId usps = CarrierId.USPS;
    int status = result.status();
    String message = p.message() == null ? defaultMessage(result) : p.message();
    boolean auth = (p.oauth() || api == UspsApi.OAUTH) && (status == 400 || status == 401 || status == 403);
    boolean notFound = status == 400 && ((p.code() != null && isNotFoundCode(api, p.code()))
        || ((api == UspsApi.DOMESTIC_LABELS || api == UspsApi.INTERNATIONAL_LABELS)
            && message.toLowerCase(Locale.ROOT).contains("order not found")));
    if (auth || notFound) {
      CarrierException.Details d = CarrierException.details(usps, message).httpStatus(status)
          .carrierCode(p.code()).requestId(result.requestId()).idempotencyKey(idempotencyKey);
      return auth ? new AuthenticationException(d) : new NotFoundException(d);
    }
    return WireErrors.forStatus(usps, result, p.code(), message, p.fieldErrors(), clock, safety, idempotencyKey);
  }

  /**
   * The exception for one failed item of a multi-status answer (tracking v3r2's 207), whose own
   * {@code statusCode} says what happened to that item.
   */
  public static CarrierException mapItem(JsonNode item, int itemStatus, UspsApi api, String requestId, Clock clock) {
    HttpResult synthetic = new HttpResult(itemStatus, okhttp3.Headers.of(), new byte[0], null, requestId);
    Parsed p = parse(item, itemStatus);
    String message = p.message() == null ? "HTTP " + itemStatus + " for this item" : p.message();
    if (itemStatus == 400 && p.code() != null && isNotFoundCode(api, p.code())) itemStatus = 404;
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
      default -> false;
    };
  }

  private static String defaultMessage(HttpResult r) {
    String ct = r.contentType() == null ? "no content type" : r.contentType();
    return "HTTP " + r.status() + (r.body().length == 0 ? " with an empty body" : " (" + ct + " body)");
  }

  /** Reads code, message and field errors from any known error shape; never throws. */
  static Parsed parse(HttpResult result) {
    JsonNode root = readTree(result.body());
    if (root == null) return new Parsed(null, null, List.of(), false);
    return parse(root, result.status());
  }

  /** Reads code, message and field errors from a parsed error node (also one v3r2 failure item). */
  static Parsed parse(JsonNode root, int status) {
    if (root.isArray()) {
      return root.size() > 0 ? parse(root.get(0), status) : new Parsed(null, null, List.of(), false);
    }
    if (!root.isObject()) return new Parsed(null, null, List.of(), false);
    JsonNode error = root.get("error");
    if (error != null && error.isObject()) return envelope(error, status);
    if (error != null && error.isTextual()) {
      String code = error.asText();
      String desc = text(root.get("error_description"));
      return new Parsed(code, desc == null ? code : desc, List.of(), OAUTH_ERRORS.contains(code) || desc != null);
    }
    JsonNode fault = root.get("fault");
    if (fault != null && fault.isObject()) {
      String code = text(fault.path("detail").get("errorcode"));
      return new Parsed(code, text(fault.get("faultstring")), List.of(), false);
    }
    if (root.has("message") || root.has("errors")) return envelope(root, status);
    return new Parsed(null, null, List.of(), false);
  }

  private static Parsed envelope(JsonNode error, int status) {
    String message = text(error.get("message"));
    String code = null;
    String detail = null;
    List<Violation> fields = new ArrayList<>();
    JsonNode errors = error.get("errors");
    if (errors != null && errors.isArray()) {
      for (JsonNode e : errors) {
        if (!e.isObject()) continue;
        String c = text(e.get("code"));
        if (code == null && c != null && !c.equals(String.valueOf(status))) code = c;
        String d = text(e.get("detail"));
        if (d == null) d = text(e.get("title"));
        if (detail == null) detail = d;
        JsonNode source = e.get("source");
        String param = source == null ? null : source.isObject() ? text(source.get("parameter")) : text(source);
        if (param != null && d != null) fields.add(new Violation(param, d));
      }
    }
    if (code == null) {
      String c = text(error.get("code"));
      if (c != null && !c.equals(String.valueOf(status))) code = c;
    }
    String full = message == null ? detail : detail == null || message.contains(detail) ? message : message + ": " + detail;
    return new Parsed(code, full, fields, false);
  }

  private static JsonNode readTree(byte[] body) {
    if (body == null || body.length == 0) return null;
    int i = 0;
    while (i < body.length && Character.isWhitespace(body[i])) i++;
    if (i == body.length || (body[i] != '{' && body[i] != '[')) return null;
    try {
      return MAPPER.readTree(body);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static String text(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode() || n.isContainerNode()) return null;
    String s = n.asText().strip();
    if (s.isEmpty()) return null;
    return s.length() > 500 ? s.substring(0, 500) : s;
  }
}
