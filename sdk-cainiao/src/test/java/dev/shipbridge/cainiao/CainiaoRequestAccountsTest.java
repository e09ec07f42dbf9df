package dev.shipbridge.cainiao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.TrackManyOptions;
import dev.shipbridge.TrackResult;
import dev.shipbridge.ValidationException;
import dev.shipbridge.account.AccountId;
import dev.shipbridge.account.AccountResolver;
import dev.shipbridge.account.CarrierAccount;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Requests naming a Cainiao account on the real adapter, under the default and a permissive
 * policy. Each seller is its own emulator (its app key, secret and access token), so a call is
 * counted where it landed: a request naming seller A reaches A's gateway signed with A's keys and
 * never B's nor the platform's; a request naming no account reaches the platform's, as before; one
 * naming B on A's bound instance is refused before any call.
 */
class CainiaoRequestAccountsTest {
  enum Policy { DEFAULT, PERMISSIVE }

  static final AccountId A = AccountId.of("seller-a");
  static final AccountId B = AccountId.of("seller-b");

  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-10T04:00:00Z"));
  private CainiaoEmulator platform;
  private CainiaoEmulator sellerA;
  private CainiaoEmulator sellerB;
  private Shipbridge sb;

  @BeforeEach
  void start() {
    platform = CainiaoEmulator.start(clock);
    sellerA = CainiaoEmulator.builder().clock(clock).appKey("500201").appSecret("seller-a-app-secret-0001")
        .accessToken("50000seller0a0access0token").start();
    sellerB = CainiaoEmulator.builder().clock(clock).appKey("500202").appSecret("seller-b-app-secret-0002")
        .accessToken("50000seller0b0access0token").start();
  }

  @AfterEach
  void stop() {
    if (sb != null) sb.close();
    platform.close();
    sellerA.close();
    sellerB.close();
  }

  private static CainiaoCarrier carrier(CainiaoEmulator e) {
    return CainiaoCarrier.builder().appKey(e.appKey()).appSecret(e.appSecret()).accessToken(e.accessToken())
        .iopBaseUrl(e.iopBaseUrl()).handoverLoginId("seller@example.com").build();
  }

  private Shipbridge facade(Policy policy) {
    ResiliencePolicy resilience = policy == Policy.DEFAULT ? ResiliencePolicy.ofDefaults()
        : ResiliencePolicy.custom().all(s -> s.maxAttempts(5).unlimited()).build();
    var accounts = AccountResolver.inMemory()
        .put(CarrierAccount.builder(A).carrier(carrier(sellerA)).build())
        .put(CarrierAccount.builder(B).carrier(carrier(sellerB)).build());
    sb = Shipbridge.builder().discoverCarriers(false).clock(clock).sleeper(clock::advance).resilience(resilience)
        .carrier(carrier(platform)).accounts(accounts).build();
    return sb;
  }

  /** Calls each gateway received while {@code call} ran: platform, seller A, seller B. */
  private List<Integer> landed(Runnable call) {
    int p = platform.requests().size();
    int a = sellerA.requests().size();
    int b = sellerB.requests().size();
    call.run();
    return List.of(platform.requests().size() - p, sellerA.requests().size() - a, sellerB.requests().size() - b);
  }

  /** Calls landed at gateway {@code index} and at no other. */
  private static org.assertj.core.api.ThrowingConsumer<List<? extends Integer>> onlyAt(int index) {
    return n -> {
      for (int i = 0; i < n.size(); i++) {
        if (i == index) assertThat(n.get(i)).as("calls at gateway %d", i).isPositive();
        else assertThat(n.get(i)).as("calls at gateway %d", i).isZero();
      }
    };
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aQuoteLabelTrackAndManifestNamingASellerReachOnlyThatSellersGatewayWithItsKeys(Policy policy) {
    Shipbridge sb = facade(policy);
    assertThat(landed(() -> assertThat(sb.quote(TestData.quoteRequest().withAccount(A)).quotes()).isNotEmpty())).satisfies(onlyAt(1));
    Label[] bought = new Label[1];
    assertThat(landed(() -> bought[0] = sb.label(TestData.labelRequest("a-1").withAccount(A)))).satisfies(onlyAt(1));
    assertThat(sellerA.ordersCreated()).isEqualTo(1);
    String lp = bought[0].trackingNumber();
    assertThat(landed(() -> assertThat(sb.trackMany(List.of(lp), TrackManyOptions.DEFAULTS.withAccount(A)))
        .singleElement().extracting(TrackResult::isSuccess).isEqualTo(true))).satisfies(onlyAt(1));
    assertThat(landed(() -> sb.manifest(new ManifestRequest(CarrierId.CAINIAO, List.of(lp), TestData.shenzhen(), null)
        .withAccount(A)))).satisfies(onlyAt(1));
    assertThat(sellerA.requests()).as("every call signed with A's app key and token")
        .allSatisfy(c -> assertThat(c.params()).containsEntry("app_key", "500201"));

    assertThat(landed(() -> sb.label(TestData.labelRequest("b-1").withAccount(B)))).satisfies(onlyAt(2));
    assertThat(landed(() -> sb.label(TestData.labelRequest("own-1")))).as("no account: the platform's own keys")
        .satisfies(onlyAt(0));
    assertThat(List.of(platform.ordersCreated(), sellerA.ordersCreated(), sellerB.ordersCreated())).isEqualTo(List.of(1, 1, 1));
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aRequestNamingAnotherSellerOnABoundInstanceIsRefusedBeforeAnyCall(Policy policy) {
    Shipbridge a = facade(policy).account(A);
    assertThatThrownBy(() -> a.label(TestData.labelRequest("x").withAccount(B))).isInstanceOf(ValidationException.class)
        .hasMessageContaining("seller-b");
    assertThatThrownBy(() -> a.quote(TestData.quoteRequest().withAccount(B))).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> a.trackMany(List.of("LP00579396348112"), TrackManyOptions.DEFAULTS.withAccount(B)))
        .isInstanceOf(ValidationException.class);
    assertThat(platform.requests().size() + sellerA.requests().size() + sellerB.requests().size()).isZero();
    assertThat(a.label(TestData.labelRequest("a-same").withAccount(A)).trackingNumber()).isNotBlank();
    assertThat(Map.of("a", sellerA.ordersCreated(), "b", sellerB.ordersCreated())).isEqualTo(Map.of("a", 1, "b", 0));
  }

  /** How many order-create calls a gateway received. */
  private static long creates(CainiaoEmulator e) {
    return e.requests().stream().filter(c -> "cainiao.global.logistic.order.create".equals(c.api())
        || "cainiao.global.logistic.order.create".equals(c.params().get("method"))).count();
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aLabelBoughtForASellerIsNotOrderedAgainAfterItsInstanceWasForgottenOrRebuilt(Policy policy) {
    Shipbridge sb = facade(policy);
    Label first = sb.label(TestData.labelRequest("keep-1").withAccount(A));
    assertThat(sb.forgetAccount(A)).isTrue();
    Label again = sb.label(TestData.labelRequest("keep-1").withAccount(A));
    assertThat(again.trackingNumber()).as("resumed from the order the key created").isEqualTo(first.trackingNumber());
    sb.account(B); // a rebuilt instance of A, built again after B's
    sb.forgetAccount(A);
    assertThat(sb.account(A).label(TestData.labelRequest("keep-1").withAccount(A)).trackingNumber())
        .isEqualTo(first.trackingNumber());
    assertThat(sellerA.ordersCreated()).isEqualTo(1);
    assertThat(creates(sellerA)).as("one order-create call for the key").isEqualTo(1);
    // the same key under another seller is another purchase, and the platform's own keys are apart too
    sb.label(TestData.labelRequest("keep-1").withAccount(B));
    sb.label(TestData.labelRequest("keep-1"));
    assertThat(List.of(platform.ordersCreated(), sellerA.ordersCreated(), sellerB.ordersCreated())).isEqualTo(List.of(1, 1, 1));
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aCarrierBoundByHandRefusesALabelNamingAnAccountItWasNotBoundFor(Policy policy) {
    facade(policy);
    java.util.function.Function<java.util.Optional<AccountId>, CainiaoCarrier> bound = account ->
        carrier(sellerA).bind(new dev.shipbridge.spi.CarrierContext() {
          @Override public dev.shipbridge.http.HttpTransport transport() {
            return new dev.shipbridge.http.HttpTransport(new okhttp3.OkHttpClient());
          }
          @Override public java.time.Clock clock() { return clock; }
          @Override public dev.shipbridge.spi.TokenStore tokenStore() { return dev.shipbridge.spi.TokenStore.inMemory(clock); }
          @Override public java.util.Optional<AccountId> account() { return account; }
        });
    assertThat(bound.apply(java.util.Optional.empty()).check(TestData.labelRequest("x").withAccount(A)))
        .extracting(ValidationException.Violation::path).contains("account");
    assertThat(bound.apply(java.util.Optional.of(A)).check(TestData.labelRequest("x").withAccount(A)))
        .extracting(ValidationException.Violation::path).doesNotContain("account");
    assertThat(bound.apply(java.util.Optional.of(A)).check(TestData.labelRequest("x").withAccount(B)))
        .extracting(ValidationException.Violation::path).contains("account");
    assertThat(bound.apply(java.util.Optional.empty()).check(TestData.labelRequest("x")))
        .extracting(ValidationException.Violation::path).doesNotContain("account");
    assertThat(sellerA.requests()).isEmpty();
  }
}
