package dev.shipbridge.cainiao.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lenient readers for Cainiao's JSON, whose types wander: booleans arrive as {@code true}, {@code
 * "true"} or {@code ""}, numbers as numbers or strings, lists as arrays, single objects or JSON
 * text inside a string. Every reader returns null (or empty) for an absent or unreadable value
 * and never throws, so a malformed answer becomes a clear {@code CarrierException} upstream
 * instead of a {@code NullPointerException} or {@code ClassCastException}.
 */
public final class WireJson {
  private WireJson() {}

  /** The child {@code name}, or a missing node; {@code node} may be null. */
  public static JsonNode at(JsonNode node, String... path) {
    JsonNode n = node == null ? MissingNode.getInstance() : node;
    for (String p : path) {
      n = n.isObject() ? n.path(p) : MissingNode.getInstance();
    }
    return n;
  }

  /** The first present child of {@code names}, or a missing node. */
  public static JsonNode first(JsonNode node, String... names) {
    for (String name : names) {
      JsonNode n = at(node, name);
      if (!n.isMissingNode() && !n.isNull()) return n;
    }
    return MissingNode.getInstance();
  }

  /** Text of a scalar, trimmed; null when absent, null, blank or not a scalar. */
  public static String text(JsonNode node, String... names) {
    JsonNode n = first(node, names);
    if (!n.isValueNode() || n.isNull()) return null;
    String s = n.asText().trim();
    return s.isEmpty() ? null : s;
  }

  /** {@code true}, {@code "true"} (any case), {@code 1} or {@code "1"}; null when absent or blank. */
  public static Boolean bool(JsonNode node, String... names) {
    JsonNode n = first(node, names);
    if (n.isBoolean()) return n.booleanValue();
    if (n.isNumber()) return n.intValue() != 0;
    String s = n.isTextual() ? n.asText().trim().toLowerCase(Locale.ROOT) : "";
    return switch (s) {
      case "true", "1", "y", "yes" -> Boolean.TRUE;
      case "false", "0", "n", "no" -> Boolean.FALSE;
      default -> null;
    };
  }

  public static Long longValue(JsonNode node, String... names) {
    BigDecimal d = decimal(node, names);
    if (d == null || !fitsLong(d)) return null;
    try {
      return d.longValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }

  public static Integer intValue(JsonNode node, String... names) {
    BigDecimal d = decimal(node, names);
    if (d == null || !fitsLong(d)) return null;
    try {
      return d.setScale(0, java.math.RoundingMode.CEILING).intValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /**
   * Whether {@code d} is small enough to be turned into a long without expanding it: {@code
   * 1E+999999999} would make {@code setScale} build a billion-digit number (or fail).
   */
  private static boolean fitsLong(BigDecimal d) {
    return (long) d.precision() - d.scale() <= 19 && d.scale() <= 64;
  }

  public static BigDecimal decimal(JsonNode node, String... names) {
    JsonNode n = first(node, names);
    if (n.isNumber()) return n.decimalValue();
    String s = text(node, names);
    if (s == null) return null;
    try {
      return new BigDecimal(s.replace(",", ""));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The elements of a list that may arrive as an array, one object, JSON text inside a string, or
   * a TOP-style wrapper object holding a single array ({@code {"solution": [...]}}).
   */
  public static List<JsonNode> list(JsonNode node, String... names) {
    JsonNode n = first(node, names);
    if (n.isTextual()) n = parseEmbedded(n.asText());
    List<JsonNode> out = new ArrayList<>();
    if (n.isArray()) {
      n.forEach(out::add);
    } else if (n.isObject() && n.size() == 1 && n.elements().next().isArray()) {
      n.elements().next().forEach(out::add);
    } else if (n.isObject()) {
      out.add(n);
    }
    return out;
  }

  /** An object that may arrive as an object or as JSON text inside a string; missing otherwise. */
  public static JsonNode object(JsonNode node, String... names) {
    JsonNode n = first(node, names);
    if (n.isTextual()) n = parseEmbedded(n.asText());
    return n.isObject() ? n : MissingNode.getInstance();
  }

  static JsonNode parseEmbedded(String text) {
    String t = text.trim();
    if (!(t.startsWith("{") || t.startsWith("["))) return MissingNode.getInstance();
    try {
      JsonNode n = dev.shipbridge.http.JsonCodec.standard().mapper().readTree(t);
      return n == null ? MissingNode.getInstance() : n;
    } catch (java.io.IOException | RuntimeException e) {
      return MissingNode.getInstance();
    }
  }

  /** The first argument that is not null. */
  public static String firstNonNull(String... values) {
    for (String v : values) if (v != null) return v;
    return null;
  }
}
