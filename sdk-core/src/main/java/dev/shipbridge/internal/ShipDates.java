package dev.shipbridge.internal;

import dev.shipbridge.ValidationException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The sane window for a ship date, on the facade's injected clock: from yesterday (UTC, so a
 * sender west of UTC may still ship "today") to {@link #MAX_DAYS_AHEAD} days ahead. Carriers narrow
 * it in their own checks (USPS: today to today + 7).
 */
public final class ShipDates {
  /** The furthest ahead a ship date may be. */
  public static final int MAX_DAYS_AHEAD = 30;

  private ShipDates() {}

  /** The violation of {@code shipDate} (null means today: none), as a list. */
  public static List<ValidationException.Violation> check(LocalDate shipDate, Clock clock) {
    if (shipDate == null) return List.of();
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate earliest = today.minusDays(1);
    LocalDate latest = today.plusDays(MAX_DAYS_AHEAD);
    if (shipDate.isBefore(earliest) || shipDate.isAfter(latest)) {
      return List.of(new ValidationException.Violation("shipDate",
          "must be from " + earliest + " to " + latest + " (today, UTC, to " + MAX_DAYS_AHEAD + " days ahead; was " + shipDate + ")"));
    }
    return List.of();
  }
}
