package dev.shipbridge.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulators' canonical answers: one JSON template per wire shape, kept as resources under
 * {@code dev/shipbridge/testkit/usps/answers/} and {@code dev/shipbridge/testkit/cainiao/answers/}.
 * The emulators answer from these files, and an adapter's tests load the same files, so each wire
 * format has one source of truth.
 *
 * <p>A template is plain JSON. A string value that is exactly {@code "{{name}}"} is replaced by the
 * value bound to {@code name} (any JSON-able object: a string, number, boolean, map or list); when
 * that value is {@code null} the member is left out, as the carriers leave out absent fields.
 * {@code {{name}}} inside a longer string is replaced by the value's text. A placeholder without a
 * binding is an error, so a template and its filler cannot drift apart silently.
 *
 * <pre>{@code
 * String token = CanonicalAnswers.json(CanonicalAnswers.USPS, "oauth-token",
 *     Map.of("accessToken", "eyJ...", "issuedAt", 1772463600000L, "scope", "addresses tracking",
 *         "clientId", "my-client"));
 * wireMock.stubFor(post("/oauth2/v3/token").willReturn(okJson(token)));
 * }</pre>
 */
public final class CanonicalAnswers {
  /** The USPS answers' resource folder. */
  public static final String USPS = "dev/shipbridge/testkit/usps/answers/";
  /** The Cainiao answers' resource folder. */
  public static final String CAINIAO = "dev/shipbridge/testkit/cainiao/answers/";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_]+)}}");
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private static final Map<String, String> TEXTS = new ConcurrentHashMap<>();
  private static final Map<String, Object> TREES = new ConcurrentHashMap<>();

  private CanonicalAnswers() {}

  /** Every answer in {@code folder} ({@link #USPS} or {@link #CAINIAO}), by name without {@code .json}. */
  public static List<String> names(String folder) {
    String index = read(folder + "index.txt");
    List<String> names = new ArrayList<>();
    for (String line : index.split("\n")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }

  /** The template of {@code name} in {@code folder}, as stored. */
  public static String template(String folder, String name) {
    return read(folder + name + ".json");
  }

  /** The placeholder names that {@code name}'s template uses, in order of first use. */
  public static List<String> placeholders(String folder, String name) {
    List<String> out = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(template(folder, name));
    while (m.find()) {
      if (!out.contains(m.group(1))) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  /** The answer {@code name} filled with {@code values}, as a tree of maps, lists and scalars. */
  public static Map<String, Object> tree(String folder, String name, Map<String, ?> values) {
    // parsed once per template: fill() builds new maps and lists and never changes the parsed tree
    Object parsed = TREES.computeIfAbsent(folder + name, k -> parse(folder, name));
    @SuppressWarnings("unchecked")
    Map<String, Object> filled = (Map<String, Object>) fill(parsed, values, name);
    return filled;
  }

  private static Object parse(String folder, String name) {
    Object parsed;
    try {
      parsed = MAPPER.readValue(template(folder, name), Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("canonical answer " + folder + name + " is not JSON", e);
    }
    if (!(parsed instanceof Map)) {
      throw new IllegalStateException("canonical answer " + folder + name + " is not a JSON object");
    }
    return parsed;
  }

  /** The answer {@code name} filled with {@code values}, as JSON text. */
  public static String json(String folder, String name, Map<String, ?> values) {
    try {
      return MAPPER.writeValueAsString(tree(folder, name, values));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("a value bound into " + name + " is not JSON-able", e);
    }
  }

  /** A map of alternating names and values, allowing nulls (which {@code Map.of} does not). */
  public static Map<String, Object> values(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must alternate: " + Arrays.toString(namesAndValues));
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return m;
  }

  private static Object fill(Object node, Map<String, ?> values, String name) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Object v = fill(e.getValue(), values, name);
        if (v != null || e.getValue() == null) {
          out.put(String.valueOf(e.getKey()), v);
        }
      }
      return out;
    }
    if (node instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Iterator<?> it = list.iterator(); it.hasNext();) {
        out.add(fill(it.next(), values, name));
      }
      return out;
    }
    if (node instanceof String s && s.contains("{{")) {
      Matcher whole = PLACEHOLDER.matcher(s);
      if (whole.matches()) {
        return bound(values, whole.group(1), name);
      }
      Matcher m = PLACEHOLDER.matcher(s);
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(b, Matcher.quoteReplacement(String.valueOf(bound(values, m.group(1), name))));
      }
      m.appendTail(b);
      return b.toString();
    }
    return node;
  }

  private static Object bound(Map<String, ?> values, String key, String name) {
    if (!values.containsKey(key)) {
      throw new IllegalArgumentException("canonical answer " + name + " needs a value for {{" + key + "}}");
    }
    return values.get(key);
  }

  private static String read(String resource) {
    return TEXTS.computeIfAbsent(resource, CanonicalAnswers::load);
  }

  private static String load(String resource) {
    try (InputStream in = CanonicalAnswers.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no canonical answer resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
