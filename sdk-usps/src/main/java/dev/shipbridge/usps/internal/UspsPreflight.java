package dev.shipbridge.usps.internal;

import dev.shipbridge.ShipbridgeException;
import dev.shipbridge.account.Preflight;
import dev.shipbridge.account.Preflight.Check;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.spi.PreflightCapability;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * USPS's preflight: an access token under the configured authorization, the scopes granted (the
 * ones asked for when the answer names none, per RFC 6749), each capability without its scope
 * {@link Preflight.Status#UNAVAILABLE}, and with a payment account the payment authorization (a
 * token, not a purchase). Details never name a token or secret.
 */
final class UspsPreflight implements PreflightCapability {
  private static final CarrierId USPS = CarrierId.USPS;

  /** A capability and the OAuth scope its API needs (the specs' {@code securitySchemes}), spelt {@link #normal}. */
  private record Need(String capability, String scope) {}

  /**
   * One spelling per scope for comparing: USPS's example token spells {@code scan-forms} {@code
   * scan-form} and {@code subscriptions-tracking} {@code subscription(s)}, and which one the server
   * grants is not documented, so each counts.
   */
  static String normal(String scope) {
    return switch (scope) {
      case "scan-form" -> "scan-forms";
      case "subscription", "subscriptions" -> "subscriptions-tracking";
      default -> scope;
    };
  }

  private static final List<Need> NEEDS = List.of(
      new Need("quote", "prices"), new Need("quote abroad", "international-prices"), new Need("label", "labels"),
      new Need("label abroad", "international-labels"), new Need("return label", "labels"),
      new Need("track", "tracking"), new Need("address", "addresses"), new Need("manifest", "scan-forms"),
      new Need("pickup", "pickup"), new Need("subscriptions", "subscriptions-tracking"));

  private final UspsConfig config;
  private final Supplier<UspsClient> client;

  UspsPreflight(UspsConfig config, Supplier<UspsClient> client) {
    this.config = config;
    this.client = client;
  }

  @Override
  public List<Preflight.Check> preflight() {
    List<Check> checks = new ArrayList<>();
    UspsClient c = client.get();
    List<String> scopes = config.authorization().scopes();
    String who = config.authorization().merchantId() == null ? "the client application"
        : "merchant " + config.authorization().merchantId();
    String asked = scopes.isEmpty() ? "the application's products" : String.join(" ", scopes);
    Optional<List<String>> named;
    try {
      named = c.accessToken();
      checks.add(Check.ok(USPS, "token", "access token obtained for " + who));
    } catch (ShipbridgeException e) {
      checks.add(Check.failed(USPS, "token", e.getMessage()));
      boolean scopeRefused = String.valueOf(e.getMessage()).contains("scope");
      checks.add(scopeRefused ? Check.failed(USPS, "scopes", "refused: " + asked)
          : Check.skipped(USPS, "scopes", "no token to hold them"));
      checks.add(Check.skipped(USPS, "payment", "no token to authorize a payment with"));
      return checks;
    }
    List<Check> unusable = new ArrayList<>();
    scopeChecks(named, scopes, checks, unusable);
    try {
      checks.add(c.paymentToken()
          ? Check.ok(USPS, "payment", "payment authorization granted for CRID "
              + UspsConfig.mask(config.paymentAccount().crid()) + " (" + config.paymentAccount().accountType() + ")")
          : Check.skipped(USPS, "payment", "no payment account configured: labels cannot be bought "
              + "(UspsCarrier.builder().paymentAccount(...))"));
    } catch (ShipbridgeException e) {
      checks.add(Check.failed(USPS, "payment", e.getMessage()));
    }
    checks.addAll(unusable);
    return checks;
  }

  /** The scopes row, and in {@code unusable} one UNAVAILABLE row per capability whose scope the token does not grant. */
  private void scopeChecks(Optional<List<String>> named, List<String> asked, List<Check> checks, List<Check> unusable) {
    if (named.isEmpty() && asked.isEmpty()) { // neither the answer nor the configuration says: assume nothing
      checks.add(Check.ok(USPS, "scopes", "granted: the application's products (no answer naming them read here)"));
      return;
    }
    Set<String> granted = new LinkedHashSet<>(named.orElse(asked));
    Set<String> grantedNormal = new LinkedHashSet<>();
    for (String g : granted) grantedNormal.add(normal(g));
    Set<String> missing = new LinkedHashSet<>();
    for (String a : asked) if (!grantedNormal.contains(normal(a))) missing.add(a);
    String detail = "granted: " + String.join(" ", granted)
        + (named.isEmpty() ? " (as asked: no token answer naming scopes was read by this instance)" : "");
    // asked for but not granted: the account is not what it was configured to be (Status: FAILED)
    checks.add(missing.isEmpty() ? Check.ok(USPS, "scopes", detail)
        : Check.failed(USPS, "scopes", "asked for but not granted: " + String.join(" ", missing) + "; " + detail));
    String remedy = config.authorization().merchantId() == null
        ? "ask USPS to add the API product to the application (USPS developer portal)"
        : "the merchant must grant it to the platform in " + OAuthRefusals.PORTAL + ", and UspsAuthorization ask for it";
    for (Need n : NEEDS) {
      if (!grantedNormal.contains(n.scope())) {
        unusable.add(Check.unavailable(USPS, n.capability(), "not usable: the token does not grant the scope '" + n.scope()
            + "' its API needs: " + remedy));
      }
    }
  }
}
