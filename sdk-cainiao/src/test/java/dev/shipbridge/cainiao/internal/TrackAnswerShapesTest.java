package dev.shipbridge.cainiao.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.model.Handoff;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Real Cainiao tracking answer shapes (issue 16 items 10, 11, 12 and 14), from fixtures written from cainiao-api.md. */
class TrackAnswerShapesTest {
  private final CainiaoErrors.Call pub = Calls.read("global/detail.json");

  private Tracking tracking() {
    return TrackMapper.fromPublicDetail(Calls.wire("track/public-newest-first-equal-times.json", CainiaoWire.PublicAnswer.class), "LP00579396348112", pub);
  }

  @Test
  void eventsWithEqualTimesKeepTheCarriersOwnOrderAndTheLatestIsTheCarriersLatest() {
    Tracking t = tracking();
    assertThat(t.events()).extracting(TrackingEvent::rawCode)
        .containsExactly("GWMS_ACCEPT", "CC_IM_SUCCESS", "GTMS_ACCEPT", "GTMS_DO_DEPART");
    assertThat(t.latestEvent().orElseThrow().rawCode()).isEqualTo("GTMS_DO_DEPART");
    assertThat(t.status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
  }

  @Test
  void aPlacePrefixBecomesTheLocationAndTheDescriptionIsKeptAsIs() {
    Tracking t = tracking();
    TrackingEvent customs = t.events().get(1);
    assertThat(customs.location().facility()).isEqualTo("Budapest");
    assertThat(customs.description()).isEqualTo("【Budapest】Import customs clearance complete");
    assertThat(t.events().get(3).location().facility()).isEqualTo("Budapest");
    assertThat(t.events().get(3).description()).startsWith("[Budapest] ");
    assertThat(t.events().get(0).location().display()).isEmpty(); // no prefix, no place
    assertThat(TrackMapper.place("[ ] nothing")).isNull();
    assertThat(TrackMapper.place("Departed [Shenzhen]")).as("only a prefix").isNull();
  }

  @Test
  void epochMillisecondsAreTheInstantWhateverTheTimeStrAndTimeZoneLabelsSay() {
    Tracking t = tracking();
    // timeStr is Beijing wall time; the labels GMT+3, GMT+0 and GMT+2 lie about it
    assertThat(t.events()).extracting(e -> e.time().toInstant()).containsExactly(
        Instant.ofEpochMilli(1772416800000L), Instant.ofEpochMilli(1772589600000L),
        Instant.ofEpochMilli(1772762400000L), Instant.ofEpochMilli(1772762400000L));
    assertThat(t.events().get(0).time().toInstant()).isEqualTo(Instant.parse("2026-03-02T02:00:00Z"));
  }

  @Test
  void theLastMileCarrierNamedByCainiaoIsReportedEvenWithoutANewNumber() {
    Tracking t = tracking();
    assertThat(t.handoff()).isEqualTo(Handoff.hinted("Magyar Posta", null));
    assertThat(t.handoff().carrier()).isNull();
    assertThat(t.details()).containsEntry("lastMileCarrier", "Magyar Posta").doesNotContainKey("lastMileTrackingNumber");
  }

  @Test
  void aNewNumberForACarrierThatIsNotUspsIsReportedWithItsLabelAndTabRemoved() {
    String body = "{\"module\":[{\"mailNo\":\"LP00579396348112\",\"destCountry\":\"Canada\","
        + "\"realMailNo\":\"Latest Tracking Number:\\tRC123456785CA\",\"destCpInfo\":{\"cpCode\":\"CAPOST\"},"
        + "\"detailList\":[{\"time\":1772416800000,\"actionCode\":\"GWMS_ACCEPT\",\"desc\":\"Order received\"}]}]}";
    Tracking t = TrackMapper.fromPublicDetail(Calls.replyOf(body, CainiaoWire.PublicAnswer.class).body(),
        "LP00579396348112", pub);
    assertThat(t.handoff()).isEqualTo(Handoff.hinted("CAPOST", "RC123456785CA"));
  }
}
