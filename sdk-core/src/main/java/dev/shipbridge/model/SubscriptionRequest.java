package dev.shipbridge.model;

import dev.shipbridge.account.AccountId;
import dev.shipbridge.spi.support.Checks;
import dev.shipbridge.spi.support.KnownSecrets;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A tracking subscription to create: the carrier pushes tracking events of one tracking number,
 * or of every parcel of one Mailer ID, to your listener URL, signed with your secret. The secret is
 * registered with {@link KnownSecrets} (masked wherever it might appear) and never shown by
 * {@link #toString()}; {@code Shipbridge.webhooks()} verifies the notifications with it.
 *
 * <pre>{@code
 * Subscription s = shipbridge.subscriptions().create(SubscriptionRequest.builder()
 *     .carrier(CarrierId.USPS).mid("904128936")
 *     .listenerUrl(URI.create("https://hooks.example.com/usps")).secret(secretOf32Chars)
 *     .adminEmail("ops@example.com").build());
 * }</pre>
 *
 * @param mid the Mailer ID whose parcels to follow (exactly one of {@code mid} and {@code trackingNumber})
 * @param trackingNumber the one parcel to follow
 * @param listenerUrl where notifications are posted: an absolute https URL
 * @param secret the key notifications are signed with (USPS: exactly 32 characters)
 * @param adminEmails who the carrier tells about the subscription's own state (USPS: 1 to 3)
 * @param events which events (empty: the carrier's default, all updates)
 * @param account the account the call runs under, or null for the instance's own (see {@link
 *     #withAccount}); an id, not a secret, so it is part of {@code equals} and {@code toString}
 */
public record SubscriptionRequest(CarrierId carrier, String mid, String trackingNumber, URI listenerUrl, String secret,
    List<String> adminEmails, Set<SubscriptionEvent> events, AccountId account) {

  public SubscriptionRequest {
    adminEmails = adminEmails == null ? List.of() : List.copyOf(adminEmails);
    events = events == null || events.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(events));
    Checks c = new Checks();
    c.notNull("carrier", carrier);
    boolean byMid = mid != null && !mid.isBlank();
    boolean byNumber = trackingNumber != null && !trackingNumber.isBlank();
    if (byMid == byNumber) c.add("mid", "give exactly one of mid and trackingNumber");
    if (byMid) c.text("mid", mid, 64);
    if (byNumber) c.text("trackingNumber", trackingNumber, 64);
    checkListener(c, listenerUrl);
    if (c.notBlank("secret", secret, 256)) KnownSecrets.register(secret);
    for (int i = 0; i < adminEmails.size(); i++) checkEmail(c, "adminEmails[" + i + "]", adminEmails.get(i));
    c.throwIfAny();
  }

  static void checkListener(Checks c, URI url) {
    if (!c.notNull("listenerUrl", url)) return;
    if (!url.isAbsolute() || !"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
      c.add("listenerUrl", "must be an absolute https URL");
    }
  }

  static void checkEmail(Checks c, String path, String email) {
    if (email == null || !email.strip().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) c.add(path, "is not an e-mail address");
  }

  /** Secret and e-mails hidden. */
  @Override
  public String toString() {
    return "SubscriptionRequest[carrier=" + carrier + ", mid=" + mid + ", trackingNumber=" + trackingNumber
        + ", listenerUrl=" + listenerUrl + ", secret=***, adminEmails=" + adminEmails.size() + ", events=" + events
        + ", account=" + account + "]";
  }

  /**
   * This request run under {@code account} (null: the instance's own), as {@code
   * shipbridge.account(account).subscriptions().create(r)} runs it.
   *
   * <pre>{@code
   * Subscription s = shipbridge.subscriptions().create(request.withAccount(AccountId.of("merchant-42")));
   * }</pre>
   */
  public SubscriptionRequest withAccount(AccountId account) {
    return new SubscriptionRequest(carrier, mid, trackingNumber, listenerUrl, secret, adminEmails, events, account);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SubscriptionRequest}; {@link #build()} reports every violation at once. */
  public static final class Builder {
    private CarrierId carrier;
    private String mid;
    private String trackingNumber;
    private URI listenerUrl;
    private String secret;
    private final java.util.ArrayList<String> adminEmails = new java.util.ArrayList<>();
    private final Set<SubscriptionEvent> events = EnumSet.noneOf(SubscriptionEvent.class);
    private AccountId account;

    private Builder() {}

    public Builder carrier(CarrierId v) { this.carrier = v; return this; }
    /** Follow every parcel of this Mailer ID. */
    public Builder mid(String v) { this.mid = v; return this; }
    /** Follow this one parcel. */
    public Builder trackingNumber(String v) { this.trackingNumber = v; return this; }
    public Builder listenerUrl(URI v) { this.listenerUrl = v; return this; }
    /** The signing key; never shown. */
    public Builder secret(String v) { this.secret = v; return this; }
    public Builder adminEmail(String v) { this.adminEmails.add(v); return this; }
    public Builder event(SubscriptionEvent v) { this.events.add(v); return this; }
    /** The account the subscription is created under; see {@link SubscriptionRequest#withAccount}. */
    public Builder account(AccountId v) { this.account = v; return this; }

    public SubscriptionRequest build() {
      return new SubscriptionRequest(carrier, mid, trackingNumber, listenerUrl, secret, adminEmails, events, account);
    }

    @Override
    public String toString() {
      return "SubscriptionRequest.Builder[carrier=" + carrier + ", secret=***]";
    }
  }
}
