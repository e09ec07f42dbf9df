package dev.shipbridge.redis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.tracking.Claimed;
import dev.shipbridge.tracking.ParcelState;
import dev.shipbridge.tracking.ScheduleStore;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The fleet figures at scale, not part of {@code verify} (opt in with {@code
 * -Dshipbridge.bench.parcels=1000000}): loads N watched parcels into Redis, then 3 instances
 * (threads, one connection each) claim due parcels in batches of 35 and complete each with a new
 * state, the batch in one {@code completeAll} call, as a scheduler pass does, until every parcel
 * was claimed once. Prints claims per second
 * and Redis bytes per parcel. The command is in BENCHMARKS.md.
 */
class MillionParcelBenchmark {
  @Test
  void claimsPerSecondAndBytesPerParcel() throws Exception {
    int n = Integer.getInteger("shipbridge.bench.parcels", 0);
    assumeTrue(n > 0, "benchmark: set -Dshipbridge.bench.parcels=1000000 to run it");
    String url = RedisTestSupport.url();
    String prefix = RedisTestSupport.freshPrefix() + "{bench}:";
    Instant t0 = Instant.parse("2026-03-02T00:00:00Z");
    List<RedisScheduleStore> stores = new ArrayList<>();
    for (int i = 0; i < 3; i++) stores.add(RedisScheduleStore.connect(RedisURI.create(url), prefix, Duration.ofSeconds(10)));
    try {
      long loadStart = System.nanoTime();
      List<Thread> loaders = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        int k = i;
        Thread loader = new Thread(() -> {
          for (int j = k; j < n; j += 3) {
            String number = String.format("9400111%015d", j);
            ParcelState p = new ParcelState(number, CarrierId.USPS, "default", null, dev.shipbridge.model.TrackingStatus.IN_TRANSIT,
                t0, t0.plusSeconds(j % 86_400), t0, t0.plusSeconds(j % 3_600), 0, j % 10 < 3, null, "AAAAAABBBBBBCCCCCCDDDDDD");
            stores.get(k).add(p);
          }
        });
        loader.start();
        loaders.add(loader);
      }
      for (Thread t : loaders) t.join();
      double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
      long bytes = stores.get(0).memoryUsage();
      AtomicLong claimed = new AtomicLong();
      Instant now = t0.plusSeconds(3_600);
      long start = System.nanoTime();
      List<Thread> workers = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        RedisScheduleStore s = stores.get(i);
        String owner = "bench-" + i;
        Thread worker = new Thread(() -> {
          while (true) {
            List<Claimed> c = s.claimDue("usps/default", now, 35, Duration.ofMinutes(2), owner);
            if (c.isEmpty()) return;
            List<ScheduleStore.Completion> done = new ArrayList<>(c.size());
            for (Claimed x : c) done.add(new ScheduleStore.Completion(x, x.state().withSchedule(now.plus(Duration.ofHours(6)), null), 0, List.of()));
            s.completeAll(done);
            claimed.addAndGet(c.size());
          }
        });
        worker.start();
        workers.add(worker);
      }
      for (Thread t : workers) t.join();
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("parcels=%d load=%.1fs claimed+completed=%d in %.1fs: %.0f claims/s; redis bytes/parcel=%d%n",
          n, loadSeconds, claimed.get(), seconds, claimed.get() / seconds, bytes / n);
    } finally {
      for (RedisScheduleStore s : stores) s.close();
      try (var c = io.lettuce.core.RedisClient.create(url).connect()) {
        var keys = c.sync().keys(prefix + "*");
        if (!keys.isEmpty()) c.sync().unlink(keys.toArray(new String[0]));
      }
    }
  }
}
