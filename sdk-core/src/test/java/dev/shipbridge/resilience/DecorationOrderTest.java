package dev.shipbridge.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.shipbridge.resilience.WireFixtures.TRACKING_NUMBER;
import static dev.shipbridge.resilience.WireFixtures.TRACK_OK;
import static dev.shipbridge.resilience.WireFixtures.json;
import static dev.shipbridge.resilience.WireFixtures.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.OperationPolicy.CircuitBreakerSettings;
import dev.shipbridge.resilience.ResilienceListener.BreakerState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pins the decoration order, retry → circuit breaker → rate limiter → call, by what the carrier
 * sees: each attempt takes a permit, the layer's own refusals are never retried, an open breaker
 * sends nothing.
 */
class DecorationOrderTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String PATH = "/track/" + TRACKING_NUMBER;

  private final FakeClock clock = new FakeClock();
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);
  private final Events events = new Events();
  private Shipbridge shipbridge;

  private Shipbridge build(ResiliencePolicy carrierDefaults, ResiliencePolicy user) {
    shipbridge = Shipbridge.builder().discoverCarriers(false)
        .carrier(new WireCarrier(wm.baseUrl(), false, carrierDefaults))
        .resilience(user).clock(clock).sleeper(sleeper).resilienceListener(events).build();
    return shipbridge;
  }

  private static ResiliencePolicy.Builder tinyBackoff() {
    return ResiliencePolicy.custom().all(s -> s.maxAttempts(3).backoff(Duration.ofMillis(1), 1.0, Duration.ofMillis(1)));
  }

  @AfterEach
  void close() {
    if (shipbridge != null) shipbridge.close();
  }

  @Test
  void eachRetryAttemptTakesARateLimitPermit() {
    sequence(wm, PATH, json(503, "{}"), json(503, "{}"), json(200, TRACK_OK));
    build(ResiliencePolicy.ofDefaults(), tinyBackoff()
        .operation(Operation.TRACK, s -> s.rateLimit(RateLimit.of(1, Duration.ofSeconds(10))).rateLimitTimeout(Duration.ofMinutes(1)))
        .build());

    shipbridge.track(TRACKING_NUMBER);

    wm.verify(exactly(3), getRequestedFor(urlEqualTo(PATH)));
    assertThat(events.permits).as("one permit per attempt").hasSize(3);
    assertThat(events.attemptTimes).hasSize(3);
    for (int i = 1; i < 3; i++) {
      assertThat(Duration.between(events.attemptTimes.get(i - 1), events.attemptTimes.get(i)))
          .as("attempts are spaced by the limiter").isGreaterThanOrEqualTo(Duration.ofSeconds(10));
    }
  }

  @Test
  void theLimitersOwnRefusalIsNeverRetried() {
    sequence(wm, PATH, json(200, TRACK_OK), json(200, TRACK_OK));
    build(ResiliencePolicy.ofDefaults(), tinyBackoff()
        .operation(Operation.TRACK, s -> s.rateLimit(RateLimit.of(1, Duration.ofSeconds(10))).rateLimitTimeout(Duration.ZERO))
        .build());
    shipbridge.track(TRACKING_NUMBER);

    RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> shipbridge.track(TRACKING_NUMBER));

    assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive()
        .isLessThanOrEqualTo(RateLimit.of(1, Duration.ofSeconds(10)).interval()));
    assertThat(e.getMessage()).contains("not sent");
    assertThat(e.attempts()).isZero();
    assertThat(events.refusals).isEqualTo(1);
    wm.verify(exactly(1), getRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void aRetryUnderAQuotaWaitsForTheNextPermitEvenWhenFirstAttemptsMayNotWait() {
    sequence(wm, PATH, json(503, "{}"), json(200, TRACK_OK));
    build(ResiliencePolicy.ofDefaults(), tinyBackoff()
        .operation(Operation.TRACK, s -> s.rateLimit(RateLimit.of(1, Duration.ofSeconds(10))).rateLimitTimeout(Duration.ZERO))
        .build());

    assertThat(shipbridge.track(TRACKING_NUMBER)).isNotNull();

    wm.verify(exactly(2), getRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void aRetryTheLimiterRefusesReportsTheCarriersFailureWithTheRefusalRecorded() {
    sequence(wm, PATH, json(503, "{}"), json(200, TRACK_OK));
    build(ResiliencePolicy.ofDefaults(), tinyBackoff()
        .operation(Operation.TRACK, s -> s.rateLimit(RateLimit.of(1, Duration.ofSeconds(10)))
            .rateLimitTimeout(Duration.ZERO).callTimeout(Duration.ofSeconds(5)))
        .build());

    CarrierUnavailableException e = catchThrowableOfType(CarrierUnavailableException.class,
        () -> shipbridge.track(TRACKING_NUMBER));

    assertThat(e.httpStatus()).as("the root cause, not the refusal").isEqualTo(503);
    assertThat(e.retryable()).isTrue();
    assertThat(e.outcomeUnknown()).isFalse();
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.getMessage()).contains("the retry was not sent").doesNotContain("the call was not sent");
    assertThat(e.getSuppressed()).singleElement().isInstanceOf(RateLimitedException.class);
    wm.verify(exactly(1), getRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void anOpenCircuitBreakerFailsWithoutANetworkCallThenProbesAfterItsWait() {
    sequence(wm, PATH, json(503, "{}"), json(503, "{}"), json(503, "{}"), json(503, "{}"), json(200, TRACK_OK));
    build(ResiliencePolicy.ofDefaults(), ResiliencePolicy.custom()
        .all(s -> s.maxAttempts(1).circuitBreaker(CircuitBreakerSettings.of(50f, 4, 4, Duration.ofSeconds(30))))
        .build());
    for (int i = 0; i < 4; i++) {
      catchThrowableOfType(CarrierUnavailableException.class, () -> shipbridge.track(TRACKING_NUMBER));
    }

    CarrierUnavailableException open = catchThrowableOfType(CarrierUnavailableException.class,
        () -> shipbridge.track(TRACKING_NUMBER));

    assertThat(open.getMessage()).contains("circuit breaker is open");
    assertThat(open.httpStatus()).isZero();
    wm.verify(exactly(4), getRequestedFor(urlEqualTo(PATH)));

    clock.advance(Duration.ofSeconds(31));
    assertThat(shipbridge.track(TRACKING_NUMBER).trackingNumber()).isEqualTo(TRACKING_NUMBER);
    wm.verify(exactly(5), getRequestedFor(urlEqualTo(PATH)));
    assertThat(events.transitions).startsWith("CLOSED->OPEN", "OPEN->HALF_OPEN");
  }

  @Test
  void aListenerThrowingOnEveryEventIncludingBreakerTransitionsChangesNothing() {
    sequence(wm, PATH, json(503, "{}"), json(503, "{}"), json(503, "{}"), json(503, "{}"), json(200, TRACK_OK));
    ResilienceListener throwing = (ResilienceListener) java.lang.reflect.Proxy.newProxyInstance(
        ResilienceListener.class.getClassLoader(), new Class<?>[] {ResilienceListener.class}, (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) return method.invoke(events, args);
          throw new IllegalStateException("listener bug in " + method.getName());
        });
    shipbridge = Shipbridge.builder().discoverCarriers(false)
        .carrier(new WireCarrier(wm.baseUrl(), false, ResiliencePolicy.ofDefaults()))
        .resilience(ResiliencePolicy.custom()
            .all(s -> s.maxAttempts(1).circuitBreaker(CircuitBreakerSettings.of(50f, 4, 4, Duration.ofSeconds(30)))).build())
        .clock(clock).sleeper(sleeper).resilienceListener(throwing).build();

    for (int i = 0; i < 4; i++) {
      catchThrowableOfType(CarrierUnavailableException.class, () -> shipbridge.track(TRACKING_NUMBER));
    }
    CarrierUnavailableException open = catchThrowableOfType(CarrierUnavailableException.class,
        () -> shipbridge.track(TRACKING_NUMBER)); // the CLOSED->OPEN transition's listener threw

    assertThat(open.getMessage()).contains("circuit breaker is open");
    clock.advance(Duration.ofSeconds(31));
    assertThat(shipbridge.track(TRACKING_NUMBER).trackingNumber()).isEqualTo(TRACKING_NUMBER);
    wm.verify(exactly(5), getRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void theCircuitBreakerDoesNotCountQuotaAndRequestErrors() {
    sequence(wm, PATH, json(404, "{\"message\":\"unknown\"}"));
    build(ResiliencePolicy.ofDefaults(), ResiliencePolicy.custom()
        .all(s -> s.maxAttempts(1).circuitBreaker(CircuitBreakerSettings.of(50f, 2, 2, Duration.ofSeconds(30))))
        .build());

    for (int i = 0; i < 4; i++) catchThrowableOfType(RuntimeException.class, () -> shipbridge.track(TRACKING_NUMBER));

    wm.verify(exactly(4), getRequestedFor(urlEqualTo(PATH)));
    assertThat(events.transitions).isEmpty();
  }

  @Test
  void theCarriersPublishedQuotaAppliesUnlessTheUserOverridesIt() {
    sequence(wm, PATH, json(200, TRACK_OK));
    ResiliencePolicy uspsLike = ResiliencePolicy.custom().all(s -> s.rateLimit(RateLimit.perHour(60))).build();
    build(uspsLike, ResiliencePolicy.ofDefaults());

    shipbridge.track(TRACKING_NUMBER);
    RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> shipbridge.track(TRACKING_NUMBER));

    assertThat(e.retryAfter()).contains(RateLimit.perHour(60).interval()); // a minute and 25 ms / 60
    wm.verify(exactly(1), getRequestedFor(urlEqualTo(PATH)));

    shipbridge.close();
    build(uspsLike, ResiliencePolicy.custom().operation(Operation.TRACK, ResiliencePolicy.Settings::unlimited).build());
    shipbridge.track(TRACKING_NUMBER);
    shipbridge.track(TRACKING_NUMBER);
    wm.verify(exactly(3), getRequestedFor(urlEqualTo(PATH)));
  }

  @Test
  void listenerHearsAttemptsRetriesWithTheirDelayAndTheCallLatency() {
    sequence(wm, PATH, json(503, "{}"), json(429, "{}").withHeader("Retry-After", "4"), json(200, TRACK_OK));
    build(ResiliencePolicy.ofDefaults(), ResiliencePolicy.custom()
        .all(s -> s.maxAttempts(3).backoff(Duration.ofSeconds(2), 2.0, Duration.ofSeconds(10))).build());

    shipbridge.track(TRACKING_NUMBER);

    assertThat(events.attemptTimes).hasSize(3);
    assertThat(events.retryDelays).hasSize(2).containsExactlyElementsOf(sleeper.sleeps);
    assertThat(events.retryDelays.get(1)).isEqualTo(Duration.ofSeconds(4));
    assertThat(events.retryReasons).containsExactly("CarrierUnavailableException", "RateLimitedException");
    assertThat(events.finished).containsExactly("track:3:ok");
    assertThat(events.latencies).containsExactly(sleeper.sleeps.stream().reduce(Duration.ZERO, Duration::plus));
  }

  /** Records what the resilience layer reports. */
  private final class Events implements ResilienceListener {
    final List<Instant> attemptTimes = new CopyOnWriteArrayList<>();
    final List<Duration> permits = new CopyOnWriteArrayList<>();
    final List<Duration> retryDelays = new CopyOnWriteArrayList<>();
    final List<String> retryReasons = new CopyOnWriteArrayList<>();
    final List<String> transitions = new CopyOnWriteArrayList<>();
    final List<String> finished = new CopyOnWriteArrayList<>();
    final List<Duration> latencies = new ArrayList<>();
    volatile int refusals;

    @Override
    public void onAttempt(CarrierId carrier, Operation operation, int attempt) {
      attemptTimes.add(clock.instant());
    }

    @Override
    public void onRetry(CarrierId carrier, Operation operation, int attempt, Duration delay, Throwable reason) {
      retryDelays.add(delay);
      retryReasons.add(reason.getClass().getSimpleName());
    }

    @Override
    public void onRateLimiterWait(CarrierId carrier, Operation operation, Duration waited) {
      permits.add(waited);
    }

    @Override
    public void onRateLimiterRefused(CarrierId carrier, Operation operation, Duration nextPermitIn) {
      refusals++;
    }

    @Override
    public void onCircuitBreakerTransition(CarrierId carrier, BreakerState from, BreakerState to) {
      transitions.add(from + "->" + to);
    }

    @Override
    public void onCallFinished(CarrierId carrier, Operation operation, int attempts, Duration latency, Throwable failure) {
      finished.add(operation.name().toLowerCase() + ":" + attempts + ":" + (failure == null ? "ok" : "failed"));
      latencies.add(latency);
    }
  }
}
