package dev.shipbridge.usps.internal;

import dev.shipbridge.model.LabelRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mailing date of each label purchase: the request's ship date, else USPS's today on the bound
 * clock taken at the purchase's first attempt and kept under its idempotency key, so every attempt
 * under one key (the core's retries, a caller's same-key retry) sends the same body, even across
 * midnight. USPS returns the existing label only for the same key and an identical payload.
 */
public final class MailingDates {
  /** Keys remembered at most; beyond it, dates already past are dropped, then everything. */
  static final int MAX_KEYS = 10_000;

  private final Clock clock;
  private final Map<String, LocalDate> byKey = new ConcurrentHashMap<>();

  public MailingDates(Clock clock) {
    this.clock = clock;
  }

  /** The mailing date to send for {@code request}. */
  public LocalDate of(LabelRequest request) {
    if (request.shipDate() != null) return request.shipDate();
    LocalDate today = Units.today(clock);
    if (byKey.size() >= MAX_KEYS) {
      byKey.values().removeIf(d -> d.isBefore(today));
      if (byKey.size() >= MAX_KEYS) byKey.clear();
    }
    return byKey.computeIfAbsent(request.idempotencyKey().value(), k -> today);
  }
}
