package dev.shipbridge;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The configuration cannot work: thrown by {@code build()} of {@link ShipbridgeBuilder} and of the
 * carrier builders, and by carrier discovery, listing <em>every</em> problem found, not just the
 * first. Nothing has been sent to a carrier. Messages name settings, never their values.
 *
 * <pre>{@code
 * try {
 *   shipbridge = Shipbridge.builder().discoverCarriers(true).build();
 * } catch (ConfigurationException e) {
 *   e.problems().forEach(p -> log.error("{}: {}", p.setting(), p.message()));  // e.g. USPS_QUOTA_PER_HOUR
 *   throw e;
 * }
 * }</pre>
 */
public final class ConfigurationException extends ShipbridgeException {
  private static final long serialVersionUID = 1L;

  /**
   * One problem: the setting it concerns (a builder method such as {@code clientSecret}, or a
   * variable such as {@code USPS_QUOTA_PER_HOUR}; {@code carriers} for the facade's carrier list),
   * where it came from ({@code usps builder}, {@code discovery: provider ...}) and why it is wrong.
   */
  public record Problem(String setting, String source, String message) {
    public Problem {
      Objects.requireNonNull(setting, "setting");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
      return setting + " (" + source + "): " + message;
    }
  }

  private final List<Problem> problems;

  public ConfigurationException(List<Problem> problems) {
    super(describe(problems));
    if (problems.isEmpty()) throw new IllegalArgumentException("a ConfigurationException needs at least one problem");
    this.problems = List.copyOf(problems);
  }

  /** A single problem. */
  public static ConfigurationException of(String setting, String source, String message) {
    return new ConfigurationException(List.of(new Problem(setting, source, message)));
  }

  /** Every problem, in the order found. Never empty. */
  public List<Problem> problems() {
    return problems;
  }

  private static String describe(List<Problem> problems) {
    return problems.size() + (problems.size() == 1 ? " configuration problem: " : " configuration problems: ")
        + problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
  }
}
