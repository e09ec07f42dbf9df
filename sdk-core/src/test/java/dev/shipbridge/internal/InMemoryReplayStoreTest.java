package dev.shipbridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.spi.ReplayStore;
import dev.shipbridge.spi.ReplayStore.Verdict;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryReplayStoreTest {
  static final Instant T0 = Instant.parse("2026-03-05T12:00:00Z");
  static final Duration WEEK = Duration.ofDays(7);

  @Test
  void anIdentityIsRememberedForTheWholeRetentionThenForgotten() {
    ReplayStore store = ReplayStore.inMemory(10);
    assertThat(store.admit("a", null, null, T0, WEEK)).isEqualTo(Verdict.ACCEPTED);
    assertThat(store.admit("a", null, null, T0.plus(Duration.ofDays(6)), WEEK)).isEqualTo(Verdict.DUPLICATE);
    assertThat(store.admit("a", null, null, T0.plus(Duration.ofDays(8)), WEEK)).isEqualTo(Verdict.ACCEPTED);
  }

  @Test
  void aParcelsPushesMustMoveForward() {
    ReplayStore store = ReplayStore.inMemory(10);
    assertThat(store.admit("a", "p", T0, T0, WEEK)).isEqualTo(Verdict.ACCEPTED);
    assertThat(store.admit("b", "p", T0, T0, WEEK)).isEqualTo(Verdict.NOT_NEWER);
    assertThat(store.admit("c", "p", T0.minusSeconds(1), T0, WEEK)).isEqualTo(Verdict.NOT_NEWER);
    assertThat(store.admit("d", "p", T0.plusSeconds(1), T0, WEEK)).isEqualTo(Verdict.ACCEPTED);
    assertThat(store.admit("e", "other", T0, T0, WEEK)).isEqualTo(Verdict.ACCEPTED);
  }

  @Test
  void aFullStoreRefusesUntilIdentitiesExpire() {
    ReplayStore store = ReplayStore.inMemory(2);
    assertThat(store.admit("a", null, null, T0, WEEK)).isEqualTo(Verdict.ACCEPTED);
    assertThat(store.admit("b", null, null, T0, WEEK)).isEqualTo(Verdict.ACCEPTED);
    assertThat(store.admit("c", null, null, T0, WEEK)).isEqualTo(Verdict.FULL);
    assertThat(store.admit("a", null, null, T0, WEEK)).isEqualTo(Verdict.DUPLICATE);
    assertThat(store.admit("c", null, null, T0.plus(WEEK).plusSeconds(1), WEEK)).isEqualTo(Verdict.ACCEPTED);
  }
}
