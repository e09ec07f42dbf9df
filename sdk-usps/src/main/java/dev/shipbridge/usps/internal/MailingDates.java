package dev.shipbridge.usps.internal;

import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.spi.CarrierContext;
import dev.shipbridge.spi.CarrierMemory;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mailing date of each label purchase: the ship date, else USPS's today at the first attempt,
 * kept by account and idempotency key in the root's {@link CarrierMemory}, so every attempt under one
 * key sends the same body, even across midnight (USPS replays a label only for an identical payload).
 */
public final class MailingDates {
  /** Keys remembered at most (all accounts of a root); beyond it, dates already past are dropped, then everything. */
  static final int MAX_KEYS = 100_000;

  /** The dates of every account of one root. */
  static final class Store {
    final Map<String, LocalDate> byKey = new ConcurrentHashMap<>();
  }

  private final Clock clock;
  private final Map<String, LocalDate> byKey;
  /** The bound account's prefix of keys: empty for the builder's own carrier. */
  private final String account;

  public MailingDates(Clock clock) {
    this(clock, new Store(), "");
  }

  private MailingDates(Clock clock, Store store, String account) {
    this.clock = clock;
    this.byKey = store.byKey;
    this.account = account;
  }

  /** The dates of {@code context}'s account, kept in its root's memory, on its clock. */
  public static MailingDates of(CarrierContext context) {
    return new MailingDates(context.clock(), context.memory().entry("usps.mailingDates", Store.class, Store::new),
        context.account().map(a -> a.value() + "\n").orElse(""));
  }

  /** The mailing date to send for {@code request}. */
  public LocalDate of(LabelRequest request) {
    if (request.shipDate() != null) return request.shipDate();
    LocalDate today = Units.today(clock);
    if (byKey.size() >= MAX_KEYS) {
      byKey.values().removeIf(d -> d.isBefore(today));
      if (byKey.size() >= MAX_KEYS) byKey.clear();
    }
    return byKey.computeIfAbsent(account + request.idempotencyKey().value(), k -> today);
  }
}
