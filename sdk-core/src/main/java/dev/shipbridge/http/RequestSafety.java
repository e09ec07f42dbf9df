package dev.shipbridge.http;

/**
 * Whether a request may be sent again after it may have reached the carrier. Decides what a
 * failure after sending means: retryable, or outcome unknown.
 */
public enum RequestSafety {
  /** Reads and other calls without side effects: any failure may be retried. */
  IDEMPOTENT,
  /** A state change the carrier deduplicates by an idempotency key sent with it: safe to retry. */
  IDEMPOTENT_WITH_KEY,
  /**
   * A state change the carrier does not deduplicate: retried only when it provably never left
   * (connect, DNS, TLS failures); otherwise the failure is outcome-unknown.
   */
  NON_IDEMPOTENT
}
