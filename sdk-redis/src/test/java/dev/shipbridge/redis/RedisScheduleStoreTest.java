package dev.shipbridge.redis;

import dev.shipbridge.tracking.ScheduleStore;
import dev.shipbridge.tracking.ScheduleStoreContract;

/** The ScheduleStore contract, on the Redis the tests use (skipped, saying so, without one). */
class RedisScheduleStoreTest extends ScheduleStoreContract {
  @Override
  protected ScheduleStore newStore() {
    return RedisScheduleStore.connect(io.lettuce.core.RedisURI.create(RedisTestSupport.url()), RedisTestSupport.freshPrefix() + "{t}:",
        java.time.Duration.ofSeconds(2));
  }
}
