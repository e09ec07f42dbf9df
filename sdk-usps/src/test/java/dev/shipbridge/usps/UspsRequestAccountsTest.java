package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.QuoteResult;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.TrackManyOptions;
import dev.shipbridge.TrackResult;
import dev.shipbridge.ValidationException;
import dev.shipbridge.account.AccountId;
import dev.shipbridge.account.AccountResolver;
import dev.shipbridge.account.CarrierAccount;
import dev.shipbridge.account.InMemoryAccounts;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.model.Pickup;
import dev.shipbridge.model.PickupRequest;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.ReprintRequest;
import dev.shipbridge.model.ReturnLabelRequest;
import dev.shipbridge.model.Subscription;
import dev.shipbridge.model.SubscriptionEvent;
import dev.shipbridge.model.SubscriptionQuery;
import dev.shipbridge.model.SubscriptionRequest;
import dev.shipbridge.model.SubscriptionUpdate;
import dev.shipbridge.model.Weight;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Requests that name the account they run under ({@code request.withAccount(id)}) on the real
 * {@link UspsCarrier} and the USPS emulator, under the default policy and a permissive one: such a
 * request runs exactly as {@code shipbridge.account(id).<call>(request)} does (the account's token,
 * counted at the emulator, and its rate limiter, never another account's); a request naming no
 * account runs as before; one naming another account on a bound instance, or an unknown account,
 * is refused before any network call.
 */
class UspsRequestAccountsTest {
  static final String REDIRECT = "https://platform.example/usps/callback";
  static final String[] SCOPES = {"addresses", "prices", "shipments", "international-prices", "labels", "payments", "tracking",
      "pickup", "subscriptions", "subscriptions-tracking"};
  static final AccountId A = AccountId.of("merchant-a");
  static final AccountId B = AccountId.of("merchant-b");

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
        .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525"))
        .inductionZip("11430").quotaPerHour(quotaPerHour);
  }

  Shipbridge facade(Policy policy, int quotaPerHour, AccountResolver resolver, int cacheSize) {
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).carrier(platformUsps(quotaPerHour).build())
        .accounts(resolver).accountCacheSize(cacheSize).clock(clock).sleeper(clock::advance)
        .httpClient(new OkHttpClient.Builder().addNetworkInterceptor(recorder).build());
    if (policy == Policy.PERMISSIVE) b.resilience(ResiliencePolicy.custom().all(s -> s.maxAttempts(3).unlimited()).build());
    shipbridge = b.build();
    return shipbridge;
  }

  /** A merchant who authorized the platform in the Business Portal; {@code quotaKey} null: the platform's client id. */
  CarrierAccount merchant(AccountId id, int quotaPerHour, String quotaKey) {
    String code = usps.authorizeMerchant(id.value(), REDIRECT, SCOPES);
    CarrierAccount.Builder b = CarrierAccount.builder(id).carrier(platformUsps(quotaPerHour)
        .authorization(UspsAuthorization.merchant(id.value(), SCOPES).withAuthorizationCode(code, REDIRECT)).build());
    if (quotaKey != null) b.quotaKey(CarrierId.USPS, quotaKey);
    return b.build();
  }

  static QuoteRequest quoteRequest() {
    return QuoteRequest.builder().from(EmulatorTestBase.WAREHOUSE).to(EmulatorTestBase.CUSTOMER).parcel(UspsLabelWireTest.BOX).build();
  }

  /** Whose tokens the API calls (not the token calls) sent since call {@code from} carried. */
  List<String> ownersSince(int from) {
    List<String> owners = new ArrayList<>();
    for (UspsEmulator.RecordedCall c : usps.requests().subList(from, usps.requests().size())) {
      if (c.path().startsWith("/oauth2/")) continue;
      owners.add(usps.tokenOwner(c.header("Authorization")).orElse("<none> " + c.method() + " " + c.path()));
    }
    return owners;
  }

  /** Runs {@code call} and returns whose tokens its API calls carried (at least one call). */
  List<String> owners(Runnable call) {
    int from = usps.requests().size();
    call.run();
    List<String> owners = ownersSince(from);
    assertThat(owners).as("the call reached USPS").isNotEmpty();
    return owners;
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aQuoteLabelTrackAndCancelNamingAnAccountRunOnThatAccountsTokenAndNeverAnothers(Policy policy) {
    accounts.put(merchant(A, 1_000, null)).put(merchant(B, 1_000, null));
    Shipbridge platform = facade(policy, 1_000, accounts, 10);

    assertThat(owners(() -> assertThat(platform.quote(quoteRequest().withAccount(A)).quotes()).isNotEmpty()))
        .containsOnly(A.value());
    Label[] bought = new Label[1];
    assertThat(owners(() -> bought[0] = platform.label(UspsLabelWireTest.request("a-1").account(A).build())))
        .containsOnly(A.value());
    String number = bought[0].trackingNumber();
    assertThat(owners(() -> assertThat(platform.trackMany(List.of(number), TrackManyOptions.DEFAULTS.withAccount(A)))
        .singleElement().extracting(TrackResult::isSuccess).isEqualTo(true))).containsOnly(A.value());
    // calls taking plain values name their account through the bound instance: the very instance the requests ran on
    assertThat(owners(() -> platform.account(A).track(number))).containsOnly(A.value());
    assertThat(owners(() -> platform.account(A).cancel(number))).containsOnly(A.value());
    assertThat(owners(() -> platform.returns().label(ReturnLabelRequest.builder().carrier(CarrierId.USPS)
        .serviceCode("USPS_GROUND_ADVANTAGE_RETURN_SERVICE").from(EmulatorTestBase.CUSTOMER).to(EmulatorTestBase.WAREHOUSE)
        .parcel(UspsLabelWireTest.BOX).idempotencyKey(IdempotencyKey.of("rma-a")).account(A).build()))).containsOnly(A.value());

    assertThat(owners(() -> platform.quote(quoteRequest().withAccount(B)))).containsOnly(B.value());
    assertThat(owners(() -> platform.label(UspsLabelWireTest.request("b-1").build().withAccount(B)))).containsOnly(B.value());
    // no account named: the platform's own client-credentials token, as before accounts existed
    assertThat(owners(() -> assertThat(platform.quote(quoteRequest()).quotes()).isNotEmpty())).containsOnly(usps.clientId());
    assertThat(owners(() -> platform.label(UspsLabelWireTest.request("own-1").build()))).containsOnly(usps.clientId());

    assertThat(platform.account(A)).as("the request ran on the cached bound instance").isSameAs(platform.account(A));
    assertThat(usps.codeGrants()).as("one token per account, fetched once").isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void returnsPickupsAndSubscriptionsNamingAnAccountRunOnThatAccountsToken(Policy policy) {
    accounts.put(merchant(A, 1_000, null)).put(merchant(B, 1_000, null));
    Shipbridge platform = facade(policy, 1_000, accounts, 10);
    Label[] back = new Label[1];
    assertThat(owners(() -> back[0] = platform.returns().label(ReturnLabelRequest.builder().carrier(CarrierId.USPS)
        .serviceCode("USPS_GROUND_ADVANTAGE_RETURN_SERVICE").from(EmulatorTestBase.CUSTOMER).to(EmulatorTestBase.WAREHOUSE)
        .parcel(UspsLabelWireTest.BOX).idempotencyKey(IdempotencyKey.of("rma-1")).build().withAccount(A))))
        .containsOnly(A.value());
    assertThat(owners(() -> platform.returns().reprint(
        ReprintRequest.of(CarrierId.USPS, back[0].trackingNumber(), null).withAccount(A)))).containsOnly(A.value());
    PickupRequest pickup = PickupRequest.builder().carrier(CarrierId.USPS).address(EmulatorTestBase.WAREHOUSE)
        .date(UspsPickupWireTest.TUESDAY).pkg(PickupRequest.Kind.PRIORITY, 3).estimatedWeight(Weight.kilograms("6"))
        .location(PickupRequest.Location.FRONT_DOOR).account(A).build();
    Pickup[] booked = new Pickup[1];
    assertThat(owners(() -> booked[0] = platform.pickups().schedule(pickup))).containsOnly(A.value());
    assertThat(owners(() -> platform.pickups().change(booked[0].confirmationNumber(),
        pickup.toBuilder().location(PickupRequest.Location.BACK_DOOR).build()))).containsOnly(A.value());
    SubscriptionRequest follow = SubscriptionRequest.builder().carrier(CarrierId.USPS).mid("904128936")
        .listenerUrl(UspsSubscriptionWireTest.LISTENER).secret(UspsSubscriptionWireTest.SECRET).adminEmail("ops@example.com")
        .event(SubscriptionEvent.DELIVERY_ACTIVITY).build();
    Subscription[] created = new Subscription[1];
    assertThat(owners(() -> created[0] = platform.subscriptions().create(follow.withAccount(A)))).containsOnly(A.value());
    assertThat(owners(() -> platform.subscriptions().list(CarrierId.USPS, SubscriptionQuery.all().withAccount(A))))
        .containsOnly(A.value());
    assertThat(owners(() -> platform.subscriptions().update(CarrierId.USPS, SubscriptionUpdate.builder(created[0].id(),
        UspsSubscriptionWireTest.SECRET).status(Subscription.Status.DISABLED).account(A).build()))).containsOnly(A.value());
    // the same calls naming B run on B's token; named on A's bound instance they are refused before sending
    assertThat(owners(() -> platform.subscriptions().create(follow.withAccount(B)))).containsOnly(B.value());
    int sent = usps.requests().size();
    assertThatThrownBy(() -> platform.account(A).pickups().schedule(pickup.withAccount(B))).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> platform.account(A).subscriptions().list(CarrierId.USPS, SubscriptionQuery.all().withAccount(B)))
        .isInstanceOf(ValidationException.class);
    assertThat(usps.requests()).hasSize(sent);
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aRequestNamingAnAccountCountsOnThatAccountsRateLimiterNeverAnothers(Policy policy) {
    // each merchant with its own client application: its own quota of one call an hour per operation
    accounts.put(merchant(A, 1, "app-of-a")).put(merchant(B, 1, "app-of-b"));
    Shipbridge platform = facade(policy, 1, accounts, 10);
    assertThat(platform.quote(quoteRequest().withAccount(A)).quotes()).isNotEmpty();
    int sent = usps.requests().size();
    QuoteResult again = platform.quote(quoteRequest().withAccount(A));
    if (policy == Policy.DEFAULT) {
      assertThat(again.quotes()).isEmpty();
      assertThat(again.failures()).singleElement().satisfies(f -> assertThat(f.error()).isInstanceOf(RateLimitedException.class));
      assertThat(usps.requests()).as("A's spent permit refused before sending").hasSize(sent);
    } else {
      assertThat(again.quotes()).isNotEmpty();
    }
    int beforeB = usps.requests().size();
    QuoteResult b = platform.quote(quoteRequest().withAccount(B));
    assertThat(b.failures()).as("B's limiter was not spent by A's calls").isEmpty();
    assertThat(ownersSince(beforeB)).containsOnly(B.value());
    assertThat(usps.quotaRefusals()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aRequestNamingAnotherAccountOnABoundInstanceIsRefusedBeforeAnyNetworkCall(Policy policy) {
    accounts.put(merchant(A, 1_000, null)).put(merchant(B, 1_000, null));
    Shipbridge a = facade(policy, 1_000, accounts, 10).account(A);
    List<Consumer<Shipbridge>> calls = List.of(
        s -> s.quote(quoteRequest().withAccount(B)),
        s -> s.quoteAsync(quoteRequest().withAccount(B)).join(),
        s -> s.label(UspsLabelWireTest.request("x").account(B).build()),
        s -> s.labelAsync(UspsLabelWireTest.request("y").account(B).build()).join(),
        s -> s.trackMany(List.of("9400100000000000000000"), TrackManyOptions.DEFAULTS.withAccount(B)),
        s -> s.manifest(new ManifestRequest(CarrierId.USPS, List.of("9400100000000000000000"), EmulatorTestBase.WAREHOUSE, null)
            .withAccount(B)),
        s -> s.returns().label(ReturnLabelRequest.builder().carrier(CarrierId.USPS).serviceCode("USPS_GROUND_ADVANTAGE_RETURN_SERVICE")
            .from(EmulatorTestBase.CUSTOMER).to(EmulatorTestBase.WAREHOUSE).parcel(UspsLabelWireTest.BOX).account(B).build()));
    for (int i = 0; i < calls.size(); i++) {
      Consumer<Shipbridge> call = calls.get(i);
      assertThatThrownBy(() -> call.accept(a)).as("call %d", i).satisfies(e -> {
        Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
        assertThat(cause).isInstanceOf(ValidationException.class)
            .hasMessageContaining("merchant-b").hasMessageContaining("bound for account 'merchant-a'");
      });
    }
    assertThat(usps.requests()).as("nothing sent, not even a token request").isEmpty();
    // the account the instance is bound for is fine: the same instance, the same token
    assertThat(a.quote(quoteRequest().withAccount(A)).quotes()).isNotEmpty();
    assertThat(a.quote(quoteRequest()).quotes()).isNotEmpty();
    assertThat(ownersSince(0)).containsOnly(A.value());
    assertThat(usps.codeGrants()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aRequestNamingAnUnknownAccountGetsTheErrorAccountGivesBeforeAnyNetworkCall(Policy policy) {
    Shipbridge platform = facade(policy, 1_000, accounts, 10);
    AccountId ghost = AccountId.of("ghost");
    String expected = catchMessage(() -> platform.account(ghost));
    assertThat(expected).contains("ghost");
    assertThat(catchMessage(() -> platform.quote(quoteRequest().withAccount(ghost)))).isEqualTo(expected);
    assertThat(catchMessage(() -> platform.label(UspsLabelWireTest.request("g").account(ghost).build()))).isEqualTo(expected);
    assertThat(catchMessage(() -> platform.trackMany(List.of("9400100000000000000000"), TrackManyOptions.DEFAULTS.withAccount(ghost))))
        .isEqualTo(expected);
    assertThat(usps.requests()).isEmpty();
  }

  static String catchMessage(Runnable call) {
    try {
      call.run();
    } catch (ValidationException e) {
      return e.getMessage();
    }
    throw new AssertionError("no ValidationException");
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void twoHundredMerchantsNamedOnRequestsAreServedFromOneShipbridgeEachOnItsOwnTokenWithinTheSharedQuota(Policy policy) {
    int merchants = 200;
    int again = merchants / 5; // every fifth merchant quotes a second time: on its stored token
    // per API of the platform's client application, every merchant counting against it; 2,000 an hour so that the
    // limiter's spacing (a permit every 1.8 s) stays well within its 5 s permit wait
    int quota = 2_000;
    usps.rateLimit(quota, Duration.ofHours(1));
    AtomicInteger resolved = new AtomicInteger();
    AccountResolver store = id -> {
      resolved.incrementAndGet();
      return Optional.of(merchant(id, quota, null));
    };
    Shipbridge platform = facade(policy, quota, store, merchants);
    Map<String, String> tokenOf = new HashMap<>();
    for (int i = 0; i < merchants + again; i++) {
      AccountId merchant = AccountId.of("m-" + (i < merchants ? i : (i - merchants) * 5));
      int from = usps.requests().size();
      QuoteResult quotes = platform.quote(quoteRequest().withAccount(merchant));
      assertThat(quotes.quotes()).as("%s: %s", merchant, quotes.failures()).isNotEmpty();
      for (UspsEmulator.RecordedCall c : usps.requests().subList(from, usps.requests().size())) {
        if (c.path().startsWith("/oauth2/")) continue;
        String token = c.header("Authorization");
        assertThat(usps.tokenOwner(token)).as("the token %s's quote carried", merchant).contains(merchant.value());
        assertThat(tokenOf.putIfAbsent(merchant.value(), token)).as("one token per account").isIn(null, token);
      }
    }
    assertThat(new HashSet<>(tokenOf.values())).as("no two accounts share a token").hasSize(merchants);
    assertThat(resolved).as("each account resolved once").hasValue(merchants);
    assertThat(usps.codeGrants()).as("tokens fetched once per account").isEqualTo(merchants);
    assertThat(usps.requestCount("POST", "/oauth2/v3/token")).isEqualTo(merchants);
    assertThat(usps.quotaRefusals()).as("the client application's quota was never exceeded").isZero();
  }
}
