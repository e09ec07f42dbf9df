package dev.shipbridge.spi.support;

import dev.shipbridge.WebhookException;
import dev.shipbridge.model.PushedTracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.spi.ReplayStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The replay rule every verify entry point applies after the signature is checked: a notification
 * without a send time whose newest event is older than the retention is stale (its identity may
 * be forgotten), an identity already accepted is a duplicate, a parcel's pushes must move forward.
 * A {@link dev.shipbridge.spi.PushCapability} applies it once the signature is verified:
 *
 * <pre>{@code
 * PushedTracking push = parse(body);                        // after the signature check
 * ReplayGuard.admit(replayStore, push, clock.instant(), retention); // throws WebhookException
 * }</pre>
 */
public final class ReplayGuard {
  private ReplayGuard() {}

  /** Admits {@code push} or throws the {@link WebhookException} saying why not. */
  public static void admit(ReplayStore store, PushedTracking push, Instant now, Duration retention) {
    List<TrackingEvent> events = push.events();
    Instant newest = events.isEmpty() ? null : events.get(events.size() - 1).time().toInstant();
    if (push.sentAt() == null && newest != null && newest.isBefore(now.minus(retention))) {
      throw new WebhookException(WebhookException.Reason.STALE, push.carrier()
          + " notification's newest event is older than the replay retention of " + retention);
    }
    String identity = push.carrier() + ":" + (push.messageId() != null ? push.messageId() : "-");
    ReplayStore.Verdict v = store.admit(identity, push.carrier() + ":" + push.trackingNumber(), newest, now, retention);
    switch (v) {
      case ACCEPTED -> { }
      case DUPLICATE -> throw new WebhookException(WebhookException.Reason.DUPLICATE,
          push.carrier() + " notification was already accepted");
      case NOT_NEWER -> throw new WebhookException(WebhookException.Reason.STALE, push.carrier()
          + " notification's newest event is not newer than one already accepted for the parcel");
      case FULL -> throw new WebhookException(WebhookException.Reason.REPLAY_MEMORY_FULL,
          "the replay store is full; notification refused rather than an older one forgotten");
      default -> throw new IllegalStateException(String.valueOf(v));
    }
  }

  /** A short digest of signed content, to identify a notification by what its signature covers. */
  public static String digest(String signedContent) {
    return digest(signedContent.getBytes(StandardCharsets.UTF_8));
  }

  /** A short digest of signed bytes. */
  public static String digest(byte[] signed) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(signed));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
