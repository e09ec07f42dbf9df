package dev.shipbridge.usps.internal;

import dev.shipbridge.CarrierException;
import dev.shipbridge.model.CarrierId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small, forgiving reader of the multipart bodies USPS answers label and SCAN-form requests
 * with. The body is read as ISO-8859-1 text, one char per byte, so a part's content turns back
 * into exactly its bytes. Written by hand because USPS's bodies bend the rules: the boundary may
 * be quoted or not and contain characters such as {@code +} or {@code =}, the {@code Content-Type}
 * may lack the boundary parameter (then it is taken from the body's first delimiter line), lines
 * end in CRLF or bare LF, and image parts are base64 text whatever their {@code Content-Type} and
 * stale {@code Content-Transfer-Encoding} headers say.
 */
final class Multipart {
  private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary\\s*=\\s*(?:\"([^\"]+)\"|([^;\\s]+))");
  private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]+))");
  /** Where a part's headers end: a line end opening the part (no headers), or a blank line. */
  private static final Pattern HEADERS_END = Pattern.compile("^\r?\n|\r\n\r\n|\n\n");
  /** Base64 text in either alphabet, with line breaks. */
  private static final Pattern BASE64_TEXT = Pattern.compile("[A-Za-z0-9+/=_\\- \t\r\n]+");

  private Multipart() {}

  /** One part: its headers (lower-case names), its {@code name}, and its content, one char per byte. */
  record Part(Map<String, String> headers, String name, String text) {
    String contentType() {
      return headers.getOrDefault("content-type", "");
    }

    boolean isJson() {
      String ct = contentType().toLowerCase(Locale.ROOT);
      return ct.contains("json") || ct.isEmpty() && trimStart(text).startsWith("{");
    }

    /** The content as is: a JSON part to parse. */
    byte[] content() {
      return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The content base64-decoded when it is base64 text (USPS's image parts), else as is. */
    byte[] decoded() {
      String t = trimStart(text);
      if (t.isEmpty() || !BASE64_TEXT.matcher(t).matches()) return content();
      try {
        if (t.indexOf('-') >= 0 || t.indexOf('_') >= 0) { // rare: the URL alphabet, which the MIME decoder would skip as noise
          return Base64.getUrlDecoder().decode(t.replaceAll("\\s", ""));
        }
        return Base64.getMimeDecoder().decode(t);
      } catch (IllegalArgumentException notBase64) {
        return content();
      }
    }
  }

  /** Whether a content type or a body looks multipart. */
  static boolean looksMultipart(String contentType, byte[] body) {
    if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) return true;
    String s = trimStart(latin1(body));
    return s.startsWith("--") && s.length() > 2 && s.charAt(2) != '-';
  }

  /** The boundary from {@code contentType}, else from the body's first delimiter line. */
  private static Optional<String> boundary(String contentType, String body) {
    if (contentType != null) {
      Matcher m = BOUNDARY.matcher(contentType);
      if (m.find()) return Optional.of(m.group(1) != null ? m.group(1) : m.group(2));
    }
    String s = trimStart(body);
    if (!s.startsWith("--")) return Optional.empty();
    String b = s.substring(2).lines().findFirst().orElse("").strip();
    if (b.endsWith("--")) b = b.substring(0, b.length() - 2);
    return b.isEmpty() ? Optional.empty() : Optional.of(b);
  }

  /** The parts of a multipart body; a {@link CarrierException} when it has none. */
  static List<Part> parse(String contentType, byte[] bytes) {
    String body = latin1(bytes);
    String delimiter = "--" + boundary(contentType, body).orElseThrow(() -> malformed("a multipart body without a boundary"));
    int lead = body.length() - trimStart(body).length();
    List<Part> parts = new ArrayList<>();
    int at = findDelimiter(body, delimiter, 0, lead);
    if (at < 0) throw malformed("a multipart body without its boundary");
    while (at >= 0) {
      int start = at + delimiter.length();
      if (body.startsWith("--", start)) break; // closing delimiter
      while (start < body.length() && (body.charAt(start) == ' ' || body.charAt(start) == '\t')) start++;
      start += body.startsWith("\r\n", start) ? 2 : body.startsWith("\n", start) ? 1 : 0;
      int next = findDelimiter(body, delimiter, start, lead);
      parts.add(part(body.substring(start, next < 0 ? body.length() : next).replaceFirst("\r?\n\\z", "")));
      at = next;
    }
    if (parts.isEmpty()) throw malformed("a multipart body without parts");
    return parts;
  }

  /** The part named {@code name} (case-insensitive). */
  static Optional<Part> named(List<Part> parts, String name) {
    return parts.stream().filter(p -> name.equalsIgnoreCase(p.name())).findFirst();
  }

  private static Part part(String chunk) {
    Matcher end = HEADERS_END.matcher(chunk);
    boolean found = end.find();
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : chunk.substring(0, found ? end.start() : chunk.length()).split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
    }
    String name = null;
    String disposition = headers.get("content-disposition");
    if (disposition != null) {
      Matcher m = NAME.matcher(disposition);
      if (m.find()) name = m.group(1) != null ? m.group(1) : m.group(2);
    }
    return new Part(headers, name, found ? chunk.substring(end.end()) : "");
  }

  /** The next delimiter from {@code from} that starts a line or follows only the body's {@code lead}ing whitespace. */
  private static int findDelimiter(String body, String delimiter, int from, int lead) {
    for (int i = body.indexOf(delimiter, from); i >= 0; i = body.indexOf(delimiter, i + 1)) {
      if (i == lead || body.charAt(i - 1) == '\n') return i;
    }
    return -1;
  }

  private static String latin1(byte[] body) {
    return new String(body, StandardCharsets.ISO_8859_1);
  }

  /** Without leading spaces, tabs and line ends. */
  private static String trimStart(String s) {
    int i = 0;
    while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++;
    return s.substring(i);
  }

  /** A USPS answer this module cannot read: "the carrier answered with {@code what}". */
  static CarrierException malformed(String what) {
    return new CarrierException(CarrierException.details(CarrierId.USPS, "the carrier answered with " + what));
  }

  /** Base64 text (MIME line breaks allowed) as bytes, or {@link #malformed} saying {@code what} it was not. */
  static byte[] base64(String text, String what) {
    try {
      return Base64.getMimeDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw malformed(what);
    }
  }
}
