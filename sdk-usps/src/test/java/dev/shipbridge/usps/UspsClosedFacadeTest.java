package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.ShipbridgeClosedException;
import dev.shipbridge.TrackManyOptions;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.resilience.OperationPolicy.CircuitBreakerSettings;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * After {@link Shipbridge#close()}, every facade method, blocking or async, fails fast with {@link
 * ShipbridgeClosedException} and sends nothing: the real USPS adapter, the emulator counting every
 * request it receives, under the default policy and a permissive one. An async method returns a
 * failed future; it never throws.
 */
class UspsClosedFacadeTest {
  static final String NUMBER = "9200190132607600833457";
  private static final List<String> NUMBERS = List.of(NUMBER, "9400111201080805483016");
  private final MutableClock clock = MutableClock.startingAt(UspsEmulator.DEFAULT_INSTANT);
  private UspsEmulator usps;

  @BeforeEach
  void start() {
    usps = UspsEmulator.start(clock);
  }

  @AfterEach
  void stop() {
    usps.close();
  }

  private static QuoteRequest quote() {
    return QuoteRequest.builder().from(EmulatorTestBase.WAREHOUSE).to(EmulatorTestBase.CUSTOMER)
        .parcel(UspsLabelWireTest.BOX).build();
  }

  private static LabelRequest label() {
    return UspsLabelWireTest.request("closed-1").idempotencyKey(IdempotencyKey.of("closed-1")).build();
  }

  private static ManifestRequest manifest() {
    return new ManifestRequest(CarrierId.USPS, List.of(NUMBER), EmulatorTestBase.WAREHOUSE, null);
  }

  /** Every public method of the facade that reaches a carrier, by name. */
  static List<Object[]> calls() {
    List<Object[]> sync = List.of(
        op("quote", s -> s.quote(quote())),
        op("label", s -> s.label(label())),
        op("track", s -> s.track(NUMBER)),
        op("track(carrier)", s -> s.track(CarrierId.USPS, NUMBER)),
        op("trackMany", s -> s.trackMany(NUMBERS)),
        op("trackMany(options)", s -> s.trackMany(NUMBERS, TrackManyOptions.DEFAULTS)),
        op("cancel", s -> s.cancel(NUMBER)),
        op("cancel(carrier)", s -> s.cancel(CarrierId.USPS, NUMBER)),
        op("validateAddress", s -> s.validateAddress(EmulatorTestBase.CUSTOMER)),
        op("validateAddress(carrier)", s -> s.validateAddress(CarrierId.USPS, EmulatorTestBase.CUSTOMER)),
        op("manifest", s -> s.manifest(manifest())),
        op("quoteAsync", s -> s.quoteAsync(quote())),
        op("labelAsync", s -> s.labelAsync(label())),
        op("trackAsync", s -> s.trackAsync(NUMBER)),
        op("trackAsync(carrier)", s -> s.trackAsync(CarrierId.USPS, NUMBER)),
        op("trackManyAsync", s -> s.trackManyAsync(NUMBERS)),
        op("trackManyAsync(options)", s -> s.trackManyAsync(NUMBERS, TrackManyOptions.DEFAULTS)),
        op("cancelAsync", s -> s.cancelAsync(NUMBER)),
        op("cancelAsync(carrier)", s -> s.cancelAsync(CarrierId.USPS, NUMBER)),
        op("validateAddressAsync", s -> s.validateAddressAsync(EmulatorTestBase.CUSTOMER)),
        op("validateAddressAsync(carrier)", s -> s.validateAddressAsync(CarrierId.USPS, EmulatorTestBase.CUSTOMER)),
        op("manifestAsync", s -> s.manifestAsync(manifest())));
    List<Object[]> out = new ArrayList<>();
    for (String policy : List.of("default", "permissive")) {
      for (Object[] c : sync) out.add(new Object[] {policy, c[0], c[1]});
    }
    return out;
  }

  private static Object[] op(String name, Function<Shipbridge, Object> call) {
    return new Object[] {name, call};
  }

  private Shipbridge build(String policy) {
    UspsCarrier carrier = UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId())
        .clientSecret(usps.clientSecret())
        .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525"))
        .inductionZip("11430").build();
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).carrier(carrier).clock(clock).sleeper(clock::advance);
    if (policy.equals("permissive")) {
      b.resilience(ResiliencePolicy.custom().all(s -> s.unlimited().maxAttempts(1)
          .circuitBreaker(CircuitBreakerSettings.DISABLED)).build());
    }
    return b.build();
  }

  @ParameterizedTest(name = "{0} policy: {1}")
  @MethodSource("calls")
  void afterCloseEveryCallFailsFastWithTheClosedExceptionAndSendsNothing(String policy, String name,
      Function<Shipbridge, Object> call) {
    Shipbridge shipbridge = build(policy);
    shipbridge.close();
    if (name.contains("Async")) {
      Object result = call.apply(shipbridge); // never throws
      assertThat(result).isInstanceOf(CompletableFuture.class);
      CompletableFuture<?> f = (CompletableFuture<?>) result;
      assertThat(f).isCompletedExceptionally();
      assertThatThrownBy(f::join).isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(ShipbridgeClosedException.class);
    } else {
      assertThatThrownBy(() -> call.apply(shipbridge)).isInstanceOf(ShipbridgeClosedException.class);
    }
    assertThat(usps.requests()).as("nothing reached USPS").isEmpty();
  }

  @ParameterizedTest(name = "{0} policy: {1}")
  @MethodSource("calls")
  void beforeCloseTheSameCallReachesUsps(String policy, String name, Function<Shipbridge, Object> call) {
    try (Shipbridge shipbridge = build(policy)) { // the control: the table's calls do send when open
      usps.expectInboundParcel(NUMBER, clock.instant());
      try {
        Object r = call.apply(shipbridge);
        if (r instanceof CompletableFuture<?> f) f.exceptionally(e -> null).join();
      } catch (RuntimeException expected) {
        // a refusal by USPS or the quota is fine here: what counts is that a request was sent
      }
      assertThat(usps.requests()).as("the call reached USPS").isNotEmpty();
    }
  }
}
