package dev.shipbridge.spring.boot;

import dev.shipbridge.WebhookHandler;
import dev.shipbridge.WebhookRequest;
import dev.shipbridge.model.PushedTracking;

/** How the webhook endpoint hands a push to the facade (counted when Micrometer is present); not API. */
@FunctionalInterface
interface WebhookGate {
  PushedTracking handle(WebhookHandler handler, WebhookRequest request);
}
