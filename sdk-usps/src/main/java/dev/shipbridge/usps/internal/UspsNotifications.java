package dev.shipbridge.usps.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.WebhookException;
import dev.shipbridge.WebhookHandler;
import dev.shipbridge.WebhookRequest;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.spi.support.ReplayGuard;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.PushedTracking;
import dev.shipbridge.model.Tracking;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * USPS tracking-subscription notifications ({@code POST /notifications} of {@code
 * subscriptions-tracking/v3r2}): JSON with {@code subscriptionId}, {@code timestamp} and {@code
 * payload} (the tracking detail as JSON text, escaped or not), signed in {@code X-HMAC} (formerly
 * {@code hmac-header}) as Base64(HMAC-SHA256(secret, timestamp + payload)); unsigned is refused.
 */
public final class UspsNotifications implements dev.shipbridge.spi.PushCapability {
  /** The configured secret, or null. */
  private final byte[] secret;
  /** The secrets of subscriptions created through the bound carrier, or null. */
  private final SubscriptionSecrets subscriptions;

  /**
   * Verifies with the secret of the notification's subscription when {@code subscriptions} knows
   * it, else with {@code secret} (the builder's {@code webhookSecret}, masked by value); either may
   * be null.
   */
  public UspsNotifications(String secret, SubscriptionSecrets subscriptions) {
    this.secret = secret == null ? null : secret.getBytes(StandardCharsets.UTF_8);
    this.subscriptions = subscriptions;
  }

  /**
   * A JSON body with the notification's fields, signed or not: an unsigned one is then refused as
   * {@link WebhookException.Reason#UNSIGNED}, not left unrecognised.
   */
  @Override
  public boolean recognises(WebhookRequest request) {
    String mt = request.mediaType();
    if (!mt.isEmpty() && !mt.equals("application/json")) return false;
    String body = request.bodyText();
    return body.contains("\"payload\"") && (body.contains("\"subscriptionId\"") || body.contains("\"timestamp\""));
  }

  /**
   * Verifies {@code X-HMAC} in constant time and reads the payload's tracking events; the
   * notification's identity is a digest of exactly {@code timestamp + payload}. No replay rule here:
   * {@code Shipbridge.webhooks()} applies it.
   */
  @Override
  public PushedTracking verify(WebhookRequest request) {
    byte[] raw = request.body();
    if (raw.length > WebhookRequest.MAX_BODY_BYTES) {
      throw new WebhookException(WebhookException.Reason.TOO_LARGE,
          "USPS notification is larger than " + WebhookRequest.MAX_BODY_BYTES + " bytes; not read");
    }
    String given = request.header("X-HMAC").or(() -> request.header("hmac-header")).orElse("");
    if (given.isBlank()) {
      throw new WebhookException(WebhookException.Reason.UNSIGNED,
          "USPS notification has no X-HMAC header: unsigned, refused (set a secret on the subscription)");
    }
    JsonNode root;
    try {
      root = JsonCodec.standard().mapper().readTree(raw);
    } catch (java.io.IOException | RuntimeException e) {
      throw new WebhookException(WebhookException.Reason.BAD_SIGNATURE, "USPS notification is not JSON; not verified");
    }
    String timestamp = root == null ? null : text(root.get("timestamp"));
    String payload = root == null ? null : text(root.get("payload"));
    String subscriptionId = root == null ? null : text(root.get("subscriptionId"));
    byte[] key = subscriptions == null ? null
        : subscriptions.of(subscriptionId).map(k -> k.getBytes(StandardCharsets.UTF_8)).orElse(null);
    if (key == null) key = secret;
    if (key == null) {
      throw new WebhookException(WebhookException.Reason.BAD_SIGNATURE, "USPS notification of a subscription whose "
          + "secret is unknown here: create it through Shipbridge or configure UspsCarrier.builder().webhookSecret(...)");
    }
    if (timestamp == null || payload == null
        || !WebhookHandler.signaturesMatch(hmac(key, timestamp + payload), given)) {
      throw new WebhookException(WebhookException.Reason.BAD_SIGNATURE,
          "USPS notification's X-HMAC does not match timestamp + payload under the subscription's secret");
    }
    Instant sentAt;
    try {
      sentAt = OffsetDateTime.parse(timestamp).toInstant();
    } catch (DateTimeParseException e) {
      throw malformed("its timestamp is not ISO-8601");
    }
    JsonNode detail = parsePayload(payload);
    String number = text(detail.get("trackingNumber"));
    if (number == null || number.isBlank()) throw malformed("its payload has no trackingNumber");
    Tracking t;
    try {
      TrackWire.Detail d = JsonCodec.standard().convert(CarrierId.USPS, detail, TrackWire.Detail.class);
      t = TrackMapper.fromDetail(d, number);
    } catch (RuntimeException e) {
      throw malformed("its payload is not a tracking detail");
    }
    // Identified by exactly the bytes the HMAC covers; subscriptionId is not signed.
    return new PushedTracking(CarrierId.USPS, t.trackingNumber(), t.events(), sentAt,
        "hmac:" + ReplayGuard.digest(timestamp + payload));
  }

  private static JsonNode parsePayload(String payload) {
    for (String candidate : new String[] {payload, payload.replace("\\\"", "\"")}) {
      try {
        JsonNode n = JsonCodec.standard().mapper().readTree(candidate);
        if (n != null && n.isObject()) return n;
      } catch (java.io.IOException | RuntimeException ignored) {
        // try the next reading
      }
    }
    throw malformed("its payload is not a JSON object");
  }

  static String hmac(byte[] secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() || !n.isValueNode() ? null : n.asText();
  }

  private static WebhookException malformed(String why) {
    return new WebhookException(WebhookException.Reason.MALFORMED, "USPS notification is signed but " + why);
  }

  @Override
  public String toString() {
    return "UspsNotifications[secret=***]";
  }
}
