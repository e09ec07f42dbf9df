package dev.shipbridge.spi;

import dev.shipbridge.WebhookException;
import dev.shipbridge.WebhookRequest;
import dev.shipbridge.model.PushedTracking;

/**
 * Verifies and reads tracking notifications the carrier pushes to the user's server. The core's
 * {@link dev.shipbridge.WebhookHandler} asks each carrier whether it {@link #recognises} a request,
 * then has it {@link #verify} the one that does, and adds replay and duplicate checks.
 */
public interface PushCapability extends Capability {
  /** Cheap shape check (headers, fields); no verification. */
  boolean recognises(WebhookRequest request);

  /**
   * Checks the signature in constant time and parses the notification.
   *
   * @throws WebhookException with {@link WebhookException.Reason#BAD_SIGNATURE} or {@link
   *     WebhookException.Reason#MALFORMED}
   */
  PushedTracking verify(WebhookRequest request);
}
