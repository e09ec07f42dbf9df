package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.resilience.OperationPolicy;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One deadline per attempt, on the real USPS adapter through the facade against the emulator: the
 * token fetch and the tracking call of one attempt share the attempt timeout (3 s here), so a slow
 * token (1.8 s) leaves the call only what is left, and a call as slow (1.8 s, each exchange alone well
 * inside 3 s) is cut off at the attempt's deadline instead of finishing at 3.6 s. The limits are a
 * value handed to the attempt, so an async call on another executor gets its own.
 *
 * <p>The emulator's delays are real time (OkHttp's timeouts are); assertions are on what the calls
 * end as and what reached the emulator, not on elapsed time. Pauses and permit waits run on the
 * injected clock.
 */
class UspsAttemptDeadlineTest {
  private static final String NUMBER = "9205590109769900012613";
  private static final Duration ATTEMPT = Duration.ofSeconds(3);
  private static final Duration SLOW = Duration.ofMillis(1800);

  private final MutableClock clock = MutableClock.startingAt(UspsEmulator.DEFAULT_INSTANT);
  private UspsEmulator usps;
  private int tokensBefore;
  private int callsBefore;

  /**
   * A warm-up call through a facade of its own (its own token, its own limiter), so the measured
   * calls do not also pay for the emulator's and the client's first request on a loaded machine.
   */
  @BeforeEach
  void start() {
    usps = UspsEmulator.start(clock);
    usps.expectInboundParcel(NUMBER, UspsEmulator.DEFAULT_INSTANT.minus(Duration.ofHours(30)));
    try (Shipbridge warm = facade(permissive(), null)) {
      warm.track(NUMBER);
    }
    tokensBefore = usps.requestCount("POST", "/oauth2");
    callsBefore = usps.requestCount("POST", "/tracking");
  }

  private int tokens() {
    return usps.requestCount("POST", "/oauth2") - tokensBefore;
  }

  private int calls() {
    return usps.requestCount("POST", "/tracking") - callsBefore;
  }

  @AfterEach
  void stop() {
    usps.close();
  }

  /** One attempt, no quota, no breaker: whatever the first attempt ends as is the answer. */
  private static ResiliencePolicy permissive() {
    return ResiliencePolicy.custom().all(s -> s.unlimited().maxAttempts(1).attemptTimeout(ATTEMPT)
        .circuitBreaker(OperationPolicy.CircuitBreakerSettings.DISABLED)).build();
  }

  /** The built-in policy and USPS's 60-an-hour quota, with a 3 s attempt timeout. */
  private static ResiliencePolicy defaultsWithShortAttempts() {
    return ResiliencePolicy.custom().all(s -> s.attemptTimeout(ATTEMPT)).build();
  }

  private Shipbridge facade(ResiliencePolicy policy, ExecutorService executor) {
    UspsCarrier carrier = UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId())
        .clientSecret(usps.clientSecret()).build();
    var b = Shipbridge.builder().discoverCarriers(false).carrier(carrier).clock(clock).sleeper(clock::advance)
        .resilience(policy);
    if (executor != null) b.executor(executor);
    return b.build();
  }

  private void slowTokenThenSlowCall() {
    usps.injectDelay("/oauth2", SLOW, 1);
    usps.injectDelay("/tracking", SLOW, 1);
  }

  @Test
  void aSlowTokenFetchLeavesTheCallOnlyWhatIsLeftOfTheAttemptUnderAPermissivePolicy() {
    slowTokenThenSlowCall();
    try (Shipbridge sb = facade(permissive(), null)) {
      CarrierUnavailableException e = catchThrowableOfType(CarrierUnavailableException.class, () -> sb.track(NUMBER));

      assertThat(e).as("cut off at the attempt's deadline, not answered at 3.6 s").isNotNull();
      assertThat(e.getMessage()).contains("timed out");
      assertThat(e.retryable()).as("a read: may be sent again").isTrue();
      assertThat(e.attempts()).isEqualTo(1);
    }
    assertThat(tokens()).as("the token was fetched, within the attempt").isEqualTo(1);
    assertThat(calls()).as("the call was sent with what was left").isEqualTo(1);
  }

  @Test
  void underTheDefaultPolicyTheCutOffAttemptIsRetriedWithTheCachedTokenAndAnswers() {
    slowTokenThenSlowCall();
    try (Shipbridge sb = facade(defaultsWithShortAttempts(), null)) {
      Tracking t = sb.track(NUMBER);

      assertThat(t.trackingNumber()).isEqualTo(NUMBER);
    }
    assertThat(tokens()).as("one token, reused by the retry").isEqualTo(1);
    assertThat(calls()).as("attempt 1 cut off at its deadline, attempt 2 answered")
        .isEqualTo(2);
  }

  @Test
  void anAsyncCallOnAnotherExecutorGetsItsOwnAttemptLimits() {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (Shipbridge sb = facade(permissive(), executor)) {
      slowTokenThenSlowCall();
      Throwable slow = catchThrowableOfType(CompletionException.class, () -> sb.trackAsync(NUMBER).join()).getCause();
      assertThat(slow).as("the attempt's deadline reached the executor's thread")
          .isInstanceOf(CarrierUnavailableException.class).hasMessageContaining("timed out");

      // The next calls, on that thread and on this one, start with fresh limits of their own.
      assertThat(sb.trackAsync(NUMBER).join().trackingNumber()).isEqualTo(NUMBER);
      assertThat(sb.track(NUMBER).trackingNumber()).isEqualTo(NUMBER);
    } finally {
      executor.shutdownNow();
    }
    assertThat(calls()).isEqualTo(3);
  }
}
