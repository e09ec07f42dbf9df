/**
 * Start here: {@link dev.shipbridge.Shipbridge}, the one object that quotes, labels and tracks
 * through every configured carrier, and the exceptions it throws.
 *
 * <pre>{@code
 * try (Shipbridge shipbridge = Shipbridge.builder().carrier(usps).carrier(cainiao).build()) {
 *   QuoteResult quotes = shipbridge.quote(request);
 *   Tracking tracking = shipbridge.track("9400111899223197428490");
 * }
 * }</pre>
 */
package dev.shipbridge;
