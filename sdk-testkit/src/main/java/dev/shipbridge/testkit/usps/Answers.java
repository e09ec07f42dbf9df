package dev.shipbridge.testkit.usps;

import dev.shipbridge.testkit.CanonicalAnswers;

/** The USPS emulator's canonical answers ({@code usps/answers/*.json}), filled for one reply. */
final class Answers {
  private Answers() {}

  /** The answer {@code name} filled with alternating placeholder names and values. */
  static Json.Obj of(String name, Object... namesAndValues) {
    Json.Obj o = Json.obj();
    o.putAll(CanonicalAnswers.tree(CanonicalAnswers.USPS, name, CanonicalAnswers.values(namesAndValues)));
    return o;
  }
}
