package dev.shipbridge.testkit.conformance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The kit's virtual time: moved only by the facade's sleeper. */
final class KitClock extends Clock {
  private volatile Instant now;

  KitClock(Instant start) {
    this.now = start;
  }

  synchronized void advance(Duration d) {
    if (!d.isNegative()) now = now.plus(d);
  }

  @Override
  public Instant instant() {
    return now;
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
