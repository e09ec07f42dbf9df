package dev.shipbridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterParsingTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);

  @Test
  void absurdRetryAfterValuesAreReadWithoutOverflowAtTheCap() {
    for (String v : new String[] {"315360000", "10000000000", String.valueOf(Long.MAX_VALUE), "9".repeat(40),
        "Fri, 31 Dec 9999 23:59:59 GMT"}) {
      assertThat(WireErrors.parseRetryAfter(v, CLOCK)).as(v).isEqualTo(WireErrors.MAX_RETRY_AFTER);
    }
    assertThat(WireErrors.parseRetryAfter("86399", CLOCK)).isEqualTo(Duration.ofSeconds(86399));
    assertThat(WireErrors.parseRetryAfter("-5", CLOCK)).isNull();
    assertThat(WireErrors.parseRetryAfter("", CLOCK)).isNull();
  }
}
