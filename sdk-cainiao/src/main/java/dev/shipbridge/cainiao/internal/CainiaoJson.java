package dev.shipbridge.cainiao.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.CollectionType;
import dev.shipbridge.http.JsonCodec;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;

/**
 * Cainiao's wire records read with coercions for its wandering types, so that no field of an
 * answer can fail the whole parse:
 *
 * <ul>
 *   <li>booleans as {@code true}, {@code "true"}, {@code 1}, {@code "1"}, {@code "y"} (and their
 *       false forms); blank or anything else is null (not said);
 *   <li>numbers as numbers or strings ({@code "1,815"} too); unreadable or absurd ({@code
 *       1E+999999999}) is null;
 *   <li>text from any scalar, trimmed, blank as null; an object or array where text was expected
 *       is null;
 *   <li>objects and lists also as JSON text inside a string; a list also as one object or a
 *       TOP-style wrapper holding one array ({@code {"solution": [...]}}); a wire record given
 *       something that is no object is null.
 * </ul>
 *
 * Absent and null read alike (null). Requests are written by Jackson from records; a field holding
 * a record or list that travels as JSON text in a form field is written with {@link #text}.
 */
final class CainiaoJson {
  private static final ObjectMapper MAPPER = JsonCodec.standard().mapper().copy().registerModule(new SimpleModule("cainiao-lenient")
      .addDeserializer(Boolean.class, scalar(Boolean.class, CainiaoJson::flag))
      .addDeserializer(String.class, scalar(String.class, s -> s.isEmpty() ? null : s))
      .addDeserializer(BigDecimal.class, scalar(BigDecimal.class, CainiaoJson::decimal))
      .addDeserializer(Long.class, scalar(Long.class, s -> whole(s) == null ? null : whole(s).longValue()))
      .addDeserializer(Integer.class, scalar(Integer.class, CainiaoJson::integer))
      .setDeserializerModifier(new Lenient()));

  private CainiaoJson() {}

  /** The tree of a JSON body, or null when it is not JSON. */
  static JsonNode tree(byte[] body) {
    if (body.length == 0 || body.length > JsonCodec.MAX_DOCUMENT_LENGTH) return null;
    try {
      return MAPPER.readTree(body);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** A node as a wire record; null when it is no object. */
  static <T> T read(JsonNode node, Class<T> type) {
    if (node == null || node.isMissingNode() || node.isNull()) return null;
    try {
      return MAPPER.treeToValue(node, type);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** JSON text (a form field's value, LINK content). */
  static String text(Object value) {
    return new String(JsonCodec.standard().write(value), StandardCharsets.UTF_8);
  }

  /** {@code true}/{@code "true"}/{@code 1}/{@code "y"} and their false forms; null otherwise. */
  static Boolean flag(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "true", "1", "y", "yes" -> Boolean.TRUE;
      case "false", "0", "n", "no" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** A decimal ({@code "1,815"} too); null when absent, unreadable or absurd. */
  static BigDecimal decimal(String s) {
    if (s == null) return null;
    try {
      BigDecimal d = new BigDecimal(s.replace(",", ""));
      // refuse magnitudes whose arithmetic would expand them (1E+999999999)
      return (long) d.precision() - d.scale() > 21 || d.scale() > 64 ? null : d;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static BigDecimal whole(String s) {
    BigDecimal d = decimal(s);
    if (d == null || (long) d.precision() - d.scale() > 18) return null;
    return d.setScale(0, java.math.RoundingMode.CEILING);
  }

  private static Integer integer(String s) {
    BigDecimal w = whole(s);
    return w == null || w.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 ? null : w.intValue();
  }

  /** A scalar read from its text (numbers, booleans and strings alike), trimmed; null for anything else. */
  private static <T> JsonDeserializer<T> scalar(Class<T> type, Function<String, T> fromText) {
    return new StdScalarDeserializer<T>(type) {
      private static final long serialVersionUID = 1L;

      @Override
      public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          p.skipChildren();
          return null;
        }
        return t != null && t.isScalarValue() ? fromText.apply(p.getText().trim()) : null;
      }
    };
  }

  /** Makes every list and wire record of this package lenient about its shape. */
  private static final class Lenient extends BeanDeserializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
        BeanDescription description, JsonDeserializer<?> deserializer) {
      return new Shaped(deserializer, null);
    }

    @Override
    public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
        JsonDeserializer<?> deserializer) {
      boolean ours = description.getBeanClass().getName().startsWith(CainiaoJson.class.getPackageName() + ".");
      return ours && !description.getBeanClass().isEnum() ? new Shaped(deserializer, description.getBeanClass()) : deserializer;
    }
  }

  /** Reads the value as a tree, brings it to the expected shape, then hands it to the real deserializer. */
  private static final class Shaped extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;
    /** The wire record read, or null for a list. */
    private final Class<?> record;

    Shaped(JsonDeserializer<?> delegate, Class<?> record) {
      super(delegate);
      this.record = record;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new Shaped(delegate, record);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode n = p.readValueAsTree();
      if (n != null && n.isTextual()) {
        String t = n.asText().trim();
        if (t.startsWith("{") || t.startsWith("[")) n = tree(t.getBytes(StandardCharsets.UTF_8));
      }
      if (record == null) {
        if (n != null && n.isObject() && n.size() == 1 && n.elements().next().isArray()) n = n.elements().next();
        if (n != null && n.isObject()) n = JsonNodeFactory.instance.arrayNode().add(n);
        if (n == null || !n.isArray()) n = JsonNodeFactory.instance.arrayNode();
      } else if (n == null || n.isArray() || n.isNull() || n.isMissingNode()) {
        return null;
      } else if (n instanceof ObjectNode o) {
        n = Spellings.firstWins(record, o);
      }
      try (JsonParser tp = n.traverse(p.getCodec())) {
        tp.nextToken();
        return _delegatee.deserialize(tp, ctxt);
      } catch (IOException | RuntimeException e) {
        if (record != null) return null;
        JsonParser empty = JsonNodeFactory.instance.arrayNode().traverse(p.getCodec());
        empty.nextToken();
        return _delegatee.deserialize(empty, ctxt);
      }
    }
  }
}
