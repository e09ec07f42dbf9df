package dev.shipbridge.usps.internal;

import dev.shipbridge.spi.AuthorizationCapability;
import dev.shipbridge.spi.Capability;
import dev.shipbridge.spi.PickupCapability;
import dev.shipbridge.spi.PreflightCapability;
import dev.shipbridge.spi.PushCapability;
import dev.shipbridge.spi.ReturnLabelCapability;
import dev.shipbridge.spi.TrackingSubscriptionCapability;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The capabilities {@code UspsCarrier} offers through separate objects (returns, pickups,
 * subscriptions, notifications, preflight, revocation). A bound carrier always verifies
 * notifications; an unbound one only with a configured {@code webhookSecret}.
 */
public final class UspsCapabilities {
  private UspsCapabilities() {}

  /** The account {@code client}'s carrier was bound for, for the capabilities' {@code check}; none when not bound. */
  static Optional<dev.shipbridge.account.AccountId> boundAccount(Supplier<UspsClient> client) {
    try {
      return client.get().boundAccount();
    } catch (IllegalStateException unbound) {
      return Optional.empty();
    }
  }

  /**
   * The capability {@code type}, or empty when it is not one of these.
   *
   * @param bound the bound carrier's client, or null
   * @param client the bound client, or a failure saying the carrier is not bound
   */
  public static <T extends Capability> Optional<T> of(Class<T> type, UspsConfig config, UspsClient bound,
      Supplier<UspsClient> client) {
    String webhookSecret = config.webhookSecret();
    Object cap = null;
    if (type == PushCapability.class) {
      if (bound != null) cap = new UspsNotifications(webhookSecret, bound.subscriptionSecrets());
      else if (webhookSecret != null) cap = new UspsNotifications(webhookSecret, null);
    } else if (type == ReturnLabelCapability.class) {
      cap = new UspsReturns(client);
    } else if (type == PickupCapability.class) {
      cap = new UspsPickups(client);
    } else if (type == TrackingSubscriptionCapability.class) {
      cap = new UspsSubscriptions(client);
    } else if (type == AuthorizationCapability.class && config.authorization().merchantId() != null) {
      cap = (AuthorizationCapability) () -> client.get().revokeMerchantAuthorization();
    } else if (type == PreflightCapability.class) {
      cap = new UspsPreflight(config, client);
    }
    return cap == null ? Optional.empty() : Optional.of(type.cast(cap));
  }
}
