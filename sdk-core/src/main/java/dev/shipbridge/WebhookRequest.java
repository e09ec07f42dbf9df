package dev.shipbridge;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A pushed notification as your HTTP server received it: the raw body bytes (verify signatures
 * over these, never over a re-serialised form) and the headers.
 *
 * <pre>{@code
 * WebhookRequest push = WebhookRequest.of(bodyBytes, Map.of("X-HMAC", List.of(hmac),
 *     "Content-Type", List.of("application/json")));
 * }</pre>
 */
public record WebhookRequest(byte[] body, Map<String, List<String>> headers) {
  public WebhookRequest {
    body = body == null ? new byte[0] : body.clone();
    TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) headers.forEach((k, v) -> h.put(k, v == null ? List.of() : List.copyOf(v)));
    headers = java.util.Collections.unmodifiableMap(h);
  }

  public static WebhookRequest of(byte[] body, Map<String, List<String>> headers) {
    return new WebhookRequest(body, headers);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The first value of a header, matched without regard to case. */
  public Optional<String> header(String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.ofNullable(v.get(0));
  }

  /** The media type without parameters, lowercase, or empty. */
  public String mediaType() {
    return header("Content-Type").map(v -> v.split(";", 2)[0].trim().toLowerCase(Locale.ROOT)).orElse("");
  }

  @Override
  public String toString() {
    return "WebhookRequest[bytes=" + body.length + ", headers=" + headers.keySet() + "]";
  }
}
