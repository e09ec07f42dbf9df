package dev.shipbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.PushedTracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingStatus;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.PushCapability;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookHandlerTest {
  static final Instant NOW = Instant.parse("2026-03-05T12:00:00Z");
  static final String SECRET = "whsec-test";

  /** Pushes are "number|epochSeconds|id" signed with HMAC-SHA256 in header X-Sig. */
  static final class PushCarrier implements Carrier, PushCapability {
    public CarrierId id() { return CarrierId.of("pusher"); }

    public boolean recognises(WebhookRequest r) {
      return r.header("X-Sig").isPresent();
    }

    public PushedTracking verify(WebhookRequest r) {
      if (!WebhookHandler.signaturesMatch(sign(r.bodyText()), r.header("X-Sig").orElse(""))) {
        throw new WebhookException(WebhookException.Reason.BAD_SIGNATURE, "bad signature");
      }
      String[] p = r.bodyText().split("\\|");
      Instant at = Instant.ofEpochSecond(Long.parseLong(p[1]));
      return new PushedTracking(id(), p[0], List.of(new TrackingEvent(OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
          TrackingStatus.IN_TRANSIT, "X", "moved", null, id())), at, p[2]);
    }
  }

  static String sign(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return java.util.Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private final Shipbridge shipbridge = Shipbridge.builder().discoverCarriers(false).carrier(new PushCarrier())
      .clock(Clock.fixed(NOW, ZoneOffset.UTC)).webhookReplayWindow(Duration.ofMinutes(5)).build();

  private static WebhookRequest push(String body, String sig) {
    return WebhookRequest.of(body.getBytes(StandardCharsets.UTF_8), Map.of("x-sig", List.of(sig)));
  }

  @Test
  void acceptsACorrectlySignedFreshNotification() {
    String body = "LP00123456789012|" + NOW.minusSeconds(30).getEpochSecond() + "|m1";
    PushedTracking p = shipbridge.webhooks().handle(push(body, sign(body)));
    assertThat(p.trackingNumber()).isEqualTo("LP00123456789012");
    assertThat(p.events()).hasSize(1);
  }

  @Test
  void refusesABadSignature() {
    String body = "LP00123456789012|" + NOW.getEpochSecond() + "|m2";
    assertThatThrownBy(() -> shipbridge.webhooks().handle(push(body, sign(body + "x"))))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(WebhookException.Reason.BAD_SIGNATURE));
  }

  @Test
  void refusesANotificationOutsideTheReplayWindow() {
    String body = "LP00123456789012|" + NOW.minus(Duration.ofMinutes(6)).getEpochSecond() + "|m3";
    assertThatThrownBy(() -> shipbridge.webhooks().handle(push(body, sign(body))))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(WebhookException.Reason.STALE));
  }

  @Test
  void refusesTheSameNotificationTwice() {
    String body = "LP00123456789012|" + NOW.getEpochSecond() + "|m4";
    shipbridge.webhooks().handle(push(body, sign(body)));
    assertThatThrownBy(() -> shipbridge.webhooks().handle(push(body, sign(body))))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(WebhookException.Reason.DUPLICATE));
  }

  @Test
  void refusesWhatNoCarrierRecognisesNamingTheCarriersTried() {
    assertThatThrownBy(() -> shipbridge.webhooks().handle(WebhookRequest.of(new byte[0], Map.of())))
        .isInstanceOfSatisfying(WebhookException.class, e -> {
          assertThat(e.reason()).isEqualTo(WebhookException.Reason.UNRECOGNISED);
          assertThat(e.getMessage()).contains("pusher");
        });
  }

  @Test
  void headersAreMatchedWithoutRegardToCase() {
    WebhookRequest r = WebhookRequest.of(new byte[0], Map.of("Content-Type", List.of("application/json; charset=utf-8")));
    assertThat(r.header("content-type")).isPresent();
    assertThat(r.mediaType()).isEqualTo("application/json");
  }

  @Test
  void signatureComparisonNeedsTheExactValue() {
    assertThat(WebhookHandler.signaturesMatch("abc", "abc")).isTrue();
    assertThat(WebhookHandler.signaturesMatch("abc", "abd")).isFalse();
    assertThat(WebhookHandler.signaturesMatch("abc", null)).isFalse();
  }
}
