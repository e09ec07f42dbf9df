package dev.shipbridge;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A pushed notification as your HTTP server received it: the raw body bytes (signatures are
 * verified over these) and the headers. A body over {@link #MAX_BODY_BYTES} is refused ({@link
 * WebhookException.Reason#TOO_LARGE}), and {@link #read} never buffers one whole.
 *
 * <pre>{@code
 * WebhookRequest push = WebhookRequest.read(servletRequest.getInputStream(), Map.of(
 *     "X-HMAC", List.of(hmac), "Content-Type", List.of("application/json")));
 * }</pre>
 */
public record WebhookRequest(byte[] body, Map<String, List<String>> headers) {
  /** The largest notification body accepted, in bytes (one parcel's trace fits many times over). */
  public static final int MAX_BODY_BYTES = 1_000_000;

  /** @throws WebhookException ({@link WebhookException.Reason#TOO_LARGE}) over {@link #MAX_BODY_BYTES} */
  public WebhookRequest {
    if (body != null && body.length > MAX_BODY_BYTES) throw tooLarge();
    body = body == null ? new byte[0] : body.clone();
    TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) headers.forEach((k, v) -> h.put(k, v == null ? List.of() : List.copyOf(v)));
    headers = java.util.Collections.unmodifiableMap(h);
  }

  /**
   * A request from bytes already read.
   *
   * @throws WebhookException ({@link WebhookException.Reason#TOO_LARGE}) over {@link #MAX_BODY_BYTES}
   */
  public static WebhookRequest of(byte[] body, Map<String, List<String>> headers) {
    return new WebhookRequest(body, headers);
  }

  /**
   * Reads a request body from {@code in}, at most {@link #MAX_BODY_BYTES} + 1 bytes of it: a
   * larger body is refused without being buffered. The stream is not closed.
   *
   * @throws WebhookException ({@link WebhookException.Reason#TOO_LARGE}) over {@link #MAX_BODY_BYTES}
   * @throws java.io.UncheckedIOException when the stream fails
   */
  public static WebhookRequest read(java.io.InputStream in, Map<String, List<String>> headers) {
    try {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) throw tooLarge();
      return new WebhookRequest(body, headers);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("reading the notification body failed", e);
    }
  }

  private static WebhookException tooLarge() {
    return new WebhookException(WebhookException.Reason.TOO_LARGE,
        "notification body is larger than " + MAX_BODY_BYTES + " bytes; not read");
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
