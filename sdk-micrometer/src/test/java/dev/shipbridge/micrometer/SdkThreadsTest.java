package dev.shipbridge.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.sandbox.ShipbridgeSandbox;
import dev.shipbridge.testkit.usps.TrackingNumbers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What happens on Shipbridge's own threads, on the real USPS adapter against the emulator
 * (ShipbridgeSandbox): the caller's observation is the parent of an async call's, and a call the
 * carrier's bulkhead refuses is counted.
 */
class SdkThreadsTest {
  private final TestObservationRegistry observations = TestObservationRegistry.create();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final StoppedObservations stopped = new StoppedObservations();
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private ShipbridgeMicrometer micrometer;
  private ShipbridgeSandbox sandbox;

  static Stream<Arguments> policies() {
    return Stream.of(Arguments.of("default", ResiliencePolicy.ofDefaults()),
        Arguments.of("permissive", ResiliencePolicy.custom()
            .all(s -> s.maxAttempts(6).rateLimitTimeout(Duration.ofMinutes(10))).build()));
  }

  @BeforeEach
  void start() {
    observations.observationConfig().observationHandler(stopped);
    micrometer = ShipbridgeMicrometer.of(observations, meters);
    sandbox = ShipbridgeSandbox.start().resilienceListener(micrometer.resilienceListener());
  }

  @AfterEach
  void stop() throws InterruptedException {
    sandbox.close();
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  private String announcedNumber(int i) {
    String body = String.format("940011%015d", 9_000_000L + i);
    String n = body + TrackingNumbers.impbCheckDigit(body);
    sandbox.usps().expectInboundParcel(n, sandbox.clock().instant().minus(Duration.ofHours(3)));
    return n;
  }

  @ParameterizedTest(name = "{0} policy")
  @MethodSource("policies")
  void anAsyncCallStartedInsideTheCallersObservationIsItsChild(String name, ResiliencePolicy policy) {
    String number = announcedNumber(1);
    try (Shipbridge shipbridge = sandbox.builder().resilience(policy).executor(micrometer.executor(pool)).build()) {
      Observation checkout = Observation.start("checkout", observations);
      try (Observation.Scope scope = checkout.openScope()) {
        assertThat(shipbridge.trackAsync(number).join().trackingNumber()).isEqualTo(number);
      }
      checkout.stop();
    }
    Observation.Context track = trackCall();
    assertThat(track.getParentObservation()).as("the caller's observation crossed to the SDK's thread").isNotNull();
    assertThat(track.getParentObservation().getContextView().getName()).isEqualTo("checkout");
  }

  @ParameterizedTest(name = "{0} policy")
  @MethodSource("policies")
  void withoutTheObservedExecutorTheAsyncCallHasNoParent(String name, ResiliencePolicy policy) {
    String number = announcedNumber(2);
    try (Shipbridge shipbridge = sandbox.builder().resilience(policy).executor(pool).build()) {
      Observation checkout = Observation.start("checkout", observations);
      try (Observation.Scope scope = checkout.openScope()) {
        shipbridge.trackAsync(number).join();
      }
      checkout.stop();
    }
    assertThat(trackCall().getParentObservation()).isNull();
  }

  @ParameterizedTest(name = "{0} policy")
  @MethodSource("policies")
  void aCallTheFullBulkheadRefusesIsCountedByCarrierAndOperation(String name, ResiliencePolicy policy) throws Exception {
    String first = announcedNumber(3);
    String second = announcedNumber(4);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    OkHttpClient http = new OkHttpClient.Builder().addInterceptor(chain -> {
      if (chain.request().url().encodedPath().contains("tracking") && inside.getCount() > 0) {
        inside.countDown();                               // the first tracking call holds USPS's only slot
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return chain.proceed(chain.request());
    }).build();
    // one USPS call at a time, refused at once when busy; no quota here, so the second call meets the bulkhead
    // (the rate limiter comes first) and is refused before sending
    UnaryOperator<ResiliencePolicy> oneAtATime = p -> ResiliencePolicy.from(p)
        .carrier(CarrierId.USPS, s -> s.unlimited().maxConcurrentCalls(1).maxWaitForConcurrency(Duration.ZERO)).build();
    try (Shipbridge shipbridge = sandbox.builder().resilience(oneAtATime.apply(policy)).httpClient(http).executor(pool).build()) {
      CompletableFuture<?> holding = shipbridge.trackAsync(first);
      assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
      assertThatThrownBy(() -> shipbridge.track(second)).isInstanceOf(CarrierUnavailableException.class)
          .hasMessageContaining("calls in flight");
      release.countDown();
      holding.join();
      assertThat(sandbox.usps().requests()).as("the refused call was not sent").noneMatch(r -> r.path().contains(second)
          || r.body() != null && r.body().contains(second) || r.query() != null && r.query().contains(second));
    } finally {
      release.countDown();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
    assertThat(meters.find(ShipbridgeMicrometer.BULKHEAD_REFUSALS).tag("carrier", "usps").tag("operation", "track")
        .counter().count()).isEqualTo(1);
  }

  private Observation.Context trackCall() {
    return stopped.named(ShipbridgeMicrometer.CALL_OBSERVATION).stream()
        .filter(c -> "track".equals(c.getLowCardinalityKeyValue("operation").getValue())).findFirst().orElseThrow();
  }
}
