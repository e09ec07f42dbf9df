package dev.shipbridge.redis.internal;

import static dev.shipbridge.redis.internal.RedisLink.bytes;

import dev.shipbridge.spi.ReplayStore;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A {@link ReplayStore} shared by a fleet: one Lua script decides atomically, so two receivers
 * admitting the same push at once see one {@code ACCEPTED}. An identity is a key {@code
 * <prefix>replay:id:<identity>} and a parcel's newest accepted event a key {@code
 * <prefix>replay:parcel:<parcel>} (epoch milliseconds), both expiring after the retention (Redis
 * time). Redis's {@code maxmemory} bounds the count: with {@code noeviction}, a full Redis refuses
 * the write, and so does this store. While Redis is unreachable every push is refused ({@link
 * Verdict#FULL}): an accept could let a replay through.
 */
public final class RedisReplayStore implements ReplayStore {
  private static final String ADMIT = """
      if redis.call('EXISTS', KEYS[1]) == 1 then return 1 end
      if ARGV[1] ~= '' then
        local mark = redis.call('GET', KEYS[2])
        if mark and tonumber(mark) >= tonumber(ARGV[1]) then return 2 end
      end
      redis.call('SET', KEYS[1], '1', 'PX', ARGV[2])
      if ARGV[1] ~= '' then redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2]) end
      return 0""";

  private final RedisLink link;
  private final String keyPrefix;

  public RedisReplayStore(RedisLink link, String keyPrefix) {
    this.link = Objects.requireNonNull(link, "link");
    this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
  }

  @Override
  public Verdict admit(String identity, String parcel, Instant newestEvent, Instant now, Duration retention) {
    Objects.requireNonNull(identity, "identity");
    if (!link.shouldTry()) return Verdict.FULL;
    byte[][] keys = {bytes(keyPrefix + "replay:id:" + identity),
        bytes(keyPrefix + "replay:parcel:" + (parcel == null ? "-" : parcel))};
    String newest = parcel == null || newestEvent == null ? "" : Long.toString(newestEvent.toEpochMilli());
    try {
      Long r = link.commands().eval(ADMIT, ScriptOutputType.INTEGER, keys, bytes(newest),
          bytes(Long.toString(Math.max(1, retention.toMillis()))));
      link.succeeded();
      return switch (r == null ? -1 : r.intValue()) {
        case 0 -> Verdict.ACCEPTED;
        case 1 -> Verdict.DUPLICATE;
        case 2 -> Verdict.NOT_NEWER;
        default -> Verdict.FULL;
      };
    } catch (RuntimeException e) {
      link.failed(e);
      return Verdict.FULL;
    }
  }

  @Override
  public String toString() {
    return "RedisReplayStore[" + link.where() + ", prefix=" + keyPrefix + "]";
  }
}
