/**
 * Shipbridge on Redis: shared rate limits, tokens, replay guard and (with {@code
 * dev.shipbridge.tracking} present) the tracking schedule. {@code dev.shipbridge.redis.internal} is
 * not exported.
 */
module dev.shipbridge.redis {
  requires transitive dev.shipbridge.core;
  requires static transitive dev.shipbridge.tracking;
  requires io.github.bucket4j.core;
  requires io.github.bucket4j.lettuce;
  requires transitive lettuce.core;
  requires org.slf4j;

  exports dev.shipbridge.redis;
}
