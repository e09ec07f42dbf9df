package dev.shipbridge.model;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A tracking subscription as the carrier holds it. It never carries the secret.
 *
 * <pre>{@code
 * Subscription s = shipbridge.subscriptions().get(CarrierId.USPS, id);
 * if (s.status() == Subscription.Status.SUSPENDED) log.warn("listener unreachable: {}", s.statusReason());
 * }</pre>
 *
 * @param id the carrier's id of the subscription
 * @param mid the Mailer ID followed, or null
 * @param trackingNumber the parcel followed, or null
 * @param status enabled, disabled by you, suspended by the carrier (listener unreachable), or unknown
 * @param statusReason why it is suspended, or null
 * @param created when it was created, or null
 * @param expires when it expires, or null
 * @param version the carrier's version (USPS: its ETag, needed to change or delete it), or null
 */
public record Subscription(CarrierId carrier, String id, String mid, String trackingNumber, URI listenerUrl,
    Status status, String statusReason, Set<SubscriptionEvent> events, List<String> adminEmails, Instant created,
    Instant expires, String version) {

  /** A subscription's state. */
  public enum Status { ENABLED, DISABLED, SUSPENDED, UNKNOWN }

  public Subscription {
    events = events == null ? Set.of() : Set.copyOf(events);
    adminEmails = adminEmails == null ? List.of() : List.copyOf(adminEmails);
    status = status == null ? Status.UNKNOWN : status;
    dev.shipbridge.spi.support.Checks c = new dev.shipbridge.spi.support.Checks();
    c.notNull("carrier", carrier);
    c.notBlank("id", id, 128);
    c.throwIfAny();
  }

  /** Without the administrators' e-mail addresses. */
  @Override
  public String toString() {
    return "Subscription[carrier=" + carrier + ", id=" + id + ", mid=" + mid + ", trackingNumber=" + trackingNumber
        + ", listenerUrl=" + listenerUrl + ", status=" + status + ", events=" + events + ", expires=" + expires + "]";
  }
}
