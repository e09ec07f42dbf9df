package dev.shipbridge.resilience;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Sleeps by moving the fake clock, and remembers every pause. */
final class RecordingSleeper implements Sleeper {
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final FakeClock clock;

  RecordingSleeper(FakeClock clock) {
    this.clock = clock;
  }

  @Override
  public void sleep(Duration d) {
    if (d.isZero() || d.isNegative()) return;
    sleeps.add(d);
    clock.advance(d);
  }
}
