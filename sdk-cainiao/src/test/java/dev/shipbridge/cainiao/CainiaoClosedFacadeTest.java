package dev.shipbridge.cainiao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.ShipbridgeClosedException;
import dev.shipbridge.TrackManyOptions;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.resilience.OperationPolicy.CircuitBreakerSettings;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import java.time.Instant;
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
 * ShipbridgeClosedException} and sends nothing: the real Cainiao adapter against the testkit's
 * emulator, under the default policy and a permissive one. Methods of capabilities Cainiao lacks
 * (cancel, address) are in the table too: a closed instance says it is closed before anything else.
 */
class CainiaoClosedFacadeTest {
  static final String LP = "LP00579396348112";
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

  static List<Object[]> calls() {
    ManifestRequest manifest = new ManifestRequest(CarrierId.CAINIAO, List.of(LP), TestData.shenzhen(), null);
    List<Object[]> ops = List.of(
        op("quote", s -> s.quote(TestData.quoteRequest())),
        op("label", s -> s.label(TestData.labelRequest("closed-1"))),
        op("track", s -> s.track(LP)),
        op("track(carrier)", s -> s.track(CarrierId.CAINIAO, LP)),
        op("trackMany", s -> s.trackMany(List.of(LP))),
        op("trackMany(options)", s -> s.trackMany(List.of(LP), TrackManyOptions.DEFAULTS)),
        op("cancel", s -> s.cancel(LP)),
        op("cancel(carrier)", s -> s.cancel(CarrierId.CAINIAO, LP)),
        op("validateAddress", s -> s.validateAddress(TestData.brooklyn())),
        op("validateAddress(carrier)", s -> s.validateAddress(CarrierId.CAINIAO, TestData.brooklyn())),
        op("manifest", s -> s.manifest(manifest)),
        op("quoteAsync", s -> s.quoteAsync(TestData.quoteRequest())),
        op("labelAsync", s -> s.labelAsync(TestData.labelRequest("closed-1"))),
        op("trackAsync", s -> s.trackAsync(LP)),
        op("trackAsync(carrier)", s -> s.trackAsync(CarrierId.CAINIAO, LP)),
        op("trackManyAsync", s -> s.trackManyAsync(List.of(LP))),
        op("trackManyAsync(options)", s -> s.trackManyAsync(List.of(LP), TrackManyOptions.DEFAULTS)),
        op("cancelAsync", s -> s.cancelAsync(LP)),
        op("cancelAsync(carrier)", s -> s.cancelAsync(CarrierId.CAINIAO, LP)),
        op("validateAddressAsync", s -> s.validateAddressAsync(TestData.brooklyn())),
        op("validateAddressAsync(carrier)", s -> s.validateAddressAsync(CarrierId.CAINIAO, TestData.brooklyn())),
        op("manifestAsync", s -> s.manifestAsync(manifest)));
    List<Object[]> out = new ArrayList<>();
    for (String policy : List.of("default", "permissive")) {
      for (Object[] c : ops) out.add(new Object[] {policy, c[0], c[1]});
    }
    return out;
  }

  private static Object[] op(String name, Function<Shipbridge, Object> call) {
    return new Object[] {name, call};
  }

  private Shipbridge build(String policy) {
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).clock(clock).sleeper(clock::advance)
        .carrier(CainiaoCarrier.builder().appKey(cainiao.appKey()).appSecret(cainiao.appSecret())
            .accessToken(cainiao.accessToken()).iopBaseUrl(cainiao.iopBaseUrl()).handoverLoginId("seller@example.com").build());
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
      assertThatThrownBy(((CompletableFuture<?>) result)::join).isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(ShipbridgeClosedException.class);
    } else {
      assertThatThrownBy(() -> call.apply(shipbridge)).isInstanceOf(ShipbridgeClosedException.class);
    }
    assertThat(cainiao.requests()).as("nothing reached Cainiao").isEmpty();
  }

  @ParameterizedTest(name = "{0} policy: {1}")
  @MethodSource("calls")
  void beforeCloseEveryCallOfACapabilityCainiaoHasReachesIt(String policy, String name, Function<Shipbridge, Object> call) {
    assumeFalse(name.startsWith("cancel") || name.startsWith("validateAddress"), "Cainiao has neither capability");
    try (Shipbridge shipbridge = build(policy)) { // the control: the table's calls do send when open
      try {
        Object r = call.apply(shipbridge);
        if (r instanceof CompletableFuture<?> f) f.exceptionally(e -> null).join();
      } catch (RuntimeException refusedByTheCarrier) {
        // what counts here is that a request was sent
      }
      assertThat(cainiao.requests()).as("the call reached Cainiao").isNotEmpty();
    }
  }
}
