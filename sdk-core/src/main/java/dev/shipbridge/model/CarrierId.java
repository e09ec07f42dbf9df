package dev.shipbridge.model;

import dev.shipbridge.ValidationException;
import java.util.regex.Pattern;

/**
 * A carrier's stable identifier: lowercase letters, digits and dashes, starting with a letter
 * ({@code usps}, {@code cainiao}, {@code acme-express}).
 *
 * <pre>{@code
 * CarrierId id = CarrierId.of("usps");
 * }</pre>
 */
public record CarrierId(String value) implements Comparable<CarrierId> {
  private static final Pattern FORM = Pattern.compile("[a-z][a-z0-9-]{1,31}");

  public static final CarrierId USPS = new CarrierId("usps");
  public static final CarrierId CAINIAO = new CarrierId("cainiao");

  public CarrierId {
    if (value == null || !FORM.matcher(value).matches()) {
      throw ValidationException.of("carrierId", "must match [a-z][a-z0-9-]{1,31}");
    }
  }

  public static CarrierId of(String value) {
    return new CarrierId(value);
  }

  @Override
  public int compareTo(CarrierId o) {
    return value.compareTo(o.value);
  }

  // equals and hashCode by hand: a record's generated ones are linked on first use (invokedynamic),
  // which costs a fresh JVM tens of milliseconds before its first call; a carrier id is hashed first.
  @Override
  public boolean equals(Object o) { return o instanceof CarrierId other && value.equals(other.value); }

  @Override
  public int hashCode() { return value.hashCode(); }

  @Override
  public String toString() {
    return value;
  }
}
