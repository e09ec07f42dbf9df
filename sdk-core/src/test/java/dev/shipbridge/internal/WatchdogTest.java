package dev.shipbridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WatchdogTest {
  @Test
  void runsTheActionOncePastTheDeadlineAndForgetsIt() throws InterruptedException {
    CountDownLatch ran = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    Watchdog.Watch w = Watchdog.watch(0, () -> {
      runs.incrementAndGet();
      ran.countDown();
    });
    assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(w.expired()).isTrue();
    w.done(); // harmless afterwards
    assertThat(runs).hasValue(1);
  }

  @Test
  void aWatchEndedInTimeNeverRuns() throws InterruptedException {
    AtomicInteger runs = new AtomicInteger();
    Watchdog.Watch w = Watchdog.watch(TimeUnit.HOURS.toNanos(1), runs::incrementAndGet);
    w.done();
    // a later deadline that does run proves the watchdog has looked past the first one's place
    CountDownLatch later = new CountDownLatch(1);
    Watchdog.watch(0, later::countDown);
    assertThat(later.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(w.expired()).isFalse();
    assertThat(runs).hasValue(0);
  }

  @Test
  void aFailingActionDoesNotStopTheWatchdog() throws InterruptedException {
    Watchdog.watch(0, () -> {
      throw new IllegalStateException("boom");
    });
    CountDownLatch next = new CountDownLatch(1);
    Watchdog.watch(0, next::countDown);
    assertThat(next.await(30, TimeUnit.SECONDS)).isTrue();
  }
}
