package dev.shipbridge.usps.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets of the subscriptions the USPS carriers of one root {@code Shipbridge} created or
 * updated (its own and its accounts', kept in its {@link dev.shipbridge.spi.CarrierMemory}), by
 * subscription id, so that {@link UspsNotifications} verifies what USPS signs with each, on the
 * root's {@code webhooks()} and every account's, also after an account's instance was rebuilt. In
 * memory (a restart forgets them: configure the secret again with {@code webhookSecret}); bounded
 * to {@link #CAPACITY} subscriptions. Never logged or shown.
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
