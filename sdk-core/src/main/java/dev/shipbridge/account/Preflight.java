package dev.shipbridge.account;

import dev.shipbridge.model.CarrierId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an account can use, checked before its first real call by {@code Shipbridge.preflight()}:
 * one {@link Check} per carrier and thing checked (token obtainable, scopes granted, payment
 * authorization possible, keys valid). Nothing is bought. {@code toString()} is a readable table;
 * it holds no secret (details are the carriers' typed refusals, already redacted).
 *
 * <pre>{@code
 * Preflight report = shipbridge.preflight(AccountId.of("merchant-42"));
 * if (!report.ok()) log.warn("merchant-42 cannot ship yet:\n{}", report);
 * }</pre>
 */
public final class Preflight {
  /**
   * The outcome of one check: {@code OK}; {@code FAILED} (the account cannot work as configured:
   * {@link #ok()} is false); {@code SKIPPED} (not checked); {@code UNAVAILABLE} (a capability this
   * account cannot use, e.g. labels without the labels scope granted, the detail saying why; the
   * account may still be ready for what it is used for).
   */
  public enum Status { OK, FAILED, SKIPPED, UNAVAILABLE }

  /**
   * One check: the carrier, what was checked ({@code token}, {@code scopes}, {@code payment},
   * {@code keys}, ...), its outcome and a sentence saying why or what to do.
   */
  public record Check(CarrierId carrier, String name, Status status, String detail) {
    public Check {
      Objects.requireNonNull(carrier, "carrier");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(status, "status");
      detail = detail == null ? "" : detail;
    }

    /** A passed check. */
    public static Check ok(CarrierId carrier, String name, String detail) {
      return new Check(carrier, name, Status.OK, detail);
    }

    /** A failed check, with what the account must do. */
    public static Check failed(CarrierId carrier, String name, String detail) {
      return new Check(carrier, name, Status.FAILED, detail);
    }

    /** A capability the account cannot use, and why. */
    public static Check unavailable(CarrierId carrier, String name, String detail) {
      return new Check(carrier, name, Status.UNAVAILABLE, detail);
    }

    /** A check not made, and why. */
    public static Check skipped(CarrierId carrier, String name, String detail) {
      return new Check(carrier, name, Status.SKIPPED, detail);
    }
  }

  private final AccountId account;
  private final List<Check> checks;

  /** The report of {@code account} (null: the instance's own carriers). */
  public Preflight(AccountId account, List<Check> checks) {
    this.account = account;
    this.checks = List.copyOf(checks);
  }

  /** The account checked; empty for the instance's own (default) carriers. */
  public Optional<AccountId> account() {
    return Optional.ofNullable(account);
  }

  /** Every check, by carrier in registration order. */
  public List<Check> checks() {
    return checks;
  }

  /** The checks of one carrier. */
  public List<Check> checks(CarrierId carrier) {
    return checks.stream().filter(c -> c.carrier().equals(carrier)).toList();
  }

  /** Whether no check failed. */
  public boolean ok() {
    return checks.stream().noneMatch(c -> c.status() == Status.FAILED);
  }

  /** A table: one line per check, columns aligned. */
  @Override
  public String toString() {
    int carrierWidth = Math.max(7, checks.stream().mapToInt(c -> c.carrier().value().length()).max().orElse(0));
    int nameWidth = Math.max(5, checks.stream().mapToInt(c -> c.name().length()).max().orElse(0));
    int statusWidth = Math.max(7, checks.stream().mapToInt(c -> c.status().name().length()).max().orElse(0));
    String row = "%-" + carrierWidth + "s  %-" + nameWidth + "s  %-" + statusWidth + "s  %s%n";
    StringBuilder s = new StringBuilder("Preflight of ").append(account == null ? "the default account" : "account " + account)
        .append(ok() ? ": ready" : ": NOT ready").append(System.lineSeparator());
    s.append(String.format(row, "carrier", "check", "status", "detail"));
    for (Check c : checks) s.append(String.format(row, c.carrier(), c.name(), c.status(), c.detail()));
    return s.toString().stripTrailing();
  }
}
