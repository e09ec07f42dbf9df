package dev.shipbridge.spi.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.spi.TokenStore.Token;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryTokenStoreTest {
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
  private final InMemoryTokenStore store = new InMemoryTokenStore(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void concurrentCallersWithoutATokenShareOneFetch() throws Exception {
    AtomicInteger fetches = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<String> got = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      threads.add(new Thread(() -> {
        try {
          start.await();
          got.add(store.getOrFetch("usps:client", () -> {
            fetches.incrementAndGet();
            return new Token("t" + fetches.get(), NOW.plusSeconds(3600));
          }).value());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    threads.forEach(Thread::start);
    start.countDown();
    for (Thread t : threads) t.join(10_000);

    assertThat(fetches).hasValue(1);
    assertThat(got).hasSize(16).containsOnly("t1");
  }

  @Test
  void anExpiredTokenIsFetchedAgainAndAFailedFetchCachesNothing() {
    store.put("k", new Token("old", NOW));
    assertThatThrownBy(() -> store.getOrFetch("k", () -> {
      throw new IllegalStateException("token endpoint down");
    })).hasMessage("token endpoint down");
    assertThat(store.get("k")).isEmpty();

    assertThat(store.getOrFetch("k", () -> new Token("new", NOW.plusSeconds(60))).value()).isEqualTo("new");
    assertThat(store.getOrFetch("k", () -> new Token("newer", NOW.plusSeconds(60))).value()).isEqualTo("new");
  }
}
