package dev.shipbridge.cainiao.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.NotFoundException;
import dev.shipbridge.model.Handoff;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingStatus;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TrackMapperTest {
  private final CainiaoErrors.Call iop = Calls.read(TrackMapper.METHOD);
  private final CainiaoErrors.Call pub = Calls.read("global/detail.json");

  @Test
  void queryTrackingResultEventsAreMappedAndOrderedOldestFirst() {
    Tracking t = TrackMapper.fromQueryTrackingResult(Calls.reply("track/query-tracking-result.response.json", CainiaoWire.TrackAnswer.class),
        "RB123456785CN", null, iop);
    assertThat(t.events()).extracting(TrackingEvent::rawCode).containsExactly(
        "GWMS_ACCEPT", "SC_INBOUND_SUCCESS", "SC_OUTBOUND_SUCCESS", "CC_EX_SUCCESS", "CC_TRANS\uFF3FSTART");
    assertThat(t.events().get(0).time().toInstant()).isEqualTo(Instant.ofEpochMilli(1772589600000L));
    assertThat(t.events().get(1).time().toInstant()).as("text time read as Beijing time")
        .isEqualTo(Instant.parse("2026-03-04T10:30:00Z"));
    assertThat(t.events().get(4).status()).isEqualTo(TrackingStatus.IN_CUSTOMS);
    assertThat(t.status()).isEqualTo(TrackingStatus.IN_CUSTOMS);
    assertThat(t.events().get(2).location().facility()).isEqualTo("[Mayong Town]");
    assertThat(t.details()).containsEntry("source", "iop");
    assertThat(t.handoff()).isNull();
  }

  @Test
  void aFailedTrackingQueryWithoutEventsIsNotFound() {
    assertThatThrownBy(() -> TrackMapper.fromQueryTrackingResult(
        Calls.reply("track/query-tracking-result-not-found.response.json", CainiaoWire.TrackAnswer.class), "RB123456785CN", null, iop))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("no tracking record");
  }

  @Test
  void theRealPublicSampleParses() {
    Tracking t = TrackMapper.fromPublicDetail(Calls.wire("track/public-delivered-be.json", CainiaoWire.PublicAnswer.class), "RC000000001EE", pub);
    assertThat(t.status()).isEqualTo(TrackingStatus.DELIVERED);
    assertThat(t.events()).hasSize(5);
    assertThat(t.events().get(0).rawCode()).isEqualTo("PU_PICKUP_SUCCESS");
    assertThat(t.latestEvent()).get().satisfies(e -> {
      assertThat(e.time().toInstant()).isEqualTo(Instant.parse("2026-02-06T07:25:17Z"));
      assertThat(e.description()).isEqualTo("Package delivered");
    });
    assertThat(t.details()).containsEntry("destCountry", "Belgium").containsEntry("source", "public");
    assertThat(t.handoff()).isNull();
  }

  @Test
  void aUsBoundParcelReportsTheCarrierCainiaoNamesAndTheNumberAsAHint() {
    Tracking t = TrackMapper.fromPublicDetail(Calls.wire("track/public-us-delivering.json", CainiaoWire.PublicAnswer.class), "LP00579396348112", pub);
    // the adapter reports; sdk-core's CarrierRegistry chooses the carrier by its number matchers
    assertThat(t.handoff()).isEqualTo(Handoff.hinted("USPS", "9400111899223197428490"));
    assertThat(t.handoff().carrier()).isNull();
    assertThat(t.details()).containsEntry("lastMileCarrier", "USPS");
    assertThat(t.estimatedDelivery()).isEqualTo(LocalDate.of(2026, 3, 15));
  }

  @Test
  void anInformationalLatestEventDoesNotSetTheOverallStatus() {
    Tracking t = TrackMapper.fromPublicDetail(Calls.wire("track/public-us-delivering.json", CainiaoWire.PublicAnswer.class), "LP00579396348112", pub);
    assertThat(t.latestEvent()).get().extracting(TrackingEvent::rawCode).isEqualTo("LAST_MILE_ASN_NOTIFY");
    assertThat(t.status()).isEqualTo(TrackingStatus.IN_TRANSIT);
    assertThat(t.events().get(0).rawCode()).isEqualTo("GWMS_ACCEPT");
  }

  @Test
  void aNumberCainiaoDoesNotKnowIsNotFound() {
    assertThatThrownBy(() -> TrackMapper.fromPublicDetail(Calls.wire("track/public-external-unknown.json", CainiaoWire.PublicAnswer.class),
        "9400111899223197428490", pub)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void aKnownNumberWithoutEventsIsPreTransitNotInvalid() {
    Tracking t = TrackMapper.fromPublicDetail(Calls.wire("track/public-known-no-events.json", CainiaoWire.PublicAnswer.class), "LP00068704652300", pub);
    assertThat(t.status()).isEqualTo(TrackingStatus.PRE_TRANSIT);
    assertThat(t.events()).isEmpty();
  }

  @Test
  void aLatestInternationalNumberDifferentFromTheOriginalIsAHandoff() {
    LabelMapper.OnlineInfo info = LabelMapper.fromOnlineInfo(Calls.reply("label/online-logistics-info-handoff.response.json", CainiaoWire.OnlineInfoAnswer.class),
        Calls.read(LabelMapper.ONLINE_INFO)).get(0);
    Tracking t = TrackMapper.fromQueryTrackingResult(Calls.reply("track/query-tracking-result.response.json", CainiaoWire.TrackAnswer.class),
        "LP00579396348112", info, iop);
    assertThat(t.handoff()).isEqualTo(Handoff.hinted("USPS", "9400111899223197428490"));
    assertThat(t.details()).containsEntry("originalInternationalTrackingNumber", "RB123456785CN")
        .containsEntry("internationalTrackingNumber", "9400111899223197428490");
  }

  @Test
  void aHandoffIsReportedWhateverTheNextCarrierAndWithOnlyANameOrOnlyANumber() {
    assertThat(TrackMapper.handoff("3SABCD1234567", "RC000000001EE", "PostNL"))
        .isEqualTo(Handoff.hinted("PostNL", "3SABCD1234567"));
    // a number without a name, bound for the US: no "destination US means USPS" guess, the matchers decide
    assertThat(TrackMapper.handoff("9400111899223197428490", "RB123456785CN", null))
        .isEqualTo(Handoff.hinted(null, "9400111899223197428490"));
    assertThat(TrackMapper.handoff("RB123456785CN", "LP00579396348112", null)).as("still Cainiao's own").isNull();
    // named without a new number: the carrier is still reported
    assertThat(TrackMapper.handoff("LP00579396348112", "LP00579396348112", "USPS"))
        .isEqualTo(Handoff.hinted("USPS", null));
    assertThat(TrackMapper.handoff(null, "RB123456785CN", "Cainiao")).isNull();
    assertThat(TrackMapper.namedCarrier("PostNL 3SABCD1234567")).isEqualTo("PostNL");
    assertThat(TrackMapper.realNumber("Latest Tracking Number:\t9400111899223197428490", null))
        .isEqualTo("9400111899223197428490");
  }

  @Test
  void linkTrackingStatusesAreMappedWithTheirEpochTimes() {
    Tracking t = TrackMapper.fromLink(Calls.wire("track/link-tracking.response.json", CainiaoWire.LinkAnswer.class), "LP00579396348112",
        Calls.read("CN_OVERSEA_LOGISTICS_INQUIRY_TRACKING"));
    assertThat(t.events()).extracting(TrackingEvent::rawCode).containsExactly("CC_IM_SUCCESS", "GTMS_DELIVERING", "GTMS_SIGNED");
    assertThat(t.events().get(2).time().toInstant()).isEqualTo(Instant.ofEpochMilli(1757674453000L));
    assertThat(t.events().get(0).time().toInstant()).isEqualTo(Instant.parse("2025-09-10T09:00:00Z"));
    assertThat(t.status()).isEqualTo(TrackingStatus.DELIVERED);
  }
}
