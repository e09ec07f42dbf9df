package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.resilience.CarrierRateLimiter;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.RateLimiterProvider;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A reservation that is itself slow (a fresh JVM loading the limiter's classes on its first call, a
 * shared limiter's network round trip) is not a late wake-up: the first call of a new {@link
 * Shipbridge} keeps its immediate permit. Before, 40 ms spent reserving counted as lateness beyond
 * half the guard, the permit was given up, and under USPS's 60 an hour the next one was a minute
 * away: the cold first call failed with a {@code RateLimitedException}. The real {@link UspsCarrier}
 * through the facade, on the emulator, on virtual time.
 */
class UspsSlowPermitTest {
  static final String INBOUND = "9200190132607600833457";
  private final MutableClock clock = MutableClock.startingAt(UspsEmulator.DEFAULT_INSTANT);
  private final UspsEmulator usps = UspsEmulator.start(clock);
  private final AtomicInteger reservations = new AtomicInteger();

  @AfterEach
  void stop() {
    usps.close();
  }

  /** The in-JVM limiter, with {@code stall} passing on the clock before each reservation reads it. */
  private RateLimiterProvider slowToReserve(Duration stall) {
    return (carrier, operation, limit, c) -> {
      CarrierRateLimiter inner = RateLimiterProvider.inJvm().limiter(carrier, operation, limit, c);
      return new CarrierRateLimiter() {
        public RateLimit limit() { return inner.limit(); }
        public Permit reserve(Duration timeout) {
          reservations.incrementAndGet();
          clock.advance(stall);
          return inner.reserve(timeout);
        }
        public void holdUntil(Instant until) { inner.holdUntil(until); }
      };
    };
  }

  private Tracking firstTrack(ResiliencePolicy policy) {
    usps.expectInboundParcel(INBOUND, clock.instant());
    try (Shipbridge shipbridge = Shipbridge.builder().discoverCarriers(false).clock(clock).sleeper(clock::advance)
        .resilience(policy).rateLimiterProvider(slowToReserve(Duration.ofMillis(40)))
        .carrier(UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId()).clientSecret(usps.clientSecret()).build())
        .build()) {
      return shipbridge.track(INBOUND);
    }
  }

  @Test
  void aSlowFirstReservationKeepsItsPermitUnderTheDefaultPolicy() {
    Tracking t = firstTrack(ResiliencePolicy.ofDefaults());

    assertThat(t.trackingNumber()).isEqualTo(INBOUND);
    assertThat(reservations).as("one permit asked for: the immediate one was used").hasValue(1);
  }

  @Test
  void aSlowFirstReservationKeepsItsPermitUnderAPermissivePolicy() {
    Tracking t = firstTrack(ResiliencePolicy.custom().carrier(CarrierId.USPS, Operation.TRACK,
        s -> s.maxAttempts(1).rateLimit(RateLimit.perSecond(10))).build());

    assertThat(t.trackingNumber()).isEqualTo(INBOUND);
    assertThat(reservations).hasValue(1);
  }
}
