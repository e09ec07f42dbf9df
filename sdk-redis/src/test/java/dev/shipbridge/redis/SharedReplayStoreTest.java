package dev.shipbridge.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.WebhookException;
import dev.shipbridge.WebhookException.Reason;
import dev.shipbridge.WebhookRequest;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.PushedTracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingStatus;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.PushCapability;
import dev.shipbridge.spi.ReplayStore;
import dev.shipbridge.spi.ReplayStore.Verdict;
import dev.shipbridge.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Redis replay store shared by a fleet of receivers (real redis-server). */
class SharedReplayStoreTest {
  static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private final MutableClock clock = MutableClock.startingAt(T0);

  @AfterEach
  void close() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) toClose.get(i).close();
  }

  private ShipbridgeRedis redis(String url, String prefix) {
    ShipbridgeRedis r = ShipbridgeRedis.builder(url).keyPrefix(prefix).clock(clock)
        .commandTimeout(Duration.ofMillis(300)).recheckAfter(Duration.ofMillis(50)).build();
    toClose.add(r);
    return r;
  }

  /** Pushes "number|epochSeconds" with the number and time as the signed content (signature "ok"). */
  static final class Pusher implements Carrier, PushCapability {
    public CarrierId id() { return CarrierId.of("pusher"); }

    public boolean recognises(WebhookRequest r) { return r.header("X-Sig").isPresent(); }

    public PushedTracking verify(WebhookRequest r) {
      if (!"ok".equals(r.header("X-Sig").orElse(""))) throw new WebhookException(Reason.BAD_SIGNATURE, "bad");
      String signed = r.bodyText().split("&", 2)[0]; // anything after '&' is unsigned
      String[] p = signed.split("\\|");
      Instant at = Instant.ofEpochSecond(Long.parseLong(p[1]));
      return new PushedTracking(id(), p[0], List.of(new TrackingEvent(OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
          TrackingStatus.IN_TRANSIT, "X", "moved", null, id())), null, "signed:" + signed);
    }
  }

  private Shipbridge receiver(ReplayStore store) {
    Shipbridge sb = Shipbridge.builder().discoverCarriers(false).carrier(new Pusher()).clock(clock).replayStore(store).build();
    toClose.add(sb);
    return sb;
  }

  private static WebhookRequest push(String body) {
    return WebhookRequest.of(body.getBytes(StandardCharsets.UTF_8), Map.of("X-Sig", List.of("ok")));
  }

  @Test
  void aPushAcceptedByOneReceiverIsADuplicateAtEveryOtherEvenWithUnsignedChanges() {
    String url = RedisTestSupport.url();
    String prefix = RedisTestSupport.freshPrefix();
    Shipbridge a = receiver(redis(url, prefix).replayStore());
    Shipbridge b = receiver(redis(url, prefix).replayStore());
    String body = "LP00123456789012|" + T0.minusSeconds(60).getEpochSecond();
    a.webhooks().handle(push(body));
    for (String replay : List.of(body, body + "&extra=1", body + "&")) {
      assertThatThrownBy(() -> b.webhooks().handle(push(replay)))
          .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE));
    }
    String older = "LP00123456789012|" + T0.minusSeconds(120).getEpochSecond();
    assertThatThrownBy(() -> b.webhooks().handle(push(older)))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALE));
    b.webhooks().handle(push("LP00123456789012|" + T0.getEpochSecond()));
  }

  @Test
  void theStoreDecidesAtomicallyAndForgetsAfterTheRetention() throws Exception {
    String url = RedisTestSupport.url();
    String prefix = RedisTestSupport.freshPrefix();
    ReplayStore one = redis(url, prefix).replayStore();
    ReplayStore two = redis(url, prefix).replayStore();
    Duration retention = Duration.ofMillis(300);
    assertThat(one.admit("id-1", "p", T0, T0, retention)).isEqualTo(Verdict.ACCEPTED);
    assertThat(two.admit("id-1", "p", T0.plusSeconds(1), T0, retention)).isEqualTo(Verdict.DUPLICATE);
    assertThat(two.admit("id-2", "p", T0, T0, retention)).isEqualTo(Verdict.NOT_NEWER);
    RedisTestSupport.sleepMillis(400);
    assertThat(two.admit("id-1", "p", T0, T0, retention)).as("expired in Redis").isEqualTo(Verdict.ACCEPTED);
  }

  @Test
  void anUnreachableRedisRefusesPushesRatherThanAcceptingThemUnchecked() {
    ShipbridgeRedis nowhere = redis("redis://127.0.0.1:" + RedisTestSupport.freePort(), "x:");
    Shipbridge sb = receiver(nowhere.replayStore());
    assertThatThrownBy(() -> sb.webhooks().handle(push("LP00123456789012|" + T0.getEpochSecond())))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REPLAY_MEMORY_FULL));
  }
}
