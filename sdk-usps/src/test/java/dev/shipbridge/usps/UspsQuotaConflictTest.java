package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.ConfigurationException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.account.AccountId;
import dev.shipbridge.account.AccountResolver;
import dev.shipbridge.account.CarrierAccount;
import dev.shipbridge.account.InMemoryAccounts;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One quota key, one limiter, one limit: USPS counts calls per client application, so accounts
 * whose quota keys match draw on one rate limiter, and an account declaring another quota for a key
 * other accounts use is a {@link ConfigurationException} naming both, before it sends anything; an
 * account alone on its key may change it, and a forgotten or removed account no longer counts. On
 * the real {@link UspsCarrier} through the facade and the emulator; the permissive policy has no
 * quota, so nothing to disagree on.
 */
class UspsQuotaConflictTest {
  static final String REDIRECT = "https://platform.example/usps/callback";

  enum Policy { DEFAULT, PERMISSIVE }

  final MutableClock clock = MutableClock.startingAt(UspsEmulator.DEFAULT_INSTANT);
  final InMemoryAccounts accounts = AccountResolver.inMemory();
  UspsEmulator usps;
  Shipbridge shipbridge;

  @BeforeEach
  void start() {
    usps = UspsEmulator.start(clock);
  }

  @AfterEach
  void stop() {
    if (shipbridge != null) shipbridge.close();
    usps.close();
  }

  UspsCarrier.Builder platformUsps(int quotaPerHour) {
    return UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId()).clientSecret(usps.clientSecret())
        .quotaPerHour(quotaPerHour);
  }

  Shipbridge facade(Policy policy, int quotaPerHour) {
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).carrier(platformUsps(quotaPerHour).build())
        .accounts(accounts).clock(clock).sleeper(clock::advance);
    if (policy == Policy.PERMISSIVE) b.resilience(ResiliencePolicy.custom().all(s -> s.maxAttempts(3).unlimited()).build());
    shipbridge = b.build();
    return shipbridge;
  }

  CarrierAccount merchant(String id, int quotaPerHour, String quotaKey) {
    String code = usps.authorizeMerchant(id, REDIRECT, "addresses");
    CarrierAccount.Builder b = CarrierAccount.builder(AccountId.of(id)).carrier(platformUsps(quotaPerHour)
        .authorization(UspsAuthorization.merchant(id, "addresses").withAuthorizationCode(code, REDIRECT)).build());
    if (quotaKey != null) b.quotaKey(CarrierId.USPS, quotaKey);
    return b.build();
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void anAccountDeclaringAnotherQuotaForThePlatformsClientIdIsAConfigurationErrorNamingBoth(Policy policy) {
    accounts.put(merchant("same", 60, null)).put(merchant("other", 100, null));
    Shipbridge platform = facade(policy, 60);
    assertThat(platform.account(AccountId.of("same")).validateAddress(EmulatorTestBase.CUSTOMER).standardized()).isNotNull();
    int sent = usps.requests().size();
    if (policy == Policy.PERMISSIVE) { // no quota imposed: nothing to disagree on
      assertThat(platform.account(AccountId.of("other")).validateAddress(EmulatorTestBase.CUSTOMER).standardized()).isNotNull();
      return;
    }
    assertThatThrownBy(() -> platform.account(AccountId.of("other")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("the default account").hasMessageContaining("account other")
        .hasMessageContaining("60").hasMessageContaining("100").hasMessageContaining("quotaKey")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(usps.clientId()));
    assertThat(usps.requests()).as("refused before sending").hasSize(sent);
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void accountsOfOneOwnQuotaKeyMustAgreeAndShareOneLimiter(Policy policy) {
    accounts.put(merchant("app-1", 1, "merchant-app")).put(merchant("app-2", 1, "merchant-app"))
        .put(merchant("app-3", 5, "merchant-app"));
    Shipbridge platform = facade(policy, 60);
    platform.account(AccountId.of("app-1")).validateAddress(EmulatorTestBase.CUSTOMER);
    if (policy == Policy.DEFAULT) {
      // one limiter for the key: app-2's call finds app-1's permit of the hour spent
      assertThatThrownBy(() -> platform.account(AccountId.of("app-2")).validateAddress(EmulatorTestBase.CUSTOMER))
          .isInstanceOf(dev.shipbridge.RateLimitedException.class);
      assertThatThrownBy(() -> platform.account(AccountId.of("app-3"))).isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("account app-1").hasMessageContaining("account app-3");
      // the first declarer may not change the key's quota while app-2 still counts on the old one:
      // that would be two limiters, 1/h and 2/h, against one quota
      accounts.put(merchant("app-1", 2, "merchant-app"));
      platform.forgetAccount(AccountId.of("app-1"));
      assertThatThrownBy(() -> platform.account(AccountId.of("app-1"))).isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("account app-2").hasMessageContaining("account app-1");
      // once app-2 is removed (and app-1 forgotten), app-1 is alone on the key and may declare anew
      platform.removeAccount(AccountId.of("app-2"));
      assertThat(platform.account(AccountId.of("app-1"))).isNotNull();
      // and the key has one limiter, of the new limit: app-2 back with the old quota is refused
      accounts.put(merchant("app-2", 1, "merchant-app"));
      assertThatThrownBy(() -> platform.account(AccountId.of("app-2"))).isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("account app-1");
    } else {
      assertThat(platform.account(AccountId.of("app-3")).validateAddress(EmulatorTestBase.CUSTOMER).standardized()).isNotNull();
    }
  }
}
