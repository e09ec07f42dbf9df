/**
 * One carrier quota and one token cache shared by a fleet of JVMs, on Redis (Bucket4j + Lettuce).
 * Optional: add {@code shipbridge-redis} only when several instances share a carrier credential.
 *
 * <pre>{@code
 * ShipbridgeRedis redis = ShipbridgeRedis.builder("redis://127.0.0.1:6379").fleetSize(4).build();
 * Shipbridge.builder().rateLimiterProvider(redis.rateLimiters()).tokenStore(redis.tokenStore());
 * }</pre>
 */
package dev.shipbridge.redis;
