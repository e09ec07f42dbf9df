package dev.shipbridge;

import dev.shipbridge.account.AccountId;
import java.util.function.Function;

/**
 * Where a call whose request names an account runs: exactly as {@code
 * shipbridge.account(A).<call>(request)} does. No account, or this instance's: here; another, on the
 * builder's own instance: {@link Shipbridge#account}'s instance; another, on an instance bound for an
 * account: refused with a {@link ValidationException} before any call.
 */
final class AccountRoutes {
  private AccountRoutes() {}

  /** The instance {@code request} runs on; a null request runs here (and fails there as it always did). */
  static <R> Shipbridge on(Shipbridge self, R request, Function<R, AccountId> account) {
    return on(self, request == null ? null : account.apply(request));
  }

  /** The instance a call naming {@code named} (null: none) runs on. */
  static Shipbridge on(Shipbridge self, AccountId named) {
    if (named == null || named.equals(self.account)) return self;
    if (self.account != null) throw new ValidationException(java.util.List.of(refusal(named, self.account)));
    return self.accounts.get(named);
  }

  /** {@link #on(Shipbridge, AccountId)}, but a bound instance keeps the call, to refuse it with its other faults. */
  static Shipbridge onOrHere(Shipbridge self, AccountId named) {
    return self.account != null ? self : on(self, named);
  }

  /** Why a call naming {@code named} is refused on an instance bound for {@code bound}, or null when it is not. */
  static ValidationException.Violation refusal(AccountId named, AccountId bound) {
    if (named == null || bound == null || named.equals(bound)) return null;
    return new ValidationException.Violation("account", "names account '" + named + "' but this instance is bound for account '"
        + bound + "': send it through the instance Shipbridge.builder() built, or drop the account");
  }

  /** The calls of the instance a call naming {@code named} runs on. */
  static FacadeCalls calls(Shipbridge self, AccountId named) {
    return on(self, named).calls;
  }
}
