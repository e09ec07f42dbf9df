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
 * <p>Everything under {@code dev.shipbridge.cainiao.internal} is private to the adapter.
 */
package dev.shipbridge.cainiao;
