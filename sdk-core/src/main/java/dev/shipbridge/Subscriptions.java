package dev.shipbridge;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Subscription;
import dev.shipbridge.model.SubscriptionQuery;
import dev.shipbridge.model.SubscriptionRequest;
import dev.shipbridge.model.SubscriptionUpdate;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.spi.TrackingSubscriptionCapability;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Pushed-tracking subscriptions, from {@link Shipbridge#subscriptions()}, each call under {@link
 * Operation#SUBSCRIPTION}. A secret set here is handed to the carrier's notification check, so
 * {@link Shipbridge#webhooks()} accepts what it signs (after a restart, configure it again: USPS
 * {@code webhookSecret}); it is never logged or shown. Updating or deleting reads it first.
 *
 * <pre>{@code
 * Subscription s = shipbridge.subscriptions().create(SubscriptionRequest.builder().carrier(CarrierId.USPS)
 *     .trackingNumber(label.trackingNumber()).listenerUrl(URI.create("https://hooks.example.com/usps"))
 *     .secret(secret).adminEmail("ops@example.com").build());
 * // later, in your HTTP endpoint:
 * PushedTracking pushed = shipbridge.webhooks().handle(webhookRequest);
 * }</pre>
 */
public final class Subscriptions {
  private final FacadeCalls calls;

  Subscriptions(FacadeCalls calls) {
    this.calls = calls;
  }

  /** Creates a subscription; the carrier's limits are checked first, every violation at once. */
  public Subscription create(SubscriptionRequest request) {
    Objects.requireNonNull(request, "request");
    FacadeCalls.reject(capability(request.carrier()).check(request));
    return call(request.carrier(), c -> c.create(request));
  }

  /** One page of the subscriptions {@code query} selects. */
  public List<Subscription> list(CarrierId carrier, SubscriptionQuery query) {
    Objects.requireNonNull(query, "query");
    capability(carrier);
    return call(carrier, c -> c.list(query));
  }

  public Subscription get(CarrierId carrier, String subscriptionId) {
    String id = id(subscriptionId);
    capability(carrier);
    return call(carrier, c -> c.get(id));
  }

  /** Applies {@code update} to its subscription. */
  public Subscription update(CarrierId carrier, SubscriptionUpdate update) {
    Objects.requireNonNull(update, "update");
    FacadeCalls.reject(capability(carrier).check(update));
    Subscription current = call(carrier, c -> c.get(update.subscriptionId()));
    return call(carrier, c -> c.update(current, update));
  }

  /** Deletes a subscription; returns it as it was. */
  public Subscription delete(CarrierId carrier, String subscriptionId) {
    String id = id(subscriptionId);
    capability(carrier);
    Subscription current = call(carrier, c -> c.get(id));
    return call(carrier, c -> c.delete(current));
  }

  private TrackingSubscriptionCapability capability(CarrierId carrier) {
    return calls.capability(carrier, TrackingSubscriptionCapability.class);
  }

  private <T> T call(CarrierId carrier, Function<TrackingSubscriptionCapability, T> body) {
    return calls.call(carrier, Operation.SUBSCRIPTION, null, TrackingSubscriptionCapability.class, body);
  }

  private static String id(String subscriptionId) {
    if (subscriptionId == null || !subscriptionId.strip().matches("[A-Za-z0-9._:-]{1,128}")) {
      throw ValidationException.of("subscriptionId", "must be 1 to 128 letters, digits or '.', '_', ':', '-'");
    }
    return subscriptionId.strip();
  }

  @Override
  public String toString() {
    return "Subscriptions[carriers=" + calls.registry.having(TrackingSubscriptionCapability.class) + "]";
  }
}
