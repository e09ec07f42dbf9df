package dev.shipbridge;

import dev.shipbridge.account.AccountId;
import dev.shipbridge.model.CarrierId;
import java.util.List;

/**
 * {@code Shipbridge.removeAccount(id)} removed the account (its instance dropped) but a carrier did
 * not confirm the revocation of its tokens, or a shared token store (Redis unreachable) did not
 * confirm their deletion: they may stay valid at that carrier until they expire (USPS: an access token about 8 hours, a refresh
 * token at most 7 days), unless the merchant withdraws the platform's authorization in the
 * carrier's portal (USPS Business Portal). The cause is the carrier's refusal or fault; one per
 * further carrier is suppressed.
 *
 * <pre>{@code
 * try {
 *   shipbridge.removeAccount(AccountId.of("merchant-42"));
 * } catch (RevocationException e) {
 *   log.warn("{}: ask the merchant to withdraw the authorization in the carrier's portal", e.getMessage());
 * }
 * }</pre>
 */
public class RevocationException extends ShipbridgeException {
  private static final long serialVersionUID = 1L;

  private final AccountId account;
  private final List<CarrierId> carriers;

  /** The failure of {@code carriers}' revocations for {@code account}, caused by the first one's {@code cause}. */
  public RevocationException(AccountId account, List<CarrierId> carriers, Throwable cause) {
    super("account " + account + " was removed, but " + carriers + " did not confirm that its tokens were revoked "
        + "and deleted (" + reason(cause) + "): the tokens may still be valid at the carrier until they expire, "
        + "and a shared token store may still hold them, unless the merchant withdraws the platform's "
        + "authorization in the carrier's portal", cause);
    this.account = account;
    this.carriers = List.copyOf(carriers);
  }

  private static String reason(Throwable cause) {
    if (cause == null) return "no reason given";
    // a carrier's exception is redacted; another one's message is not shown (it may hold anything)
    return cause instanceof ShipbridgeException ? cause.getMessage() : "the adapter failed: " + cause.getClass().getSimpleName();
  }

  /** The account removed. */
  public AccountId account() {
    return account;
  }

  /** The carriers whose revocation was not confirmed. */
  public List<CarrierId> carriers() {
    return carriers;
  }
}
