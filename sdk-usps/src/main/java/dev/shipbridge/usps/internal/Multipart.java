package dev.shipbridge.usps.internal;

import dev.shipbridge.CarrierException;
import dev.shipbridge.model.CarrierId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A forgiving reader of USPS's multipart label and SCAN-form answers, on the bytes (a part is a
 * range of the body). By hand because USPS bends the rules: odd or missing boundary parameters
 * (then taken from the first delimiter line), CRLF or bare LF, image parts base64 whatever their
 * headers say.
 */
final class Multipart {
  private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary\\s*=\\s*(?:\"([^\"]+)\"|([^;\\s]+))");
  private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]+))");

  private Multipart() {}

  /** One part: its {@code name}, its {@code Content-Type} ("" when none), and where its content lies in the body. */
  record Part(String name, String contentType, byte[] body, int from, int to) {
    boolean isJson() {
      if (contentType.toLowerCase(Locale.ROOT).contains("json")) return true;
      int i = skipSpace(body, from, to);
      return contentType.isEmpty() && i < to && body[i] == '{';
    }

    /** The content as is (a copy of its range): a JSON part to parse. */
    byte[] content() {
      return Arrays.copyOfRange(body, from, to);
    }

    /**
     * The content base64-decoded when it is base64 text (USPS's image parts), else as is: either
     * way the one copy of the image.
     */
    byte[] decoded() {
      int start = skipSpace(body, from, to);
      boolean text = start < to;
      boolean urlSafe = false;
      for (int i = start; i < to && text; i++) {
        int c = body[i];
        urlSafe |= c == '-' || c == '_';
        text = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '='
            || c == '-' || c == '_' || c == ' ' || c == '\t' || c == '\r' || c == '\n';
      }
      if (!text) return content();
      try {
        if (urlSafe) { // rare: the URL alphabet, which the MIME decoder would skip as noise
          String compact = new String(body, start, to - start, StandardCharsets.US_ASCII).replaceAll("\\s", "");
          return Base64.getUrlDecoder().decode(compact);
        }
        ByteBuffer out = Base64.getMimeDecoder().decode(ByteBuffer.wrap(body, start, to - start));
        return out.remaining() == out.array().length ? out.array() : Arrays.copyOf(out.array(), out.remaining());
      } catch (IllegalArgumentException notBase64) {
        return content();
      }
    }
  }

  /** Whether a content type or a body looks multipart. */
  static boolean looksMultipart(String contentType, byte[] body) {
    if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) return true;
    int i = skipSpace(body, 0, body.length);
    return startsWith(body, i, "--") && i + 2 < body.length && body[i + 2] != '-';
  }

  /** The boundary from {@code contentType}, else from the body's first delimiter line. */
  static Optional<String> boundary(String contentType, byte[] body) {
    if (contentType != null) {
      Matcher m = BOUNDARY.matcher(contentType);
      if (m.find()) return Optional.of(m.group(1) != null ? m.group(1) : m.group(2));
    }
    int i = skipSpace(body, 0, body.length);
    if (!startsWith(body, i, "--")) return Optional.empty();
    int end = i + 2;
    while (end < body.length && body[end] != '\r' && body[end] != '\n') end++;
    String b = new String(body, i + 2, end - i - 2, StandardCharsets.ISO_8859_1).strip();
    if (b.endsWith("--")) b = b.substring(0, b.length() - 2);
    return b.isEmpty() ? Optional.empty() : Optional.of(b);
  }

  /** The parts of a multipart body; a {@link CarrierException} when it has none. */
  static List<Part> parse(String contentType, byte[] body) {
    String boundary = boundary(contentType, body).orElseThrow(() -> malformed("a multipart body without a boundary"));
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    List<Part> parts = new ArrayList<>();
    int at = findDelimiter(body, delimiter, 0);
    if (at < 0) throw malformed("a multipart body without its boundary");
    while (at >= 0) {
      int afterDelim = at + delimiter.length;
      if (startsWith(body, afterDelim, "--")) break; // closing delimiter
      int contentStart = skipLineEnd(body, afterDelim);
      int next = findDelimiter(body, delimiter, contentStart);
      int end = next < 0 ? body.length : next;
      parts.add(part(body, contentStart, trimLineEnd(body, contentStart, end)));
      at = next;
    }
    if (parts.isEmpty()) throw malformed("a multipart body without parts");
    return parts;
  }

  /** The part named {@code name} (case-insensitive). */
  static Optional<Part> named(List<Part> parts, String name) {
    return parts.stream().filter(p -> name.equalsIgnoreCase(p.name())).findFirst();
  }

  /** The part in {@code [start, end)}: header lines up to the first empty one, then the content. */
  private static Part part(byte[] body, int start, int end) {
    String contentType = "";
    String name = null;
    int at = start;
    while (at < end) {
      int eol = at;
      while (eol < end && body[eol] != '\n') eol++;
      String line = new String(body, at, eol - at, StandardCharsets.ISO_8859_1).strip();
      at = Math.min(eol + 1, end);
      if (line.isEmpty()) break;
      int colon = line.indexOf(':');
      String header = line.substring(0, Math.max(colon, 0)).strip();
      String value = line.substring(colon + 1).strip();
      if (header.equalsIgnoreCase("content-type")) contentType = value;
      Matcher m = NAME.matcher(value);
      if (header.equalsIgnoreCase("content-disposition") && m.find()) {
        name = m.group(1) != null ? m.group(1) : m.group(2);
      }
    }
    return new Part(name, contentType, body, at, end);
  }

  /** The next delimiter that starts a line (or follows only whitespace from the body's start), from {@code from}. */
  private static int findDelimiter(byte[] body, byte[] delimiter, int from) {
    int i = indexOf(body, delimiter, from, body.length);
    while (i >= 0) {
      if (i == 0 || body[i - 1] == '\n' || skipSpace(body, 0, i) == i) return i;
      i = indexOf(body, delimiter, i + 1, body.length);
    }
    return -1;
  }

  private static int indexOf(byte[] body, byte[] what, int from, int to) {
    outer:
    for (int i = from; i <= to - what.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (body[i + j] != what[j]) continue outer;
      }
      return i;
    }
    return -1;
  }

  private static boolean startsWith(byte[] body, int at, String prefix) {
    if (at < 0 || at + prefix.length() > body.length) return false;
    for (int j = 0; j < prefix.length(); j++) {
      if (body[at + j] != prefix.charAt(j)) return false;
    }
    return true;
  }

  private static int skipSpace(byte[] body, int i, int to) {
    while (i < to && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) i++;
    return i;
  }

  private static int skipLineEnd(byte[] body, int i) {
    while (i < body.length && (body[i] == ' ' || body[i] == '\t')) i++;
    if (startsWith(body, i, "\r\n")) return i + 2;
    return i < body.length && body[i] == '\n' ? i + 1 : i;
  }

  private static int trimLineEnd(byte[] body, int start, int end) {
    if (end - 2 >= start && body[end - 2] == '\r' && body[end - 1] == '\n') return end - 2;
    return end - 1 >= start && body[end - 1] == '\n' ? end - 1 : end;
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
