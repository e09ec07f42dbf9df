package dev.shipbridge.redis.internal;

import io.lettuce.core.ScriptOutputType;
import java.util.List;
import java.util.UUID;

/**
 * The fleet-wide return to Redis after an outage, for one quota under fail open. A hash beside the
 * bucket ({@code <bucket key>:rejoin}) records the instances back and {@code hold}: one window past
 * the latest local permit any may have granted. Until all {@code fleetSize} are back (or {@code
 * maxRecovery} passed), each grants from its local share only, recorded first; then every instance
 * holds the shared bucket until {@code hold} before its first Redis permit.
 */
final class FleetRejoin {
  /** The hash is recording: the local permit just recorded may be used. */
  static final long RECORDING = 0;
  /** The fleet was back before this call: the local permit just taken must not be used. */
  static final long WAS_DONE = 1;
  /** This call completed the fleet: the permit it recorded may be used; Redis after {@code hold}. */
  static final long COMPLETED = 2;

  // KEYS[1] hash; ARGV: member, latest+window, now, fleetSize, maxRecovery, ttl ms
  private static final String SCRIPT = String.join("\n",
      "local hold = tonumber(redis.call('HGET', KEYS[1], 'hold') or '0')",
      "local latest = tonumber(ARGV[2])",
      "if latest > hold then hold = latest end",
      "redis.call('HSET', KEYS[1], 'hold', string.format('%d', hold))",
      "redis.call('PEXPIRE', KEYS[1], ARGV[6])",
      "if redis.call('HGET', KEYS[1], 'done') == '1' then return {1, hold} end",
      "local now = tonumber(ARGV[3])",
      "local since = tonumber(redis.call('HGET', KEYS[1], 'since') or ARGV[3])",
      "redis.call('HSET', KEYS[1], 'since', string.format('%d', since))",
      "redis.call('HSET', KEYS[1], 'm:' .. ARGV[1], '1')",
      "local members = redis.call('HLEN', KEYS[1]) - 2",
      "if members >= tonumber(ARGV[4]) or now - since >= tonumber(ARGV[5]) then",
      "  redis.call('HSET', KEYS[1], 'done', '1')",
      "  return {2, hold}",
      "end",
      "return {0, hold}");

  private final RedisLink link;
  private final byte[] key;
  private final byte[] member = RedisLink.bytes(UUID.randomUUID().toString());
  private final int fleetSize;
  private final long maxRecoveryNanos;
  private final long ttlMillis;

  FleetRejoin(RedisLink link, String bucketKey, int fleetSize, long windowNanos) {
    this.link = link;
    this.key = RedisLink.bytes(bucketKey + ":rejoin");
    this.fleetSize = fleetSize;
    // an instance that never comes back (stopped) holds the fleet on local shares at most this long
    this.maxRecoveryNanos = 60 * windowNanos;
    this.ttlMillis = Math.max(60_000, 4 * maxRecoveryNanos / 1_000_000);
  }

  /**
   * Records this instance as back, with its latest local or Redis permit (or when it left) plus one
   * window, in epoch nanos; returns {@code {state, hold in epoch nanos}}. Throws when Redis is unreachable.
   */
  long[] record(long latestPlusWindowNanos, long nowNanos) {
    // Lua numbers are doubles: epoch microseconds stay exact, epoch nanoseconds would not
    List<Object> r = link.commands().eval(SCRIPT, ScriptOutputType.MULTI, new byte[][] {key}, member,
        num(Math.floorDiv(latestPlusWindowNanos, 1000) + 1), num(Math.floorDiv(nowNanos, 1000)), num(fleetSize),
        num(maxRecoveryNanos / 1000), num(ttlMillis));
    return new long[] {(Long) r.get(0), (Long) r.get(1) * 1000};
  }

  private static byte[] num(long n) {
    return RedisLink.bytes(Long.toString(n));
  }
}
