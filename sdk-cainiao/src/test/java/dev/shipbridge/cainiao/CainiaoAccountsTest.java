package dev.shipbridge.cainiao;

import static org.assertj.core.api.Assertions.assertThat;

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

  @org.junit.jupiter.api.Test
  void theQuotaKeyFollowsTheAppKeyAndHidesIt() {
    String a = CainiaoCarrier.builder().appKey("500100").appSecret("s").accessToken("t").build().quotaKey();
    String b = CainiaoCarrier.builder().appKey("500100").appSecret("other").accessToken("t2").build().quotaKey();
    String c = CainiaoCarrier.builder().appKey("500200").appSecret("s").accessToken("t").build().quotaKey();
    assertThat(a).isEqualTo(b).isNotEqualTo(c).doesNotContain("500100");
  }
}
