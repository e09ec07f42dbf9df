package dev.shipbridge.usps.internal;

import dev.shipbridge.http.RequestSafety;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One USPS request before the host, tokens and headers are added; path segments are encoded
 * when the URL is built.
 *
 * @param idempotencyKey the caller's key, carried into outcome-unknown failures (purchases only)
 * @param idempotencyUuid the UUID sent as {@code X-Idempotency-Key}
 */
record Call(UspsApi api, String method, List<String> path, Map<String, String> query, byte[] body, String accept,
    RequestSafety safety, String idempotencyKey, String idempotencyUuid, boolean paymentToken) {
  static final String LABELS_JSON = "application/vnd.usps.labels+json";
  private static final String JSON = "application/json";

  /** A GET; blank query values are left out (USPS refuses empty parameters). */
  static Call get(UspsApi api, Map<String, String> query, String... path) {
    Map<String, String> q = new LinkedHashMap<>(query);
    q.values().removeIf(v -> v == null || v.isBlank());
    return new Call(api, "GET", List.of(path), q, null, JSON, RequestSafety.IDEMPOTENT, null, null, false);
  }

  /** A POST that changes nothing (a search): safe to repeat. */
  static Call search(UspsApi api, byte[] body, String... path) {
    return new Call(api, "POST", List.of(path), Map.of(), body, JSON, RequestSafety.IDEMPOTENT, null, null, false);
  }

  /** A paid call (label, SCAN form, cancel): with the payment token and the Labels API's answer type. */
  static Call paid(UspsApi api, String method, byte[] body, RequestSafety safety, String key, String uuid,
      String... path) {
    return new Call(api, method, List.of(path), Map.of(), body, LABELS_JSON, safety, key, uuid, true);
  }

  /** A label's cancellation: a DELETE with the payment token, safe to repeat. */
  static Call cancel(UspsApi api, String... path) {
    return new Call(api, "DELETE", List.of(path), Map.of(), null, JSON, RequestSafety.IDEMPOTENT, null, null, true);
  }

  /** A booking's or subscription's POST, PUT or DELETE ({@code body} null): not safe to repeat. */
  static Call change(UspsApi api, String method, byte[] body, String... path) {
    return new Call(api, method, List.of(path), Map.of(), body, JSON, RequestSafety.NON_IDEMPOTENT, null, null, false);
  }

  /** Query parameters in order, from names and values. */
  static Map<String, String> query(String... namesAndValues) {
    Map<String, String> q = new LinkedHashMap<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) q.put(namesAndValues[i], namesAndValues[i + 1]);
    return q;
  }

  /** {@code POST labels/v3/label} for logs: no query, no body. */
  String describe() {
    return method + " " + api.basePath() + "/" + String.join("/", path);
  }
}
