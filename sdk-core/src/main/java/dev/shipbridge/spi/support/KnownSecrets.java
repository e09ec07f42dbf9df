package dev.shipbridge.spi.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every value the SDK knows to be secret (secrets, tokens, keys, account numbers), registered by
 * the adapters, so that it is masked by value wherever text is built for a message or a log: the
 * second net behind field-name masking ({@link dev.shipbridge.http.Redaction}). Process-wide,
 * bounded to the {@link #CAPACITY} most recently registered values (register a token on every use
 * and it is never the one forgotten); values shorter than {@link #MIN_LENGTH} are ignored.
 *
 * <pre>{@code
 * KnownSecrets.register(clientSecret, accessToken);
 * String safe = KnownSecrets.mask(carrierErrorBody); // "... token ██ expired"
 * }</pre>
 */
public final class KnownSecrets {
  /** What a masked value is replaced with (same as {@code Redaction.MASK}). */
  public static final String MASK = "██";
  /** Shortest value registered. */
  public static final int MIN_LENGTH = 8;
  /** Most values held (each with its encoded forms); the least recently registered is forgotten first. */
  public static final int CAPACITY = 32_768;

  /** Each value with its forms (as sent, URL-encoded, JSON-escaped), in order of last registration. */
  private static final Map<String, List<String>> VALUES = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
      return size() > CAPACITY;
    }
  };
  private static volatile String[] snapshot = new String[0];

  private KnownSecrets() {}

  /** Registers secret values (nulls and short values are ignored). */
  public static void register(String... values) {
    boolean changed = false;
    synchronized (VALUES) {
      for (String v : values) {
        if (v == null || v.strip().length() < MIN_LENGTH) continue;
        if (VALUES.get(v) != null) continue; // known: the lookup marks it recent
        VALUES.put(v, forms(v));
        changed = true;
      }
      if (changed) {
        List<String> all = new ArrayList<>();
        VALUES.values().forEach(all::addAll);
        all.sort(Comparator.comparingInt(String::length).reversed());
        snapshot = all.toArray(new String[0]);
      }
    }
  }

  /** {@code text} with every known secret value replaced by {@link #MASK}; null stays null. */
  public static String mask(String text) {
    if (text == null || text.isEmpty()) return text;
    String out = text;
    for (String s : snapshot) {
      if (out.contains(s)) out = out.replace(s, MASK);
    }
    return out;
  }

  private static List<String> forms(String v) {
    List<String> f = new ArrayList<>(3);
    f.add(v);
    String url = URLEncoder.encode(v, StandardCharsets.UTF_8);
    if (!url.equals(v)) f.add(url);
    String json = v.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/");
    if (!json.equals(v)) f.add(json);
    return f;
  }
}
