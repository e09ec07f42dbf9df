package dev.shipbridge.usps.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Wire records of Subscriptions - Tracking ({@code /subscriptions-tracking/v3r2}). */
final class SubscriptionWire {
  private SubscriptionWire() {}

  /**
   * {@code TrackingSubscription}: the body of POST and PUT, and every answer. {@code secret} is
   * sent, never read back into the model.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Subscription(String subscriptionId, String listenerURL, String secret, String status, String statusReason,
      List<Email> adminNotification, String creationTimestamp, String statusChangeTimestamp,
      String expirationTimestamp, Filter filterProperties) {
    @Override
    public String toString() {
      return "Subscription[subscriptionId=" + subscriptionId + ", secret=***]";
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Email(String email) {}

  /** {@code MIDTrackingFilter} or {@code TrackingNumberFilter}: one of the two keys is set. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Filter(@JsonProperty("MID") String mid, String trackingNumber, List<String> trackingEventTypes) {}

  /** The list answer: a page of subscriptions and its metadata. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Page(List<Subscription> subscriptions) {}
}
