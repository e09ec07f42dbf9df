package dev.shipbridge.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when told to. Thread-safe. */
final class FakeClock extends Clock {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-02T10:00:00Z"));

  Instant advance(Duration d) {
    return now.updateAndGet(i -> i.plus(d));
  }

  /** Moves forward to {@code t} if it is later than now. */
  void advanceTo(Instant t) {
    now.updateAndGet(i -> t.isAfter(i) ? t : i);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
