package dev.shipbridge.spi;

import dev.shipbridge.ValidationException;
import dev.shipbridge.model.Subscription;
import dev.shipbridge.model.SubscriptionQuery;
import dev.shipbridge.model.SubscriptionRequest;
import dev.shipbridge.model.SubscriptionUpdate;
import java.util.List;

/**
 * Manages the carrier's pushed-tracking subscriptions. An implementation must make the secret of
 * each subscription it creates or updates known to its {@link PushCapability}, so that {@code
 * Shipbridge.webhooks()} verifies their notifications, and must never log or show a secret.
 */
public interface TrackingSubscriptionCapability extends Capability {
  Subscription create(SubscriptionRequest request);

  List<Subscription> list(SubscriptionQuery query);

  /** The subscription with this id, with its current {@link Subscription#version()}. */
  Subscription get(String subscriptionId);

  /** Applies {@code update} to {@code current} (as just read, with its version). */
  Subscription update(Subscription current, SubscriptionUpdate update);

  /** Deletes {@code current} (as just read, with its version); returns it. */
  Subscription delete(Subscription current);

  /** This carrier's own limits for a new subscription (secret length, listener URL), before any call. */
  default List<ValidationException.Violation> check(SubscriptionRequest request) {
    return List.of();
  }

  /** This carrier's own limits for an update, before any call. */
  default List<ValidationException.Violation> check(SubscriptionUpdate update) {
    return List.of();
  }
}
