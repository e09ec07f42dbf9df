package dev.shipbridge.cainiao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.NotFoundException;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.account.AccountId;
import dev.shipbridge.account.AccountResolver;
import dev.shipbridge.account.CarrierAccount;
import dev.shipbridge.account.Preflight;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cainiao accounts of a platform on the real adapter and the emulator, under the default and a
 * permissive policy: the preflight's signed read proves an account's keys (or says they are
 * refused) without buying anything, and the quota key follows the app key.
 */
class CainiaoAccountsTest {
  enum Policy { DEFAULT, PERMISSIVE }

  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-10T04:00:00Z"));
  private CainiaoEmulator cainiao;

  @BeforeEach
  void start() {
    cainiao = CainiaoEmulator.start(clock);
  }

  @AfterEach
  void stop() {
    cainiao.close();
  }

  private CainiaoCarrier carrier(String appSecret) {
    return CainiaoCarrier.builder().appKey(cainiao.appKey()).appSecret(appSecret).accessToken(cainiao.accessToken())
        .iopBaseUrl(cainiao.iopBaseUrl()).build();
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void preflightProvesAnAccountsKeysWithASignedReadAndNamesARefusal(Policy policy) {
    ResiliencePolicy resilience = policy == Policy.DEFAULT ? ResiliencePolicy.ofDefaults()
        : ResiliencePolicy.custom().all(s -> s.maxAttempts(5).unlimited()).build();
    var accounts = AccountResolver.inMemory()
        .put(CarrierAccount.builder(AccountId.of("seller-ok")).carrier(carrier(cainiao.appSecret())).build())
        .put(CarrierAccount.builder(AccountId.of("seller-bad")).carrier(carrier("WrongSecret0000")).build());
    try (Shipbridge sb = Shipbridge.builder().discoverCarriers(false).clock(clock).sleeper(clock::advance)
        .resilience(resilience).carrier(carrier(cainiao.appSecret())).accounts(accounts).build()) {
      Preflight ok = sb.preflight(AccountId.of("seller-ok"));
      assertThat(ok.ok()).as(ok.toString()).isTrue();
      assertThat(ok.checks(CarrierId.CAINIAO)).singleElement().extracting(Preflight.Check::name).isEqualTo("keys");

      Preflight bad = sb.preflight(AccountId.of("seller-bad"));
      assertThat(bad.ok()).as(bad.toString()).isFalse();
      assertThat(bad.checks(CarrierId.CAINIAO).get(0).status()).isEqualTo(Preflight.Status.FAILED);
      assertThat(bad.toString()).contains("NOT ready").doesNotContain("WrongSecret0000");
      assertThat(sb.preflight().ok()).isTrue();
    }
    assertThat(cainiao.requests()).as("one signed read per preflight").hasSize(3);
  }

  enum Quota { ONE_CALL_AN_HOUR, PERMISSIVE }

  /**
   * AliExpress counts calls per app key: a seller served under the platform's app (its own seller
   * token) draws on the platform's limiter, a merchant with its own app on a limiter of its own;
   * counted per app at the emulator. Cainiao imposes no default quota, so one is set the way the
   * README says (ResiliencePolicy), against a permissive policy.
   */
  @ParameterizedTest
  @EnumSource(Quota.class)
  void aSellerUnderThePlatformsAppKeySharesItsLimiterWhileAnOwnAppKeyHasItsOwn(Quota quota) {
    String ownApp = "500200";
    cainiao.addSellerToken(cainiao.appKey(), "50000second0seller0access0token");
    cainiao.addApp(ownApp, "merchant-own-app-secret-0000", "50000merchant0own0access0token");
    ResiliencePolicy resilience = quota == Quota.ONE_CALL_AN_HOUR
        ? ResiliencePolicy.custom().carrier(CarrierId.CAINIAO, s -> s.rateLimit(dev.shipbridge.resilience.RateLimit.perHour(1))
            .rateLimitTimeout(java.time.Duration.ofSeconds(5))).build()
        : ResiliencePolicy.custom().all(s -> s.maxAttempts(5).unlimited()).build();
    var accounts = AccountResolver.inMemory()
        .put(CarrierAccount.builder(AccountId.of("seller-shared")).carrier(CainiaoCarrier.builder().appKey(cainiao.appKey())
            .appSecret(cainiao.appSecret()).accessToken("50000second0seller0access0token").iopBaseUrl(cainiao.iopBaseUrl())
            .build()).build())
        .put(CarrierAccount.builder(AccountId.of("seller-own")).carrier(CainiaoCarrier.builder().appKey(ownApp)
            .appSecret("merchant-own-app-secret-0000").accessToken("50000merchant0own0access0token")
            .iopBaseUrl(cainiao.iopBaseUrl()).build()).build());
    try (Shipbridge sb = Shipbridge.builder().discoverCarriers(false).clock(clock).sleeper(clock::advance)
        .resilience(resilience).carrier(carrier(cainiao.appSecret())).accounts(accounts).build()) {
      assertThatThrownBy(() -> sb.track(CarrierId.CAINIAO, PROBE)).isInstanceOf(NotFoundException.class);
      assertThat(cainiao.callsByApp(cainiao.appKey())).isEqualTo(1);

      var shared = org.assertj.core.api.Assertions.catchThrowable(
          () -> sb.account(AccountId.of("seller-shared")).track(CarrierId.CAINIAO, PROBE));
      if (quota == Quota.ONE_CALL_AN_HOUR) {
        assertThat(shared).as("the platform's app spent its permit of the hour").isInstanceOf(RateLimitedException.class);
        assertThat(cainiao.callsByApp(cainiao.appKey())).as("refused before sending").isEqualTo(1);
      } else {
        assertThat(shared).isInstanceOf(NotFoundException.class);
        assertThat(cainiao.callsByApp(cainiao.appKey())).isEqualTo(2);
      }

      assertThatThrownBy(() -> sb.account(AccountId.of("seller-own")).track(CarrierId.CAINIAO, PROBE))
          .as("its own app, its own limiter").isInstanceOf(NotFoundException.class);
      assertThat(cainiao.callsByApp(ownApp)).isEqualTo(1);
      assertThat(cainiao.callsByApp(cainiao.appKey())).isEqualTo(quota == Quota.ONE_CALL_AN_HOUR ? 1 : 2);

      // Cainiao holds no revocable authorization: removing the account is no error and sends nothing
      int sent = cainiao.requests().size();
      sb.removeAccount(AccountId.of("seller-own"));
      assertThat(cainiao.requests()).hasSize(sent);
    }
  }

  private static final String PROBE = "LP00000000000000";

  @org.junit.jupiter.api.Test
  void theQuotaKeyFollowsTheAppKeyAndHidesIt() {
    String a = CainiaoCarrier.builder().appKey("500100").appSecret("s").accessToken("t").build().quotaKey();
    String b = CainiaoCarrier.builder().appKey("500100").appSecret("other").accessToken("t2").build().quotaKey();
    String c = CainiaoCarrier.builder().appKey("500200").appSecret("s").accessToken("t").build().quotaKey();
    assertThat(a).isEqualTo(b).isNotEqualTo(c).doesNotContain("500100");
  }
}
