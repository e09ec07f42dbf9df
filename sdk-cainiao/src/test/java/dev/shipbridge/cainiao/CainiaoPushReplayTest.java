package dev.shipbridge.cainiao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.WebhookException;
import dev.shipbridge.WebhookException.Reason;
import dev.shipbridge.WebhookRequest;
import dev.shipbridge.model.Label;
import dev.shipbridge.spi.ReplayStore;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * LINK pushes from the Cainiao emulator through the facade's webhook handler and through {@link
 * CainiaoCarrier#push()}: replays (late, or with unsigned changes), unsigned and oversized pushes.
 */
class CainiaoPushReplayTest {
  private MutableClock clock;
  private CainiaoEmulator cainiao;
  private CainiaoCarrier carrier;
  private Shipbridge shipbridge;

  @BeforeEach
  void start() {
    clock = MutableClock.startingAt(Instant.parse("2026-03-02T01:00:00Z"));
    cainiao = CainiaoEmulator.start(clock);
    carrier = CainiaoCarrier.builder().appKey(cainiao.appKey()).appSecret(cainiao.appSecret())
        .accessToken(cainiao.accessToken()).iopBaseUrl(cainiao.iopBaseUrl()).handoverLoginId("seller@example.com")
        .linkProviderId(cainiao.logisticProviderId()).linkSecretKey(cainiao.linkSecretKey()).build();
    shipbridge = shipbridge(ReplayStore.inMemory());
  }

  private Shipbridge shipbridge(ReplayStore store) {
    return Shipbridge.builder().discoverCarriers(false).carrier(carrier).clock(clock).replayStore(store)
        .sleeper(d -> clock.advance(d)).build();
  }

  @AfterEach
  void stop() {
    shipbridge.close();
    cainiao.close();
  }

  private String pushFor(String orderId) {
    Label label = shipbridge.label(TestData.labelRequest(orderId));
    clock.advance(Duration.ofDays(1));
    return cainiao.pushEvent(label.trackingNumber());
  }

  private static WebhookRequest request(String body) {
    return WebhookRequest.of(body.getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", List.of("application/x-www-form-urlencoded")));
  }

  private static Consumer<WebhookException> reason(Reason r) {
    return e -> assertThat(e.reason()).isEqualTo(r);
  }

  /** Every change to a push that its data_digest does not cover. */
  static List<String> unsignedChanges(String body) {
    List<String> out = new ArrayList<>();
    out.add(body + "&extra=1");
    List<String> pairs = new ArrayList<>(Arrays.asList(body.split("&")));
    Collections.reverse(pairs);
    out.add(String.join("&", pairs));
    Matcher m = Pattern.compile("%[0-9A-F]{2}").matcher(body);
    out.add(m.replaceAll(r -> r.group().toLowerCase()));
    out.add(body.replace("msg_type=TRACEPUSH", "msg_type=TRACEPUSH_V2"));
    out.add(body.replaceAll("logistic_provider_id=[^&]*", "logistic_provider_id=someone-else"));
    out.add(body.replaceAll("partner_code=[^&]*", "partner_code=someone-else"));
    out.add(body + "&");
    out.add("a=b&" + body);
    return out;
  }

  @Test
  void aByteIdenticalPushIsRefusedElevenMinutesAnHourAndTwoDaysLater() {
    String body = pushFor("order-late");
    shipbridge.webhooks().handle(request(body));
    for (Duration later : List.of(Duration.ofMinutes(11), Duration.ofMinutes(49), Duration.ofDays(2))) {
      clock.advance(later);
      assertThatThrownBy(() -> shipbridge.webhooks().handle(request(body)))
          .isInstanceOfSatisfying(WebhookException.class, reason(Reason.DUPLICATE));
    }
  }

  @Test
  void aPushReplayedAfterTheRetentionIsRefusedAsStale() {
    String body = pushFor("order-week");
    shipbridge.webhooks().handle(request(body));
    clock.advance(Duration.ofDays(8));
    assertThatThrownBy(() -> shipbridge.webhooks().handle(request(body)))
        .isInstanceOfSatisfying(WebhookException.class, reason(Reason.STALE));
    assertThatThrownBy(() -> carrier.push().withClock(clock).parseForm(body))
        .isInstanceOfSatisfying(WebhookException.class, reason(Reason.STALE));
  }

  @Test
  void aPushWithOnlyUnsignedChangesIsRefusedAsADuplicateByTheFacade() {
    String body = pushFor("order-unsigned");
    shipbridge.webhooks().handle(request(body));
    for (String changed : unsignedChanges(body)) {
      assertThat(changed).isNotEqualTo(body);
      assertThatThrownBy(() -> shipbridge.webhooks().handle(request(changed))).as(changed)
          .isInstanceOfSatisfying(WebhookException.class, reason(Reason.DUPLICATE));
    }
  }

  @Test
  void aPushWithOnlyUnsignedChangesIsRefusedAsADuplicateByTheCarriersPushVerifier() {
    String body = pushFor("order-unsigned-2");
    CainiaoPush push = carrier.push().withClock(clock);
    push.parseForm(body);
    for (String changed : unsignedChanges(body)) {
      assertThatThrownBy(() -> push.parseForm(changed)).as(changed)
          .isInstanceOfSatisfying(WebhookException.class, reason(Reason.DUPLICATE));
    }
  }

  @Test
  void theCarriersPushVerifierRemembersAcrossCalls() {
    String body = pushFor("order-remember");
    carrier.push().withClock(clock).parseForm(body);
    assertThatThrownBy(() -> carrier.push().withClock(clock).parseForm(body))
        .isInstanceOfSatisfying(WebhookException.class, reason(Reason.DUPLICATE));
  }

  @Test
  void aSignedPushNotNewerThanOneAcceptedForTheParcelIsRefused() {
    Label label = shipbridge.label(TestData.labelRequest("order-order"));
    clock.advance(Duration.ofHours(2));
    String earlier = cainiao.pushEvent(label.trackingNumber());
    clock.advance(Duration.ofDays(4));
    String later = cainiao.pushEvent(label.trackingNumber());
    assertThat(later).isNotEqualTo(earlier);
    shipbridge.webhooks().handle(request(later));
    assertThatThrownBy(() -> shipbridge.webhooks().handle(request(earlier)))
        .isInstanceOfSatisfying(WebhookException.class, reason(Reason.STALE));
  }

  @Test
  void aFullReplayMemoryRefusesRatherThanForgets() {
    try (Shipbridge tiny = shipbridge(ReplayStore.inMemory(1))) {
      String first = pushFor("order-full-1");
      String second = pushFor("order-full-2");
      tiny.webhooks().handle(request(first));
      assertThatThrownBy(() -> tiny.webhooks().handle(request(second)))
          .isInstanceOfSatisfying(WebhookException.class, reason(Reason.REPLAY_MEMORY_FULL));
      assertThatThrownBy(() -> tiny.webhooks().handle(request(first)))
          .isInstanceOfSatisfying(WebhookException.class, reason(Reason.DUPLICATE));
    }
  }

  @Test
  void aPushWithoutItsDigestIsRefusedAsUnsignedNotUnrecognised() {
    String body = pushFor("order-nodigest").replaceAll("&data_digest=[^&]*", "");
    assertThatThrownBy(() -> shipbridge.webhooks().handle(request(body)))
        .isInstanceOfSatisfying(WebhookException.class, reason(Reason.UNSIGNED));
    assertThatThrownBy(() -> carrier.push().withClock(clock).parseForm(body))
        .isInstanceOfSatisfying(WebhookException.class, reason(Reason.UNSIGNED));
    String empty = pushFor("order-emptydigest").replaceAll("&data_digest=[^&]*", "&data_digest=");
    assertThatThrownBy(() -> shipbridge.webhooks().handle(request(empty)))
        .isInstanceOfSatisfying(WebhookException.class, reason(Reason.UNSIGNED));
  }

  @Test
  void aFiftyMegabyteBodyIsRefusedAfterReadingNoMoreThanTheLimit() {
    long[] read = {0};
    InputStream fifty = new InputStream() {
      long left = 50L * 1024 * 1024;

      @Override
      public int read() {
        if (left == 0) return -1;
        left--;
        read[0]++;
        return 'a';
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left == 0) return -1;
        int n = (int) Math.min(len, left);
        Arrays.fill(b, off, off + n, (byte) 'a');
        left -= n;
        read[0] += n;
        return n;
      }
    };
    assertThatThrownBy(() -> shipbridge.webhooks().handle(WebhookRequest.read(fifty, Map.of())))
        .isInstanceOfSatisfying(WebhookException.class, reason(Reason.TOO_LARGE));
    assertThat(read[0]).isLessThanOrEqualTo(WebhookRequest.MAX_BODY_BYTES + 1L);
    assertThatThrownBy(() -> WebhookRequest.of(new byte[WebhookRequest.MAX_BODY_BYTES + 1], Map.of()))
        .isInstanceOfSatisfying(WebhookException.class, reason(Reason.TOO_LARGE));
    String big = "logistics_interface=" + "a".repeat(WebhookRequest.MAX_BODY_BYTES);
    assertThatThrownBy(() -> carrier.push().parseForm(big))
        .isInstanceOfSatisfying(WebhookException.class, reason(Reason.TOO_LARGE));
  }
}
