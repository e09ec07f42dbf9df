/**
 * The Redis implementations behind {@link dev.shipbridge.redis.ShipbridgeRedis}: the connection and
 * its health, the Bucket4j rate limiters, the token store. Not for users.
 */
package dev.shipbridge.redis.internal;
