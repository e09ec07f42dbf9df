/**
 * The Cainiao adapter: {@link dev.shipbridge.cainiao.CainiaoCarrier} quotes, labels, tracks and
 * hands over parcels through the AliExpress Open Platform (IOP) and Cainiao LINK gateways, and
 * {@link dev.shipbridge.cainiao.CainiaoPush} verifies the tracking pushes Cainiao LINK sends.
 *
 * <pre>{@code
 * Shipbridge shipbridge = Shipbridge.builder()
 *     .carrier(CainiaoCarrier.builder().appKey(key).appSecret(secret).accessToken(token).build())
 *     .build();
 * Tracking t = shipbridge.track("LP00123456789012");
 * }</pre>
 *
 * <h2>Numbers</h2>
 *
 * A label's tracking number is its Cainiao LP code ({@code LP00123456789012}): Cainiao's own,
 * assigned with the order, never changed. The international number (often a China Post S10
 * {@code ...CN} number) and the original one are in the label's details. The carrier recognises
 * LP codes, S10 numbers ending {@code CN} with a valid check digit, and Cainiao lane numbers
 * ({@code CNUSUP...}); never a USPS number.
 *
 * <h2>Labels and retries</h2>
 *
 * The create is sent as non-idempotent: a failure after it was sent is outcome-unknown and is not
 * retried. The request's idempotency key travels as the order's {@code out_order_id}, and a
 * repeated create Cainiao recognises (same AliExpress trade order, given as the request's
 * reference) resolves to the existing order. A label call retried in the same JVM after its order
 * was created resumes from that order.
 *
 * <p>A built {@code CainiaoCarrier} is configuration; {@code bind} (which {@code Shipbridge} calls)
 * returns the working carrier. Everything under {@code dev.shipbridge.cainiao.internal} is private.
 */
package dev.shipbridge.cainiao;
