package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.RateLimitedException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.ShipbridgeClosedException;
import dev.shipbridge.ValidationException;
import dev.shipbridge.account.AccountId;
import dev.shipbridge.account.AccountResolver;
import dev.shipbridge.account.CarrierAccount;
import dev.shipbridge.account.InMemoryAccounts;
import dev.shipbridge.account.Preflight;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A platform serving many merchants from one {@link Shipbridge}, on the real {@link UspsCarrier}
 * and the USPS emulator, under the carrier's default policy and a permissive one: each merchant's
 * account is resolved once and bound with its own authorization, tokens and breaker; merchants
 * under the platform's client id share its quota, counted at the server and never exceeded.
 */
class UspsPlatformAccountsTest {
  static final String REDIRECT = "https://platform.example/usps/callback";
  static final int MERCHANTS = 1_000;

  enum Policy { DEFAULT, PERMISSIVE }

  final MutableClock clock = MutableClock.startingAt(UspsEmulator.DEFAULT_INSTANT);
  final WireRecorder recorder = new WireRecorder();
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
    if (SpecConformance.enabled()) {
      assertThat(SpecConformance.violations(recorder.exchanges())).as("every exchange conforms to USPS's specs").isEmpty();
    }
  }

  UspsCarrier.Builder platformUsps(int quotaPerHour) {
    return UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId()).clientSecret(usps.clientSecret())
        .quotaPerHour(quotaPerHour);
  }

  Shipbridge facade(Policy policy, int quotaPerHour, int cacheSize) {
    return facade(policy, quotaPerHour, cacheSize, accounts);
  }

  Shipbridge facade(Policy policy, int quotaPerHour, int cacheSize, AccountResolver resolver) {
    ShipbridgeBuilder b = Shipbridge.builder().carrier(platformUsps(quotaPerHour).build()).accounts(resolver)
        .accountCacheSize(cacheSize).clock(clock).sleeper(clock::advance)
        .httpClient(new OkHttpClient.Builder().addNetworkInterceptor(recorder).build());
    if (policy == Policy.PERMISSIVE) b.resilience(ResiliencePolicy.custom().all(s -> s.maxAttempts(3).unlimited()).build());
    shipbridge = b.build();
    return shipbridge;
  }

  /** A merchant who authorized the platform in the Business Portal, as the platform stores it. */
  CarrierAccount merchant(String id, int quotaPerHour, String... scopes) {
    String code = usps.authorizeMerchant(id, REDIRECT, scopes);
    return CarrierAccount.builder(AccountId.of(id)).carrier(platformUsps(quotaPerHour)
        .authorization(UspsAuthorization.merchant(id, scopes).withAuthorizationCode(code, REDIRECT)).build()).build();
  }

  String lastToken(String pathPrefix) {
    List<UspsEmulator.RecordedCall> calls = usps.requests();
    for (int i = calls.size() - 1; i >= 0; i--) {
      if (calls.get(i).path().startsWith(pathPrefix)) return calls.get(i).header("Authorization");
    }
    throw new AssertionError("no call to " + pathPrefix);
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aThousandMerchantsAreServedFromOneShipbridgeEachOnItsOwnTokenWithinTheSharedQuota(Policy policy) {
    int again = MERCHANTS / 5; // every fifth merchant calls a second time: on its stored token
    int quota = MERCHANTS + again; // the platform's client application: every merchant under it counts against it
    usps.rateLimit(quota, Duration.ofHours(1));
    java.util.concurrent.atomic.AtomicInteger resolved = new java.util.concurrent.atomic.AtomicInteger();
    // the platform's store: a merchant authorizes the platform (code valid ten minutes) just before its first call
    AccountResolver store = id -> {
      resolved.incrementAndGet();
      return java.util.Optional.of(merchant(id.value(), quota, "addresses"));
    };
    Shipbridge platform = facade(policy, quota, MERCHANTS, store);
    Map<String, String> tokenOf = new HashMap<>();
    for (int i = 0; i < MERCHANTS + again; i++) {
      String merchant = "m-" + (i < MERCHANTS ? i : (i - MERCHANTS) * 5);
      assertThat(platform.account(AccountId.of(merchant)).validateAddress(EmulatorTestBase.CUSTOMER).standardized())
          .isNotNull();
      String token = lastToken("/addresses/v3");
      assertThat(usps.tokenOwner(token)).as("the token %s's call carried", merchant).contains(merchant);
      assertThat(tokenOf.putIfAbsent(merchant, token)).as("one token per account").isIn(null, token);
    }
    assertThat(new HashSet<>(tokenOf.values())).as("no two accounts share a token").hasSize(MERCHANTS);
    assertThat(resolved).as("each account resolved once").hasValue(MERCHANTS);
    assertThat(usps.codeGrants()).as("tokens fetched once per account").isEqualTo(MERCHANTS);
    assertThat(usps.requestCount("POST", "/oauth2/v3/token")).isEqualTo(MERCHANTS);
    assertThat(usps.requestCount("GET", "/addresses/v3")).isEqualTo(MERCHANTS + again);
    assertThat(usps.quotaRefusals()).as("the client application's quota was never exceeded").isZero();
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void accountsUnderTheSameClientIdShareItsRateLimiterWhileAnOwnQuotaKeyHasItsOwn(Policy policy) {
    accounts.put(merchant("a", 1, "addresses")).put(merchant("b", 1, "addresses"));
    String code = usps.authorizeMerchant("own", REDIRECT, "addresses");
    accounts.put(CarrierAccount.builder(AccountId.of("own")).carrier(platformUsps(1)
            .authorization(UspsAuthorization.merchant("own", "addresses").withAuthorizationCode(code, REDIRECT)).build())
        .quotaKey(CarrierId.USPS, "merchant-own-application").build());
    Shipbridge platform = facade(policy, 1, 10);
    platform.account(AccountId.of("a")).validateAddress(EmulatorTestBase.CUSTOMER);
    if (policy == Policy.DEFAULT) { // one call an hour: b's call under a's client id finds the permit spent
      int sent = usps.requestCount("GET", "/addresses/v3");
      assertThatThrownBy(() -> platform.account(AccountId.of("b")).validateAddress(EmulatorTestBase.CUSTOMER))
          .isInstanceOf(RateLimitedException.class);
      assertThat(usps.requestCount("GET", "/addresses/v3")).as("refused before sending").isEqualTo(sent);
    }
    assertThat(platform.account(AccountId.of("own")).validateAddress(EmulatorTestBase.CUSTOMER).standardized()).isNotNull();
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void oneAccountsOpenBreakerNeverRefusesAnotherAccountOrTheDefault(Policy policy) {
    accounts.put(merchant("good", 1_000, "addresses"));
    accounts.put(CarrierAccount.builder(AccountId.of("broken")).carrier(UspsCarrier.builder()
        .baseUrl("http://127.0.0.1:1").clientId("broken-client").clientSecret("broken-secret").quotaPerHour(1_000).build())
        .build());
    Shipbridge platform = facade(policy, 1_000, 10);
    String last = "";
    for (int i = 0; i < 60 && !last.contains("circuit breaker is open"); i++) {
      try {
        platform.account(AccountId.of("broken")).validateAddress(EmulatorTestBase.CUSTOMER);
      } catch (RuntimeException e) {
        last = String.valueOf(e.getMessage());
      }
    }
    assertThat(last).contains("circuit breaker is open");
    assertThat(platform.account(AccountId.of("good")).validateAddress(EmulatorTestBase.CUSTOMER).standardized()).isNotNull();
    assertThat(platform.validateAddress(EmulatorTestBase.CUSTOMER).standardized()).isNotNull();
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void anEvictedAccountKeepsWorkingForItsHolderAndIsResolvedAgainWithoutANewToken(Policy policy) {
    accounts.put(merchant("x", 1_000, "addresses")).put(merchant("y", 1_000, "addresses"));
    Shipbridge platform = facade(policy, 1_000, 1);
    Shipbridge x = platform.account(AccountId.of("x"));
    x.validateAddress(EmulatorTestBase.CUSTOMER);
    platform.account(AccountId.of("y")).validateAddress(EmulatorTestBase.CUSTOMER); // evicts x
    // a holder (a tracking scheduler, a trackMany in flight) keeps working with the evicted instance
    assertThat(x.validateAddress(EmulatorTestBase.CUSTOMER).standardized()).isNotNull();
    Shipbridge again = platform.account(AccountId.of("x"));
    assertThat(again).isNotSameAs(x);
    again.validateAddress(EmulatorTestBase.CUSTOMER);
    assertThat(usps.codeGrants()).as("the stored tokens outlive the evicted instance").isEqualTo(2);
    assertThat(usps.requestCount("POST", "/oauth2/v3/token")).isEqualTo(2);
    platform.close();
    assertThatThrownBy(() -> platform.account(AccountId.of("x"))).isInstanceOf(ShipbridgeClosedException.class);
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void anUnknownAccountIsRefusedBeforeAnyCall(Policy policy) {
    Shipbridge platform = facade(policy, 1_000, 10);
    assertThatThrownBy(() -> platform.account(AccountId.of("nobody"))).isInstanceOf(ValidationException.class)
        .hasMessageContaining("nobody");
    assertThat(usps.requests()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void preflightReportsTokenScopesAndPaymentAuthorizationWithoutBuyingAnything(Policy policy) {
    String code = usps.authorizeMerchant("shop", REDIRECT, "addresses", "payments", "labels");
    accounts.put(CarrierAccount.builder(AccountId.of("shop")).carrier(platformUsps(1_000)
        .authorization(UspsAuthorization.merchant("shop", "addresses", "payments", "labels").withAuthorizationCode(code, REDIRECT))
        .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128936", "1000405525")).build()).build());
    accounts.put(merchant("no-pay", 1_000, "addresses"));
    accounts.put(CarrierAccount.builder(AccountId.of("revoked")).carrier(platformUsps(1_000)
        .authorization(UspsAuthorization.merchant("revoked", "addresses").withAuthorizationCode("not-a-code", REDIRECT)).build()).build());
    Shipbridge platform = facade(policy, 1_000, 10);

    Preflight shop = platform.preflight(AccountId.of("shop"));
    assertThat(shop.ok()).as(shop.toString()).isTrue();
    assertThat(shop.checks(CarrierId.USPS).subList(0, 3)).extracting(Preflight.Check::name, Preflight.Check::status).containsExactly(
        org.assertj.core.groups.Tuple.tuple("token", Preflight.Status.OK), org.assertj.core.groups.Tuple.tuple("scopes", Preflight.Status.OK),
        org.assertj.core.groups.Tuple.tuple("payment", Preflight.Status.OK));
    assertThat(usps.requestCount("POST", "/payments/v3/payment-authorization")).isEqualTo(1);
    assertThat(usps.labelsPurchased()).isZero();
    assertThat(shop.toString()).contains("account shop: ready").contains("usps").contains("payment")
        .doesNotContain("56982563").doesNotContain(code).doesNotContain(usps.clientSecret());

    Preflight noPay = platform.preflight(AccountId.of("no-pay"));
    assertThat(noPay.ok()).isTrue();
    assertThat(noPay.checks(CarrierId.USPS).get(2).status()).isEqualTo(Preflight.Status.SKIPPED);

    Preflight revoked = platform.preflight(AccountId.of("revoked"));
    assertThat(revoked.ok()).isFalse();
    assertThat(revoked.checks(CarrierId.USPS).get(0).status()).isEqualTo(Preflight.Status.FAILED);
    assertThat(revoked.toString()).contains("NOT ready").contains("revoked").doesNotContain("not-a-code");

    assertThat(platform.preflight().account()).isEmpty();
    assertThat(platform.preflight().ok()).isTrue();
  }

  @org.junit.jupiter.api.Test
  void theQuotaKeyFollowsTheClientIdAndEnvironment() {
    Set<String> keys = new HashSet<>(List.of(
        platformUsps(60).build().quotaKey(), platformUsps(60).build().quotaKey(),
        UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId("other-client").clientSecret("s").build().quotaKey()));
    assertThat(keys).hasSize(2).allSatisfy(k -> assertThat(k).doesNotContain(usps.clientId()).doesNotContain("other-client"));
  }
}
