package dev.shipbridge.cainiao.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CainiaoTimesTest {
  @Test
  void epochMillisecondsAreReadAsAnInstant() {
    assertThat(CainiaoTimes.fromEpoch(1770362717000L).toInstant()).isEqualTo(Instant.parse("2026-02-06T07:25:17Z"));
    assertThat(CainiaoTimes.parse("1770362717000", "GMT+2").toInstant()).isEqualTo(Instant.parse("2026-02-06T07:25:17Z"));
  }

  @Test
  void pushTimesWithDashesInTheTimePartAreRead() {
    assertThat(CainiaoTimes.parse("2026-03-09 08-15-30", "America/New_York").toInstant())
        .isEqualTo(Instant.parse("2026-03-09T12:15:30Z"));
  }

  @Test
  void zoneLabelsOfEveryObservedFormAreUnderstood() {
    assertThat(CainiaoTimes.zone("GMT+8")).isEqualTo(ZoneOffset.ofHours(8));
    assertThat(CainiaoTimes.zone("GMT+0800")).isEqualTo(ZoneOffset.ofHours(8));
    assertThat(CainiaoTimes.zone("GMT+02:00")).isEqualTo(ZoneOffset.ofHours(2));
    assertThat(CainiaoTimes.zone("GMT+2")).isEqualTo(ZoneOffset.ofHours(2));
    assertThat(CainiaoTimes.zone("UTC+1")).isEqualTo(ZoneOffset.ofHours(1));
    assertThat(CainiaoTimes.zone("GMT-5")).isEqualTo(ZoneOffset.ofHours(-5));
    assertThat(CainiaoTimes.zone("Asia/Shanghai")).isEqualTo(ZoneId.of("Asia/Shanghai"));
  }

  @Test
  void aTextTimeWithoutZoneIsBeijingTime() {
    assertThat(CainiaoTimes.parse("2026-02-06 15:25:17", "").toInstant()).isEqualTo(Instant.parse("2026-02-06T07:25:17Z"));
    assertThat(CainiaoTimes.parse("2026-02-06 15:25:17", "no such zone").getOffset()).isEqualTo(ZoneOffset.ofHours(8));
  }

  @Test
  void aTrailingOffsetInTheTextWins() {
    assertThat(CainiaoTimes.parse("2025-09-12 12:54:13 UTC+1", "GMT+8").toInstant())
        .isEqualTo(Instant.parse("2025-09-12T11:54:13Z"));
  }

  @Test
  void unreadableTimesAreNullNotExceptions() {
    assertThat(CainiaoTimes.parse("yesterday", null)).isNull();
    assertThat(CainiaoTimes.parse("2026-13-45 99:99:99", null)).isNull();
    assertThat(CainiaoTimes.parse(null, null)).isNull();
  }
}
