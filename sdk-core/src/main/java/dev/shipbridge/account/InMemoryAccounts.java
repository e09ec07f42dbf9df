package dev.shipbridge.account;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link AccountResolver}: accounts kept in this JVM. Thread-safe.
 *
 * <pre>{@code
 * InMemoryAccounts accounts = AccountResolver.inMemory();
 * accounts.put(CarrierAccount.builder(AccountId.of("merchant-42")).carrier(usps).build());
 * }</pre>
 */
public final class InMemoryAccounts implements AccountResolver {
  private final Map<AccountId, CarrierAccount> accounts = new ConcurrentHashMap<>();

  InMemoryAccounts() {}

  /** Adds or replaces an account (a facade already bound for the old one keeps it until {@code Shipbridge.forgetAccount}). */
  public InMemoryAccounts put(CarrierAccount account) {
    accounts.put(Objects.requireNonNull(account, "account").id(), account);
    return this;
  }

  /** Removes an account; whether it was there. */
  public boolean remove(AccountId id) {
    return accounts.remove(id) != null;
  }

  @Override
  public Optional<CarrierAccount> resolve(AccountId id) {
    return Optional.ofNullable(accounts.get(id));
  }

  /** How many accounts are kept. */
  public int size() {
    return accounts.size();
  }

  @Override
  public String toString() {
    return "InMemoryAccounts[size=" + accounts.size() + "]";
  }
}
