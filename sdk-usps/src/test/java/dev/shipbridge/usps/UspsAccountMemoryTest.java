package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.TrackManyOptions;
import dev.shipbridge.ValidationException;
import dev.shipbridge.WebhookException;
import dev.shipbridge.WebhookRequest;
import dev.shipbridge.account.AccountId;
import dev.shipbridge.account.AccountResolver;
import dev.shipbridge.account.CarrierAccount;
import dev.shipbridge.account.InMemoryAccounts;
import dev.shipbridge.http.HttpTransport;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.model.Pickup;
import dev.shipbridge.model.PickupRequest;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.ReprintRequest;
import dev.shipbridge.model.ReturnLabelRequest;
import dev.shipbridge.model.Subscription;
import dev.shipbridge.model.SubscriptionEvent;
import dev.shipbridge.model.SubscriptionRequest;
import dev.shipbridge.model.SubscriptionUpdate;
import dev.shipbridge.model.Weight;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.spi.CarrierContext;
import dev.shipbridge.spi.TokenStore;
import dev.shipbridge.spi.support.InMemoryTokenStore;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What one root {@code Shipbridge} remembers for its accounts, on the real {@link UspsCarrier} and
 * the USPS emulator, under the default policy and a permissive one: subscription secrets (a
 * notification for a subscription created under an account verifies on the root's and the
 * account's {@code webhooks()}, also after the account's instance was forgotten; one replay memory),
 * purchases by key (a rebuilt instance sends the mailing date its first attempt sent), idempotency
 * UUIDs derived with the account, quotes carrying their account into the label, and every call
 * shape routed or refused by its account.
 */
class UspsAccountMemoryTest {
  static final String REDIRECT = UspsRequestAccountsTest.REDIRECT;
  static final AccountId A = AccountId.of("merchant-a");
  static final AccountId B = AccountId.of("merchant-b");
  static final String[] SCOPES = java.util.stream.Stream.concat(java.util.Arrays.stream(UspsRequestAccountsTest.SCOPES),
      java.util.stream.Stream.of("scan-forms")).toArray(String[]::new);

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

  UspsCarrier.Builder platformUsps() {
    return UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId()).clientSecret(usps.clientSecret())
        .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525"))
        .inductionZip("11430").quotaPerHour(1_000);
  }

  /** Merchants paid for by the platform's own payment account (one CRID) under its client id. */
  CarrierAccount merchant(AccountId id) {
    String code = usps.authorizeMerchant(id.value(), REDIRECT, SCOPES);
    return CarrierAccount.builder(id).carrier(platformUsps()
        .authorization(UspsAuthorization.merchant(id.value(), SCOPES).withAuthorizationCode(code, REDIRECT))
        .build()).build();
  }

  Shipbridge facade(Policy policy) {
    accounts.put(merchant(A)).put(merchant(B));
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).carrier(platformUsps().build()).accounts(accounts)
        .clock(clock).sleeper(clock::advance).httpClient(new OkHttpClient.Builder().addNetworkInterceptor(recorder).build());
    if (policy == Policy.PERMISSIVE) b.resilience(ResiliencePolicy.custom().all(s -> s.maxAttempts(3).unlimited()).build());
    shipbridge = b.build();
    return shipbridge;
  }

  static WebhookRequest request(UspsEmulator.Notification n) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    n.headers().forEach((k, v) -> headers.put(k, List.of(v)));
    return WebhookRequest.of(n.body().getBytes(StandardCharsets.UTF_8), headers);
  }

  static SubscriptionRequest.Builder follow(String number) {
    return SubscriptionRequest.builder().carrier(CarrierId.USPS).trackingNumber(number)
        .listenerUrl(UspsSubscriptionWireTest.LISTENER).secret(UspsSubscriptionWireTest.SECRET).adminEmail("ops@example.com")
        .event(SubscriptionEvent.DELIVERY_ACTIVITY);
  }

  List<String> owners(Runnable call) {
    int from = usps.requests().size();
    call.run();
    List<String> owners = new ArrayList<>();
    for (UspsEmulator.RecordedCall c : usps.requests().subList(from, usps.requests().size())) {
      if (c.path().startsWith("/oauth2/")) continue;
      owners.add(usps.tokenOwner(c.header("Authorization")).orElse("<none> " + c.method() + " " + c.path()));
    }
    assertThat(owners).as("the call reached USPS").isNotEmpty();
    return owners;
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aNotificationOfASubscriptionCreatedForAnAccountIsVerifiedByTheRootAndTheAccountAlsoAfterItsInstanceWasForgotten(
      Policy policy) {
    Shipbridge platform = facade(policy);
    Label label = platform.label(UspsLabelWireTest.request("follow-1").account(A).build());
    Subscription s = platform.subscriptions().create(follow(label.trackingNumber()).account(A).build());

    assertThat(platform.webhooks().handle(request(usps.notification(s.id(), label.trackingNumber()))).trackingNumber())
        .as("the root verifies the account's subscription").isEqualTo(label.trackingNumber());
    UspsEmulator.Notification next = nextNotification(s, label);
    assertThat(platform.account(A).webhooks().handle(request(next)).trackingNumber()).isEqualTo(label.trackingNumber());
    assertThatThrownBy(() -> platform.webhooks().handle(request(next))).as("one replay memory for the root and its accounts")
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason())
            .isIn(WebhookException.Reason.DUPLICATE, WebhookException.Reason.STALE));

    assertThat(platform.forgetAccount(A)).isTrue();
    assertThat(platform.account(A).webhooks().handle(request(nextNotification(s, label))).trackingNumber())
        .as("a rebuilt instance still knows the secret").isEqualTo(label.trackingNumber());
    platform.forgetAccount(A);
    assertThat(platform.webhooks().handle(request(nextNotification(s, label))).trackingNumber())
        .as("the root, with the account's instance gone").isEqualTo(label.trackingNumber());
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aRootWithoutUspsOfItsOwnVerifiesTheNotificationsOfItsAccountsUspsSubscriptions(Policy policy) {
    accounts.put(merchant(A));
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).carrier(() -> CarrierId.of("acme")).accounts(accounts)
        .clock(clock).sleeper(clock::advance);
    if (policy == Policy.PERMISSIVE) b.resilience(ResiliencePolicy.custom().all(s -> s.maxAttempts(3).unlimited()).build());
    Shipbridge platform = shipbridge = b.build();
    Label label = platform.label(UspsLabelWireTest.request("follow-2").account(A).build());
    Subscription s = platform.subscriptions().create(follow(label.trackingNumber()).account(A).build());
    platform.forgetAccount(A);
    assertThat(platform.webhooks().carriers()).contains(CarrierId.USPS);
    assertThat(platform.webhooks().handle(request(usps.notification(s.id(), label.trackingNumber()))).trackingNumber())
        .isEqualTo(label.trackingNumber());
  }

  /** A newer notification about the parcel: a day later, the parcel has moved on. */
  UspsEmulator.Notification nextNotification(Subscription s, Label label) {
    clock.advance(Duration.ofDays(1));
    return usps.notification(s.id(), label.trackingNumber());
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aLabelBoughtForAnAccountIsNotBoughtAgainAfterItsInstanceWasForgottenEvenAcrossMidnight(Policy policy) {
    Shipbridge platform = facade(policy);
    LabelRequest request = UspsLabelWireTest.request("order-77").account(A).build();
    Label first = platform.label(request);
    assertThat(platform.forgetAccount(A)).isTrue();
    clock.advance(Duration.ofHours(9)); // the merchant's refresh token (12 h at the emulator) is rotated on the way
    platform.account(A).track(first.trackingNumber());
    assertThat(platform.forgetAccount(A)).isTrue();
    clock.advance(Duration.ofHours(7)); // 01:00 in Chicago: USPS's today is the next day
    Label again = platform.label(request);
    assertThat(again.trackingNumber()).as("the same purchase, answered again").isEqualTo(first.trackingNumber());
    assertThat(usps.labelsPurchased()).isEqualTo(1);
    List<String> dates = usps.requests().stream().filter(c -> c.path().endsWith("/labels/v3/label"))
        .map(c -> c.body().replaceAll("(?s).*\"mailingDate\"\\s*:\\s*\"([^\"]+)\".*", "$1")).distinct().toList();
    assertThat(dates).as("one mailing date sent").hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void oneKeyUnderTwoAccountsSharingAClientIdAndACridIsTwoPurchasesAlsoWhenTheKeyIsAUuid(Policy policy) {
    Shipbridge platform = facade(policy);
    for (String key : List.of("8be4df61-93ca-11d2-aa0d-00e098032b8c", "order-1")) {
      Label a = platform.label(UspsLabelWireTest.request(key).account(A).build());
      Label b = platform.label(UspsLabelWireTest.request(key).account(B).build());
      assertThat(b.trackingNumber()).as("B is never answered with A's label (key %s)", key).isNotEqualTo(a.trackingNumber());
      Label own = platform.label(UspsLabelWireTest.request(key).build());
      assertThat(own.trackingNumber()).isNotIn(a.trackingNumber(), b.trackingNumber());
    }
    List<String> uuids = usps.requests().stream().filter(c -> c.path().endsWith("/labels/v3/label"))
        .map(c -> c.header("X-Idempotency-Key")).distinct().toList();
    assertThat(uuids).hasSize(6).doesNotContain("8be4df61-93ca-11d2-aa0d-00e098032b8c");
    assertThat(usps.labelsPurchased()).isEqualTo(6);
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aQuotePricedUnderAnAccountBuysItsLabelThereAndAnotherAccountsInstanceRefusesIt(Policy policy) {
    Shipbridge platform = facade(policy);
    Quote pick = platform.quote(UspsRequestAccountsTest.quoteRequest().withAccount(A)).quotes().stream()
        .filter(q -> q.serviceCode().startsWith("USPS_GROUND_ADVANTAGE")).findFirst().orElseThrow();
    assertThat(pick.account()).isEqualTo(A);
    LabelRequest request = LabelRequest.builder().quote(pick).from(EmulatorTestBase.WAREHOUSE).to(EmulatorTestBase.CUSTOMER)
        .parcel(UspsLabelWireTest.BOX).idempotencyKey(IdempotencyKey.of("quoted-1")).build();
    assertThat(owners(() -> platform.label(request))).containsOnly(A.value());
    int sent = usps.requests().size();
    assertThatThrownBy(() -> platform.account(B).label(request)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("merchant-a");
    assertThatThrownBy(() -> LabelRequest.builder().quote(pick).account(B).from(EmulatorTestBase.WAREHOUSE)
        .to(EmulatorTestBase.CUSTOMER).parcel(UspsLabelWireTest.BOX).build()).isInstanceOf(ValidationException.class)
        .hasMessageContaining("priced under account 'merchant-a'");
    assertThat(usps.requests()).hasSize(sent);
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void asyncCallsAndAManifestNamingAnAccountRunOnItsToken(Policy policy) {
    Shipbridge platform = facade(policy);
    Label[] bought = new Label[1];
    assertThat(owners(() -> bought[0] = platform.labelAsync(UspsLabelWireTest.request("async-1").account(A).build()).join()))
        .containsOnly(A.value());
    String number = bought[0].trackingNumber();
    assertThat(owners(() -> platform.trackManyAsync(List.of(number), TrackManyOptions.DEFAULTS.withAccount(A)).join()))
        .containsOnly(A.value());
    assertThat(owners(() -> platform.manifest(new ManifestRequest(CarrierId.USPS, List.of(number), EmulatorTestBase.WAREHOUSE,
        null).withAccount(A)))).containsOnly(A.value());
    Label second = platform.label(UspsLabelWireTest.request("async-2").account(A).build());
    assertThat(owners(() -> platform.manifestAsync(new ManifestRequest(CarrierId.USPS, List.of(second.trackingNumber()),
        EmulatorTestBase.WAREHOUSE, null).withAccount(A)).join())).containsOnly(A.value());
    assertThat(owners(() -> platform.returns().labelAsync(ReturnLabelRequest.builder().carrier(CarrierId.USPS)
        .serviceCode("USPS_GROUND_ADVANTAGE_RETURN_SERVICE").from(EmulatorTestBase.CUSTOMER).to(EmulatorTestBase.WAREHOUSE)
        .parcel(UspsLabelWireTest.BOX).idempotencyKey(IdempotencyKey.of("rma-async")).account(A).build()).join()))
        .containsOnly(A.value());
    assertThat(owners(() -> platform.pickups().scheduleAsync(pickup().account(A).build()).join())).containsOnly(A.value());
    assertThat(owners(() -> platform.subscriptions().createAsync(follow(number).account(A).build()).join()))
        .as("SubscriptionRequest.Builder.account").containsOnly(A.value());
  }

  static PickupRequest.Builder pickup() {
    return PickupRequest.builder().carrier(CarrierId.USPS).address(EmulatorTestBase.WAREHOUSE)
        .date(UspsPickupWireTest.TUESDAY).pkg(PickupRequest.Kind.PRIORITY, 3).estimatedWeight(Weight.kilograms("6"))
        .location(PickupRequest.Location.FRONT_DOOR);
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void reprintPickupChangeAndSubscriptionCreateAndUpdateNamingAnotherAccountAreRefusedOnABoundInstance(Policy policy) {
    Shipbridge platform = facade(policy);
    Label label = platform.label(UspsLabelWireTest.request("own-1").account(A).build());
    Pickup booked = platform.pickups().schedule(pickup().account(A).build());
    Subscription s = platform.subscriptions().create(follow(label.trackingNumber()).account(A).build());
    Shipbridge a = platform.account(A);
    int sent = usps.requests().size();
    List<Consumer<Shipbridge>> calls = List.of(
        sb -> sb.returns().reprint(ReprintRequest.of(CarrierId.USPS, label.trackingNumber(), null).withAccount(B)),
        sb -> sb.pickups().change(booked.confirmationNumber(), pickup().location(PickupRequest.Location.BACK_DOOR).account(B).build()),
        sb -> sb.subscriptions().create(follow(label.trackingNumber()).account(B).build()),
        sb -> sb.subscriptions().update(CarrierId.USPS, SubscriptionUpdate.builder(s.id(), UspsSubscriptionWireTest.SECRET)
            .status(Subscription.Status.DISABLED).account(B).build()));
    for (int i = 0; i < calls.size(); i++) {
      Consumer<Shipbridge> call = calls.get(i);
      assertThatThrownBy(() -> call.accept(a)).as("call %d", i).isInstanceOf(ValidationException.class)
          .hasMessageContaining("merchant-b").hasMessageContaining("bound for account 'merchant-a'");
    }
    assertThat(usps.requests()).as("nothing sent").hasSize(sent);
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aLabelNamingAnotherAccountOnABoundInstanceIsRefusedWithItsOtherViolationsBeforeAnyCall(Policy policy) {
    Shipbridge a = facade(policy).account(A);
    LabelRequest bad = UspsLabelWireTest.request("bad-1").shipDate(LocalDate.of(2020, 1, 6)).account(B).build();
    assertThatThrownBy(() -> a.label(bad)).isInstanceOfSatisfying(ValidationException.class, e ->
        assertThat(e.violations()).extracting(ValidationException.Violation::path).contains("account", "shipDate")
            .filteredOn("account"::equals).hasSize(1));
    assertThat(usps.requests()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Policy.class)
  void aCarrierBoundByHandRefusesALabelReturnPickupOrSubscriptionNamingAnAccountItWasNotBoundFor(Policy policy) {
    facade(policy);
    TokenStore tokens = new InMemoryTokenStore(clock);
    HttpTransport transport = new HttpTransport(new OkHttpClient());
    UspsCarrier direct = platformUsps().build().bind(context(transport, tokens, Optional.empty()));
    assertThat(direct.check(UspsLabelWireTest.request("x").account(A).build()))
        .extracting(ValidationException.Violation::path).contains("account");
    assertThat(direct.check(UspsLabelWireTest.request("x").build())).extracting(ValidationException.Violation::path)
        .doesNotContain("account");
    UspsCarrier forA = platformUsps().build().bind(context(transport, tokens, Optional.of(A)));
    assertThat(forA.check(UspsLabelWireTest.request("x").account(A).build())).extracting(ValidationException.Violation::path)
        .doesNotContain("account");
    assertThat(forA.check(UspsLabelWireTest.request("x").account(B).build())).extracting(ValidationException.Violation::path)
        .contains("account");
    // return labels, pickups and subscriptions: their capabilities' checks too
    var returns = forA.capability(dev.shipbridge.spi.ReturnLabelCapability.class).orElseThrow();
    ReturnLabelRequest back = ReturnLabelRequest.builder().carrier(CarrierId.USPS).serviceCode("USPS_GROUND_ADVANTAGE_RETURN_SERVICE")
        .from(EmulatorTestBase.CUSTOMER).to(EmulatorTestBase.WAREHOUSE).parcel(UspsLabelWireTest.BOX).build();
    assertThat(returns.check(back.withAccount(B))).extracting(ValidationException.Violation::path).contains("account");
    assertThat(returns.check(back.withAccount(A))).extracting(ValidationException.Violation::path).doesNotContain("account");
    var pickups = forA.capability(dev.shipbridge.spi.PickupCapability.class).orElseThrow();
    assertThat(pickups.check(pickup().account(B).build())).extracting(ValidationException.Violation::path).contains("account");
    assertThat(pickups.check(pickup().account(A).build())).extracting(ValidationException.Violation::path)
        .doesNotContain("account");
    var subscriptions = forA.capability(dev.shipbridge.spi.TrackingSubscriptionCapability.class).orElseThrow();
    assertThat(subscriptions.check(follow("9400100000000000000000").account(B).build()))
        .extracting(ValidationException.Violation::path).contains("account");
    assertThat(subscriptions.check(SubscriptionUpdate.builder("sub-1", UspsSubscriptionWireTest.SECRET).account(B).build()))
        .extracting(ValidationException.Violation::path).contains("account");
    assertThat(subscriptions.check(follow("9400100000000000000000").account(A).build()))
        .extracting(ValidationException.Violation::path).doesNotContain("account");
    assertThat(usps.requests()).isEmpty();
  }

  CarrierContext context(HttpTransport transport, TokenStore tokens, Optional<AccountId> account) {
    return new CarrierContext() {
      @Override public HttpTransport transport() { return transport; }
      @Override public Clock clock() { return clock; }
      @Override public TokenStore tokenStore() { return tokens; }
      @Override public Optional<AccountId> account() { return account; }
    };
  }
}
