package dev.shipbridge.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.CarrierRateLimiter;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.spi.TokenStore.Token;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Configuration and the unreachable-at-start path: no Redis needed (nothing listens on the port). */
class ShipbridgeRedisTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void neitherTheBuilderNorToStringEverShowsThePassword() {
    try (ShipbridgeRedis r = ShipbridgeRedis.builder("redis://:s3cret-pw@127.0.0.1:" + RedisTestSupport.freePort()).build()) {
      assertThat(r.toString()).doesNotContain("s3cret").contains("127.0.0.1").contains("FAIL_CLOSED");
      assertThat(r.tokenStore().toString()).doesNotContain("s3cret");
      assertThat(r.rateLimiters().toString()).doesNotContain("s3cret");
    }
    assertThatThrownBy(() -> ShipbridgeRedis.builder("http://:s3cret-pw@host"))
        .isInstanceOf(IllegalArgumentException.class).satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
  }

  @Test
  void theBuilderRejectsBadSettingsAtOnce() {
    ShipbridgeRedis.Builder b = ShipbridgeRedis.builder("redis://127.0.0.1:6379");
    assertThatThrownBy(() -> b.fleetSize(0)).hasMessageContaining("fleetSize");
    assertThatThrownBy(() -> b.commandTimeout(Duration.ZERO)).hasMessageContaining("commandTimeout");
    assertThatThrownBy(() -> b.credential(CarrierId.USPS, "has space")).hasMessageContaining("credential name");
    assertThatThrownBy(() -> b.keyPrefix("bad prefix")).hasMessageContaining("keyPrefix");
  }

  @Test
  void aRedisUnreachableAtStartFailsClosedWithAReasonAndKeepsTokensInMemory() {
    try (LogCapture log = new LogCapture();
        ShipbridgeRedis r = ShipbridgeRedis.builder("redis://127.0.0.1:" + RedisTestSupport.freePort())
            .recheckAfter(Duration.ofMinutes(1)).clock(CLOCK).build()) {
      CarrierRateLimiter limiter = r.rateLimiters().limiter(CarrierId.USPS, Operation.TRACK, RateLimit.perHour(60), CLOCK);
      for (int i = 0; i < 3; i++) {
        CarrierRateLimiter.Permit p = limiter.reserve(Duration.ofSeconds(30));
        assertThat(p.granted()).isFalse();
        assertThat(p.reason()).contains("unreachable; failing closed");
        assertThat(p.delay()).isEqualTo(Duration.ofMinutes(1));
      }
      r.tokenStore().put("k", new Token("in-memory-token", CLOCK.instant().plusSeconds(60)));
      assertThat(r.tokenStore().get("k")).get().extracting(Token::value).isEqualTo("in-memory-token");
      assertThat(r.reachable()).isFalse();
      assertThat(log.lines("is unreachable")).hasSize(1);
      assertThat(log.text()).doesNotContain("in-memory-token");
    }
  }

  @Test
  void failingOpenAtStartSpacesThisInstancesShareOfTheQuota() {
    try (ShipbridgeRedis r = ShipbridgeRedis.builder("redis://127.0.0.1:" + RedisTestSupport.freePort())
        .whenUnreachable(WhenUnreachable.FAIL_OPEN).fleetSize(4).recheckAfter(Duration.ofMinutes(1)).build()) {
      CarrierRateLimiter limiter = r.rateLimiters().limiter(CarrierId.USPS, Operation.TRACK, RateLimit.perHour(60), CLOCK);
      assertThat(limiter.reserve(Duration.ZERO).granted()).isTrue();
      CarrierRateLimiter.Permit next = limiter.reserve(Duration.ofMinutes(10));
      assertThat(next.granted()).isTrue();
      assertThat(next.delay()).isEqualTo(RateLimit.perHour(15).interval()); // 60 / 4 = 15 an hour, and the guard
      // the share keeps the quota's guard: none here, so exactly 4 minutes
      CarrierRateLimiter exact = r.rateLimiters().limiter(CarrierId.USPS, Operation.LABEL,
          RateLimit.perHour(60).withGuard(Duration.ZERO), CLOCK);
      assertThat(exact.reserve(Duration.ZERO).granted()).isTrue();
      assertThat(exact.reserve(Duration.ofMinutes(10)).delay()).isEqualTo(Duration.ofMinutes(4));
    }
  }
}
