package dev.shipbridge.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Broken answers to a carrier call, each derived from a valid answer: the table behind the
 * adapters' malformed-response tests, for any adapter's tests.
 *
 * <pre>{@code
 * Malformations.Valid ok = new Malformations.Valid("application/json", validJson, null, null, null, null);
 * for (Malformations.Kind kind : Malformations.Kind.values()) {
 *   Malformations.Answer broken = kind.answer(ok);   // status, headers, body, or a socket fault
 *   // stub it, call the adapter, expect a typed error or a tolerant parse
 * }
 * }</pre>
 * Every kind is a pure function of the valid answer; {@link #CANARY}
 * is planted wherever a parser that quotes its input would quote it, so a test can check that no
 * exception message carries body content.
 */
public final class Malformations {
  /** Planted in broken bodies; must never appear in an exception message. */
  public static final String CANARY = "BODYCANARY7731";

  private static final ObjectMapper M = new ObjectMapper();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Malformations() {}

  /** A valid answer: JSON (possibly a wrapper holding metadata and a Base64 image) and its content type. */
  public record Valid(String contentType, String json, String imageField, String metadataField, String metadataPartName,
      String imagePartName) {
    public JsonNode tree() {
      try {
        return M.readTree(json);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** What the stub answers: a status, headers, a body, or a socket-level fault instead. */
  public record Answer(int status, Map<String, String> headers, byte[] body, Fault fault) {
    public static Answer of(int status, String contentType, byte[] body) {
      Map<String, String> h = new LinkedHashMap<>();
      if (contentType != null) h.put("Content-Type", contentType);
      return new Answer(status, h, body, null);
    }

    public static Answer of(int status, String contentType, String body) {
      return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public Answer header(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Answer(status, h, body, fault);
    }
  }

  /** The kinds of broken answer. */
  public enum Kind {
    EMPTY_BODY(v -> Answer.of(200, v.contentType(), new byte[0])),
    HTML_PAGE(v -> Answer.of(200, "text/html", "<html><body><h1>Maintenance</h1><p>" + CANARY + "</p></body></html>")),
    HTML_PAGE_LABELLED_JSON(v -> Answer.of(200, "application/json", "<!DOCTYPE html><html><body>" + CANARY + "</body></html>")),
    TRUNCATED_JSON(v -> {
      String s = planted(v);
      return Answer.of(200, v.contentType(), s.substring(0, s.length() / 2));
    }),
    TRUNCATED_INSIDE_A_STRING(v -> Answer.of(200, v.contentType(), "{\"note\":\"" + CANARY + " and then nothing")),
    PLAIN_TEXT_GARBAGE(v -> Answer.of(200, v.contentType(), CANARY + " not json at all }{")),
    SCALARS_AS_OBJECTS(v -> json(v, map(v.tree(), (name, n) -> n.isValueNode() && !n.isNull() ? obj("v", CANARY) : null))),
    CONTAINERS_AS_STRINGS(v -> json(v, mapBelowRoot(v.tree(), (name, n) -> n.isContainerNode() ? TextNode.valueOf("not-a-container") : null))),
    STRINGS_AS_NUMBERS(v -> json(v, map(v.tree(), (name, n) -> n.isTextual() ? F.numberNode(424242) : null))),
    STRINGS_AS_BOOLEANS(v -> json(v, map(v.tree(), (name, n) -> n.isTextual() ? F.booleanNode(true) : null))),
    NUMBERS_AS_WORDS(v -> json(v, map(v.tree(), (name, n) -> n.isNumber() ? TextNode.valueOf(CANARY) : null))),
    NULLS_EVERYWHERE(v -> json(v, map(v.tree(), (name, n) -> n.isValueNode() ? F.nullNode() : null))),
    EMPTY_OBJECT(v -> Answer.of(200, v.contentType(), "{}")),
    EMPTY_CONTAINERS(v -> json(v, mapBelowRoot(v.tree(), (name, n) -> n.isArray() ? F.arrayNode() : n.isObject() ? F.objectNode() : null))),
    HUGE_EXPONENTS(v -> json(v, map(v.tree(), (name, n) -> n.isNumber() ? DecimalNode.valueOf(new BigDecimal("1E+999999999")) : null))),
    TINY_EXPONENTS(v -> json(v, map(v.tree(), (name, n) -> n.isNumber() ? DecimalNode.valueOf(new BigDecimal("1E-999999999")) : null))),
    HUGE_INTEGERS(v -> json(v, map(v.tree(), (name, n) -> n.isNumber() ? F.numberNode(new java.math.BigInteger("98765432109876543210987654321098765432")) : null))),
    OVERLONG_NUMBER(v -> {
      String s = planted(v);
      return Answer.of(200, v.contentType(), s.replaceFirst("\\{", "{\"n\":" + "9".repeat(2_000) + ","));
    }),
    TEN_MEGABYTE_BODY(v -> {
      String s = planted(v);
      return Answer.of(200, v.contentType(), s.replaceFirst("\\{", "{\"padding\":\"" + "x".repeat(10 * 1024 * 1024) + "\","));
    }),
    DEEP_NESTING(v -> Answer.of(200, v.contentType(), "[".repeat(10_000) + CANARY.length() + "]".repeat(10_000))),
    DEEP_NESTING_INSIDE(v -> {
      String s = planted(v);
      return Answer.of(200, v.contentType(), s.replaceFirst("\\{", "{\"deep\":" + "[".repeat(10_000) + "]".repeat(10_000) + ","));
    }),
    INVALID_BASE64_IMAGE(v -> json(v, image(v, TextNode.valueOf("!!*not~base64##")))),
    NON_PDF_IMAGE(v -> json(v, image(v, TextNode.valueOf(Base64.getEncoder().encodeToString(
        ("GIF89a" + CANARY).getBytes(StandardCharsets.ISO_8859_1)))))),
    ODD_TIMESTAMPS_GARBAGE(v -> json(v, times(v.tree(), "31/02/2026 25:61:61 " + CANARY))),
    ODD_TIMESTAMPS_EXTREME(v -> json(v, times(v.tree(), "+999999999-12-31T23:59:59.999999999+18:00"))),
    ODD_TIMESTAMPS_EPOCH(v -> json(v, times(v.tree(), "99999999999999999"))),
    ODD_TIMESTAMPS_BAD_OFFSET(v -> json(v, times(v.tree(), "2026-03-03T06:12:00+25:99"))),
    UNKNOWN_ENUM_VALUES(v -> json(v, map(v.tree(), (name, n) -> n.isTextual() && n.asText().matches("[A-Za-z][A-Za-z0-9_ -]*")
        && !isImageField(v, name) ? TextNode.valueOf("ZZ_UNKNOWN_VALUE") : null))),
    MULTIPART_MISSING_PART(v -> multipart(v, "S3PARATOR", "S3PARATOR", false)),
    MULTIPART_WRONG_BOUNDARY(v -> multipart(v, "DECLAREDbound", "ACTUALbound", true)),
    MULTIPART_WITHOUT_BOUNDARY(v -> Answer.of(200, "multipart/form-data", CANARY + "\r\nno parts here\r\n")),
    MISSING_CONTENT_TYPE(v -> Answer.of(200, null, v.json())),
    WRONG_CONTENT_TYPE(v -> Answer.of(200, "application/pdf", v.json())),
    ARRAY_INSTEAD_OF_OBJECT(v -> Answer.of(200, v.contentType(), "[" + v.json() + "]")),
    NUMBERS_AS_STRINGS(v -> json(v, map(v.tree(), (name, n) -> n.isNumber() ? TextNode.valueOf(n.asText()) : null))),
    NEGATIVE_PRICES(v -> json(v, map(v.tree(), (name, n) -> n.isNumber() && isMoneyField(name)
        ? DecimalNode.valueOf(n.decimalValue().abs().negate().subtract(BigDecimal.ONE)) : null))),
    NAN_LIKE_STRINGS(v -> json(v, map(v.tree(), (name, n) -> n.isNumber() ? TextNode.valueOf("NaN") : null))),
    NAN_TOKENS(v -> Answer.of(200, v.contentType(), json(map(v.tree(), (name, n) -> n.isNumber() ? TextNode.valueOf("@@NAN@@") : null))
        .replace("\"@@NAN@@\"", "NaN"))),
    INFINITY_STRINGS(v -> json(v, map(v.tree(), (name, n) -> n.isNumber() ? TextNode.valueOf("-Infinity") : null))),
    DUPLICATE_KEYS(v -> Answer.of(200, v.contentType(), duplicated(v.tree()))),
    BOM_PREFIXED(v -> Answer.of(200, v.contentType(), concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
        v.json().getBytes(StandardCharsets.UTF_8)))),
    UTF16_BODY(v -> Answer.of(200, v.contentType(), v.json().getBytes(StandardCharsets.UTF_16))),
    GZIP_HEADER_PLAIN_BODY(v -> Answer.of(200, v.contentType(), v.json()).header("Content-Encoding", "gzip")),
    NULL_DOCUMENT(v -> Answer.of(200, v.contentType(), "null")),
    STRING_DOCUMENT(v -> Answer.of(200, v.contentType(), "\"" + CANARY + "\"")),
    XML_DOCUMENT(v -> Answer.of(200, "application/xml", "<?xml version=\"1.0\"?><result><v>" + CANARY + "</v></result>")),
    XXE_DOCUMENT(v -> Answer.of(200, "application/xml", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<error_response><code>&x;</code><msg>" + CANARY + "</msg></error_response>")),
    INVALID_UTF8(v -> Answer.of(200, v.contentType(), invalidUtf8(v))),
    CONTROL_CHARACTERS(v -> Answer.of(200, v.contentType(), planted(v).replaceFirst("\\{", "{\"ctl\":\"a\u0001b\u0000c\","))),
    LONE_SURROGATES(v -> json(v, map(v.tree(), (name, n) -> n.isTextual() && !isImageField(v, name) ? TextNode.valueOf("\uD800x\uDFFF") : null))),
    XSSI_PREFIX(v -> Answer.of(200, v.contentType(), ")]}',\n" + v.json())),
    TRAILING_GARBAGE(v -> Answer.of(200, v.contentType(), v.json() + "}}]] " + CANARY)),
    LONG_STRINGS(v -> json(v, map(v.tree(), (name, n) -> n.isTextual() && !isImageField(v, name) ? TextNode.valueOf("Z".repeat(100_000)) : null))),
    SUCCESS_STATUS_WITH_ERROR_ENVELOPE(v -> Answer.of(200, "application/json",
        "{\"error\":{\"code\":\"500\",\"message\":\"Internal error\",\"errors\":[{\"detail\":\"Try later\"}]}}")),
    SERVER_ERROR_WITH_TRUNCATED_JSON(v -> Answer.of(500, "application/json", "{\"error\":{\"code\":\"500\",\"message\":\"" + CANARY)),
    CLIENT_ERROR_WITH_HTML(v -> Answer.of(400, "text/html", "<html><body>Bad request " + CANARY + "</body></html>")),
    NOT_FOUND_WITH_EMPTY_BODY(v -> Answer.of(404, null, new byte[0])),
    UNEXPECTED_STATUS_WITH_JSON(v -> Answer.of(302, "application/json", v.json()).header("Location", "http://127.0.0.1:1/" + CANARY)),
    SOCKET_MALFORMED_CHUNK(v -> new Answer(200, Map.of(), null, Fault.MALFORMED_RESPONSE_CHUNK)),
    SOCKET_RANDOM_DATA(v -> new Answer(200, Map.of(), null, Fault.RANDOM_DATA_THEN_CLOSE)),
    SOCKET_EMPTY_RESPONSE(v -> new Answer(200, Map.of(), null, Fault.EMPTY_RESPONSE));

    private final Function<Valid, Answer> make;

    Kind(Function<Valid, Answer> make) {
      this.make = make;
    }

    public Answer answer(Valid valid) {
      return make.apply(valid);
    }
  }

  // ------------------------------------------------------------------ helpers

  private static String planted(Valid v) {
    JsonNode t = v.tree();
    if (t instanceof ObjectNode o) {
      ObjectNode copy = F.objectNode();
      copy.put("note", CANARY);
      copy.setAll(o);
      return json(copy);
    }
    return v.json();
  }

  private static byte[] invalidUtf8(Valid v) {
    String s = planted(v);
    int at = s.indexOf(CANARY);
    if (at < 0) at = 1;
    byte[] head = s.substring(0, at).getBytes(StandardCharsets.UTF_8);
    byte[] tail = s.substring(at).getBytes(StandardCharsets.UTF_8);
    return concat(concat(head, new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE}), tail);
  }

  static boolean isMoneyField(String name) {
    String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
    return n.contains("price") || n.contains("postage") || n.contains("fee") || n.contains("total") || n.contains("amount")
        || n.contains("cost");
  }

  private static boolean isImageField(Valid v, String name) {
    return name != null && v.imageField() != null && name.equals(v.imageField());
  }

  private static ObjectNode obj(String k, String v) {
    ObjectNode o = F.objectNode();
    o.put(k, v);
    return o;
  }

  static String json(JsonNode n) {
    try {
      return M.writeValueAsString(n);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Answer json(Valid v, JsonNode n) {
    return Answer.of(200, v.contentType(), json(n));
  }

  /** Replaces every node (depth-first) for which {@code f} returns non-null; the root included. */
  static JsonNode map(JsonNode n, BiFunction<String, JsonNode, JsonNode> f) {
    JsonNode r = f.apply(null, n);
    if (r != null) return r;
    return mapChildren(n, f);
  }

  /** Like {@link #map} but never replaces the root. */
  static JsonNode mapBelowRoot(JsonNode n, BiFunction<String, JsonNode, JsonNode> f) {
    return mapChildren(n, f);
  }

  private static JsonNode mapChildren(JsonNode n, BiFunction<String, JsonNode, JsonNode> f) {
    if (n instanceof ObjectNode o) {
      ObjectNode out = F.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode r = f.apply(e.getKey(), e.getValue());
        out.set(e.getKey(), r != null ? r : mapChildren(e.getValue(), f));
      }
      return out;
    }
    if (n instanceof ArrayNode a) {
      ArrayNode out = F.arrayNode();
      for (JsonNode c : a) {
        JsonNode r = f.apply(null, c);
        out.add(r != null ? r : mapChildren(c, f));
      }
      return out;
    }
    return n;
  }

  private static JsonNode times(JsonNode n, String odd) {
    return map(n, (name, x) -> {
      if (name == null || !x.isValueNode()) return null;
      String l = name.toLowerCase(Locale.ROOT);
      return l.contains("date") || l.contains("time") || l.contains("offset") || l.equals("ts") ? TextNode.valueOf(odd) : null;
    });
  }

  private static JsonNode image(Valid v, JsonNode replacement) {
    if (v.imageField() == null) {
      return map(v.tree(), (name, n) -> n.isTextual() ? replacement : null);
    }
    return map(v.tree(), (name, n) -> v.imageField().equals(name) ? replacement : null);
  }

  /** Every object key twice: first with a decoy value, then the real one (parsers keep the last). */
  private static String duplicated(JsonNode n) {
    if (n instanceof ObjectNode o) {
      StringBuilder sb = new StringBuilder("{");
      for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (sb.length() > 1) sb.append(',');
        String k = json(TextNode.valueOf(e.getKey()));
        sb.append(k).append(":\"").append(CANARY).append("\",").append(k).append(':').append(duplicated(e.getValue()));
      }
      return sb.append('}').toString();
    }
    if (n instanceof ArrayNode a) {
      List<String> parts = new ArrayList<>();
      for (JsonNode c : a) parts.add(duplicated(c));
      return "[" + String.join(",", parts) + "]";
    }
    return json(n);
  }

  private static Answer multipart(Valid v, String declared, String actual, boolean withImage) {
    JsonNode tree = v.tree();
    JsonNode meta = v.metadataField() != null && tree.has(v.metadataField()) ? tree.get(v.metadataField()) : tree;
    String image = v.imageField() != null && tree.hasNonNull(v.imageField()) ? tree.get(v.imageField()).asText()
        : Base64.getEncoder().encodeToString("%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1));
    StringBuilder sb = new StringBuilder();
    sb.append("--").append(actual).append("\r\n")
        .append("Content-Type: application/json\r\n")
        .append("Content-Disposition: form-data; name=\"").append(v.metadataPartName() == null ? "metadata" : v.metadataPartName())
        .append("\"\r\n\r\n").append(json(meta)).append("\r\n");
    if (withImage) {
      sb.append("--").append(actual).append("\r\n")
          .append("Content-Type: application/pdf\r\n")
          .append("Content-Disposition: form-data; name=\"").append(v.imagePartName() == null ? "image" : v.imagePartName())
          .append("\"\r\n\r\n").append(image).append("\r\n");
    }
    sb.append("--").append(actual).append("--\r\n");
    return Answer.of(200, "multipart/form-data; boundary=" + declared, sb.toString());
  }

  static byte[] concat(byte[] a, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
    out.writeBytes(a);
    out.writeBytes(b);
    return out.toByteArray();
  }

  /**
   * {@code s} with one to three random printable-character edits (replace, delete, insert): a
   * forged body or signature for webhook fuzzing. Deterministic for a seeded {@code random}.
   */
  public static String mutate(String s, java.util.Random random) {
    StringBuilder sb = new StringBuilder(s);
    int edits = 1 + random.nextInt(3);
    for (int k = 0; k < edits && sb.length() > 0; k++) {
      int at = random.nextInt(sb.length());
      switch (random.nextInt(3)) {
        case 0 -> sb.setCharAt(at, (char) (32 + random.nextInt(95)));
        case 1 -> sb.deleteCharAt(at);
        default -> sb.insert(at, (char) (32 + random.nextInt(95)));
      }
    }
    return sb.toString();
  }
}
