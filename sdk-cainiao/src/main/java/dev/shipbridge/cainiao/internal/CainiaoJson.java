package dev.shipbridge.cainiao.internal;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.CollectionType;
import dev.shipbridge.http.JsonCodec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Cainiao's wire records read from JSON (error envelopes also from XML, {@link #xml}) with coercions
 * for its wandering types, so that no field can fail the whole parse: booleans as {@code true},
 * {@code "1"}, {@code "y"} and their false forms; numbers as numbers or strings ({@code "1,815"});
 * text from any scalar, trimmed; objects and lists also as JSON text in a string, a list also as one
 * object or a wrapper holding one array ({@code {"solution": [...]}}). Blank, unreadable, absurd
 * ({@code 1E+999999999}) or mis-shaped values read as null, like absent ones.
 */
final class CainiaoJson {
  private static final ObjectMapper MAPPER = JsonCodec.standard().mapper().copy().registerModule(new SimpleModule("cainiao-lenient")
      .addDeserializer(Boolean.class, scalar(Boolean.class, CainiaoJson::flag))
      .addDeserializer(String.class, scalar(String.class, s -> s.isEmpty() ? null : s))
      .addDeserializer(BigDecimal.class, scalar(BigDecimal.class, CainiaoJson::decimal))
      .addDeserializer(Long.class, scalar(Long.class, s -> whole(s) == null ? null : whole(s).longValue()))
      .addDeserializer(Integer.class, scalar(Integer.class, CainiaoJson::integer))
      .setDeserializerModifier(new Lenient()));
  private static final Pattern HTML = Pattern.compile("(?is)^\\s*(?:<!--.*?-->\\s*)*<(?:!doctype\\s+html|html|head|body)\\b");
  private static final Pattern DECLARATION = Pattern.compile("(?s)^\\s*<\\?xml.*?\\?>");

  private CainiaoJson() {}

  /**
   * The envelope of an XML answer, with the JSON envelope's names: the first non-blank value of
   * each element name anywhere (a container is no value), the document wrapped in one root (it may
   * have several); DOCTYPEs and external entities refused. Null when unreadable or saying nothing.
   */
  static CainiaoWire.Envelope xml(String body) {
    ObjectNode values = JsonNodeFactory.instance.objectNode();
    try {
      String content = "<envelope>" + DECLARATION.matcher(body).replaceFirst("") + "</envelope>";
      NodeList all = safeBuilder().parse(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)))
          .getElementsByTagName("*");
      for (int i = 0; i < all.getLength(); i++) {
        Node n = all.item(i);
        String t = n.getTextContent();
        if (n.getChildNodes().getLength() > 1 || t == null || t.isBlank() || values.has(n.getNodeName())) continue;
        values.put(n.getNodeName(), t.trim());
      }
    } catch (Exception unreadable) {
      return null;
    }
    CainiaoWire.Envelope e = CainiaoJson.read(values, CainiaoWire.Envelope.class);
    return e != null && e.says() ? e : null;
  }

  /** Whether a markup body is an HTML page (a proxy's) rather than XML (Cainiao's). */
  static boolean isHtml(String body) {
    return HTML.matcher(body).lookingAt();
  }

  private static DocumentBuilder safeBuilder() throws javax.xml.parsers.ParserConfigurationException {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    // no DOCTYPE, so no entity and no external DTD can be declared (OWASP's primary XXE defence)
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setXIncludeAware(false);
    DocumentBuilder b = f.newDocumentBuilder();
    b.setErrorHandler(null);
    return b;
  }

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

  /**
   * {@code node} keeping, for each field a record spells several ways, only the first spelling it
   * lists (its name, then its {@link JsonAlias} values) that has a value: Jackson would keep the last
   * one in the document, reading a push naming its international number and LP code as the LP code.
   */
  static ObjectNode firstWins(Class<?> record, ObjectNode node) {
    ObjectNode out = node;
    for (RecordComponent c : record.isRecord() ? record.getRecordComponents() : new RecordComponent[0]) {
      JsonAlias alias = c.getAccessor().getAnnotation(JsonAlias.class);
      if (alias == null || alias.value().length == 0) continue;
      JsonProperty property = c.getAccessor().getAnnotation(JsonProperty.class);
      List<String> names = new ArrayList<>();
      names.add(property != null && !property.value().isEmpty() ? property.value() : wireName(record, c.getName()));
      names.addAll(List.of(alias.value()));
      String winner = null;
      int present = 0;
      for (String name : names) {
        JsonNode v = node.get(name);
        if (v == null) continue;
        present++;
        if (winner == null && !v.isNull() && !(v.isTextual() && v.asText().isBlank())) winner = name;
      }
      if (present < 2) continue;
      if (out == node) out = node.deepCopy();
      for (String name : names) if (!name.equals(winner)) out.remove(name);
    }
    return out;
  }

  /** A component's name on the wire: as the record's {@link JsonNaming} strategy spells it, if any. */
  private static String wireName(Class<?> record, String name) {
    JsonNaming naming = record.getAnnotation(JsonNaming.class);
    if (naming == null || !PropertyNamingStrategies.NamingBase.class.isAssignableFrom(naming.value())) return name;
    try {
      return ((PropertyNamingStrategies.NamingBase) naming.value().getDeclaredConstructor().newInstance()).translate(name);
    } catch (ReflectiveOperationException e) {
      return name;
    }
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
        n = firstWins(record, o);
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
