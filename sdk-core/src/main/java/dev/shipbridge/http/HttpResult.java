package dev.shipbridge.http;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import okhttp3.Headers;

/**
 * A carrier's answer, read whole: status, headers and body. Returned for every status; adapters
 * map non-2xx answers with their error mapper and {@link WireErrors}.
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body bytes (never null; empty when there was none)
 * @param contentType the {@code Content-Type} header, or null
 * @param requestId the carrier's request or trace id, when a known header carried one
 */
public record HttpResult(int status, Headers headers, byte[] body, String contentType, String requestId) {
  public HttpResult {
    body = body == null ? new byte[0] : body;
  }

  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  @Override
  public String toString() {
    return "HttpResult[status=" + status + ", contentType=" + contentType + ", bytes=" + body.length
        + ", requestId=" + requestId + "]";
  }
}
