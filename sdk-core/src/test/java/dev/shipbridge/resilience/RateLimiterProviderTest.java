package dev.shipbridge.resilience;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static dev.shipbridge.resilience.WireFixtures.TRACKING_NUMBER;
import static dev.shipbridge.resilience.WireFixtures.TRACK_OK;
import static dev.shipbridge.resilience.WireFixtures.json;
import static dev.shipbridge.resilience.WireFixtures.sequence;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.CarrierId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The rate-limiter extension point: the core asks the provider, honours its permits, tells it of 429s. */
class RateLimiterProviderTest {
  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance().options(
      com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().dynamicPort()).build();

  private final FakeClock clock = new FakeClock();
  private final RecordingSleeper sleeper = new RecordingSleeper(clock);

  /** A limiter whose answers the test scripts, recording what the core asks. */
  static final class ScriptedLimiter implements CarrierRateLimiter {
    final RateLimit limit;
    final Function<Duration, Permit> answer;
    final List<Duration> timeouts = new CopyOnWriteArrayList<>();
    final List<Instant> holds = new CopyOnWriteArrayList<>();

    ScriptedLimiter(RateLimit limit, Function<Duration, Permit> answer) {
      this.limit = limit;
      this.answer = answer;
    }

    @Override
    public RateLimit limit() {
      return limit;
    }

    @Override
    public Permit reserve(Duration timeout) {
      timeouts.add(timeout);
      return answer.apply(timeout);
    }

    @Override
    public void holdUntil(Instant until) {
      holds.add(until);
    }
  }

  /** Records each request for a limiter and answers with a {@link ScriptedLimiter}. */
  static final class ScriptedProvider implements RateLimiterProvider {
    final List<String> asked = new ArrayList<>();
    final List<ScriptedLimiter> made = new ArrayList<>();
    final Function<Duration, CarrierRateLimiter.Permit> answer;
    Clock clockGiven;

    ScriptedProvider(Function<Duration, CarrierRateLimiter.Permit> answer) {
      this.answer = answer;
    }

    @Override
    public synchronized CarrierRateLimiter limiter(CarrierId carrier, Operation operation, RateLimit limit, Clock clock) {
      asked.add(carrier.value() + ":" + operation + ":" + limit);
      clockGiven = clock;
      ScriptedLimiter l = new ScriptedLimiter(limit, answer);
      made.add(l);
      return l;
    }

    ScriptedLimiter only() {
      assertThat(made).hasSize(1);
      return made.get(0);
    }
  }

  private Shipbridge shipbridge(RateLimiterProvider provider, int maxAttempts) {
    return Shipbridge.builder().discoverCarriers(false)
        .carrier(new WireCarrier(wm.baseUrl(), false, ResiliencePolicy.ofDefaults()))
        .resilience(ResiliencePolicy.custom().operation(Operation.TRACK, s -> s.maxAttempts(maxAttempts)
            .rateLimit(RateLimit.perMinute(6)).rateLimitTimeout(Duration.ofSeconds(40))).build())
        .rateLimiterProvider(provider)
        .clock(clock).sleeper(sleeper).build();
  }

  @Test
  void theProviderIsAskedOnceForEachLimitedOperationWithTheQuotaAndTheClock() {
    ScriptedProvider provider = new ScriptedProvider(t -> CarrierRateLimiter.Permit.after(Duration.ZERO));
    try (Shipbridge sb = shipbridge(provider, 1)) {
      assertThat(provider.asked).containsExactly("wire:TRACK:6 calls per 1 min");
      assertThat(provider.clockGiven).isSameAs(clock);
    }
  }

  @Test
  void eachAttemptWaitsForItsPermitWithTheInjectedSleeper() {
    sequence(wm, "/track/" + TRACKING_NUMBER, json(200, TRACK_OK));
    ScriptedProvider provider = new ScriptedProvider(t -> CarrierRateLimiter.Permit.after(Duration.ofSeconds(3)));
    try (Shipbridge sb = shipbridge(provider, 1)) {
      sb.track(TRACKING_NUMBER);
    }

    assertThat(provider.only().timeouts).containsExactly(Duration.ofSeconds(40));
    assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(3));
    wm.verify(1, anyRequestedFor(anyUrl()));
  }

  @Test
  void aRefusedPermitIsARateLimitedExceptionWithTheNextPermitTimeAndTheLimitersReason() {
    ScriptedProvider provider = new ScriptedProvider(
        t -> CarrierRateLimiter.Permit.refused(Duration.ofSeconds(90), "the shared rate limiter is unreachable"));
    try (Shipbridge sb = shipbridge(provider, 3)) {
      assertThatThrownBy(() -> sb.track(TRACKING_NUMBER))
          .isInstanceOfSatisfying(RateLimitedException.class, e -> {
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(90));
            assertThat(e.getMessage()).contains("the shared rate limiter is unreachable").contains("6 calls per 1 min")
                .contains("not sent");
          });
    }

    assertThat(provider.only().timeouts).hasSize(1); // a refusal is never retried
    wm.verify(0, anyRequestedFor(anyUrl()));
  }

  @Test
  void aCarrier429WithRetryAfterHoldsTheProvidedLimiter() {
    sequence(wm, "/track/" + TRACKING_NUMBER, json(429, "{}").withHeader("Retry-After", "7"), json(200, TRACK_OK));
    ScriptedProvider provider = new ScriptedProvider(t -> CarrierRateLimiter.Permit.after(Duration.ZERO));
    Instant start = clock.instant();
    try (Shipbridge sb = shipbridge(provider, 2)) {
      sb.track(TRACKING_NUMBER);
    }

    assertThat(provider.only().holds).containsExactly(start.plusSeconds(7));
    assertThat(provider.only().timeouts).hasSize(2); // the retry took a permit too
  }

  @Test
  void withoutAProviderEachInstanceSpacesPermitsInItsOwnJvm() {
    sequence(wm, "/track/" + TRACKING_NUMBER, json(200, TRACK_OK));
    try (Shipbridge sb = shipbridge(RateLimiterProvider.inJvm(), 1)) {
      sb.track(TRACKING_NUMBER);
      sb.track(TRACKING_NUMBER);
    }

    // 6 a minute: one every 10 s, and a sixth of the 25 ms guard
    assertThat(sleeper.sleeps).containsExactly(Duration.ofSeconds(10).plus(Duration.ofMillis(25).dividedBy(6)).plusNanos(1));
  }
}
