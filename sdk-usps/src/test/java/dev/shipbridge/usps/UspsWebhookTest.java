package dev.shipbridge.usps;

import static dev.shipbridge.testkit.Malformations.mutate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.WebhookException;
import dev.shipbridge.WebhookException.Reason;
import dev.shipbridge.WebhookRequest;
import dev.shipbridge.spi.PushCapability;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.PushedTracking;
import dev.shipbridge.model.TrackingStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** USPS tracking-subscription notifications through the facade's webhook handler. */
class UspsWebhookTest {
  static final String SECRET = "MySecretKeyPhraseIs32BytesLength";
  static final String TIMESTAMP = "2025-02-07T18:00:00.747Z";
  static final Instant NOW = Instant.parse(TIMESTAMP).plusSeconds(20);

  private final Shipbridge shipbridge = shipbridge(Clock.fixed(NOW, ZoneOffset.UTC), true);

  @AfterEach
  void close() {
    shipbridge.close();
  }

  private static Shipbridge shipbridge(Clock clock, boolean withSecret) {
    UspsCarrier.Builder b = UspsCarrier.builder().clientId("id").clientSecret("secret").baseUrl("http://127.0.0.1:9");
    if (withSecret) b.webhookSecret(SECRET);
    return Shipbridge.builder().discoverCarriers(false).carrier(b.build()).clock(clock).build();
  }

  static String payload() {
    try (InputStream in = UspsWebhookTest.class.getResourceAsStream("/dev/shipbridge/usps/push/tracking-notification.payload.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String body(String timestamp, String payload) {
    ObjectNode n = JsonCodec.standard().mapper().createObjectNode();
    n.put("subscriptionId", "123456789").put("subscriptionType", "TRACKING").put("timestamp", timestamp).put("payload", payload);
    return n.toString();
  }

  static String hmac(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static WebhookRequest request(String body, String signature) {
    return WebhookRequest.of(body.getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", List.of("application/json"), "X-HMAC", List.of(signature)));
  }

  @Test
  void aSignedNotificationGivesTheParcelsEventsWithTheirStatus() {
    PushedTracking p = shipbridge.webhooks().handle(request(body(TIMESTAMP, payload()), hmac(SECRET, TIMESTAMP + payload())));
    assertThat(p.carrier()).isEqualTo(CarrierId.USPS);
    assertThat(p.trackingNumber()).isEqualTo("9400111899223197428490");
    assertThat(p.sentAt()).isEqualTo(Instant.parse(TIMESTAMP));
    assertThat(p.events()).singleElement().satisfies(e -> {
      assertThat(e.status()).isEqualTo(TrackingStatus.DELIVERED);
      assertThat(e.rawCode()).isEqualTo("01");
      assertThat(e.time().toInstant()).isEqualTo(Instant.parse("2025-02-07T17:55:12Z"));
    });
  }

  @Test
  void theSpecsEscapedPayloadFormIsReadToo() {
    String escaped = payload().replace("\"", "\\\"");
    PushedTracking p = shipbridge.webhooks().handle(request(body(TIMESTAMP, escaped), hmac(SECRET, TIMESTAMP + escaped)));
    assertThat(p.events()).hasSize(1);
  }

  @Test
  void theDeprecatedHmacHeaderIsAccepted() {
    WebhookRequest r = WebhookRequest.of(body(TIMESTAMP, payload()).getBytes(StandardCharsets.UTF_8),
        Map.of("hmac-header", List.of(hmac(SECRET, TIMESTAMP + payload()))));
    assertThat(shipbridge.webhooks().handle(r).trackingNumber()).isEqualTo("9400111899223197428490");
  }

  @Test
  void aNotificationSignedWithAnotherSecretIsRefused() {
    assertThatThrownBy(() -> shipbridge.webhooks().handle(request(body(TIMESTAMP, payload()), hmac("other-secret", TIMESTAMP + payload()))))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
  }

  @Test
  void aTamperedPayloadIsRefused() {
    String sig = hmac(SECRET, TIMESTAMP + payload());
    String tampered = payload().replace("DETROIT", "DENVER");
    assertThatThrownBy(() -> shipbridge.webhooks().handle(request(body(TIMESTAMP, tampered), sig)))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
  }

  @Test
  void aReplayedOldNotificationIsRefusedAsStale() {
    try (Shipbridge later = shipbridge(Clock.fixed(NOW.plusSeconds(3600), ZoneOffset.UTC), true)) {
      assertThatThrownBy(() -> later.webhooks().handle(request(body(TIMESTAMP, payload()), hmac(SECRET, TIMESTAMP + payload()))))
          .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALE));
    }
  }

  @Test
  void theSameNotificationTwiceIsRefusedAsADuplicate() {
    WebhookRequest r = request(body(TIMESTAMP, payload()), hmac(SECRET, TIMESTAMP + payload()));
    shipbridge.webhooks().handle(r);
    assertThatThrownBy(() -> shipbridge.webhooks().handle(r))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE));
  }

  @Test
  void withoutAWebhookSecretANotificationOfAnUnknownSubscriptionIsRefused() {
    try (Shipbridge noSecret = shipbridge(Clock.fixed(NOW, ZoneOffset.UTC), false)) {
      assertThatThrownBy(() -> noSecret.webhooks().handle(request(body(TIMESTAMP, payload()), hmac(SECRET, TIMESTAMP + payload()))))
          .isInstanceOfSatisfying(WebhookException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
            assertThat(e).hasMessageContaining("webhookSecret");
          });
    }
  }

  @Test
  void tenThousandFuzzedBodiesAndSignaturesAreNeverAccepted() {
    Random random = new Random(20261125L);
    String good = body(TIMESTAMP, payload());
    String goodSig = hmac(SECRET, TIMESTAMP + payload());
    int accepted = 0;
    for (int i = 0; i < 10_000; i++) {
      String b = good;
      String sig = goodSig;
      switch (i % 4) {
        case 0 -> b = mutate(good, random);
        case 1 -> sig = mutate(goodSig, random);
        case 2 -> { b = mutate(good, random); sig = mutate(goodSig, random); }
        default -> sig = Base64.getEncoder().encodeToString(randomBytes(random, 32));
      }
      if (b.equals(good) && sig.equals(goodSig)) continue;
      try {
        PushCapability carrier = UspsCarrier.builder().clientId("id").clientSecret("s").webhookSecret(SECRET).build()
            .capability(PushCapability.class).orElseThrow();
        WebhookRequest r = request(b, sig);
        if (carrier.recognises(r)) {
          carrier.verify(r);
          // a changed body can still verify when the change is outside timestamp and payload (JSON whitespace, other fields)
          if (!sameSignedContent(b, good)) accepted++;
        }
      } catch (WebhookException expected) {
        // refused
      }
    }
    assertThat(accepted).isZero();
  }

  private static String withSubscription(String timestamp, String payload, Object subscriptionId) {
    ObjectNode n = JsonCodec.standard().mapper().createObjectNode();
    if (subscriptionId instanceof String id) n.put("subscriptionId", id);
    else if (subscriptionId == null) n.putNull("subscriptionId");
    else n.putObject("subscriptionId").put("id", "x");
    n.put("subscriptionType", "TRACKING").put("timestamp", timestamp).put("payload", payload);
    return n.toString();
  }

  @Test
  void aSignedNotificationWithItsUnsignedSubscriptionIdChangedNulledOrAnObjectIsStillADuplicate() {
    String sig = hmac(SECRET, TIMESTAMP + payload());
    shipbridge.webhooks().handle(request(body(TIMESTAMP, payload()), sig));
    for (Object id : new Object[] {"987654321", null, Map.of()}) {
      assertThatThrownBy(() -> shipbridge.webhooks().handle(request(withSubscription(TIMESTAMP, payload(), id), sig)))
          .as(String.valueOf(id))
          .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE));
    }
  }

  @Test
  void fuzzedUnsignedFieldsNeverGetASignedNotificationAcceptedTwice() {
    Random random = new Random(15L);
    String sig = hmac(SECRET, TIMESTAMP + payload());
    shipbridge.webhooks().handle(request(body(TIMESTAMP, payload()), sig));
    int accepted = 0;
    for (int i = 0; i < 500; i++) {
      ObjectNode n = JsonCodec.standard().mapper().createObjectNode();
      if (random.nextBoolean()) n.put("subscriptionId", mutate("123456789", random));
      n.put("subscriptionType", mutate("TRACKING", random));
      if (random.nextBoolean()) n.put("extra" + random.nextInt(100), random.nextLong());
      n.put("timestamp", TIMESTAMP).put("payload", payload());
      try {
        shipbridge.webhooks().handle(request(random.nextBoolean() ? n.toString() : n.toPrettyString(), sig));
        accepted++;
      } catch (WebhookException refused) {
        assertThat(refused.reason()).isEqualTo(Reason.DUPLICATE);
      }
    }
    assertThat(accepted).isZero();
  }

  @Test
  void aSignedNotificationNotNewerThanOneAcceptedForTheParcelIsRefusedAsStale() {
    shipbridge.webhooks().handle(request(body(TIMESTAMP, payload()), hmac(SECRET, TIMESTAMP + payload())));
    String resent = "2025-02-07T18:00:05.000Z";
    assertThatThrownBy(() -> shipbridge.webhooks().handle(request(body(resent, payload()), hmac(SECRET, resent + payload()))))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALE));
  }

  @Test
  void aNotificationWithoutItsHmacHeaderIsRefusedAsUnsignedNotUnrecognised() {
    WebhookRequest unsigned = WebhookRequest.of(body(TIMESTAMP, payload()).getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", List.of("application/json")));
    assertThatThrownBy(() -> shipbridge.webhooks().handle(unsigned))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSIGNED));
    assertThatThrownBy(() -> shipbridge.webhooks().handle(request(body(TIMESTAMP, payload()), " ")))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSIGNED));
  }

  @Test
  void aNotificationOverTheBodyLimitIsRefusedBeforeItIsRead() {
    byte[] big = new byte[WebhookRequest.MAX_BODY_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    assertThatThrownBy(() -> shipbridge.webhooks().handle(WebhookRequest.read(new java.io.ByteArrayInputStream(big),
        Map.of("X-HMAC", List.of("x")))))
        .isInstanceOfSatisfying(WebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
  }

  private static boolean sameSignedContent(String body, String good) {
    try {
      var a = JsonCodec.standard().mapper().readTree(body);
      var g = JsonCodec.standard().mapper().readTree(good);
      return a.path("timestamp").asText().equals(g.path("timestamp").asText())
          && a.path("payload").asText().equals(g.path("payload").asText());
    } catch (IOException e) {
      return false;
    }
  }

  private static byte[] randomBytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }
}
