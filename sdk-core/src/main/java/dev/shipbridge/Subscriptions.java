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
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Pushed-tracking subscriptions, from {@link Shipbridge#subscriptions()}: create, list, get,
 * update and delete. The secret of a subscription created or updated here is handed to the
 * carrier's notification check, so {@link Shipbridge#webhooks()} accepts what the carrier signs
 * with it (after a restart, configure it again: USPS {@code webhookSecret}). Secrets are never
 * logged, shown or put in a message. Updating or deleting reads the subscription first (two
 * calls: the carrier wants its current version). Each call runs under {@link Operation#SUBSCRIPTION}.
 * A request, query or update naming an account ({@code withAccount}) runs as {@code
 * shipbridge.account(id).subscriptions()} runs it; {@link #get} and {@link #delete} (a carrier and
 * an id) run on the instance they are called on ({@code shipbridge.account(id).subscriptions().get(...)}).
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
  private final Shipbridge owner;
  private final FacadeCalls calls;

  Subscriptions(Shipbridge owner) {
    this.owner = owner;
    this.calls = owner.calls;
  }

  /** Creates a subscription; the carrier's limits are checked first, every violation at once. */
  public Subscription create(SubscriptionRequest request) {
    Objects.requireNonNull(request, "request");
    FacadeCalls calls = AccountRoutes.calls(owner, request.account());
    FacadeCalls.reject(capability(calls, request.carrier()).check(request));
    return call(calls, request.carrier(), c -> c.create(request));
  }

  /** One page of the subscriptions {@code query} selects. */
  public List<Subscription> list(CarrierId carrier, SubscriptionQuery query) {
    Objects.requireNonNull(query, "query");
    FacadeCalls calls = AccountRoutes.calls(owner, query.account());
    capability(calls, carrier);
    return call(calls, carrier, c -> c.list(query));
  }

  public Subscription get(CarrierId carrier, String subscriptionId) {
    String id = id(subscriptionId);
    capability(carrier);
    return call(carrier, c -> c.get(id));
  }

  /** Applies {@code update} to its subscription. */
  public Subscription update(CarrierId carrier, SubscriptionUpdate update) {
    Objects.requireNonNull(update, "update");
    FacadeCalls calls = AccountRoutes.calls(owner, update.account());
    FacadeCalls.reject(capability(calls, carrier).check(update));
    Subscription current = call(calls, carrier, c -> c.get(update.subscriptionId()));
    return call(calls, carrier, c -> c.update(current, update));
  }

  /** Deletes a subscription; returns it as it was. */
  public Subscription delete(CarrierId carrier, String subscriptionId) {
    String id = id(subscriptionId);
    capability(carrier);
    Subscription current = call(carrier, c -> c.get(id));
    return call(carrier, c -> c.delete(current));
  }

  /** {@link #create} on the executor; failures complete the future. */
  public CompletableFuture<Subscription> createAsync(SubscriptionRequest request) {
    return calls.async(() -> create(request));
  }

  private TrackingSubscriptionCapability capability(CarrierId carrier) {
    return capability(calls, carrier);
  }

  private static TrackingSubscriptionCapability capability(FacadeCalls calls, CarrierId carrier) {
    return calls.capability(carrier, TrackingSubscriptionCapability.class);
  }

  private <T> T call(CarrierId carrier, Function<TrackingSubscriptionCapability, T> body) {
    return call(calls, carrier, body);
  }

  private static <T> T call(FacadeCalls calls, CarrierId carrier, Function<TrackingSubscriptionCapability, T> body) {
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
