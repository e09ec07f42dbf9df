package dev.shipbridge.model;

/** The tracking events a subscription delivers. */
public enum SubscriptionEvent {
  /** Every new tracking update (not "delayed"). */
  ALL_UPDATES,
  /** Delivered, delayed, or action needed (redelivery, pickup). */
  DELIVERY_ACTIVITY,
  /** The parcel is delayed. */
  PACKAGE_DELAYED,
  /** Every scan, in the carrier's detailed scan format (USPS: Mailer ID subscriptions of configured mailers only). */
  SCAN_EVENT_EXTRACT
}
