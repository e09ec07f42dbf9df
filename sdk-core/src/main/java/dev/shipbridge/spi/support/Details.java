package dev.shipbridge.spi.support;

import java.util.Arrays;
import java.util.HashMap;
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
  private String[] kv = new String[16];
  private int size;

  /** Adds {@code key} with {@code value} stripped, unless the value is null or blank; a repeated key keeps its first value. */
  public Details put(String key, String value) {
    if (value == null || value.isBlank()) return this;
    for (int i = 0; i < size; i += 2) {
      if (kv[i].equals(key)) return this;
    }
    if (size == kv.length) kv = Arrays.copyOf(kv, size * 2);
    kv[size++] = key;
    kv[size++] = value.strip();
    return this;
  }

  /** The entries as an immutable map. */
  public Map<String, String> build() {
    String[] a = kv;
    return switch (size / 2) {
      case 0 -> Map.of();
      case 1 -> Map.of(a[0], a[1]);
      case 2 -> Map.of(a[0], a[1], a[2], a[3]);
      case 3 -> Map.of(a[0], a[1], a[2], a[3], a[4], a[5]);
      case 4 -> Map.of(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
      case 5 -> Map.of(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9]);
      case 6 -> Map.of(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11]);
      case 7 -> Map.of(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13]);
      case 8 -> Map.of(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13],
          a[14], a[15]);
      default -> {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < size; i += 2) m.put(a[i], a[i + 1]);
        yield Map.copyOf(m);
      }
    };
  }
}
