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
 * with. Written by hand because USPS's bodies bend the rules: the boundary may be quoted or not
 * and contain characters such as {@code +} or {@code =}, the {@code Content-Type} may lack the
 * boundary parameter altogether (then it is taken from the body's first delimiter line), lines
 * end in CRLF or bare LF, and image parts are base64 text whatever their {@code Content-Type}
 * and stale {@code Content-Encoding}/{@code Content-Transfer-Encoding} headers say.
 */
final class Multipart {
  private static final Pattern BOUNDARY =
      Pattern.compile("(?i)boundary\\s*=\\s*(?:\"([^\"]+)\"|([^;\\s]+))");
  private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]+))");
  private static final Pattern BASE64_TEXT = Pattern.compile("[A-Za-z0-9+/=\\s_-]+");

  private Multipart() {}

  /** One part: its headers (lower-case names), its {@code name} and its raw content. */
  record Part(Map<String, String> headers, String name, byte[] content) {
    String contentType() {
      return headers.getOrDefault("content-type", "");
    }

    boolean isJson() {
      String ct = contentType().toLowerCase(Locale.ROOT);
      if (ct.contains("json")) return true;
      int i = 0;
      while (i < content.length && Character.isWhitespace(content[i])) i++;
      return ct.isEmpty() && i < content.length && content[i] == '{';
    }

    /** The content as base64-decoded bytes (USPS's image parts), or as is when it is not base64 text. */
    byte[] decoded() {
      String text = new String(content, StandardCharsets.ISO_8859_1).strip();
      if (!text.isEmpty() && BASE64_TEXT.matcher(text).matches()) {
        String compact = WHITESPACE.matcher(text).replaceAll("");
        try {
          return (compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0
              ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(compact);
        } catch (IllegalArgumentException notBase64) {
          return content.clone();
        }
      }
      return content.clone();
    }
  }

  /** Whether a content type or a body looks multipart. */
  static boolean looksMultipart(String contentType, byte[] body) {
    if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) return true;
    String head = new String(body, 0, Math.min(body.length, 200), StandardCharsets.ISO_8859_1).stripLeading();
    return head.startsWith("--") && head.length() > 2 && !head.startsWith("---");
  }

  /** The boundary from {@code contentType}, else from the body's first delimiter line. */
  static Optional<String> boundary(String contentType, byte[] body) {
    if (contentType != null) {
      Matcher m = BOUNDARY.matcher(contentType);
      if (m.find()) return Optional.of(m.group(1) != null ? m.group(1) : m.group(2));
    }
    String text = new String(body, 0, Math.min(body.length, 400), StandardCharsets.ISO_8859_1);
    for (String line : text.split("\r?\n")) {
      if (line.isBlank()) continue;
      String l = line.strip();
      if (l.startsWith("--") && l.length() > 2) {
        String b = l.substring(2);
        if (b.endsWith("--")) b = b.substring(0, b.length() - 2);
        return b.isEmpty() ? Optional.empty() : Optional.of(b);
      }
      break;
    }
    return Optional.empty();
  }

  /** The parts of a multipart body; a {@link CarrierException} when it has none. */
  static List<Part> parse(String contentType, byte[] body) {
    String boundary = boundary(contentType, body).orElseThrow(() -> malformed("a multipart body without a boundary"));
    // ISO-8859-1 maps every byte to one char and back, so offsets are byte offsets.
    String text = new String(body, StandardCharsets.ISO_8859_1);
    String delimiter = "--" + boundary;
    List<Part> parts = new ArrayList<>();
    int at = findDelimiter(text, delimiter, 0);
    if (at < 0) throw malformed("a multipart body without its boundary");
    while (at >= 0) {
      int afterDelim = at + delimiter.length();
      if (text.startsWith("--", afterDelim)) break; // closing delimiter
      int contentStart = skipLineEnd(text, afterDelim);
      int next = findDelimiter(text, delimiter, contentStart);
      int end = next < 0 ? text.length() : next;
      parts.add(part(text, contentStart, trimLineEnd(text, contentStart, end)));
      at = next;
    }
    if (parts.isEmpty()) throw malformed("a multipart body without parts");
    return parts;
  }

  /** The part named {@code name} (case-insensitive). */
  static Optional<Part> named(List<Part> parts, String name) {
    return parts.stream().filter(p -> name.equalsIgnoreCase(p.name())).findFirst();
  }

  private static Part part(String text, int start, int end) {
    String raw = text.substring(start, end);
    int headerEnd;
    int bodyStart;
    int crlf = raw.indexOf("\r\n\r\n");
    int lf = raw.indexOf("\n\n");
    if (raw.startsWith("\r\n") || raw.startsWith("\n")) {
      headerEnd = 0;
      bodyStart = raw.startsWith("\r\n") ? 2 : 1;
    } else if (crlf >= 0 && (lf < 0 || crlf < lf)) {
      headerEnd = crlf;
      bodyStart = crlf + 4;
    } else if (lf >= 0) {
      headerEnd = lf;
      bodyStart = lf + 2;
    } else {
      headerEnd = raw.length();
      bodyStart = raw.length();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : raw.substring(0, headerEnd).split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
    }
    String name = null;
    String disposition = headers.get("content-disposition");
    if (disposition != null) {
      Matcher m = NAME.matcher(disposition);
      if (m.find()) name = m.group(1) != null ? m.group(1) : m.group(2);
    }
    byte[] content = raw.substring(bodyStart).getBytes(StandardCharsets.ISO_8859_1);
    return new Part(headers, name, content);
  }

  /** The next delimiter that starts a line (or the body), from {@code from}. */
  private static int findDelimiter(String text, String delimiter, int from) {
    int i = text.indexOf(delimiter, from);
    while (i >= 0) {
      boolean lineStart = i == 0 || text.charAt(i - 1) == '\n' || text.substring(0, i).isBlank();
      if (lineStart) return i;
      i = text.indexOf(delimiter, i + 1);
    }
    return -1;
  }

  private static int skipLineEnd(String text, int i) {
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
    if (text.startsWith("\r\n", i)) return i + 2;
    if (i < text.length() && text.charAt(i) == '\n') return i + 1;
    return i;
  }

  private static int trimLineEnd(String text, int start, int end) {
    if (end - 2 >= start && text.startsWith("\r\n", end - 2)) return end - 2;
    if (end - 1 >= start && text.charAt(end - 1) == '\n') return end - 1;
    return end;
  }

  private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s");

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
