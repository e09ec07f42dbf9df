package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.AuthenticationException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.http.HttpTransport;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.spi.CarrierContext;
import dev.shipbridge.spi.TokenStore;
import dev.shipbridge.spi.support.InMemoryTokenStore;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A merchant's authorization of the platform, through the facade on the real {@link UspsCarrier}
 * and the USPS emulator, under the carrier's default policy and a permissive one: the code is
 * exchanged once, the access token renewed by a rotated refresh token before it expires on the
 * injected clock, the rotation shared through the token store, refusals typed and worded for the
 * merchant, no secret in a message or a log line; every exchange checked against the specs.
 */
class UspsMerchantAuthorizationTest {
  static final String REDIRECT = "https://platform.example/usps/callback";

  enum Policy { DEFAULT, PERMISSIVE }

  final MutableClock clock = MutableClock.startingAt(UspsEmulator.DEFAULT_INSTANT);
  final WireRecorder recorder = new WireRecorder();
  /** Every value put in the store, by kind of key (tests read the refresh tokens from it). */
  final List<String> refreshTokensStored = new CopyOnWriteArrayList<>();
  final List<String> accessTokensStored = new CopyOnWriteArrayList<>();
  final java.util.Set<String> keysStored = java.util.concurrent.ConcurrentHashMap.newKeySet();
  TokenStore store;
  UspsEmulator usps;
  final List<Shipbridge> opened = new ArrayList<>();

  @BeforeEach
  void start() {
    usps = UspsEmulator.start(clock);
    store = recording(new InMemoryTokenStore(clock));
  }

  @AfterEach
  void stop() {
    opened.forEach(Shipbridge::close);
    usps.close();
    if (SpecConformance.enabled()) {
      assertThat(SpecConformance.violations(recorder.exchanges())).as("every exchange conforms to USPS's specs").isEmpty();
    }
  }

  TokenStore recording(TokenStore inner) {
    return new TokenStore() {
      @Override public Optional<Token> get(String key) { return inner.get(key); }
      @Override public void put(String key, Token token) {
        (key.contains("merchant-refresh") ? refreshTokensStored : key.contains("access") ? accessTokensStored
            : new ArrayList<String>()).add(token.value());
        keysStored.add(key);
        inner.put(key, token);
      }
      @Override public void remove(String key) { inner.remove(key); }
      @Override public Token getOrFetch(String key, Supplier<Token> fetch) {
        keysStored.add(key);
        return inner.getOrFetch(key, () -> {
          Token t = fetch.get();
          if (key.contains("access")) accessTokensStored.add(t.value());
          return t;
        });
      }
    };
  }

  UspsCarrier carrier(UspsAuthorization authorization) {
    return UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId()).clientSecret(usps.clientSecret())
        .authorization(authorization).quotaPerHour(360_000).build(); // the default policy's shape, room for the race
  }

  Shipbridge facade(Policy policy, UspsCarrier carrier) {
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).carrier(carrier).clock(clock).sleeper(d -> { })
        .tokenStore(store).httpClient(new OkHttpClient.Builder().addNetworkInterceptor(recorder).build());
    if (policy == Policy.PERMISSIVE) b.resilience(ResiliencePolicy.custom().all(s -> s.maxAttempts(3).unlimited()).build());
    Shipbridge s = b.build();
    opened.add(s);
    return s;
  }

  UspsAuthorization merchant(String code, String... scopes) {
    return UspsAuthorization.merchant("acme-store", scopes).withAuthorizationCode(code, REDIRECT);
  }

  long tokenCalls() {
    return usps.requestCount("POST", "/oauth2/v3/token");
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void theAuthorizationCodeIsExchangedOnceForAnAccessAndARefreshToken(Policy policy) {
    String code = usps.authorizeMerchant("acme-store", REDIRECT, "addresses", "tracking");
    Shipbridge shipbridge = facade(policy, carrier(merchant(code, "addresses", "tracking")));
    shipbridge.validateAddress(EmulatorTestBase.CUSTOMER);
    shipbridge.validateAddress(EmulatorTestBase.WAREHOUSE);
    // a second instance configured with the same (spent) code reuses the stored tokens
    facade(policy, carrier(merchant(code, "addresses", "tracking"))).validateAddress(EmulatorTestBase.CUSTOMER);
    assertThat(usps.codeGrants()).isEqualTo(1);
    assertThat(tokenCalls()).isEqualTo(1);
    assertThat(refreshTokensStored).hasSize(1);
    String body = recorder.to("/oauth2/v3/token").get(0).requestText();
    assertThat(body).contains("grant_type=authorization_code").contains("redirect_uri=")
        .contains("scope=addresses+tracking").contains("code=");
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void theAccessTokenIsRenewedByARefreshGrantBeforeItExpiresOnTheInjectedClock(Policy policy) {
    String code = usps.authorizeMerchant("acme-store", REDIRECT, "addresses");
    Shipbridge shipbridge = facade(policy, carrier(merchant(code, "addresses")));
    shipbridge.validateAddress(EmulatorTestBase.CUSTOMER);
    clock.advance(Duration.ofHours(7).plusMinutes(29));
    shipbridge.validateAddress(EmulatorTestBase.CUSTOMER);
    assertThat(usps.refreshGrants()).isZero();
    clock.advance(Duration.ofMinutes(2)); // inside the 30-minute margin of the 8-hour token
    shipbridge.validateAddress(EmulatorTestBase.CUSTOMER);
    assertThat(usps.refreshGrants()).isEqualTo(1);
    assertThat(recorder.to("/oauth2/v3/token").get(1).requestText()).contains("grant_type=refresh_token")
        .contains("refresh_token=" + refreshTokensStored.get(0));
    assertThat(refreshTokensStored).hasSize(2).doesNotHaveDuplicates(); // rotated
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aRotatedRefreshTokenIsPersistedAndUsedByASecondInstanceSharingTheStore(Policy policy) {
    String code = usps.authorizeMerchant("acme-store", REDIRECT, "addresses");
    Shipbridge first = facade(policy, carrier(merchant(code, "addresses")));
    first.validateAddress(EmulatorTestBase.CUSTOMER);
    clock.advance(Duration.ofHours(7).plusMinutes(31));
    first.validateAddress(EmulatorTestBase.CUSTOMER); // rotates: the first refresh token is dead at USPS now
    clock.advance(Duration.ofHours(7).plusMinutes(31));
    // the second instance knows no code: it can only work from the rotated token in the store
    Shipbridge second = facade(policy, carrier(UspsAuthorization.merchant("acme-store", "addresses")));
    assertThat(second.validateAddress(EmulatorTestBase.CUSTOMER).deliverable()).isTrue();
    assertThat(usps.refreshGrants()).isEqualTo(2);
    assertThat(recorder.to("/oauth2/v3/token").get(2).requestText()).contains("refresh_token=" + refreshTokensStored.get(1));
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void twoInstancesRacingToRefreshMakeOneRefreshCall(Policy policy) throws Exception {
    String code = usps.authorizeMerchant("acme-store", REDIRECT, "addresses");
    List<Shipbridge> fleet = List.of(facade(policy, carrier(merchant(code, "addresses"))),
        facade(policy, carrier(merchant(code, "addresses"))));
    fleet.get(0).validateAddress(EmulatorTestBase.CUSTOMER);
    clock.advance(Duration.ofHours(7).plusMinutes(31));
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        Shipbridge s = fleet.get(i % 2);
        calls.add(pool.submit(() -> {
          go.await();
          return s.validateAddress(EmulatorTestBase.CUSTOMER).deliverable();
        }));
      }
      go.countDown();
      for (Future<Boolean> f : calls) assertThat(f.get()).isTrue();
    } finally {
      pool.shutdownNow();
    }
    assertThat(usps.refreshGrants()).isEqualTo(1);
    assertThat(tokenCalls()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aRevokedAuthorizationIsATypedErrorTellingTheMerchantToAuthorizeAgain(Policy policy) {
    String code = usps.authorizeMerchant("acme-store", REDIRECT, "addresses");
    UspsCarrier configured = carrier(merchant(code, "addresses"));
    Shipbridge shipbridge = facade(policy, configured);
    shipbridge.validateAddress(EmulatorTestBase.CUSTOMER);
    assertThat(usps.merchantAuthorized("acme-store")).isTrue();

    configured.bind(context()).revokeAuthorization(); // the merchant left the platform
    assertThat(usps.merchantAuthorized("acme-store")).isFalse();
    assertThat(usps.requestCount("POST", "/oauth2/v3/revoke")).isEqualTo(2); // refresh token, then access token
    assertThatThrownBy(() -> shipbridge.validateAddress(EmulatorTestBase.CUSTOMER))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("acme-store")
        .hasMessageContaining("USPS Business Portal").hasMessageNotContaining(code);
    assertThat(usps.codeGrants()).isEqualTo(1); // the spent code was not tried again
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void revokingUnderThePlatformsOwnCredentialsIsRefusedAndRevokesNothing(Policy policy) {
    UspsCarrier platform = UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId())
        .clientSecret(usps.clientSecret()).quotaPerHour(360_000).build();
    Shipbridge shipbridge = facade(policy, platform);
    shipbridge.validateAddress(EmulatorTestBase.CUSTOMER);

    assertThatThrownBy(() -> platform.bind(context()).revokeAuthorization())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("UspsAuthorization.merchant")
        .hasMessageContaining("nothing was revoked").hasMessageNotContaining(usps.clientSecret());

    assertThat(usps.requestCount("POST", "/oauth2/v3/revoke")).isZero();
    shipbridge.validateAddress(EmulatorTestBase.CUSTOMER); // the shared token still works
    assertThat(tokenCalls()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void revokingAMerchantsAuthorizationForgetsItsPaymentTokenToo(Policy policy) {
    String code = usps.authorizeMerchant("acme-store", REDIRECT, "addresses", "payments", "labels");
    UspsCarrier configured = UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId())
        .clientSecret(usps.clientSecret()).quotaPerHour(360_000)
        .authorization(merchant(code, "addresses", "payments", "labels"))
        .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128936", "1000405525")).build();
    Shipbridge shipbridge = facade(policy, configured);
    assertThat(shipbridge.preflight().ok()).isTrue(); // the payment token is fetched and stored
    assertThat(keysStored).anyMatch(k -> k.startsWith("usps:payment:"));

    configured.bind(context()).revokeAuthorization();

    assertThat(keysStored).filteredOn(k -> !k.startsWith("usps:merchant-code:"))
        .allSatisfy(k -> assertThat(store.get(k)).as("forgotten: %s", k).isEmpty());
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aRefreshWithATokenAnotherInstanceRotatedAwayRetriesOnceWithTheStoredOne(Policy policy) {
    String code = usps.authorizeMerchant("acme-store", REDIRECT, "addresses");
    Shipbridge first = facade(policy, carrier(merchant(code, "addresses")));
    first.validateAddress(EmulatorTestBase.CUSTOMER);
    String r1 = refreshTokensStored.get(0);
    clock.advance(Duration.ofHours(7).plusMinutes(31));
    first.validateAddress(EmulatorTestBase.CUSTOMER); // rotates r1 -> r2
    clock.advance(Duration.ofHours(7).plusMinutes(31));
    // a reader that sees the rotated-away r1 once (a fleet lock that timed out, a lagging replica)
    TokenStore shared = store;
    boolean[] stale = {true};
    store = new TokenStore() {
      @Override public Optional<Token> get(String key) {
        if (key.contains("merchant-refresh") && stale[0]) {
          stale[0] = false;
          return Optional.of(new Token(r1, clock.instant().plus(Duration.ofHours(1))));
        }
        return shared.get(key);
      }
      @Override public void put(String key, Token token) { shared.put(key, token); }
      @Override public void remove(String key) { shared.remove(key); }
    };
    Shipbridge second = facade(policy, carrier(UspsAuthorization.merchant("acme-store", "addresses")));
    assertThat(second.validateAddress(EmulatorTestBase.CUSTOMER).deliverable()).isTrue();
    assertThat(stale[0]).isFalse();
    assertThat(usps.refreshGrants()).isEqualTo(2); // the refused r1 does not count; r2 served
    assertThat(refreshTokensStored).hasSize(3).doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aRefreshTokenRevokedAtUspsIsAnInvalidGrantNamingNoToken(Policy policy) {
    String code = usps.authorizeMerchant("acme-store", REDIRECT, "addresses");
    Shipbridge shipbridge = facade(policy, carrier(merchant(code, "addresses")));
    shipbridge.validateAddress(EmulatorTestBase.CUSTOMER);
    String refresh = refreshTokensStored.get(0);
    // revoked elsewhere (another platform tool): only USPS knows
    new TokenStoreFree(usps).revoke(refresh);
    clock.advance(Duration.ofHours(7).plusMinutes(31));
    assertThatThrownBy(() -> shipbridge.validateAddress(EmulatorTestBase.CUSTOMER))
        .isInstanceOfSatisfying(AuthenticationException.class, e -> {
          assertThat(e.carrierCode()).contains("invalid_grant");
          assertThat(e.retryable()).isFalse();
        })
        .hasMessageContaining("merchant 'acme-store'").hasMessageContaining("authorize the platform again")
        .hasMessageNotContaining(refresh);
    assertThat(usps.refreshGrants()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aScopeTheMerchantDidNotGrantIsATypedErrorNamingTheScope(Policy policy) {
    String code = usps.authorizeMerchant("acme-store", REDIRECT, "addresses");
    Shipbridge shipbridge = facade(policy, carrier(merchant(code, "addresses", "labels")));
    assertThatThrownBy(() -> shipbridge.validateAddress(EmulatorTestBase.CUSTOMER))
        .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.carrierCode()).contains("invalid_scope"))
        .hasMessageContaining("labels").hasMessageContaining("USPS Business Portal").hasMessageNotContaining(code);
    assertThat(usps.requestCount("GET", "/addresses/v3")).isZero();
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void anApiOutsideTheGrantedScopesIsATypedErrorNamingTheScopeItNeeds(Policy policy) {
    String code = usps.authorizeMerchant("acme-store", REDIRECT, "tracking");
    Shipbridge shipbridge = facade(policy, carrier(merchant(code, "tracking")));
    assertThatThrownBy(() -> shipbridge.validateAddress(EmulatorTestBase.CUSTOMER))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("'addresses'")
        .hasMessageContaining("USPS Business Portal");
    assertThat(usps.requestCount("GET", "/addresses/v3")).isEqualTo(1); // refused by USPS, not retried
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void noSecretOfTheAuthorizationReachesATraceLogLineOrAMessage(Policy policy) {
    assertThat(LogCapture.bound()).as("CapturingLogs is the SLF4J binding of these tests").isTrue();
    String code = usps.authorizeMerchant("acme-store", REDIRECT, "addresses");
    UspsCarrier configured = carrier(merchant(code, "addresses"));
    List<String> lines;
    List<String> messages = new ArrayList<>();
    LogCapture.start();
    try {
      Shipbridge shipbridge = facade(policy, configured);
      shipbridge.validateAddress(EmulatorTestBase.CUSTOMER);
      clock.advance(Duration.ofHours(7).plusMinutes(31));
      shipbridge.validateAddress(EmulatorTestBase.CUSTOMER); // refresh grant
      configured.bind(context()).revokeAuthorization();
      try {
        shipbridge.validateAddress(EmulatorTestBase.CUSTOMER);
      } catch (AuthenticationException e) {
        messages.add(e.getMessage());
        messages.add(e.toString());
      }
      messages.add(configured.toString());
      messages.add(shipbridge.toString());
    } finally {
      lines = LogCapture.stop();
    }
    assertThat(lines).as("TRACE lines were recorded").isNotEmpty();
    List<String> secrets = new ArrayList<>(List.of(code, usps.clientSecret()));
    secrets.addAll(refreshTokensStored);
    secrets.addAll(accessTokensStored);
    assertThat(refreshTokensStored).hasSize(2);
    for (String secret : secrets) {
      assertThat(lines).noneMatch(l -> l.contains(secret));
      assertThat(messages).noneMatch(m -> m.contains(secret));
    }
  }

  /** The conformance kit's TRACE capture ({@code CapturingLogs}, this module's SLF4J binding in tests). */
  static final class LogCapture {
    static Object call(String name) {
      try {
        java.lang.reflect.Method m = Class.forName("dev.shipbridge.testkit.conformance.CapturingLogs").getDeclaredMethod(name);
        m.setAccessible(true);
        return m.invoke(null);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }

    static boolean bound() { return (Boolean) call("bound"); }
    static void start() { call("start"); }
    @SuppressWarnings("unchecked") static List<String> stop() { return (List<String>) call("stop"); }
  }

  CarrierContext context() {
    HttpTransport transport = new HttpTransport(new OkHttpClient.Builder().addNetworkInterceptor(recorder).build());
    return new CarrierContext() {
      @Override public HttpTransport transport() { return transport; }
      @Override public Clock clock() { return clock; }
      @Override public TokenStore tokenStore() { return store; }
    };
  }

  /** Revokes a token at the emulator as another tool of the platform would (HTTP Basic, form body). */
  record TokenStoreFree(UspsEmulator usps) {
    void revoke(String token) {
      try {
        String basic = java.util.Base64.getEncoder().encodeToString(
            (usps.clientId() + ":" + usps.clientSecret()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        okhttp3.Request r = new okhttp3.Request.Builder().url(usps.baseUrl() + "/oauth2/v3/revoke")
            .header("Authorization", "Basic " + basic)
            .post(new okhttp3.FormBody.Builder().add("token", token).add("token_type_hint", "refresh_token").build()).build();
        try (okhttp3.Response resp = new OkHttpClient().newCall(r).execute()) {
          assertThat(resp.code()).isEqualTo(200);
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
