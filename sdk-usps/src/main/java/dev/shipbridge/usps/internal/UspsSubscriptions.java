package dev.shipbridge.usps.internal;

import dev.shipbridge.CarrierException;
import dev.shipbridge.ValidationException.Violation;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Subscription;
import dev.shipbridge.model.SubscriptionEvent;
import dev.shipbridge.model.SubscriptionQuery;
import dev.shipbridge.model.SubscriptionRequest;
import dev.shipbridge.model.SubscriptionUpdate;
import dev.shipbridge.spi.TrackingSubscriptionCapability;
import dev.shipbridge.spi.support.Checks;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * USPS Subscriptions - Tracking ({@code /subscriptions-tracking/v3r2}): create, list, get, update
 * (PUT of the whole subscription with {@code If-Match}) and delete. The secret of each subscription
 * created or updated here goes to the bound carrier's {@link SubscriptionSecrets}, which {@link
 * UspsNotifications} verifies with; it is sent to USPS and nowhere else.
 */
public final class UspsSubscriptions implements TrackingSubscriptionCapability {
  /** {@code Subscription.secret}: exactly 32 characters. */
  static final int SECRET_LENGTH = 32;
  static final int LISTENER_URL = 200;
  static final int EMAIL = 50;
  static final int MAX_ADMINS = 3;

  private final Supplier<UspsClient> client;

  public UspsSubscriptions(Supplier<UspsClient> client) {
    this.client = client;
  }

  @Override
  public List<Violation> check(SubscriptionRequest r) {
    Checks c = new Checks();
    c.account(r.account(), UspsCapabilities.boundAccount(client));
    if (r.mid() != null && !r.mid().strip().matches("\\d{6}|\\d{9}")) c.add("mid", "a USPS Mailer ID is 6 or 9 digits");
    if (r.trackingNumber() != null && !r.trackingNumber().strip().matches("[A-Za-z0-9]{6,40}")) {
      c.add("trackingNumber", "must be 6 to 40 letters and digits");
    }
    if (r.trackingNumber() != null && r.events().contains(SubscriptionEvent.SCAN_EVENT_EXTRACT)) {
      c.add("events", "USPS sends SCAN_EVENT_EXTRACT for Mailer ID subscriptions only");
    }
    common(c, r.listenerUrl(), r.secret(), r.adminEmails(), true);
    return c.violations();
  }

  @Override
  public List<Violation> check(SubscriptionUpdate u) {
    Checks c = new Checks();
    c.account(u.account(), UspsCapabilities.boundAccount(client));
    common(c, u.listenerUrl(), u.secret(), u.adminEmails(), false);
    return c.violations();
  }

  private static void common(Checks c, URI listener, String secret, List<String> admins, boolean adminsRequired) {
    if (listener != null && listener.toString().length() > LISTENER_URL) {
      c.add("listenerUrl", "USPS takes listener URLs of at most " + LISTENER_URL + " characters (was "
          + listener.toString().length() + ")");
    }
    if (secret != null && secret.length() != SECRET_LENGTH) {
      c.add("secret", "USPS takes a secret of exactly " + SECRET_LENGTH + " characters (was " + secret.length() + ")");
    }
    if (adminsRequired && admins.isEmpty()) c.add("adminEmails", "USPS needs 1 to 3 administrator e-mail addresses");
    if (admins.size() > MAX_ADMINS) c.add("adminEmails", "USPS takes at most " + MAX_ADMINS + " (had " + admins.size() + ")");
    for (int i = 0; i < admins.size(); i++) {
      if (admins.get(i).strip().length() > EMAIL) c.add("adminEmails[" + i + "]", "USPS takes at most " + EMAIL + " characters");
    }
  }

  @Override
  public Subscription create(SubscriptionRequest r) {
    UspsClient usps = client.get();
    List<String> events = r.events().isEmpty() ? List.of("ALL_UPDATES") : r.events().stream().map(Enum::name).sorted().toList();
    SubscriptionWire.Subscription body = new SubscriptionWire.Subscription(null, r.listenerUrl().toString(), r.secret(),
        null, null, emails(r.adminEmails()), null, null, null,
        new SubscriptionWire.Filter(r.mid() == null ? null : r.mid().strip(),
            r.trackingNumber() == null ? null : r.trackingNumber().strip(), events));
    byte[] json = usps.json().write(body);
    Call call = Call.change(UspsApi.SUBSCRIPTIONS, "POST", json, "subscriptions");
    Subscription s = read(usps, call, usps.ok(call));
    usps.subscriptionSecrets().put(s.id(), r.secret());
    return s;
  }

  @Override
  public List<Subscription> list(SubscriptionQuery q) {
    UspsClient usps = client.get();
    Call call = Call.get(UspsApi.SUBSCRIPTIONS, Call.query(
        "MID", String.join(",", q.mids()), "trackingNumber", String.join(",", q.trackingNumbers()),
        "offset", Integer.toString(q.offset()), "limit", Integer.toString(q.limit())), "subscriptions");
    SubscriptionWire.Page page = usps.read(call, SubscriptionWire.Page.class);
    if (page.subscriptions() == null) return new java.util.ArrayList<>();
    return UspsClient.mapped("subscription", () -> new java.util.ArrayList<>(
        page.subscriptions().stream().map(w -> fromWire(w, null)).toList()));
  }

  @Override
  public Subscription get(String subscriptionId) {
    UspsClient usps = client.get();
    Call call = Call.get(UspsApi.SUBSCRIPTIONS, Map.of(), "subscriptions", subscriptionId);
    return read(usps, call, usps.ok(call));
  }

  /** PUT of the whole subscription: what it follows is kept, the rest is the update's or the current value. */
  @Override
  public Subscription update(Subscription current, SubscriptionUpdate u) {
    UspsClient usps = client.get();
    List<String> admins = u.adminEmails().isEmpty() ? current.adminEmails() : u.adminEmails();
    Subscription.Status status = u.status() != null ? u.status() : current.status();
    List<String> events = current.events().isEmpty() ? List.of("ALL_UPDATES")
        : current.events().stream().map(Enum::name).sorted().toList();
    SubscriptionWire.Subscription body = new SubscriptionWire.Subscription(null,
        (u.listenerUrl() != null ? u.listenerUrl() : current.listenerUrl()).toString(), u.secret(),
        status == Subscription.Status.UNKNOWN ? null : status.name(), null, emails(admins), null, null, null,
        new SubscriptionWire.Filter(current.mid(), current.trackingNumber(), events));
    byte[] json = usps.json().write(body);
    Call call = Call.change(UspsApi.SUBSCRIPTIONS, "PUT", json, "subscriptions", current.id());
    Subscription s = read(usps, call, usps.ok(call, current.version(), "subscription " + current.id()));
    usps.subscriptionSecrets().put(s.id(), u.secret());
    return s;
  }

  @Override
  public Subscription delete(Subscription current) {
    UspsClient usps = client.get();
    Call call = Call.change(UspsApi.SUBSCRIPTIONS, "DELETE", null, "subscriptions", current.id());
    usps.ok(call, current.version(), "subscription " + current.id());
    usps.subscriptionSecrets().remove(current.id());
    return current;
  }

  private static Subscription read(UspsClient usps, Call call, HttpResult r) {
    SubscriptionWire.Subscription w = usps.read(call, r, SubscriptionWire.Subscription.class);
    return UspsClient.mapped("subscription", () -> fromWire(w, r.header("ETag").orElse(null)));
  }

  private static List<SubscriptionWire.Email> emails(List<String> admins) {
    return admins.stream().map(e -> new SubscriptionWire.Email(e.strip())).toList();
  }

  static Subscription fromWire(SubscriptionWire.Subscription w, String etag) {
    if (w == null || w.subscriptionId() == null || w.subscriptionId().isBlank()) {
      throw new CarrierException(CarrierException.details(CarrierId.USPS, "USPS answered a subscription without its id"));
    }
    SubscriptionWire.Filter f = w.filterProperties();
    List<String> types = f == null || f.trackingEventTypes() == null ? List.of() : f.trackingEventTypes();
    Set<SubscriptionEvent> events = EnumSet.noneOf(SubscriptionEvent.class);
    for (SubscriptionEvent e : SubscriptionEvent.values()) if (types.contains(e.name())) events.add(e);
    Subscription.Status status = Subscription.Status.UNKNOWN;
    for (Subscription.Status s : Subscription.Status.values()) if (s.name().equals(w.status())) status = s;
    URI listener = null;
    try {
      listener = w.listenerURL() == null ? null : URI.create(w.listenerURL().strip());
    } catch (IllegalArgumentException notAUri) {
      // kept null: the subscription is still the carrier's to manage
    }
    List<String> admins = w.adminNotification() == null ? List.of()
        : w.adminNotification().stream().map(SubscriptionWire.Email::email).filter(e -> e != null && !e.isBlank()).toList();
    return new Subscription(CarrierId.USPS, w.subscriptionId().strip(), f == null ? null : f.mid(),
        f == null ? null : f.trackingNumber(), listener, status, w.statusReason(), events, admins,
        instant(w.creationTimestamp()), instant(w.expirationTimestamp()), etag);
  }

  private static Instant instant(String s) {
    if (s == null || s.isBlank()) return null;
    try {
      return OffsetDateTime.parse(s.strip()).toInstant(); // the spec's date-time: an offset is required
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "UspsSubscriptions";
  }
}
