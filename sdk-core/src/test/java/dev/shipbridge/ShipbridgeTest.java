package dev.shipbridge;

import static dev.shipbridge.model.Fixtures.cn;
import static dev.shipbridge.model.Fixtures.customs;
import static dev.shipbridge.model.Fixtures.parcel;
import static dev.shipbridge.model.Fixtures.us;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.ServiceLevel;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.spi.CarrierProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShipbridgeTest {
  /**
   * The quote timeout of the tests where one carrier hangs: the deadline is on the JVM's own clock
   * (a hung adapter is cut off in real time), so it is long enough for the answering carrier on a
   * loaded machine (200 ms failed once at load 35), short enough to keep the suite quick.
   */
  private static final Duration QUOTE_DEADLINE = Duration.ofSeconds(1);

  private final List<Shipbridge> built = new ArrayList<>();

  private Shipbridge build(ShipbridgeBuilder b) {
    Shipbridge s = b.build();
    built.add(s);
    return s;
  }

  private static ShipbridgeBuilder noDiscovery() {
    return Shipbridge.builder().discoverCarriers(false);
  }

  @AfterEach
  void close() {
    built.forEach(Shipbridge::close);
  }

  private static QuoteRequest quoteRequest() {
    return QuoteRequest.builder().from(cn().build()).to(us().build()).parcel(parcel()).customs(customs()).build();
  }

  @Test
  void quoteFansOutToEveryCapableCarrierAndSortsByPrice() {
    FakeCarrier a = new FakeCarrier("alpha", "AA", "9.00");
    FakeCarrier b = new FakeCarrier("beta", "BB", "4.50");
    Shipbridge s = build(noDiscovery().carrier(a).carrier(b));
    QuoteResult r = s.quote(quoteRequest());
    assertThat(r.quotes()).extracting(q -> q.carrier().value()).containsExactly("beta", "alpha");
    assertThat(r.failures()).isEmpty();
    assertThat(r.cheapest()).get().extracting(Quote::carrier).isEqualTo(CarrierId.of("beta"));
  }

  @Test
  void slowCarrierDoesNotSerialiseTheOthers() throws Exception {
    FakeCarrier slow = new FakeCarrier("slow", "SS", "1.00");
    FakeCarrier fast = new FakeCarrier("fast", "FF", "2.00");
    CountDownLatch gate = new CountDownLatch(1);
    slow.quoteGate = gate;
    // fast answers while slow is still blocked: if calls ran one after another, fast would wait for the gate
    fast.quotes = r -> {
      gate.countDown();
      return List.of(Quote.builder(CarrierId.of("fast"), "F", Money.of("2", "USD")).build());
    };
    Shipbridge s = build(noDiscovery().carrier(slow).carrier(fast));
    QuoteResult r = s.quoteAsync(quoteRequest()).get(10, TimeUnit.SECONDS);
    assertThat(r.quotes()).hasSize(2);
  }

  @Test
  void oneCarrierFailingNeverHidesTheOthersQuotes() {
    FakeCarrier ok = new FakeCarrier("alpha", "AA", "9.00");
    FakeCarrier broken = new FakeCarrier("beta", "BB", "1.00");
    broken.failure = new CarrierUnavailableException(CarrierException.details(CarrierId.of("beta"), "down").httpStatus(503));
    Shipbridge s = build(noDiscovery().carrier(ok).carrier(broken));
    QuoteResult r = s.quote(quoteRequest());
    assertThat(r.quotes()).extracting(Quote::carrier).containsExactly(CarrierId.of("alpha"));
    assertThat(r.failures()).singleElement().satisfies(f -> {
      assertThat(f.carrier()).isEqualTo(CarrierId.of("beta"));
      assertThat(f.error()).isInstanceOf(CarrierUnavailableException.class);
    });
  }

  @Test
  void carrierThrowingARawExceptionBecomesATypedFailure() {
    FakeCarrier buggy = new FakeCarrier("alpha", "AA", "9.00");
    buggy.failure = new NullPointerException("boom");
    Shipbridge s = build(noDiscovery().carrier(buggy));
    assertThat(s.quote(quoteRequest()).failures()).singleElement()
        .satisfies(f -> assertThat(f.error()).isInstanceOf(CarrierException.class));
    assertThatThrownBy(() -> s.track(CarrierId.of("alpha"), "AA123456")).isInstanceOf(CarrierException.class)
        .isNotInstanceOf(NullPointerException.class);
  }

  @Test
  void labelWhoseAdapterCrashesIsOutcomeUnknownWithTheKey() {
    FakeCarrier buggy = new FakeCarrier("alpha", "AA", "9.00");
    buggy.failure = new IllegalStateException("half-parsed");
    Shipbridge s = build(noDiscovery().carrier(buggy));
    LabelRequest req = labelRequest("alpha");
    assertThatThrownBy(() -> s.label(req)).isInstanceOfSatisfying(CarrierException.class, e -> {
      assertThat(e.outcomeUnknown()).isTrue();
      assertThat(e.idempotencyKey()).contains(req.idempotencyKey().value());
    });
  }

  @Test
  void quoteTimeoutTurnsAHangingCarrierIntoAFailure() {
    FakeCarrier hang = new FakeCarrier("hang", "HH", "1.00");
    hang.quoteGate = new CountDownLatch(1);
    FakeCarrier ok = new FakeCarrier("ok", "OK", "3.00");
    Shipbridge s = build(noDiscovery().carrier(hang).carrier(ok).quoteTimeout(QUOTE_DEADLINE));
    QuoteResult r = s.quote(quoteRequest());
    hang.quoteGate.countDown();
    assertThat(r.quotes()).extracting(Quote::carrier).containsExactly(CarrierId.of("ok"));
    assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f.error().getMessage()).contains("timeout"));
  }

  @Test
  void blockingQuoteAsksEveryCarrierOnTheExecutor() {
    FakeCarrier a = new FakeCarrier("alpha", "AA", "9.00");
    FakeCarrier b = new FakeCarrier("beta", "BB", "4.50");
    List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.function.Function<QuoteRequest, List<Quote>> alphaQuotes = a.quotes;
    java.util.function.Function<QuoteRequest, List<Quote>> betaQuotes = b.quotes;
    a.quotes = r -> {
      threads.add(Thread.currentThread());
      return alphaQuotes.apply(r);
    };
    b.quotes = r -> {
      threads.add(Thread.currentThread());
      return betaQuotes.apply(r);
    };
    Shipbridge s = build(noDiscovery().carrier(a).carrier(b));
    assertThat(s.quote(quoteRequest()).quotes()).hasSize(2);
    assertThat(s.quote(quoteRequest().toBuilder().carriers(CarrierId.of("alpha")).build()).quotes()).hasSize(1);
    s.quoteAsync(quoteRequest()).join();
    assertThat(threads).hasSize(5).doesNotContain(Thread.currentThread());
  }

  @Test
  void everyCarriersQuoteCallHasTheQuoteTimeoutAsItsDeadline() {
    FakeCarrier a = new FakeCarrier("alpha", "AA", "9.00");
    FakeCarrier b = new FakeCarrier("beta", "BB", "4.50");
    List<Duration> remaining = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (FakeCarrier c : List.of(a, b)) {
      java.util.function.Function<QuoteRequest, List<Quote>> quotes = c.quotes;
      c.quotes = r -> {
        remaining.add(c.attempts.get(c.attempts.size() - 1).remaining());
        return quotes.apply(r);
      };
    }
    Shipbridge s = build(noDiscovery().carrier(a).carrier(b).quoteTimeout(Duration.ofSeconds(7)));
    s.quote(quoteRequest());
    s.quoteAsync(quoteRequest()).join();
    assertThat(a.attempts).hasSize(2);
    assertThat(b.attempts).hasSize(2);
    assertThat(remaining).hasSize(4)
        .allSatisfy(d -> assertThat(d).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(7)));
  }

  @Test
  void quoteAsyncCompletesAtTheQuoteTimeoutWithAHangingCarrierAsAFailure() throws Exception {
    FakeCarrier hang = new FakeCarrier("hang", "HH", "1.00");
    hang.quoteGate = new CountDownLatch(1);
    FakeCarrier ok = new FakeCarrier("ok", "OK", "3.00");
    Shipbridge s = build(noDiscovery().carrier(hang).carrier(ok).quoteTimeout(QUOTE_DEADLINE));
    QuoteResult r = s.quoteAsync(quoteRequest()).get(10, TimeUnit.SECONDS);
    hang.quoteGate.countDown();
    assertThat(r.quotes()).extracting(Quote::carrier).containsExactly(CarrierId.of("ok"));
    assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f.error().getMessage()).contains("timeout"));
  }

  @Test
  void quoteTimeoutIsOneDeadlineForEveryCarrierAndLeavesNoInterrupt() {
    FakeCarrier ok = new FakeCarrier("ok", "OK", "3.00");
    FakeCarrier hang = new FakeCarrier("hang", "HH", "1.00");
    FakeCarrier hang2 = new FakeCarrier("hang2", "H2", "1.00");
    CountDownLatch gate = new CountDownLatch(1);
    hang.quoteGate = gate; // ignore every deadline
    hang2.quoteGate = gate;
    Shipbridge s = build(noDiscovery().carrier(ok).carrier(hang).carrier(hang2).quoteTimeout(QUOTE_DEADLINE));
    QuoteResult r = s.quote(quoteRequest());
    gate.countDown();
    assertThat(Thread.interrupted()).as("no interrupt reaches the caller").isFalse();
    assertThat(r.quotes()).extracting(Quote::carrier).containsExactly(CarrierId.of("ok"));
    assertThat(r.failures()).extracting(f -> f.carrier().value()).containsExactly("hang", "hang2");
    assertThat(r.failures()).allSatisfy(f -> assertThat(f.error().getMessage()).contains("timeout"));
    hang.quoteGate = null;
    hang2.quoteGate = null;
    assertThat(s.quote(quoteRequest()).failures()).isEmpty();
  }

  @Test
  void quoteOnlyAsksTheCarriersNamedInTheRequest() {
    FakeCarrier a = new FakeCarrier("alpha", "AA", "9.00");
    FakeCarrier b = new FakeCarrier("beta", "BB", "4.50");
    Shipbridge s = build(noDiscovery().carrier(a).carrier(b));
    s.quote(quoteRequest().toBuilder().carriers(CarrierId.of("alpha")).build());
    assertThat(a.quoteCalls).hasValue(1);
    assertThat(b.quoteCalls).hasValue(0);
  }

  @Test
  void quoteNamingAnUnconfiguredCarrierIsAValidationError() {
    Shipbridge s = build(noDiscovery().carrier(new FakeCarrier("alpha", "AA", "9.00")));
    assertThatThrownBy(() -> s.quote(quoteRequest().toBuilder().carriers(CarrierId.of("nope")).build()))
        .isInstanceOf(ValidationException.class).hasMessageContaining("not configured");
  }

  @Test
  void quoteFiltersByServiceLevel() {
    FakeCarrier a = new FakeCarrier("alpha", "AA", "9.00");
    a.quotes = r -> List.of(
        Quote.builder(a.id, "ECO", Money.of("3", "USD")).serviceLevel(ServiceLevel.ECONOMY).build(),
        Quote.builder(a.id, "EXP", Money.of("9", "USD")).serviceLevel(ServiceLevel.EXPRESS).build());
    Shipbridge s = build(noDiscovery().carrier(a));
    assertThat(s.quote(quoteRequest().toBuilder().serviceLevel(ServiceLevel.EXPRESS).build()).quotes())
        .extracting(Quote::serviceCode).containsExactly("EXP");
  }

  @Test
  void asyncTwinsReturnTheSameAnswers() throws Exception {
    FakeCarrier a = new FakeCarrier("alpha", "AA", "9.00");
    Shipbridge s = build(noDiscovery().carrier(a));
    assertThat(s.quoteAsync(quoteRequest()).get(5, TimeUnit.SECONDS).quotes()).hasSize(1);
    assertThat(s.trackAsync("AA123456").get(5, TimeUnit.SECONDS).carrier()).isEqualTo(a.id);
    assertThat(s.labelAsync(labelRequest("alpha")).get(5, TimeUnit.SECONDS).trackingNumber()).startsWith("AA");
    assertThat(s.trackManyAsync(List.of("AA123456")).get(5, TimeUnit.SECONDS)).hasSize(1);
    assertThat(s.cancelAsync("AA123456").get(5, TimeUnit.SECONDS).trackingNumber()).isEqualTo("AA123456");
    assertThat(s.validateAddressAsync(us().build()).get(5, TimeUnit.SECONDS).deliverable()).isTrue();
  }

  @Test
  void asyncTwinFailsTheFutureWithTheTypedException() {
    FakeCarrier a = new FakeCarrier("alpha", "AA", "9.00");
    a.failure = new NotFoundException(CarrierException.details(a.id, "unknown").httpStatus(404));
    Shipbridge s = build(noDiscovery().carrier(a));
    assertThat(s.trackAsync("AA123456")).failsWithin(Duration.ofSeconds(5))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withCauseInstanceOf(NotFoundException.class);
  }

  @Test
  void trackRoutesByTrackingNumber() {
    FakeCarrier a = new FakeCarrier("alpha", "AA", "9.00");
    FakeCarrier b = new FakeCarrier("beta", "BB", "4.50");
    Shipbridge s = build(noDiscovery().carrier(a).carrier(b));
    assertThat(s.track("BB123456").carrier()).isEqualTo(CarrierId.of("beta"));
    assertThat(s.track(" aa 123 456 ").trackingNumber()).isEqualTo("AA123456");
  }

  @Test
  void unrecognisedNumberSaysWhichCarriersWereTried() {
    Shipbridge s = build(noDiscovery().carrier(new FakeCarrier("alpha", "AA", "1")).carrier(new FakeCarrier("beta", "BB", "1")));
    assertThatThrownBy(() -> s.track("ZZ123456")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("No carrier recognises ZZ123456. Tried: alpha, beta");
  }

  @Test
  void numberClaimedBySeveralCarriersAsksForTheCarrier() {
    Shipbridge s = build(noDiscovery().carrier(new FakeCarrier("alpha", "AA", "1")).carrier(new FakeCarrier("beta", "AA", "1")));
    assertThatThrownBy(() -> s.track("AA123456")).isInstanceOf(ValidationException.class)
        .hasMessageContaining("Several carriers recognise AA123456: alpha, beta");
    assertThat(s.track(CarrierId.of("beta"), "AA123456").carrier()).isEqualTo(CarrierId.of("beta"));
  }

  @Test
  void explicitCarrierArgumentAlwaysWorks() {
    Shipbridge s = build(noDiscovery().carrier(new FakeCarrier("alpha", "AA", "1")));
    assertThat(s.track(CarrierId.of("alpha"), "QQ999999").carrier()).isEqualTo(CarrierId.of("alpha"));
  }

  @Test
  void malformedTrackingNumberIsRefusedBeforeAnyCarrierCall() {
    FakeCarrier a = new FakeCarrier("alpha", "AA", "1");
    Shipbridge s = build(noDiscovery().carrier(a));
    assertThatThrownBy(() -> s.track("AA12\r\n34")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> s.track("AA")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> s.track(null)).isInstanceOf(ValidationException.class);
    assertThat(a.batches).isEmpty();
  }

  @Test
  void trackManyGroupsPerCarrierAndBatchesToTheCarriersSize() {
    FakeCarrier a = new FakeCarrier("alpha", "AA", "1");
    a.batchSize = 3;
    FakeCarrier b = new FakeCarrier("beta", "BB", "1");
    Shipbridge s = build(noDiscovery().carrier(a).carrier(b));
    List<String> numbers = List.of("AA000001", "BB000001", "AA000002", "AA000003", "AA000004", "AA000001", "ZZ000001");
    List<TrackResult> results = s.trackMany(numbers);
    assertThat(a.batches).containsExactlyInAnyOrder(List.of("AA000001", "AA000002", "AA000003"), List.of("AA000004"));
    assertThat(b.batches).containsExactly(List.of("BB000001"));
    assertThat(results).extracting(TrackResult::trackingNumber)
        .containsExactly("AA000001", "BB000001", "AA000002", "AA000003", "AA000004", "ZZ000001");
    assertThat(results.get(5).isSuccess()).isFalse();
    assertThat(results.get(5).failure()).isInstanceOf(ValidationException.class);
  }

  @Test
  void trackManyReportsAFailedBatchOnEachOfItsNumbers() {
    FakeCarrier a = new FakeCarrier("alpha", "AA", "1");
    a.batchSize = 10;
    a.failure = new CarrierUnavailableException(CarrierException.details(a.id, "down").httpStatus(503));
    Shipbridge s = build(noDiscovery().carrier(a));
    assertThat(s.trackMany(List.of("AA000001", "AA000002"))).allSatisfy(r ->
        assertThat(r.failure()).isInstanceOf(CarrierUnavailableException.class));
  }

  @Test
  void trackManyWithAnAdapterAnsweringANullElementReportsThatNumberAndNeverHangs() {
    FakeCarrier a = new FakeCarrier("alpha", "AA", "1") {
      @Override
      public List<TrackResult> trackMany(List<String> numbers) {
        List<TrackResult> out = new ArrayList<>(super.trackMany(numbers));
        out.set(0, null); // the first number of every batch comes back as a null element
        return out;
      }
    };
    a.batchSize = 2;
    Shipbridge s = build(noDiscovery().carrier(a));
    List<String> numbers = List.of("AA000001", "AA000002", "AA000003", "AA000004", "AA000005", "AA000006");

    List<TrackResult> results = s.trackMany(numbers);

    assertThat(results).extracting(TrackResult::trackingNumber).containsExactlyElementsOf(numbers);
    for (int i = 0; i < numbers.size(); i++) {
      if (i % 2 == 0) assertThat(results.get(i).failure()).isInstanceOf(CarrierException.class);
      else assertThat(results.get(i).isSuccess()).isTrue();
    }
  }

  @Test
  void labelGoesToTheRequestsCarrier() {
    FakeCarrier a = new FakeCarrier("alpha", "AA", "1");
    FakeCarrier b = new FakeCarrier("beta", "BB", "1");
    Shipbridge s = build(noDiscovery().carrier(a).carrier(b));
    Label l = s.label(labelRequest("beta"));
    assertThat(l.carrier()).isEqualTo(b.id);
  }

  @Test
  void labelForAnUnconfiguredCarrierIsAValidationError() {
    Shipbridge s = build(noDiscovery().carrier(new FakeCarrier("alpha", "AA", "1")));
    assertThatThrownBy(() -> s.label(labelRequest("gamma"))).isInstanceOf(ValidationException.class)
        .hasMessageContaining("'gamma' is not configured; configured: [alpha]");
  }

  @Test
  void capabilityACarrierLacksIsAValidationError() {
    dev.shipbridge.spi.Carrier trackOnly = new dev.shipbridge.spi.Carrier() {
      public CarrierId id() { return CarrierId.of("mini"); }
    };
    Shipbridge s = build(noDiscovery().carrier(trackOnly));
    assertThatThrownBy(() -> s.label(labelRequest("mini"))).isInstanceOf(ValidationException.class)
        .hasMessageContaining("cannot do label");
  }

  @Test
  void builderCarrierWinsOverADiscoveredOne() {
    FakeCarrier mine = new FakeCarrier("discovered", "MY", "1.00");
    Shipbridge s = build(Shipbridge.builder().discoverCarriers(true).carrier(mine)
        .settings(settings(Map.of("TESTCARRIER_PRICE", "7.00"))));
    assertThat(s.carriers()).containsExactly(CarrierId.of("discovered"));
    assertThat(s.quote(quoteRequest()).quotes()).singleElement()
        .satisfies(q -> assertThat(q.total().amount()).isEqualByComparingTo("1.00"));
  }

  @Test
  void providerFoundByServiceLoaderIsUsedWhenDiscoveryIsOptedInAndItsSettingsArePresent() {
    Shipbridge s = build(Shipbridge.builder().discoverCarriers(true).settings(settings(Map.of("TESTCARRIER_PRICE", "7.00"))));
    assertThat(s.carriers()).containsExactly(CarrierId.of("discovered"));
    assertThat(s.quote(quoteRequest()).quotes()).singleElement()
        .satisfies(q -> assertThat(q.total().amount()).isEqualByComparingTo("7.00"));
  }

  @Test
  void discoveryIsOffUnlessOptedInSoTheEnvironmentAddsNoCarrier() {
    FakeCarrier mine = new FakeCarrier("alpha", "AA", "1");
    Shipbridge s = build(Shipbridge.builder().carrier(mine).settings(settings(Map.of("TESTCARRIER_PRICE", "7.00"))));
    assertThat(s.carriers()).containsExactly(CarrierId.of("alpha"));
  }

  @Test
  void buildingWithoutAnyCarrierFailsAndSaysHowToConfigureOne() {
    assertThatThrownBy(() -> Shipbridge.builder().settings(settings(Map.of("TESTCARRIER_PRICE", "7.00"))).build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).singleElement()
            .satisfies(p -> assertThat(p.setting()).isEqualTo("carriers"))
            .satisfies(p -> assertThat(p.message()).contains("carrier(...)", "discoverCarriers(true)")));
    assertThatThrownBy(() -> Shipbridge.builder().discoverCarriers(true).settings(settings(Map.of())).build())
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("discovery found none");
  }

  @Test
  void everyProblemOfTheCarriersAndOfDiscoveryIsReportedAtOnce() {
    assertThatThrownBy(() -> Shipbridge.builder().discoverCarriers(true)
        .settings(settings(Map.of("TESTCARRIER_PRICE", "abc")))
        .carrier(new FakeCarrier("alpha", "AA", "1")).carrier(new FakeCarrier("alpha", "AB", "2")).build())
        .isInstanceOfSatisfying(ConfigurationException.class, e -> {
          assertThat(e.problems()).extracting(ConfigurationException.Problem::setting)
              .containsExactly("TESTCARRIER_PRICE", "carriers");
          assertThat(e.problems().get(0).source()).isEqualTo("discovery: provider dev.shipbridge.TestCarrierProvider");
          assertThat(e.getMessage()).startsWith("2 configuration problems: ").doesNotContain("abc");
        });
  }

  @Test
  void threeInvalidSetterValuesAreThreeProblemsAtBuildWithTheCarrierProblems() {
    ShipbridgeBuilder b = Shipbridge.builder().quoteTimeout(Duration.ZERO).webhookReplayWindow(Duration.ofSeconds(-1))
        .staleQuotesOnQuota(null);

    assertThatThrownBy(b::build).isInstanceOfSatisfying(ConfigurationException.class, e -> {
      assertThat(e.problems()).extracting(ConfigurationException.Problem::setting)
          .containsExactly("quoteTimeout", "webhookReplayWindow", "staleQuotesOnQuota", "carriers");
      assertThat(e.getMessage()).startsWith("4 configuration problems: ").contains("quoteTimeout (builder): must be positive");
    });
    assertThat(noDiscovery().quoteTimeout(Duration.ZERO).quoteTimeout(Duration.ofSeconds(5))
        .carrier(new FakeCarrier("alpha", "AA", "1")).build()).as("a later valid value clears the problem").isNotNull();
  }

    @Test
  void duplicateCarrierIdIsAnErrorNamingBothSources() {
    assertThatThrownBy(() -> noDiscovery().carrier(new FakeCarrier("alpha", "AA", "1"))
        .carrier(new FakeCarrier("alpha", "AB", "2")).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("Duplicate carrier id 'alpha'")
        .hasMessageContaining("builder carrier(dev.shipbridge.FakeCarrier) and builder carrier(dev.shipbridge.FakeCarrier)");
  }

  @Test
  void everyCarrierIsBoundToTheSharedContext() {
    FakeCarrier a = new FakeCarrier("alpha", "AA", "1");
    FakeCarrier b = new FakeCarrier("beta", "BB", "1");
    build(noDiscovery().carrier(a).carrier(b));
    assertThat(a.boundTo).isNotNull();
    assertThat(a.boundTo.transport()).isSameAs(b.boundTo.transport());
    assertThat(a.boundTo.tokenStore()).isSameAs(b.boundTo.tokenStore());
  }

  @Test
  void newBuilderSharesTheConnectionPool() {
    FakeCarrier a = new FakeCarrier("alpha", "AA", "1");
    Shipbridge s = build(noDiscovery().carrier(a));
    var first = a.boundTo.transport().client();
    build(s.newBuilder());
    assertThat(a.boundTo.transport().client().connectionPool()).isSameAs(first.connectionPool());
    assertThat(a.boundTo.transport().client().dispatcher()).isSameAs(first.dispatcher());
  }

  @Test
  void userSuppliedHttpClientNeverRetriesOnItsOwn() {
    FakeCarrier a = new FakeCarrier("alpha", "AA", "1");
    build(noDiscovery().carrier(a).httpClient(new okhttp3.OkHttpClient()));
    assertThat(a.boundTo.transport().client().retryOnConnectionFailure()).isFalse();
  }

  @Test
  void validateAddressUsesTheFirstCapableCarrier() {
    Shipbridge s = build(noDiscovery().carrier(new FakeCarrier("alpha", "AA", "1")));
    assertThat(s.validateAddress(us().build()).confirmation()).isEqualTo("Y");
  }

  @Test
  void facadeToStringListsCarriersOnly() {
    Shipbridge s = build(noDiscovery().carrier(new FakeCarrier("alpha", "AA", "1")));
    assertThat(s.toString()).isEqualTo("Shipbridge[carriers=[alpha]]");
  }

  private static CarrierProvider.Settings settings(Map<String, String> values) {
    return name -> Optional.ofNullable(values.get(name));
  }

  private static LabelRequest labelRequest(String carrier) {
    return LabelRequest.builder().carrier(CarrierId.of(carrier)).serviceCode("STD").from(us().build())
        .to(us().build()).parcel(parcel()).build();
  }

  @Test
  void trackReturnsTheCarriersTracking() {
    Shipbridge s = build(noDiscovery().carrier(new FakeCarrier("alpha", "AA", "1")));
    Tracking t = s.track("AA123456");
    assertThat(t.events()).hasSize(1);
  }
}
