package dev.shipbridge.model;

import dev.shipbridge.account.AccountId;
import dev.shipbridge.spi.support.Checks;
import dev.shipbridge.spi.support.KnownSecrets;
import java.net.URI;
import java.util.List;

/**
 * A change to a subscription: its listener URL, secret, status or administrators. What it
 * follows (Mailer ID or tracking number, events) cannot change: create a new one. USPS replaces the
 * whole subscription, secret included, so the secret is always given (the current one to keep it).
 *
 * <pre>{@code
 * shipbridge.subscriptions().update(CarrierId.USPS, SubscriptionUpdate.builder(id, secret)
 *     .status(Subscription.Status.DISABLED).build());   // during maintenance
 * }</pre>
 *
 * @param listenerUrl the new listener, or null to keep it
 * @param status {@code ENABLED} or {@code DISABLED}, or null to keep it
 * @param adminEmails the new administrators, or empty to keep them
 * @param account the account the call runs under, or null for the instance's own (see {@link
 *     #withAccount}); an id, not a secret, so it is part of {@code equals} and {@code toString}
 */
public record SubscriptionUpdate(String subscriptionId, String secret, URI listenerUrl, Subscription.Status status,
    List<String> adminEmails, AccountId account) {

  public SubscriptionUpdate {
    adminEmails = adminEmails == null ? List.of() : List.copyOf(adminEmails);
    Checks c = new Checks();
    c.notBlank("subscriptionId", subscriptionId, 128);
    if (c.notBlank("secret", secret, 256)) KnownSecrets.register(secret);
    if (listenerUrl != null) SubscriptionRequest.checkListener(c, listenerUrl);
    if (status == Subscription.Status.SUSPENDED || status == Subscription.Status.UNKNOWN) {
      c.add("status", "may only be set to ENABLED or DISABLED");
    }
    for (int i = 0; i < adminEmails.size(); i++) SubscriptionRequest.checkEmail(c, "adminEmails[" + i + "]", adminEmails.get(i));
    c.throwIfAny();
  }

  /** Secret and e-mails hidden. */
  @Override
  public String toString() {
    return "SubscriptionUpdate[subscriptionId=" + subscriptionId + ", secret=***, listenerUrl=" + listenerUrl
        + ", status=" + status + ", adminEmails=" + adminEmails.size() + ", account=" + account + "]";
  }

  /**
   * This update run under {@code account} (null: the instance's own), as {@code
   * shipbridge.account(account).subscriptions().update(carrier, u)} runs it.
   *
   * <pre>{@code
   * shipbridge.subscriptions().update(CarrierId.USPS, update.withAccount(AccountId.of("merchant-42")));
   * }</pre>
   */
  public SubscriptionUpdate withAccount(AccountId account) {
    return new SubscriptionUpdate(subscriptionId, secret, listenerUrl, status, adminEmails, account);
  }

  /** A change to subscription {@code subscriptionId}, signed from now on with {@code secret}. */
  public static Builder builder(String subscriptionId, String secret) {
    return new Builder(subscriptionId, secret);
  }

  /** Builds a {@link SubscriptionUpdate}. */
  public static final class Builder {
    private final String subscriptionId;
    private final String secret;
    private URI listenerUrl;
    private Subscription.Status status;
    private final java.util.ArrayList<String> adminEmails = new java.util.ArrayList<>();
    private AccountId account;

    private Builder(String subscriptionId, String secret) {
      this.subscriptionId = subscriptionId;
      this.secret = secret;
    }

    public Builder listenerUrl(URI v) { this.listenerUrl = v; return this; }
    public Builder status(Subscription.Status v) { this.status = v; return this; }
    public Builder adminEmail(String v) { this.adminEmails.add(v); return this; }
    /** The account the update runs under; see {@link SubscriptionUpdate#withAccount}. */
    public Builder account(AccountId v) { this.account = v; return this; }

    public SubscriptionUpdate build() {
      return new SubscriptionUpdate(subscriptionId, secret, listenerUrl, status, adminEmails, account);
    }

    @Override
    public String toString() {
      return "SubscriptionUpdate.Builder[subscriptionId=" + subscriptionId + ", secret=***]";
    }
  }
}
