package dev.shipbridge.spi.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the small immutable {@code details} map of a quote, a label or a tracking (the
 * carrier-specific facts the model has no field for): blank values are left out and values are
 * stripped, so an adapter can put what the carrier answered without checking each. Not
 * thread-safe (one per map).
 *
 * <pre>{@code
 * Details d = new Details();
 * d.put("zone", zone);          // null or blank values are left out, values are stripped
 * Map<String, String> m = d.build();
 * }</pre>
 */
public final class Details {
  private final Map<String, String> entries = new LinkedHashMap<>();

  /** Adds {@code key} with {@code value} stripped, unless the value is null or blank; a repeated key keeps its first value. */
  public Details put(String key, String value) {
    if (value != null && !value.isBlank()) entries.putIfAbsent(key, value.strip());
    return this;
  }

  /** The entries as an immutable map. */
  public Map<String, String> build() {
    return Map.copyOf(entries);
  }
}
