package dev.shipbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.QuoteResult;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.CustomsItem;
import dev.shipbridge.model.Dimensions;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.LengthUnit;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.TrackingStatus;
import dev.shipbridge.model.Weight;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.ResiliencePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class ShipbridgeSandboxTest {
  static final int CALLERS = 32;

  static Address seller() {
    return Address.builder().name("Chen Jing").company("West Lake Tea Co.").line("18 Wensan Road")
        .city("Hangzhou").region("Zhejiang").postalCode("310012").country("CN").phone("+86 571 8888 0000").build();
  }

  static Address consumer() {
    return Address.builder().name("Ada Lovelace").line("123 Main St").city("Brooklyn").region("NY")
        .postalCode("11201").country("US").phone("+1 718 555 0123").email("ada@example.com").residential(true).build();
  }

  static Address warehouse() {
    return Address.builder().name("Shipping Desk").company("Acme Goods").line("4120 Bingham Ave")
        .city("St. Louis").region("MO").postalCode("63116").country("US").phone("314-555-0100").build();
  }

  static Parcel parcel() {
    return Parcel.of(Weight.grams(600), Dimensions.of("20", "15", "10", LengthUnit.CENTIMETRE));
  }

  static CustomsDeclaration customs() {
    return CustomsDeclaration.of(CustomsDeclaration.ContentType.MERCHANDISE, List.of(
        new CustomsItem("Longjing green tea, 250 g tin", 1, Money.of("24.00", "USD"), Weight.grams(300), "090210", "CN")));
  }

  /** What the users did: quote both carriers, then buy the cheapest Cainiao offer, from many threads at once. */
  static Label ship(Shipbridge shipbridge, int i) {
    QuoteRequest request = QuoteRequest.builder().from(seller()).to(consumer()).parcel(parcel()).customs(customs()).build();
    QuoteResult quotes = shipbridge.quote(request);
    Quote pick = quotes.of(CarrierId.CAINIAO).stream().min((a, b) -> a.total().amount().compareTo(b.total().amount()))
        .orElseThrow(() -> new AssertionError("no Cainiao quote: " + quotes.failures()));
    return shipbridge.label(LabelRequest.builder().quote(pick).from(seller()).to(consumer()).parcel(parcel())
        .customs(customs()).reference(String.valueOf(8001234567000000L + i))
        .idempotencyKey(IdempotencyKey.of("order-" + i)).build());
  }

  static LabelRequest uspsLabelRequest(int i) {
    return LabelRequest.builder().carrier(CarrierId.USPS).serviceCode("USPS_GROUND_ADVANTAGE")
        .from(warehouse()).to(consumer()).parcel(parcel()).idempotencyKey(IdempotencyKey.of("usps-" + i)).build();
  }

  static Label uspsLabel(Shipbridge shipbridge, int i) {
    return shipbridge.label(uspsLabelRequest(i));
  }

  /** Runs {@code body} on {@code n} threads at once and returns what each returned (or threw). */
  static List<Object> concurrently(int n, IntFunction<Object> body) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        futures.add(pool.submit(() -> {
          try {
            return body.apply(k);
          } catch (RuntimeException e) {
            return e;
          }
        }));
      }
      List<Object> out = new ArrayList<>();
      for (Future<Object> f : futures) out.add(f.get(120, TimeUnit.SECONDS));
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void thirtyTwoConcurrentShipmentsAllSucceedWithThirtyTwoOrdersUnderTheSandboxPolicy() throws Exception {
    try (ShipbridgeSandbox sandbox = ShipbridgeSandbox.start()) {
      Instant start = sandbox.clock().instant();
      List<Object> results = concurrently(CALLERS, i -> ship(sandbox.shipbridge(), i));

      assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(Label.class));
      assertThat(results).extracting(r -> ((Label) r).trackingNumber()).doesNotHaveDuplicates();
      assertThat(sandbox.cainiao().ordersCreated()).isEqualTo(CALLERS);
      // 32 USPS quotes at 60 an hour: the callers queued about a virtual minute apart, not 32 minutes each.
      Duration elapsed = Duration.between(start, sandbox.clock().instant());
      assertThat(elapsed).isBetween(Duration.ofMinutes(CALLERS - 2), Duration.ofMinutes(CALLERS + 1));
      assertThat(sandbox.sleepingCallers()).isZero();
    }
  }

  @Test
  void thirtyTwoConcurrentUspsLabelsAreBoughtOnceEachUnderAPermissivePolicy() throws Exception {
    try (ShipbridgeSandbox sandbox = ShipbridgeSandbox.start();
        Shipbridge permissive = sandbox.builder().resilience(ResiliencePolicy.custom()
            .all(s -> s.maxAttempts(5).rateLimitTimeout(Duration.ofHours(2)).callTimeout(Duration.ofHours(3))
                .maxConcurrentCalls(64).maxWaitForConcurrency(Duration.ofSeconds(30)))
            .carrier(CarrierId.USPS, Operation.LABEL, s -> s.rateLimit(RateLimit.perHour(600))).build()).build()) {
      List<Object> results = concurrently(CALLERS, i -> uspsLabel(permissive, i));

      assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(Label.class));
      assertThat(sandbox.usps().labelsPurchased()).isEqualTo(CALLERS);
    }
  }

  @Test
  void withAutoAdvanceOffACallerWaitsUntilTheTestMovesTime() throws Exception {
    try (ShipbridgeSandbox sandbox = ShipbridgeSandbox.start().autoAdvance(false)) {
      Shipbridge shipbridge = sandbox.shipbridge();
      uspsLabel(shipbridge, 0); // takes the minute's permit
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        Future<Label> second = pool.submit(() -> uspsLabel(shipbridge, 1));
        while (sandbox.sleepingCallers() == 0) Thread.onSpinWait();
        assertThat(second).isNotDone();
        Instant before = sandbox.clock().instant();
        sandbox.advance(Duration.ofSeconds(30));
        assertThat(sandbox.sleepingCallers()).as("half a minute: the permit (60.0004 s apart) is not due").isOne();
        assertThat(sandbox.advanceToNextWakeUp()).isPresent();
        assertThat(second.get(60, TimeUnit.SECONDS).trackingNumber()).isNotBlank();
        assertThat(Duration.between(before, sandbox.clock().instant()))
            .isBetween(Duration.ofSeconds(60), Duration.ofMillis(60_001)); // the permit: 60.0004 s after the first
      } finally {
        pool.shutdownNow();
      }
      assertThat(sandbox.usps().labelsPurchased()).isEqualTo(2);
    }
  }

  @Test
  void aCrossBorderParcelIsDeliveredToTheAddressItWasSentTo() {
    try (ShipbridgeSandbox sandbox = ShipbridgeSandbox.start()) {
      Label label = ship(sandbox.shipbridge(), 0);
      sandbox.advance(Duration.ofDays(25));
      var journey = sandbox.shipbridge().track(label.trackingNumber());
      assertThat(journey.status()).isEqualTo(TrackingStatus.DELIVERED);
      assertThat(journey.latestEvent().orElseThrow().location().display()).contains("BROOKLYN");
    }
  }
}
