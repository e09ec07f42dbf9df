package dev.shipbridge.usps.internal;

import dev.shipbridge.http.RequestSafety;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One USPS request as the mappers describe it, before {@link UspsTransport} adds the host,
 * tokens and headers. Path segments are encoded by the transport.
 */
final class ApiCall {
  static final String JSON = "application/json";
  static final String LABELS_JSON = "application/vnd.usps.labels+json";

  final UspsApi api;
  final String method;
  final List<String> segments;
  /** Empty and immutable until the first {@link #query(String, String)}: most calls have none. */
  Map<String, String> query = Map.of();
  byte[] body;
  String accept = JSON;
  RequestSafety safety = RequestSafety.IDEMPOTENT;
  /** The caller's idempotency key (carried into outcome-unknown failures). */
  String idempotencyKey;
  /** The UUID sent as {@code X-Idempotency-Key}. */
  String idempotencyUuid;
  boolean paymentToken;

  private ApiCall(UspsApi api, String method, String... path) {
    this.api = Objects.requireNonNull(api, "api");
    this.method = method;
    this.segments = List.of(path);
  }

  static ApiCall get(UspsApi api, String... path) {
    return new ApiCall(api, "GET", path);
  }

  static ApiCall post(UspsApi api, byte[] body, String... path) {
    ApiCall c = new ApiCall(api, "POST", path);
    c.body = body;
    c.safety = RequestSafety.NON_IDEMPOTENT;
    return c;
  }

  static ApiCall delete(UspsApi api, String... path) {
    return new ApiCall(api, "DELETE", path);
  }

  ApiCall query(String name, String value) {
    if (value != null && !value.isBlank()) {
      if (query.isEmpty()) query = new LinkedHashMap<>();
      query.put(name, value);
    }
    return this;
  }

  ApiCall accept(String accept) {
    this.accept = accept;
    return this;
  }

  ApiCall safety(RequestSafety safety) {
    this.safety = safety;
    return this;
  }

  ApiCall idempotency(String key, String uuid) {
    this.idempotencyKey = key;
    this.idempotencyUuid = uuid;
    return this;
  }

  ApiCall withPaymentToken() {
    this.paymentToken = true;
    return this;
  }

  /** {@code POST labels/v3/label} for logs: no query, no body. */
  String describe() {
    return method + " " + api.basePath() + (segments.isEmpty() ? "" : "/" + String.join("/", segments));
  }
}
