package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.AuthenticationException;
import dev.shipbridge.RevocationException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.account.AccountId;
import dev.shipbridge.account.AccountResolver;
import dev.shipbridge.account.CarrierAccount;
import dev.shipbridge.account.InMemoryAccounts;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.spi.TokenStore;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 18's "token revocation on account removal", on the real {@link UspsCarrier} through the
 * facade and the USPS emulator (which revokes as RFC 7009 and the OAuth spec say: HTTP Basic, a
 * form body of {@code token} and {@code token_type_hint} only), under the default and a permissive
 * policy: {@code removeAccount} revokes the merchant's tokens at USPS, deletes every token the
 * account put in the store, and drops its instance; a revocation USPS does not confirm is a
 * {@link RevocationException} after the local deletion; an account under the platform's own client
 * credentials has nothing of its own to revoke.
 */
class UspsAccountRemovalTest {
  static final String REDIRECT = "https://platform.example/usps/callback";

  enum Policy { DEFAULT, PERMISSIVE }

  final MutableClock clock = MutableClock.startingAt(UspsEmulator.DEFAULT_INSTANT);
  final WireRecorder recorder = new WireRecorder();
  final InMemoryAccounts accounts = AccountResolver.inMemory();
  final RecordingStore store = new RecordingStore(TokenStore.inMemory(clock));
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

  UspsCarrier.Builder platformUsps() {
    return UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId()).clientSecret(usps.clientSecret())
        .quotaPerHour(1_000);
  }

  Shipbridge facade(Policy policy) {
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).carrier(platformUsps().build()).accounts(accounts)
        .tokenStore(store).clock(clock).sleeper(clock::advance)
        .httpClient(new OkHttpClient.Builder().addNetworkInterceptor(recorder).build());
    if (policy == Policy.PERMISSIVE) b.resilience(ResiliencePolicy.custom().all(s -> s.maxAttempts(3).unlimited()).build());
    shipbridge = b.build();
    return shipbridge;
  }

  void putMerchant(String id) {
    String code = usps.authorizeMerchant(id, REDIRECT, "addresses", "payments", "labels");
    accounts.put(CarrierAccount.builder(AccountId.of(id)).carrier(platformUsps()
        .authorization(UspsAuthorization.merchant(id, "addresses", "payments", "labels").withAuthorizationCode(code, REDIRECT))
        .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128936", "1000405525")).build()).build());
  }

  /** The keys {@code id}'s calls put in the store (an address check and a payment authorization) and its refresh token. */
  record Used(Set<String> keys, String refreshToken, String bearer) {}

  Used use(Shipbridge platform, String id) {
    Set<String> before = Set.copyOf(store.written);
    platform.account(AccountId.of(id)).validateAddress(EmulatorTestBase.CUSTOMER);
    assertThat(platform.preflight(AccountId.of(id)).ok()).isTrue(); // the payment token too
    Set<String> keys = new HashSet<>(store.written);
    keys.removeAll(before);
    String refreshKey = keys.stream().filter(k -> k.startsWith("usps:merchant-refresh:")).findFirst().orElseThrow();
    String bearer = usps.requests().stream().filter(c -> c.path().startsWith("/addresses/v3"))
        .reduce((a, b) -> b).orElseThrow().header("Authorization");
    assertThat(usps.tokenOwner(bearer)).contains(id);
    return new Used(keys, store.get(refreshKey).orElseThrow().value(), bearer);
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void removingAnAccountRevokesItsTokensAtUspsAndDeletesThemFromTheStore(Policy policy) {
    putMerchant("leaving");
    putMerchant("staying");
    Shipbridge platform = facade(policy);
    platform.validateAddress(EmulatorTestBase.CUSTOMER); // the platform's own client-credentials token
    Used leaving = use(platform, "leaving");
    Used staying = use(platform, "staying");
    assertThat(leaving.keys()).hasSizeGreaterThanOrEqualTo(3); // access, refresh, payment (and the spent-code marker)
    int tokenCalls = usps.requestCount("POST", "/oauth2/v3/token");

    platform.removeAccount(AccountId.of("leaving"));

    assertThat(usps.requestCount("POST", "/oauth2/v3/revoke")).as("refresh token, then access token").isEqualTo(2);
    assertThat(usps.merchantAuthorized("leaving")).isFalse();
    assertThat(refreshGrant(leaving.refreshToken())).as("USPS refuses the old refresh token").contains("invalid_grant");
    assertThat(addressCheck(leaving.bearer())).as("and the old access token").isEqualTo(401);
    for (String key : leaving.keys()) {
      if (key.startsWith("usps:merchant-code:")) continue; // a marker that the code was spent, no token
      assertThat(store.get(key)).as("the store holds nothing for the account: %s", key).isEmpty();
    }
    // the other merchant and the platform's own token are untouched, and need no new token
    assertThat(usps.merchantAuthorized("staying")).isTrue();
    platform.account(AccountId.of("staying")).validateAddress(EmulatorTestBase.CUSTOMER);
    platform.validateAddress(EmulatorTestBase.CUSTOMER);
    assertThat(platform.preflight(AccountId.of("staying")).ok()).isTrue();
    assertThat(usps.requestCount("POST", "/payments/v3/payment-authorization")).as("staying's payment token kept").isEqualTo(2);
    assertThat(usps.requestCount("POST", "/oauth2/v3/token")).as("only this test's own refresh grant")
        .isEqualTo(tokenCalls + 1);
    assertThat(staying.keys()).allSatisfy(k -> assertThat(store.get(k)).isPresent());
    // the account's instance was dropped: resolved again, it has no authorization left to use
    assertThatThrownBy(() -> platform.account(AccountId.of("leaving")).validateAddress(EmulatorTestBase.CUSTOMER))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("leaving")
        .hasMessageContaining("no USPS authorization on record");
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aRevocationUspsDoesNotConfirmIsReportedAfterTheTokensAreDeletedHere(Policy policy) {
    putMerchant("leaving");
    Shipbridge platform = facade(policy);
    Used leaving = use(platform, "leaving");
    usps.injectFault("/oauth2/v3/revoke", UspsEmulator.Fault.HTTP_429, 2);

    assertThatThrownBy(() -> platform.removeAccount(AccountId.of("leaving")))
        .isInstanceOfSatisfying(RevocationException.class, e -> {
          assertThat(e.account()).isEqualTo(AccountId.of("leaving"));
          assertThat(e.carriers()).containsExactly(CarrierId.USPS);
          assertThat(e.getCause()).isNotNull();
          assertThat(e.getCause().getSuppressed()).as("the access token's revocation was tried too").hasSize(1);
          assertThat(e.getMessage()).contains("leaving").contains("may still be valid").contains("until they expire")
              .doesNotContain(leaving.refreshToken()).doesNotContain(leaving.bearer().substring(7))
              .doesNotContain(usps.clientSecret());
        });
    assertThat(usps.requestCount("POST", "/oauth2/v3/revoke")).isEqualTo(2);
    assertThat(usps.merchantAuthorized("leaving")).as("USPS never revoked it").isTrue();
    for (String key : leaving.keys()) {
      if (key.startsWith("usps:merchant-code:")) continue;
      assertThat(store.get(key)).as("deleted here all the same: %s", key).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aRefreshInFlightDuringRemovalLeavesNoLiveTokenBehind(Policy policy) throws Exception {
    putMerchant("leaving");
    Shipbridge platform = facade(policy);
    Used leaving = use(platform, "leaving");
    clock.advance(java.time.Duration.ofHours(8)); // the access token expired: the next call refreshes it
    UspsEmulator.Hold hold = usps.holdNext("/oauth2/v3/token");
    UspsEmulator.Hold addressCheck = usps.holdNext("/addresses/v3"); // the call's use of its token waits too
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.Future<?> call = pool.submit(
          () -> platform.account(AccountId.of("leaving")).validateAddress(EmulatorTestBase.CUSTOMER));
      hold.awaitArrival(); // USPS granted new tokens; the answer is on its way
      Thread remover = new Thread(() -> {
        try {
          platform.removeAccount(AccountId.of("leaving"));
        } catch (RevocationException ignored) {
          // asserted below by what USPS and the store hold
        }
      });
      remover.start();
      // the removal either finished (it did not wait for the refresh) or is blocked behind it
      while (remover.isAlive() && remover.getState() != Thread.State.WAITING
          && remover.getState() != Thread.State.TIMED_WAITING) {
        Thread.onSpinWait();
      }
      hold.release();
      remover.join();
      addressCheck.awaitArrival(); // the refresh stored its tokens and the call sent its request
      for (String key : leaving.keys()) {
        if (key.startsWith("usps:merchant-code:")) continue;
        assertThat(store.get(key)).as("no token stored after the removal: %s", key).isEmpty();
      }
      addressCheck.release();
      try {
        call.get();
      } catch (java.util.concurrent.ExecutionException e) {
        // the call may find its fresh token revoked: what matters is what is left behind
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(usps.merchantAuthorized("leaving")).as("the refreshed grant is revoked too").isFalse();
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void anAccountUnderThePlatformsOwnCredentialsHasNothingToRevoke(Policy policy) {
    accounts.put(CarrierAccount.builder(AccountId.of("plain")).carrier(platformUsps().build()).build());
    Shipbridge platform = facade(policy);
    platform.account(AccountId.of("plain")).validateAddress(EmulatorTestBase.CUSTOMER);
    String appToken = usps.requests().get(usps.requests().size() - 1).header("Authorization");

    platform.removeAccount(AccountId.of("plain")); // no error

    assertThat(usps.requestCount("POST", "/oauth2/v3/revoke")).isZero();
    assertThat(addressCheck(appToken)).as("the application's token serves every account: kept").isEqualTo(200);
    platform.validateAddress(EmulatorTestBase.CUSTOMER);
    assertThat(usps.requestCount("POST", "/oauth2/v3/token")).isEqualTo(1);
  }

  /** The refresh grant another tool of the platform would send with {@code refreshToken}: USPS's answer body. */
  String refreshGrant(String refreshToken) {
    Request r = new Request.Builder().url(usps.baseUrl() + "/oauth2/v3/token").post(new FormBody.Builder()
        .add("grant_type", "refresh_token").add("client_id", usps.clientId()).add("client_secret", usps.clientSecret())
        .add("refresh_token", refreshToken).build()).build();
    try (Response resp = new OkHttpClient().newCall(r).execute()) {
      assertThat(resp.code()).isEqualTo(400);
      return resp.body().string();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The status of an address check sent with {@code bearer}. */
  int addressCheck(String bearer) {
    Request r = new Request.Builder().url(usps.baseUrl()
        + "/addresses/v3/address?streetAddress=1100%20Wyoming&secondaryAddress=Suite%20150&city=St.%20Louis&state=MO&ZIPCode=63118")
        .header("Authorization", bearer).get().build();
    try (Response resp = new OkHttpClient().newCall(r).execute()) {
      return resp.code();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The facade's store, remembering every key written to it. */
  static final class RecordingStore implements TokenStore {
    final TokenStore delegate;
    final Set<String> written = ConcurrentHashMap.newKeySet();

    RecordingStore(TokenStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<Token> get(String key) {
      return delegate.get(key);
    }

    @Override
    public void put(String key, Token token) {
      written.add(key);
      delegate.put(key, token);
    }

    @Override
    public void remove(String key) {
      delegate.remove(key);
    }

    @Override
    public Token getOrFetch(String key, java.util.function.Supplier<Token> fetch) {
      written.add(key);
      return delegate.getOrFetch(key, fetch);
    }

    @Override
    public <T> T exclusively(String key, java.util.function.Supplier<T> action) {
      return delegate.exclusively(key, action);
    }
  }
}
