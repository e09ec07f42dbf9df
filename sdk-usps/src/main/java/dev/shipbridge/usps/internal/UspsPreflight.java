package dev.shipbridge.usps.internal;

import dev.shipbridge.ShipbridgeException;
import dev.shipbridge.account.Preflight;
import dev.shipbridge.account.Preflight.Check;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.spi.PreflightCapability;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * USPS's preflight: an access token under the configured authorization (the client application's or
 * a merchant's: code exchanged or refresh token used, once), its scopes, and with a payment account
 * the payment-authorization call USPS makes before a label (a token, not a purchase). Details name
 * the merchant, scopes and masked CRID, never a token or secret.
 */
final class UspsPreflight implements PreflightCapability {
  private static final CarrierId USPS = CarrierId.USPS;
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
    try {
      c.accessToken();
      checks.add(Check.ok(USPS, "token", "access token obtained for " + who));
      checks.add(Check.ok(USPS, "scopes", "granted: " + asked));
    } catch (ShipbridgeException e) {
      checks.add(Check.failed(USPS, "token", e.getMessage()));
      boolean scopeRefused = String.valueOf(e.getMessage()).contains("scope");
      checks.add(scopeRefused ? Check.failed(USPS, "scopes", "refused: " + asked)
          : Check.skipped(USPS, "scopes", "no token to hold them"));
      checks.add(Check.skipped(USPS, "payment", "no token to authorize a payment with"));
      return checks;
    }
    try {
      checks.add(c.paymentToken()
          ? Check.ok(USPS, "payment", "payment authorization granted for CRID "
              + UspsConfig.mask(config.paymentAccount().crid()) + " (" + config.paymentAccount().accountType() + ")")
          : Check.skipped(USPS, "payment", "no payment account configured: labels cannot be bought "
              + "(UspsCarrier.builder().paymentAccount(...))"));
    } catch (ShipbridgeException e) {
      checks.add(Check.failed(USPS, "payment", e.getMessage()));
    }
    return checks;
  }
}
