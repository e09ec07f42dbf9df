package dev.shipbridge.cainiao.internal;

import dev.shipbridge.model.TrackingStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cainiao's {@code action_code} to {@link TrackingStatus}, from the resource {@code action-codes.tsv}
 * (its choices explained at its top); an unknown code is {@code UNKNOWN}, logged once.
 */
public final class ActionCodeTable {
  private static final Logger log = LoggerFactory.getLogger(ActionCodeTable.class);
  private static final int MAX_LOGGED = 1000;
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

  /**
   * One code's meaning.
   *
   * @param status the normalised status
   * @param informational true when the event reports no movement or state change
   * @param consumerAction true when the consumer must act (pay duties, give an address)
   */
  public record Entry(TrackingStatus status, boolean informational, boolean consumerAction) {}

  private static final Map<String, Entry> TABLE = load("action-codes.tsv");

  private ActionCodeTable() {}

  /** Reads {@code code TAB status TAB flag TAB gloss} lines (the gloss is for readers); a bad line fails. */
  private static Map<String, Entry> load(String resource) {
    Map<String, Entry> t = new HashMap<>();
    try (InputStream in = ActionCodeTable.class.getResourceAsStream(resource)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
        if (line.isBlank() || line.startsWith("#")) continue;
        String[] f = line.split("\t");
        if (f.length != 4 || !Set.of("-", "informational", "consumer-action").contains(f[2])) {
          throw new IllegalStateException("malformed line in " + resource + ": " + line);
        }
        var e = new Entry(TrackingStatus.valueOf(f[1]), f[2].equals("informational"), f[2].equals("consumer-action"));
        if (t.put(f[0], e) != null) throw new IllegalStateException("duplicate " + f[0] + " in " + resource);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(t);
  }

  /** The code as the table keys it: trimmed, uppercased, full-width underscores made ASCII. */
  public static String normalize(String rawCode) {
    return rawCode == null ? "" : rawCode.strip().replace('\uFF3F', '_').toUpperCase(Locale.ROOT);
  }

  /** The entry of a known code. */
  public static Optional<Entry> find(String rawCode) {
    return Optional.ofNullable(TABLE.get(normalize(rawCode)));
  }

  /** The status of a code; {@code UNKNOWN} for an unknown one, which is logged once. */
  public static TrackingStatus status(String rawCode) {
    String key = normalize(rawCode);
    Entry e = TABLE.get(key);
    if (e != null) return e.status();
    if (LOGGED.size() < MAX_LOGGED && LOGGED.add(key)) {
      log.info("Unknown Cainiao action_code '{}' mapped to UNKNOWN (logged once)", key.isEmpty() ? "<none>" : key);
    }
    return TrackingStatus.UNKNOWN;
  }

  public static boolean isInformational(String rawCode) {
    return find(rawCode).map(Entry::informational).orElse(false);
  }

  public static boolean needsConsumerAction(String rawCode) {
    return find(rawCode).map(Entry::consumerAction).orElse(false);
  }
}
