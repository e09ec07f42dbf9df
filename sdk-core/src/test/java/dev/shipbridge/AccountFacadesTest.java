package dev.shipbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.account.AccountId;
import dev.shipbridge.account.AccountResolver;
import dev.shipbridge.account.CarrierAccount;
import dev.shipbridge.account.InMemoryAccounts;
import dev.shipbridge.account.Preflight;
import dev.shipbridge.model.CarrierId;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The account plumbing of the facade, on a test double (the real adapters are the subjects of
 * UspsPlatformAccountsTest and CainiaoAccountsTest): names, the bounded cache, refusals, the
 * preflight table.
 */
class AccountFacadesTest {
  private final InMemoryAccounts accounts = AccountResolver.inMemory();

  private Shipbridge facade(AccountResolver resolver, int cache) {
    return Shipbridge.builder().carrier(new FakeCarrier("acme", "AC", "5.00")).accounts(resolver).accountCacheSize(cache).build();
  }

  private CarrierAccount account(String id) {
    return CarrierAccount.builder(AccountId.of(id)).carrier(new FakeCarrier("acme", "AC", "7.00")).build();
  }

  @Test
  void anAccountNameIsCheckedForItsForm() {
    assertThat(AccountId.of("merchant-42@shop.example").value()).isEqualTo("merchant-42@shop.example");
    for (String bad : new String[] {"", " x", "-lead", "a b", "x".repeat(129), "semi;colon"}) {
      assertThatThrownBy(() -> AccountId.of(bad)).as(bad).isInstanceOf(ValidationException.class);
    }
  }

  @Test
  void anAccountWithoutCarriersOrWithTwoOfOneIdIsRefusedListingBoth() {
    assertThatThrownBy(() -> CarrierAccount.builder(AccountId.of("m")).build()).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("needs a carrier");
    assertThatThrownBy(() -> CarrierAccount.builder(AccountId.of("m")).carrier(new FakeCarrier("acme", "AC", "1.00"))
        .carrier(new FakeCarrier("acme", "AC", "2.00")).build()).hasMessageContaining("two carriers with id acme");
  }

  @Test
  void boundAccountsAreResolvedOnceAndTheLeastRecentlyUsedIsClosedBeyondTheCacheSize() {
    AtomicInteger resolved = new AtomicInteger();
    accounts.put(account("a")).put(account("b")).put(account("c"));
    try (Shipbridge sb = facade(id -> {
      resolved.incrementAndGet();
      return accounts.resolve(id);
    }, 2)) {
      Shipbridge a = sb.account(AccountId.of("a"));
      assertThat(sb.account(AccountId.of("a"))).isSameAs(a);
      sb.account(AccountId.of("b"));
      sb.account(AccountId.of("a")); // a is now the most recent: c evicts b
      sb.account(AccountId.of("c"));
      assertThat(sb.account(AccountId.of("a"))).isSameAs(a);
      assertThat(resolved).hasValue(3);
      sb.account(AccountId.of("b"));
      assertThat(resolved).hasValue(4);
      assertThat(sb.forgetAccount(AccountId.of("b"))).isTrue();
      assertThat(sb.toString()).doesNotContain("account=");
      assertThat(a.toString()).contains("account=a");
      assertThat(a.quote(dev.shipbridge.model.QuoteRequest.builder().from(dev.shipbridge.model.Fixtures.cn().build())
          .to(dev.shipbridge.model.Fixtures.us().build()).parcel(dev.shipbridge.model.Fixtures.parcel())
          .customs(dev.shipbridge.model.Fixtures.customs()).build()).quotes()).extracting(q -> q.total().amount().toPlainString())
          .containsExactly("7.00");
    }
  }

  @Test
  void anUnknownAccountOrAMissingResolverIsAValidationExceptionAndAFailingResolverIsWrapped() {
    try (Shipbridge sb = facade(accounts, 10)) {
      assertThatThrownBy(() -> sb.account(AccountId.of("ghost"))).isInstanceOf(ValidationException.class)
          .hasMessageContaining("ghost");
      assertThatThrownBy(() -> sb.account(null)).isInstanceOf(ValidationException.class);
    }
    try (Shipbridge sb = Shipbridge.builder().carrier(new FakeCarrier("acme", "AC", "5.00")).build()) {
      assertThatThrownBy(() -> sb.account(AccountId.of("m"))).isInstanceOf(ValidationException.class)
          .hasMessageContaining("no AccountResolver");
    }
    try (Shipbridge sb = facade(id -> { throw new IllegalStateException("db down"); }, 10)) {
      assertThatThrownBy(() -> sb.account(AccountId.of("m"))).isInstanceOf(ShipbridgeException.class)
          .hasMessageContaining("AccountResolver failed for account m");
    }
    try (Shipbridge sb = facade(id -> null, 10)) {
      assertThatThrownBy(() -> sb.account(AccountId.of("m"))).isInstanceOf(ValidationException.class);
    }
  }

  @Test
  void aCarrierWithoutAPreflightIsReportedAsNotCheckedInTheTable() {
    accounts.put(account("m"));
    try (Shipbridge sb = facade(accounts, 10)) {
      Preflight p = sb.preflight(AccountId.of("m"));
      assertThat(p.ok()).isTrue();
      assertThat(p.account()).contains(AccountId.of("m"));
      assertThat(p.checks()).singleElement().satisfies(c -> {
        assertThat(c.carrier()).isEqualTo(CarrierId.of("acme"));
        assertThat(c.status()).isEqualTo(Preflight.Status.SKIPPED);
      });
      assertThat(p.toString()).startsWith("Preflight of account m: ready").contains("acme     preflight  SKIPPED");
    }
  }

  @Test
  void aClosedFacadeRefusesAccountsAndClosesThoseItBound() {
    accounts.put(account("m"));
    Shipbridge sb = facade(accounts, 10);
    Shipbridge m = sb.account(AccountId.of("m"));
    sb.close();
    assertThatThrownBy(() -> sb.account(AccountId.of("m"))).isInstanceOf(ShipbridgeClosedException.class);
    assertThatThrownBy(m::preflight).isInstanceOf(ShipbridgeClosedException.class);
    assertThat(Optional.of(sb)).isPresent();
  }

  @Test
  void aNonPositiveCacheSizeIsAConfigurationProblem() {
    assertThatThrownBy(() -> Shipbridge.builder().carrier(new FakeCarrier("acme", "AC", "5.00")).accountCacheSize(0).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("accountCacheSize");
  }
}
