package dev.shipbridge.resilience;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.shipbridge.resilience.WireFixtures.TRACKING_NUMBER;
import static dev.shipbridge.resilience.WireFixtures.TRACK_OK;
import static dev.shipbridge.resilience.WireFixtures.json;
import static dev.shipbridge.resilience.WireFixtures.sequence;
import static dev.shipbridge.testkit.QuotaWindows.maxInAnyWindow;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.internal.SpacingRateLimiter;
import dev.shipbridge.testkit.VirtualTimeSleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * N concurrent callers against a limit of L per period never put more than L requests into any
 * window of one period, counted at the server on the fake clock.
 */
class RateLimiterWindowTest {
  /** The clock the server reads when a request arrives; replaced per test. */
  private static final AtomicReference<FakeClock> SERVER_CLOCK = new AtomicReference<>(new FakeClock());
  private static final List<Instant> ARRIVALS = new CopyOnWriteArrayList<>();

  @RegisterExtension
  static WireMockExtension wm = WireMockExtension.newInstance()
      .options(wireMockConfig().dynamicPort().extensions(new ServeEventListener() {
        @Override
        public String getName() {
          return "arrival-clock";
        }

        @Override
        public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
          ARRIVALS.add(SERVER_CLOCK.get().instant());
        }
      }))
      .build();

  private final FakeClock clock = new FakeClock();

  @BeforeEach
  void serverReadsTheTestClock() {
    SERVER_CLOCK.set(clock);
    ARRIVALS.clear();
  }

  @ParameterizedTest(name = "{0} callers, {1} per {2}s, wait up to {3}s")
  @CsvSource({"12, 3, 10, 60", "20, 5, 1, 2", "16, 4, 60, 45"})
  void concurrentCallersNeverSendMoreThanTheLimitInAnyWindow(int callers, int limit, int periodSeconds, int timeoutSeconds)
      throws Exception {
    sequence(wm, "/track/" + TRACKING_NUMBER, json(200, TRACK_OK));
    Duration period = Duration.ofSeconds(periodSeconds);
    VirtualTimeSleeper sleeper = new VirtualTimeSleeper(clock, clock::advanceTo);
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger succeeded = new AtomicInteger();
    List<Throwable> unexpected = new CopyOnWriteArrayList<>();
    try (Shipbridge shipbridge = Shipbridge.builder().discoverCarriers(false)
        .carrier(new WireCarrier(wm.baseUrl(), false, ResiliencePolicy.ofDefaults()))
        .resilience(ResiliencePolicy.custom().operation(Operation.TRACK, s -> s.maxAttempts(1)
            .rateLimit(RateLimit.of(limit, period)).rateLimitTimeout(Duration.ofSeconds(timeoutSeconds))).build())
        .clock(clock).sleeper(sleeper::sleep).build()) {
      List<Runnable> bodies = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        bodies.add(() -> {
          try {
            shipbridge.track(TRACKING_NUMBER);
            succeeded.incrementAndGet();
          } catch (RateLimitedException e) {
            refused.incrementAndGet();
          } catch (Throwable t) {
            unexpected.add(t);
          }
        });
      }
      sleeper.runAll(bodies, Duration.ofSeconds(20));
    }

    assertThat(unexpected).isEmpty();
    assertThat(ARRIVALS).hasSize(succeeded.get());
    assertThat(succeeded.get() + refused.get()).isEqualTo(callers);
    int expectedToPass = Math.min(callers, 1 + (int) (Duration.ofSeconds(timeoutSeconds).toNanos()
        / RateLimit.of(limit, period).interval().toNanos()));
    assertThat(succeeded.get()).isEqualTo(expectedToPass);
    assertThat(maxInAnyWindow(ARRIVALS, period)).isLessThanOrEqualTo(limit);
  }

  @Test
  void neverPassesMoreThanTheLimitInAWindowStraddlingARefresh() {
    // A fixed-window limiter would let L through at the end of one period and L more at the start
    // of the next; even spacing cannot.
    AtomicLong now = new AtomicLong();
    SpacingRateLimiter limiter = new SpacingRateLimiter(RateLimit.of(5, Duration.ofSeconds(1)), now::get);
    Random random = new Random(42);
    List<Instant> granted = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      now.addAndGet(random.nextInt(3) == 0 ? random.nextInt(400_000_000) : random.nextInt(2_000_000));
      if (limiter.reserve(Duration.ZERO).granted()) granted.add(Instant.ofEpochSecond(0, now.get()));
    }

    assertThat(granted.size()).isGreaterThan(100);
    assertThat(maxInAnyWindow(granted, Duration.ofSeconds(1))).isLessThanOrEqualTo(5);
  }

  @Test
  void aCarrier429HoldsEveryPermitUntilItsRetryAfter() {
    AtomicLong now = new AtomicLong();
    SpacingRateLimiter limiter = new SpacingRateLimiter(RateLimit.perSecond(100), now::get);
    limiter.holdUntil(Duration.ofSeconds(30).toNanos());

    CarrierRateLimiter.Permit r = limiter.reserve(Duration.ofSeconds(5));

    assertThat(r.granted()).isFalse();
    assertThat(Duration.ofNanos(r.delay().toNanos())).isEqualTo(Duration.ofSeconds(30));
  }
}
