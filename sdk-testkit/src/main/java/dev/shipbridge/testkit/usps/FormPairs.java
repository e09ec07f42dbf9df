package dev.shipbridge.testkit.usps;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/** Decoding {@code application/x-www-form-urlencoded} text: form bodies and query strings. */
final class FormPairs {
  private FormPairs() {}

  /**
   * Hands each {@code name=value} pair of {@code encoded}, URL-decoded as UTF-8, to {@code pair}, in
   * order; a pair without {@code =} has the value "", and empty pairs are skipped.
   */
  static void decode(String encoded, BiConsumer<String, String> pair) {
    for (String p : encoded.split("&")) {
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? p : p.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8);
      pair.accept(k, v);
    }
  }
}
