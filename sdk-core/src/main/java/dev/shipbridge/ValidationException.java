package dev.shipbridge;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The input cannot be valid; thrown before any carrier is called, listing every violation found,
 * not just the first.
 *
 * <pre>{@code
 * try {
 *   shipbridge.label(request);
 * } catch (ValidationException e) {
 *   e.violations().forEach(v -> form.markInvalid(v.path(), v.message()));
 * }
 * }</pre>
 */
public final class ValidationException extends ShipbridgeException {
  private static final long serialVersionUID = 1L;

  /** One broken rule: where ({@code to.postalCode}, {@code customs.items[0].hsCode}) and why. */
  public record Violation(String path, String message) {
    public Violation {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(message, "message");
    }

    /** The same violation, its path placed under {@code prefix} ({@code to} + {@code city} = {@code to.city}). */
    public Violation under(String prefix) {
      return new Violation(prefix.isEmpty() ? path : path.isEmpty() ? prefix : prefix + "." + path, message);
    }

    @Override
    public String toString() {
      return path + ": " + message;
    }
  }

  private final List<Violation> violations;

  public ValidationException(List<Violation> violations) {
    super(describe(violations));
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("a ValidationException needs at least one violation");
    }
    this.violations = List.copyOf(violations);
  }

  /** A single violation. */
  public static ValidationException of(String path, String message) {
    return new ValidationException(List.of(new Violation(path, message)));
  }

  /** Every violation, in the order the rules were checked. Never empty. */
  public List<Violation> violations() {
    return violations;
  }

  private static String describe(List<Violation> violations) {
    return violations.size() + (violations.size() == 1 ? " violation: " : " violations: ")
        + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }
}
