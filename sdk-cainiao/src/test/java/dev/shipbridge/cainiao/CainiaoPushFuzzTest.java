package dev.shipbridge.cainiao;

import static dev.shipbridge.testkit.Malformations.mutate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.ShipbridgeException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Forged LINK pushes: mutated content, mutated digests, random digests. None may be accepted. */
class CainiaoPushFuzzTest {
  static final String SECRET = "link-secret-key";
  static final java.time.Clock CLOCK = java.time.Clock.fixed(java.time.Instant.parse("2026-03-02T02:00:00Z"), java.time.ZoneOffset.UTC);
  static final String CONTENT = "{\"mailNo\":\"LP00123456789012\",\"traceDetail\":{\"actionCode\":\"GWMS_ACCEPT\","
      + "\"time\":1772413200000,\"timeZone\":\"+8\",\"standardDesc\":\"Accepted\",\"location\":\"Hangzhou\"}}";

  static String digest(String content) throws Exception {
    byte[] md5 = MessageDigest.getInstance("MD5").digest((content + SECRET).getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(md5);
  }

  static String form(String content, String digest) {
    return "msg_type=TRACEPUSH&logistics_interface=" + URLEncoder.encode(content, StandardCharsets.UTF_8)
        + "&data_digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8);
  }

  @Test
  void theGenuinePushIsAccepted() throws Exception {
    CainiaoPush.Notification n = CainiaoPush.of(SECRET).withClock(CLOCK).parseForm(form(CONTENT, digest(CONTENT)));
    assertThat(n.trackingNumber()).isEqualTo("LP00123456789012");
  }

  @Test
  void tenThousandFuzzedPushesAreNeverAccepted() throws Exception {
    Random r = new Random(7L);
    String goodDigest = digest(CONTENT);
    CainiaoPush push = CainiaoPush.of(SECRET).withClock(CLOCK);
    int accepted = 0;
    for (int i = 0; i < 10_000; i++) {
      String content = CONTENT;
      String dig = goodDigest;
      switch (i % 4) {
        case 0 -> content = mutate(CONTENT, r);
        case 1 -> dig = mutate(goodDigest, r);
        case 2 -> { content = mutate(CONTENT, r); dig = mutate(goodDigest, r); }
        default -> { byte[] b = new byte[16]; r.nextBytes(b); dig = Base64.getEncoder().encodeToString(b); }
      }
      if (content.equals(CONTENT) && dig.equals(goodDigest)) continue;
      try {
        push.parseForm(form(content, dig));
        accepted++;
      } catch (ShipbridgeException refused) {
        // a typed refusal: bad digest or malformed content
      }
    }
    assertThat(accepted).isZero();
  }
}
