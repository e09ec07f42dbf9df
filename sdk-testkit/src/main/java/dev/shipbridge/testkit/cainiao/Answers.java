package dev.shipbridge.testkit.cainiao;

import dev.shipbridge.testkit.CanonicalAnswers;
import java.util.Map;

/** The Cainiao emulator's canonical answers ({@code cainiao/answers/*.json}), filled for one reply. */
final class Answers {
  private Answers() {}

  /** The answer {@code name} filled with alternating placeholder names and values; a mutable map. */
  static Map<String, Object> of(String name, Object... namesAndValues) {
    return CanonicalAnswers.tree(CanonicalAnswers.CAINIAO, name, CanonicalAnswers.values(namesAndValues));
  }
}
