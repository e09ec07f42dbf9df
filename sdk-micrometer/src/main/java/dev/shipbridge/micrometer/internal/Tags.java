package dev.shipbridge.micrometer.internal;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.Operation;
import java.util.Locale;

/** Tag values from a small, fixed set: never a message, a number or a path. */
final class Tags {
  private Tags() {}

  static String carrier(CarrierId carrier) {
    return carrier == null ? "unknown" : carrier.value().toLowerCase(Locale.ROOT);
  }

  static String operation(Operation operation) {
    return operation.name().toLowerCase(Locale.ROOT);
  }

  /** The failure's class name ({@code none} on success): bounded by the classes that exist. */
  static String errorType(Throwable failure) {
    if (failure == null) return "none";
    return failure.getClass().getName();
  }

  /** {@code 2xx}, {@code 4xx}, ... */
  static String statusClass(int status) {
    return status < 100 || status > 599 ? "other" : (status / 100) + "xx";
  }
}
