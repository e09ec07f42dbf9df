package dev.shipbridge.usps.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets of the subscriptions one root {@code Shipbridge}'s USPS carriers created or updated,
 * by id, in its {@link dev.shipbridge.spi.CarrierMemory}, for {@link UspsNotifications} on every
 * instance; in memory only (after a restart: {@code webhookSecret}), at most {@link #CAPACITY}.
 */
public final class SubscriptionSecrets {
  /** USPS allows far fewer subscriptions per client than this. */
  static final int CAPACITY = 10_000;

  private final Map<String, String> byId = new ConcurrentHashMap<>();

  /** The secrets of {@code context}'s root. */
  static SubscriptionSecrets of(dev.shipbridge.spi.CarrierContext context) {
    return context.memory().entry("usps.subscriptionSecrets", SubscriptionSecrets.class, SubscriptionSecrets::new);
  }

  void put(String subscriptionId, String secret) {
    if (byId.size() >= CAPACITY && !byId.containsKey(subscriptionId)) return;
    byId.put(subscriptionId, secret);
  }

  void remove(String subscriptionId) {
    byId.remove(subscriptionId);
  }

  Optional<String> of(String subscriptionId) {
    return subscriptionId == null ? Optional.empty() : Optional.ofNullable(byId.get(subscriptionId));
  }

  @Override
  public String toString() {
    return "SubscriptionSecrets[" + byId.size() + " subscriptions, secrets=***]";
  }
}
