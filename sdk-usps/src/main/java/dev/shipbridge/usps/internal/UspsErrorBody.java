package dev.shipbridge.usps.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipbridge.ValidationException.Violation;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.http.JsonCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads what a USPS error body says, whatever its shape ({@code usps-api.md} 10.1); never throws,
 * never classifies ({@link UspsErrors} does). The v3 envelope {@code {"error": {"code", "message",
 * "errors": [{"code", "title", "detail", "source"}]}}} gives its code from {@code error.code}, {@code
 * errors[].code}, then a machine-style title ({@code invalid_token}), a code repeating the HTTP
 * status last; a {@code source} naming no request parameter ({@code API}) is no field error. Also
 * read: OAuth's {@code {"error", "error_description"}}, the gateway's {@code {"fault": ...}}, an
 * array's first item; plain text as a masked excerpt of at most {@value #EXCERPT} characters, markup
 * as nothing (it may quote anything).
 */
final class UspsErrorBody {
  static final int EXCERPT = 120;
  private static final ObjectMapper MAPPER = JsonCodec.standard().mapper();
  private static final Set<String> OAUTH_ERRORS = Set.of("invalid_request", "invalid_client", "invalid_grant",
      "unauthorized_client", "unsupported_grant_type", "invalid_scope");
  /** A machine-style title: lower-case words joined by underscores or dots ({@code invalid_token}). */
  private static final Pattern MACHINE = Pattern.compile("[a-z][a-z0-9]*(?:[_.][a-z0-9]+)+");
  /** A request parameter as USPS names one ({@code customsForm.contents[0].itemDescription}, {@code ZIPCode}). */
  private static final Pattern PARAMETER = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(?:\\[\\d+])?(?:\\.[A-Za-z][A-Za-z0-9_]*(?:\\[\\d+])?)*");
  /** Sources that name a part of the exchange, not a parameter. */
  private static final Set<String> NOT_PARAMETERS = Set.of("api", "apiproduct", "accesstoken", "token", "header",
      "headers", "body", "request", "query", "path", "server", "gateway", "authorization", "oauth", "scope");
  /** A run of digits, possibly with separators ({@code 314-555-0100}, {@code 63116 1234}). */
  private static final Pattern DIGITS = Pattern.compile("\\d(?:[\\d\\-.()/ ]*\\d)?");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s\"<>]+@[^@\\s\"<>]+\\.[A-Za-z]{2,}");

  private UspsErrorBody() {}

  /** An HTTP error answer's body. */
  static UspsErrors.Parsed read(HttpResult result) {
    byte[] body = result.body();
    JsonNode root = readTree(body);
    if (root == null) {
      String excerpt = excerpt(body, result.contentType());
      return new UspsErrors.Parsed(null, excerpt == null ? null : "HTTP " + result.status() + ": " + excerpt, List.of(), false);
    }
    return read(root, result.status());
  }

  /** A parsed error node (also one v3r2 failure item). */
  static UspsErrors.Parsed read(JsonNode root, int status) {
    if (root.isArray()) {
      return root.size() > 0 ? read(root.get(0), status) : none();
    }
    if (!root.isObject()) return none();
    JsonNode error = root.get("error");
    if (error != null && error.isObject()) return envelope(error, status);
    if (error != null && error.isTextual()) {
      String code = text(error);
      if (code == null) return none();
      String desc = text(root.get("error_description"));
      return new UspsErrors.Parsed(code, desc == null ? code : desc, List.of(), OAUTH_ERRORS.contains(code) || desc != null);
    }
    JsonNode fault = root.get("fault");
    if (fault != null && fault.isObject()) {
      String code = text(fault.path("detail").get("errorcode"));
      return new UspsErrors.Parsed(code, text(fault.get("faultstring")), List.of(), false);
    }
    if (root.has("message") || root.has("errors")) return envelope(root, status);
    return none();
  }

  private static UspsErrors.Parsed none() {
    return new UspsErrors.Parsed(null, null, List.of(), false);
  }

  private static UspsErrors.Parsed envelope(JsonNode error, int status) {
    String statusText = String.valueOf(status);
    String message = text(error.get("message"));
    List<String> codes = new ArrayList<>();   // in the order they count
    String statusCode = null;                 // a code that only repeats the HTTP status
    String top = text(error.get("code"));
    if (top != null && top.equals(statusText)) statusCode = top;
    else if (top != null) codes.add(top);
    List<String> titles = new ArrayList<>();
    String detail = null;
    List<Violation> fields = new ArrayList<>();
    JsonNode errors = error.get("errors");
    if (errors != null && errors.isArray()) {
      for (JsonNode e : errors) {
        if (!e.isObject()) continue;
        String c = text(e.get("code"));
        if (c != null && c.equals(statusText)) statusCode = statusCode == null ? c : statusCode;
        else if (c != null) codes.add(c);
        String title = text(e.get("title"));
        if (title != null && MACHINE.matcher(title).matches()) titles.add(title);
        String d = text(e.get("detail"));
        if (d == null) d = title;
        if (detail == null) detail = d;
        String param = parameter(e.get("source"));
        if (param != null && d != null) fields.add(new Violation(param, d));
      }
    }
    codes.addAll(titles);
    String code = codes.isEmpty() ? statusCode : codes.get(0);
    String full = message == null ? detail : detail == null || message.contains(detail) ? message : message + ": " + detail;
    return new UspsErrors.Parsed(code, full, fields, false);
  }

  /** The request parameter a {@code source} names, or null when it names none. */
  static String parameter(JsonNode source) {
    if (source == null) return null;
    String s;
    if (source.isObject()) {
      s = text(source.get("parameter"));
      if (s == null) s = text(source.get("pointer"));
      if (s != null && s.startsWith("/")) s = s.substring(1).replace('/', '.');
    } else {
      s = text(source);
    }
    // "API product or default", "Access Token", "API": parts of the exchange, not parameters
    if (s == null || !PARAMETER.matcher(s).matches()) return null;
    return NOT_PARAMETERS.contains(s.toLowerCase(Locale.ROOT).replace("_", "")) ? null : s;
  }

  /**
   * A plain-text body as a short excerpt: whitespace collapsed, digits and e-mail addresses masked,
   * at most {@value #EXCERPT} characters; null for an empty body, markup or binary.
   */
  static String excerpt(byte[] body, String contentType) {
    if (body == null || body.length == 0) return null;
    String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    if (ct.contains("html") || ct.contains("xml")) return null;
    String s = new String(body, 0, Math.min(body.length, 4 * EXCERPT), StandardCharsets.UTF_8).strip();
    if (s.isEmpty() || s.indexOf('<') >= 0 || s.indexOf('{') >= 0
        || s.chars().anyMatch(c -> Character.isISOControl(c) && !Character.isWhitespace(c))) {
      return null;
    }
    s = EMAIL.matcher(s.replaceAll("\\s+", " ")).replaceAll("██");
    s = DIGITS.matcher(s).replaceAll(m -> m.group().chars().filter(Character::isDigit).count() <= 3 ? m.group() : "██");
    String excerpt = s.length() > EXCERPT ? s.substring(0, EXCERPT) + "…" : s;
    return "\"" + excerpt + "\"";
  }

  private static JsonNode readTree(byte[] body) {
    int i = 0;
    while (body != null && i < body.length && body[i] >= 0 && body[i] <= ' ') i++; // ASCII blanks only: a BOM is not JSON
    if (body == null || i == body.length || body[i] != '{' && body[i] != '[') return null;
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
