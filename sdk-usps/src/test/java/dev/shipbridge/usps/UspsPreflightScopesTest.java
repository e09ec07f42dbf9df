package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.account.AccountId;
import dev.shipbridge.account.AccountResolver;
import dev.shipbridge.account.CarrierAccount;
import dev.shipbridge.account.InMemoryAccounts;
import dev.shipbridge.account.Preflight;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.spi.TokenStore;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The preflight reports the scopes USPS's token answer granted (not the ones asked for) and marks
 * each capability whose scope is missing as not usable, with the reason: on the real {@link
 * UspsCarrier} through the facade and the USPS emulator (which grants a merchant's token only the
 * scopes the merchant consented to, and refuses other APIs with 403), default and permissive policy.
 */
class UspsPreflightScopesTest {
  static final String REDIRECT = "https://platform.example/usps/callback";

  enum Policy { DEFAULT, PERMISSIVE }

  final MutableClock clock = MutableClock.startingAt(UspsEmulator.DEFAULT_INSTANT);
  final WireRecorder recorder = new WireRecorder();
  final InMemoryAccounts accounts = AccountResolver.inMemory();
  final TokenStore store = TokenStore.inMemory(clock);
  final List<Shipbridge> open = new ArrayList<>();
  UspsEmulator usps;

  @BeforeEach
  void start() {
    usps = UspsEmulator.start(clock);
  }

  @AfterEach
  void stop() {
    open.forEach(Shipbridge::close);
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
    Shipbridge sb = b.build();
    open.add(sb);
    return sb;
  }

  void putMerchant(String id, String... scopes) {
    String code = usps.authorizeMerchant(id, REDIRECT, scopes);
    accounts.put(CarrierAccount.builder(AccountId.of(id)).carrier(platformUsps()
        .authorization(UspsAuthorization.merchant(id, scopes).withAuthorizationCode(code, REDIRECT)).build()).build());
  }

  static List<String> unavailable(Preflight p) {
    return p.checks(CarrierId.USPS).stream().filter(c -> c.status() == Preflight.Status.UNAVAILABLE)
        .map(Preflight.Check::name).toList();
  }

  static Preflight.Check check(Preflight p, String name) {
    return p.checks(CarrierId.USPS).stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aMerchantWithoutTheLabelsScopeIsReportedUnableToBuyLabelsWithTheReason(Policy policy) {
    putMerchant("tracking-only", "addresses", "tracking");
    Shipbridge platform = facade(policy);

    Preflight report = platform.preflight(AccountId.of("tracking-only"));

    assertThat(report.ok()).as("ready for what it was authorized for:%n%s", report).isTrue();
    assertThat(check(report, "scopes").detail()).isEqualTo("granted: addresses tracking");
    assertThat(unavailable(report)).containsExactly("quote", "quote abroad", "label", "label abroad", "return label",
        "manifest", "pickup", "subscriptions");
    assertThat(check(report, "label").detail()).contains("'labels'").contains("USPS Business Portal");
    assertThat(report.toString()).contains("UNAVAILABLE").contains("label");
    // the emulator agrees: what the report calls usable works, what it calls unavailable is refused
    assertThat(platform.account(AccountId.of("tracking-only")).validateAddress(EmulatorTestBase.CUSTOMER).standardized())
        .isNotNull();
    var quotes = platform.account(AccountId.of("tracking-only")).quote(dev.shipbridge.model.QuoteRequest.builder()
        .from(EmulatorTestBase.WAREHOUSE).to(EmulatorTestBase.CUSTOMER).parcel(UspsCanonicalAnswersTest.BOX).build());
    assertThat(quotes.quotes()).isEmpty();
    assertThat(quotes.failures()).singleElement().satisfies(f -> assertThat(f.message()).contains("prices"));
    assertThat(usps.requestCount("POST", "/oauth2/v3/token")).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void theScopesReportedAreTheOnesTheTokenAnswerGranted(Policy policy) {
    putMerchant("full", "addresses", "prices", "international-prices", "labels", "international-labels", "tracking",
        "scan-forms", "pickup", "subscriptions-tracking", "payments");
    Preflight full = facade(policy).preflight(AccountId.of("full"));
    assertThat(unavailable(full)).as("%s", full).isEmpty();

    // the platform's own application asks for no scope: USPS answers with the application's products
    // (its example token spells some scopes differently: scan-form, subscriptions; either counts)
    Preflight app = facade(policy).preflight();
    assertThat(check(app, "scopes").detail()).startsWith("granted: addresses international-prices subscriptions");
    assertThat(unavailable(app)).isEmpty();

    // another instance of the fleet, on the same store, uses the stored token: it read no answer, so
    // it reports the scopes asked for, and says so, without a token call
    int tokenCalls = usps.requestCount("POST", "/oauth2/v3/token");
    Preflight again = facade(policy).preflight(AccountId.of("full"));
    assertThat(check(again, "scopes").detail()).startsWith(check(full, "scopes").detail()).contains("as asked");
    assertThat(usps.requestCount("POST", "/oauth2/v3/token")).isEqualTo(tokenCalls);
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void scopesAskedForButNotGrantedFailTheScopesRowNamingTheMissingOnes(Policy policy) {
    // the application holds addresses and tracking; USPS grants fewer than asked and names them (RFC 6749 3.3)
    usps.applicationProducts("addresses", "tracking");
    accounts.put(CarrierAccount.builder(AccountId.of("wants-labels")).carrier(platformUsps()
        .authorization(UspsAuthorization.clientCredentials("labels", "tracking")).build()).build());

    Preflight report = facade(policy).preflight(AccountId.of("wants-labels"));

    assertThat(report.ok()).as("%s", report).isFalse();
    Preflight.Check scopes = check(report, "scopes");
    assertThat(scopes.status()).isEqualTo(Preflight.Status.FAILED);
    assertThat(scopes.detail()).startsWith("asked for but not granted: labels;").contains("granted: tracking");
    assertThat(unavailable(report)).contains("label", "return label").doesNotContain("track");
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aMerchantAskingForLabelsAndTrackingWithConsentForTrackingOnlyFailsTheScopesRow(Policy policy) {
    String code = usps.authorizeMerchant("consented-tracking", REDIRECT, "tracking");
    accounts.put(CarrierAccount.builder(AccountId.of("consented-tracking")).carrier(platformUsps()
        .authorization(UspsAuthorization.merchant("consented-tracking", "labels", "tracking")
            .withAuthorizationCode(code, REDIRECT)).build()).build());

    Preflight report = facade(policy).preflight(AccountId.of("consented-tracking"));

    assertThat(report.ok()).as("%s", report).isFalse();
    assertThat(check(report, "scopes").status()).isEqualTo(Preflight.Status.FAILED);
    assertThat(check(report, "scopes").detail()).contains("labels");
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void theTwoSpellingsOfAScopeCountAsOne(Policy policy) {
    putMerchant("spelled", "addresses", "scan-form", "subscriptions");
    Preflight report = facade(policy).preflight(AccountId.of("spelled"));
    assertThat(check(report, "scopes").status()).as("%s", report).isEqualTo(Preflight.Status.OK);
    assertThat(unavailable(report)).doesNotContain("manifest", "subscriptions");
  }
}
