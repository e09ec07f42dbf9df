package dev.shipbridge.testkit.usps;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Replies and the USPS error shapes (usps-api.md 10.1, 2.4). */
final class Wire {
  private Wire() {}

  static final String JSON = "application/json";
  static final String VENDOR_JSON = "application/vnd.usps.labels+json";

  /** What the emulator answers, before any fault is applied. */
  record Reply(int status, Map<String, String> headers, byte[] body) {
    String contentType() {
      return headers.get("Content-Type");
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  static Reply json(int status, Object body) {
    return json(status, body, JSON);
  }

  static Reply json(int status, Object body, String contentType) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", contentType);
    return new Reply(status, h, Json.write(body).getBytes(StandardCharsets.UTF_8));
  }

  static Reply withHeader(Reply r, String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(r.headers());
    h.put(name, value);
    return new Reply(r.status(), h, r.body());
  }

  /** One entry of {@code error.errors[]}. */
  static Json.Obj item(String status, String code, String title, String detail, String parameter) {
    Json.Obj o = Json.obj().with("status", status).with("code", code).with("title", title).with("detail", detail);
    if (parameter != null) {
      o.with("source", Json.obj().with("parameter", parameter));
    }
    return o;
  }

  /** The standard USPS {@code ErrorMessage} envelope. */
  static Reply error(int status, String apiVersion, String message, List<Json.Obj> errors) {
    return json(status, Answers.of("error", "apiVersion", apiVersion, "code", Integer.toString(status),
        "message", message, "errors", new ArrayList<Object>(errors)));
  }

  static Reply badRequest(String apiVersion, List<Json.Obj> errors) {
    String message = errors.isEmpty() ? "Bad Request" : (String) errors.get(0).get("detail");
    return error(400, apiVersion, message, errors);
  }

  static Reply badRequest(String apiVersion, String code, String title, String detail, String parameter) {
    return badRequest(apiVersion, List.of(item("400", code, title, detail, parameter)));
  }

  static Reply unauthorized(String apiVersion, String detail) {
    Reply r = error(401, apiVersion, "Missing or malformed access token.",
        List.of(item("401", null, "invalid_token", detail, "Authorization")));
    return withHeader(r, "WWW-Authenticate", "Bearer realm=\"https://api.usps.com\", error=\"invalid_token\"");
  }

  static Reply tooManyRequests(String apiVersion, long retryAfterSeconds, boolean oauth) {
    Reply r;
    if (oauth) {
      r = json(429, Json.obj().with("error", "invalid_request")
          .with("error_description", "Quota limit exceeded. Retry after " + retryAfterSeconds + " seconds."));
    } else {
      r = error(429, apiVersion,
          "Exceeded quota limit. Please contact https://emailus.usps.com/s/web-tools-inquiry and a representative will assist.",
          List.of(item("429", null, "Too Many Requests.",
              "Quota limit exceeded. The number of requests has exceeded the quota established for the time period.",
              "API product or default")));
    }
    return withHeader(r, "Retry-After", Long.toString(retryAfterSeconds));
  }

  /** RFC 6749 section 5.2 body used by the token endpoint. */
  static Reply oauthError(int status, String error, String description) {
    Reply r = json(status, Json.obj().with("error", error).with("error_description", description)
        .with("error_uri", "https://datatracker.ietf.org/doc/html/rfc6749#page-45"));
    if (status == 401) {
      r = withHeader(r, "WWW-Authenticate", "Basic realm=\"https://api.usps.com\"");
    }
    return r;
  }

  /** The API's base path, used as {@code apiVersion}: {@code /labels/v3}, {@code /tracking/v3r2}, ... */
  static String apiOf(String path) {
    String[] seg = path.split("/");
    if (seg.length >= 3) {
      return "/" + seg[1] + "/" + seg[2];
    }
    return path;
  }

  // ------------------------------------------------------------------ multipart

  private static final String BOUNDARY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  /** A boundary in USPS's style, always containing a {@code +} (e.g. {@code FNfrpx9bbvOkzqOIlaOc8mp+}). */
  static String boundary() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < 25; k++) {
      b.append(k == 11 || k == 24 ? '+' : BOUNDARY_CHARS.charAt(r.nextInt(BOUNDARY_CHARS.length())));
    }
    return b.toString();
  }

  record Part(String name, String contentType, String filename, String content) {}

  /** A {@code multipart/form-data} body with CRLF line ends; images are base64 text, as USPS sends them. */
  static Reply multipart(int status, List<Part> parts) {
    String boundary = boundary();
    StringBuilder b = new StringBuilder();
    for (Part p : parts) {
      b.append("--").append(boundary).append("\r\n");
      b.append("Content-Type: ").append(p.contentType()).append("\r\n");
      b.append("Content-Disposition: form-data; ");
      if (p.filename() != null) {
        b.append("filename=\"").append(p.filename()).append("\"; ");
      }
      b.append("name=\"").append(p.name()).append("\"\r\n\r\n");
      b.append(p.content()).append("\r\n");
    }
    b.append("--").append(boundary).append("--\r\n");
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "multipart/form-data; boundary=" + boundary);
    return new Reply(status, h, b.toString().getBytes(StandardCharsets.UTF_8));
  }
}
