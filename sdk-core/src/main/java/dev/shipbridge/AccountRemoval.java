package dev.shipbridge;

import dev.shipbridge.account.AccountId;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.spi.AuthorizationCapability;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link Shipbridge#removeAccount}: the account's instance is dropped from the cache first (no new
 * call picks it up), then each bound carrier with an {@link AuthorizationCapability} revokes and
 * forgets the account's tokens. Every carrier is asked, whatever an earlier one answered; the
 * failures are thrown together afterwards as one {@link RevocationException}.
 */
final class AccountRemoval {
  private AccountRemoval() {}

  static void remove(AccountId id, FacadeCalls bound, AccountFacades accounts) {
    accounts.forget(id);
    List<CarrierId> failed = new ArrayList<>();
    RuntimeException first = null;
    for (CarrierId carrier : bound.registry.ids()) {
      Optional<AuthorizationCapability> cap = bound.registry.find(carrier, AuthorizationCapability.class);
      if (cap.isEmpty()) continue; // nothing of the account's own to revoke
      try {
        cap.get().revokeAuthorization();
      } catch (RuntimeException e) { // an adapter's fault too: never swallowed, reported with the others
        failed.add(carrier);
        if (first == null) first = e;
        else first.addSuppressed(e);
      }
    }
    if (first != null) throw new RevocationException(id, failed, first);
  }
}
