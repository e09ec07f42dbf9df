package dev.shipbridge.testkit.cainiao;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.Request;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** JSON and form helpers shared by the Cainiao emulator's gateways and APIs. */
final class Wire {
  private Wire() {}

  // ---------------------------------------------------------------- helpers

  static ResponseDefinitionBuilder json(int status, Object body) {
    return plain(status, "application/json;charset=UTF-8", compact(body));
  }

  static ResponseDefinitionBuilder plain(int status, String contentType, String body) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", contentType)
        .withBody(body);
  }

  static String compact(Object value) {
    try {
      return Json.getObjectMapper().writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  static Object parseJson(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Json.getObjectMapper().readValue(text, Object.class);
    } catch (Exception e) {
      return null;
    }
  }

  static List<String> stringList(String text) {
    Object parsed = parseJson(text);
    if (parsed instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (Object o : list) {
        if (o != null) {
          out.add(o.toString());
        }
      }
      return out;
    }
    if (text != null && !text.isBlank()) {
      List<String> out = new ArrayList<>();
      for (String s : text.split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
      return out;
    }
    return null;
  }

  static Object path(Object root, String... keys) {
    Object cur = root;
    for (String k : keys) {
      if (cur instanceof String s && s.trim().startsWith("{")) {
        cur = parseJson(s);
      }
      if (!(cur instanceof Map<?, ?> m)) {
        return null;
      }
      cur = m.get(k);
    }
    return cur;
  }

  static String text(Object value) {
    if (value == null) {
      return null;
    }
    String s = value.toString();
    return s.isBlank() ? null : s;
  }

  static long longField(Object map, String key, long dflt) {
    Object v = path(map, key);
    if (v instanceof Number n) {
      return n.longValue();
    }
    try {
      return v == null ? dflt : (long) Double.parseDouble(v.toString());
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static boolean matches(String filter, String value) {
    return isBlank(filter) || filter.equals(value);
  }

  static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  static String firstNonBlank(String... values) {
    for (String v : values) {
      if (!isBlank(v)) {
        return v;
      }
    }
    return null;
  }

  static String missing(String name) {
    return "The input parameter \u201c" + name + "\u201d that is mandatory for processing this request is not supplied";
  }

  static String requestId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return String.format("21%08x%013d", r.nextInt(), r.nextLong(1_000_000_000_000L, 9_999_999_999_999L));
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Query parameters and form fields (UTF-8), query first; the first value of a name wins. */
  static Map<String, String> params(Request request) {
    Map<String, String> out = new LinkedHashMap<>();
    String url = request.getUrl();
    int q = url.indexOf('?');
    if (q >= 0) {
      decodeInto(url.substring(q + 1), out);
    }
    String contentType = request.getHeader("Content-Type");
    if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("application/x-www-form-urlencoded")) {
      decodeInto(new String(request.getBody(), StandardCharsets.UTF_8), out);
    }
    return out;
  }

  static void decodeInto(String encoded, Map<String, String> out) {
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        out.putIfAbsent(k, v);
      }
    }
  }
}
