package dev.shipbridge.model;

import dev.shipbridge.account.AccountId;
import dev.shipbridge.spi.support.Checks;
import java.util.List;

/**
 * Which subscriptions to list, one page at a time.
 *
 * <pre>{@code
 * List<Subscription> page = shipbridge.subscriptions().list(CarrierId.USPS, SubscriptionQuery.byMid("904128936"));
 * }</pre>
 *
 * @param mids only these Mailer IDs (empty: any)
 * @param trackingNumbers only these numbers (empty: any)
 * @param offset how many to skip
 * @param limit how many at most (1 to 100)
 * @param account the account the call runs under, or null for the instance's own (see {@link
 *     #withAccount}); an id, not a secret, so it is part of {@code equals} and {@code toString}
 */
public record SubscriptionQuery(List<String> mids, List<String> trackingNumbers, int offset, int limit, AccountId account) {
  /** The page size when none is given. */
  public static final int DEFAULT_LIMIT = 20;

  public SubscriptionQuery {
    mids = mids == null ? List.of() : List.copyOf(mids);
    trackingNumbers = trackingNumbers == null ? List.of() : List.copyOf(trackingNumbers);
    Checks c = new Checks();
    if (offset < 0) c.add("offset", "must be zero or more (was " + offset + ")");
    if (limit < 1 || limit > 100) c.add("limit", "must be 1 to 100 (was " + limit + ")");
    for (int i = 0; i < mids.size(); i++) c.notBlank("mids[" + i + "]", mids.get(i), 64);
    for (int i = 0; i < trackingNumbers.size(); i++) c.notBlank("trackingNumbers[" + i + "]", trackingNumbers.get(i), 64);
    c.throwIfAny();
  }

  /** The first page of all subscriptions. */
  public static SubscriptionQuery all() {
    return new SubscriptionQuery(List.of(), List.of(), 0, DEFAULT_LIMIT, null);
  }

  public static SubscriptionQuery byMid(String... mids) {
    return new SubscriptionQuery(List.of(mids), List.of(), 0, DEFAULT_LIMIT, null);
  }

  /** This query's page starting at {@code offset}, of at most {@code limit}. */
  public SubscriptionQuery page(int offset, int limit) {
    return new SubscriptionQuery(mids, trackingNumbers, offset, limit, account);
  }

  /**
   * This query run under {@code account} (null: the instance's own): the account's subscriptions,
   * as {@code shipbridge.account(account).subscriptions().list(carrier, q)} lists them.
   *
   * <pre>{@code
   * List<Subscription> mine = shipbridge.subscriptions().list(CarrierId.USPS, SubscriptionQuery.all().withAccount(merchant));
   * }</pre>
   */
  public SubscriptionQuery withAccount(AccountId account) {
    return new SubscriptionQuery(mids, trackingNumbers, offset, limit, account);
  }
}
