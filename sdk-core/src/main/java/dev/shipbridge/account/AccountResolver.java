package dev.shipbridge.account;

import java.util.Optional;

/**
 * Where a platform keeps its merchants' carrier accounts: Shipbridge asks it the first time an
 * {@link AccountId} is named (and again after the bound account left its cache). Implement it over
 * your own store; {@link #inMemory()} is the default. Called from any thread; it may do I/O.
 *
 * <pre>{@code
 * AccountResolver fromDb = id -> merchants.find(id.value()).map(m -> CarrierAccount.builder(id)
 *     .carrier(UspsCarrier.builder().clientId(platformId).clientSecret(platformSecret)
 *         .authorization(UspsAuthorization.merchant(m.id(), "labels").withAuthorizationCode(m.code(), redirect))
 *         .build())
 *     .build());
 * }</pre>
 */
@FunctionalInterface
public interface AccountResolver {
  /** The account named {@code id}, or empty when there is none. */
  Optional<CarrierAccount> resolve(AccountId id);

  /** A new, empty in-memory store of accounts. */
  static InMemoryAccounts inMemory() {
    return new InMemoryAccounts();
  }
}
