package dev.shipbridge;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.PushedTracking;
import dev.shipbridge.spi.PushCapability;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies pushed tracking notifications from any configured carrier: USPS tracking-subscription
 * notifications (HMAC-SHA256 with your subscription secret) and Cainiao LINK pushes ({@code
 * data_digest}). Signatures are compared in constant time; notifications older than the replay
 * window, or already accepted, are refused. Thread-safe; get it from {@link Shipbridge#webhooks()}.
 *
 * <pre>{@code
 * // in your HTTP endpoint
 * try {
 *   PushedTracking push = shipbridge.webhooks().handle(WebhookRequest.of(body, headers));
 *   store(push.trackingNumber(), push.events());
 *   return 200;
 * } catch (WebhookException e) {
 *   return e.reason() == WebhookException.Reason.BAD_SIGNATURE ? 401 : 400;
 * }
 * }</pre>
 */
public final class WebhookHandler {
  /** How many accepted notifications are remembered for duplicate detection. */
  public static final int MAX_REMEMBERED = 100_000;

  private final Map<CarrierId, PushCapability> carriers;
  private final Clock clock;
  private final Duration replayWindow;
  private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

  WebhookHandler(Map<CarrierId, PushCapability> carriers, Clock clock, Duration replayWindow) {
    this.carriers = Map.copyOf(carriers);
    this.clock = Objects.requireNonNull(clock, "clock");
    if (replayWindow.isNegative() || replayWindow.isZero()) throw new IllegalArgumentException("replayWindow must be positive");
    this.replayWindow = replayWindow;
  }

  /** The carriers whose pushes this handler verifies. */
  public List<CarrierId> carriers() {
    return carriers.keySet().stream().sorted().toList();
  }

  /**
   * Verifies and reads one notification.
   *
   * @throws WebhookException when no carrier recognises it, its signature is wrong, it is outside
   *     the replay window or it was already accepted
   */
  public PushedTracking handle(WebhookRequest request) {
    Objects.requireNonNull(request, "request");
    PushCapability carrier = null;
    for (PushCapability c : carriers.values()) {
      if (c.recognises(request)) {
        carrier = c;
        break;
      }
    }
    if (carrier == null) {
      throw new WebhookException(WebhookException.Reason.UNRECOGNISED,
          "No configured carrier recognises this notification. Tried: " + carriers());
    }
    PushedTracking push = carrier.verify(request);
    Instant now = clock.instant();
    if (push.sentAt() != null && Duration.between(push.sentAt(), now).abs().compareTo(replayWindow) > 0) {
      throw new WebhookException(WebhookException.Reason.STALE,
          push.carrier() + " notification sent at " + push.sentAt() + " is outside the replay window of " + replayWindow);
    }
    String key = push.carrier() + ":" + (push.messageId() != null ? push.messageId() : sha256(request.body()));
    synchronized (seen) {
      prune(now);
      if (seen.containsKey(key)) {
        throw new WebhookException(WebhookException.Reason.DUPLICATE, push.carrier() + " notification was already accepted");
      }
      seen.put(key, now);
      if (seen.size() > MAX_REMEMBERED) seen.remove(seen.keySet().iterator().next());
    }
    return push;
  }

  private void prune(Instant now) {
    Instant oldest = now.minus(replayWindow).minus(replayWindow);
    var it = seen.entrySet().iterator();
    while (it.hasNext()) {
      if (it.next().getValue().isBefore(oldest)) it.remove();
      else break;
    }
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Constant-time comparison of two signatures given as text; for {@link PushCapability} implementations. */
  public static boolean signaturesMatch(String expected, String actual) {
    if (expected == null || actual == null) return false;
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.trim().getBytes(StandardCharsets.UTF_8));
  }
}
