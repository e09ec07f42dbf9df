package dev.shipbridge;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.PushedTracking;
import dev.shipbridge.spi.support.ReplayGuard;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.PushCapability;
import dev.shipbridge.spi.ReplayStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Verifies pushed tracking notifications from any configured carrier (USPS: HMAC-SHA256 with your
 * subscription secret; Cainiao: {@code data_digest}), in constant time, then applies the replay
 * rule: a send time outside the replay window, an identity (what the signature covers) already
 * accepted within the retention, or a parcel's push that is not newer than the last is refused
 * (see {@link ReplayStore}). Thread-safe; get it from {@link Shipbridge#webhooks()}.
 *
 * <pre>{@code
 * // in your HTTP endpoint
 * try {
 *   PushedTracking push = shipbridge.webhooks().handle(WebhookRequest.read(in, headers));
 *   store(push.trackingNumber(), push.events());
 *   return 200;
 * } catch (WebhookException e) {
 *   return switch (e.reason()) {
 *     case BAD_SIGNATURE, UNSIGNED -> 401;
 *     case TOO_LARGE -> 413;
 *     case REPLAY_MEMORY_FULL -> 503;
 *     default -> 400;
 *   };
 * }
 * }</pre>
 */
public final class WebhookHandler {
  private final Map<CarrierId, PushCapability> carriers;
  /** On a root instance, its accounts' carriers of ids it has none of (their secrets are in the root's memory). */
  private final Map<CarrierId, PushCapability> fromAccounts = new java.util.concurrent.ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration replayWindow;
  private final ReplayStore store;
  private final Duration retention;

  WebhookHandler(Map<CarrierId, PushCapability> carriers, Clock clock, Duration replayWindow, ReplayStore store,
      Duration retention) {
    this.carriers = Map.copyOf(carriers);
    this.clock = clock;
    this.replayWindow = replayWindow;
    this.store = store;
    if (retention.compareTo(replayWindow) < 0) throw new IllegalArgumentException("replay retention must be at least the replay window");
    this.retention = retention;
  }

  /** The push capabilities of {@code bound} carriers, by id. */
  static Map<CarrierId, PushCapability> pushes(Map<CarrierId, Carrier> bound) {
    Map<CarrierId, PushCapability> push = new LinkedHashMap<>();
    for (Carrier c : bound.values()) c.capability(PushCapability.class).ifPresent(p -> push.put(c.id(), p));
    return push;
  }

  /**
   * Also verifies the pushes of {@code account}'s carriers of ids this handler has none of (the
   * first account's, kept: a carrier's subscription secrets live in the root's {@link
   * dev.shipbridge.spi.CarrierMemory}, so one verifies for every account).
   */
  void learn(WebhookHandler account) {
    account.carriers.forEach((id, push) -> {
      if (!carriers.containsKey(id)) fromAccounts.putIfAbsent(id, push);
    });
  }

  /** The carriers whose pushes this handler verifies. */
  public List<CarrierId> carriers() {
    return Stream.concat(carriers.keySet().stream(), fromAccounts.keySet().stream()).sorted().toList();
  }

  /**
   * Verifies and reads one notification.
   *
   * @throws WebhookException when no carrier recognises it, it is unsigned or its signature is
   *     wrong, it is outside the replay window, already accepted or not newer than what was
   *     accepted for its parcel
   */
  public PushedTracking handle(WebhookRequest request) {
    Objects.requireNonNull(request, "request");
    PushCapability carrier = Stream.concat(carriers.values().stream(), fromAccounts.values().stream())
        .filter(c -> c.recognises(request)).findFirst()
        .orElseThrow(() -> new WebhookException(WebhookException.Reason.UNRECOGNISED,
            "No configured carrier recognises this notification. Tried: " + carriers()));
    PushedTracking push = carrier.verify(request);
    Instant now = clock.instant();
    if (push.sentAt() != null && Duration.between(push.sentAt(), now).abs().compareTo(replayWindow) > 0) {
      throw new WebhookException(WebhookException.Reason.STALE,
          push.carrier() + " notification sent at " + push.sentAt() + " is outside the replay window of " + replayWindow);
    }
    PushedTracking identified = push.messageId() != null ? push
        : new PushedTracking(push.carrier(), push.trackingNumber(), push.events(), push.sentAt(),
            "body:" + ReplayGuard.digest(request.body()));
    ReplayGuard.admit(store, identified, now, retention);
    return push;
  }

  /** Constant-time comparison of two signatures given as text; for {@link PushCapability} implementations. */
  public static boolean signaturesMatch(String expected, String actual) {
    if (expected == null || actual == null) return false;
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.trim().getBytes(StandardCharsets.UTF_8));
  }
}
