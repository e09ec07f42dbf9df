package dev.shipbridge.usps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.NotFoundException;
import dev.shipbridge.TrackResult;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackMapperTest {
  @Test
  void mapsTheV3DetailFixtureWithEventsOldestFirstAndStatusFromTheCategory() {
    TrackWire.Detail d = Fixtures.read(
        Fixtures.bytes("track/v3-detail.response.json"), TrackWire.Detail.class);
    Tracking t = TrackMapper.fromDetail(d, "9400109104250532908587");

    assertThat(t.status()).isEqualTo(TrackingStatus.DELIVERED);
    assertThat(t.events()).extracting(TrackingEvent::rawCode).containsExactly("GX", "A1", "OF", "01");
    assertThat(t.events()).extracting(TrackingEvent::status).containsExactly(TrackingStatus.PRE_TRANSIT,
        TrackingStatus.IN_TRANSIT, TrackingStatus.OUT_FOR_DELIVERY, TrackingStatus.DELIVERED);
    TrackingEvent delivered = t.latestEvent().orElseThrow();
    assertThat(delivered.time()).isEqualTo(OffsetDateTime.parse("2024-11-22T13:58:40-05:00"));
    assertThat(delivered.location().city()).isEqualTo("HERNANDO");
    assertThat(delivered.location().postalCode()).isEqualTo("34442");
    assertThat(delivered.description()).isEqualTo("Delivered, Parcel Locker");
    assertThat(t.details()).containsEntry("mailClass", "USPS Ground Advantage").containsEntry("statusCategory", "Delivered");
  }

  @Test
  void prefersGmtTimestampOverTheLocalEventTimestampWhoseZCannotBeTrusted() {
    TrackWire.Event e = event("2023-08-02T07:31:00Z", "2023-08-02T11:31:00Z", "-04:00");
    assertThat(eventTime(e)).isEqualTo(OffsetDateTime.parse("2023-08-02T07:31:00-04:00"));
  }

  @Test
  void toleratesMissingGmtFieldsUsingTheLocalTimeAndItsOffset() {
    assertThat(eventTime(event("2024-11-22T09:10:00", null, "-05:00")))
        .isEqualTo(OffsetDateTime.parse("2024-11-22T09:10:00-05:00"));
    assertThat(eventTime(event("2024-04-04 14:03:12-07:00", null, null)))
        .isEqualTo(OffsetDateTime.parse("2024-04-04T14:03:12-07:00"));
    assertThat(eventTime(event("2024-04-04T14:03:12", null, null)))
        .isEqualTo(OffsetDateTime.parse("2024-04-04T14:03:12Z"));
    assertThat(eventTime(event(null, null, null))).isNull();
  }

  @Test
  void readsGmtOffsetsWrittenAsMinutesOrHours() {
    assertThat(EventTimes.offset("-420")).isEqualTo(ZoneOffset.ofHours(-7));
    assertThat(EventTimes.offset("-05:00")).isEqualTo(ZoneOffset.ofHours(-5));
    assertThat(EventTimes.offset("+0530")).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
    assertThat(EventTimes.offset("banana")).isNull();
    assertThat(EventTimes.instant("2024-04-04 14:03:12.041000+00:00"))
        .isEqualTo(OffsetDateTime.parse("2024-04-04T14:03:12.041Z"));
  }

  @Test
  void splitsAMultiStatusAnswerIntoOneResultPerNumberInTheOrderAsked() {
    List<TrackResult> results = TrackMapper.fromBatch(Fixtures.read(Fixtures.bytes("track/v3r2-multistatus.response.json"), TrackWire.Batch.class),
        List.of("9400111201080805483016", "420631189205590109769900012613"), "req-1", Clock.systemUTC());

    assertThat(results).hasSize(2);
    assertThat(results.get(0).isSuccess()).isFalse();
    assertThat(results.get(0).failure()).isInstanceOf(NotFoundException.class);
    assertThat(((NotFoundException) results.get(0).failure()).retryable()).isFalse();
    TrackResult ok = results.get(1);
    assertThat(ok.trackingNumber()).isEqualTo("420631189205590109769900012613");
    assertThat(ok.tracking().status()).isEqualTo(TrackingStatus.IN_TRANSIT);
    assertThat(ok.tracking().estimatedDelivery()).isEqualTo(LocalDate.parse("2026-03-04"));
    assertThat(ok.tracking().events()).extracting(TrackingEvent::rawCode).containsExactly("03", "07");
  }

  @Test
  void readsUtcTimestampsWithTOrSpaceAndAnyCaseOfZ() {
    for (String s : List.of("2024-11-22T18:58:40Z", "2024-11-22 18:58:40Z", "2024-11-22T18:58:40z", "2000-02-29T00:00:00Z")) {
      assertThat(EventTimes.instant(s)).isEqualTo(OffsetDateTime.parse(s.replace(' ', 'T').replace('z', 'Z')));
    }
    assertThat(EventTimes.instant("2023-02-29T00:00:00Z")).isNull();
    assertThat(EventTimes.instant("2024-11-22T18:58:40+02:00")).isEqualTo(OffsetDateTime.parse("2024-11-22T16:58:40Z"));
  }

  @Test
  void readsFieldNamesInAnyCaseAndStripsMarkupFromMailClasses() {
    String n = "9400109104250532908587";
    String shouting = "{\"trackingNumber\":\"9400109104250532908587\",\"STATUSCATEGORY\":\"Delivered\","
        + "\"TrackingEvents\":[{\"EVENTCODE\":\"01\",\"gmtTIMESTAMP\":\"2024-11-22T18:58:40Z\",\"GmtOffset\":\"-05:00\"}]}";
    List<TrackResult> loud = TrackMapper.fromBatch(Fixtures.read(shouting.getBytes(), TrackWire.Batch.class),
        List.of(n), "r", Clock.systemUTC());
    assertThat(loud.get(0).tracking().events()).hasSize(1);
    assertThat(loud.get(0).tracking().events().get(0).rawCode()).isEqualTo("01");
    assertThat(TrackMapper.withoutMarkup(" Priority Mail Express<SUP>&#153;</SUP> ")).isEqualTo("Priority Mail Express");
  }

  @Test
  void sendsNumbersWithoutTheirRoutingPrefix() {
    assertThat(Fixtures.wire(TrackMapper.toWire(List.of("420631189205590109769900012613", "EZ000012162US"))).toString())
        .isEqualTo("[{\"trackingNumber\":\"9205590109769900012613\"},{\"trackingNumber\":\"EZ000012162US\"}]");
  }

  @Test
  void anUnknownCategoryFallsBackToTheNewestEventAndKeepsTheRawCode() {
    TrackWire.Detail d = new TrackWire.Detail("9400109104250532908587", "Held", "Missort", null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null,
        List.of(event("2026-03-02T10:00:00", "2026-03-02T16:00:00Z", "-06:00", "OF"),
            event("2026-03-02T12:00:00", "2026-03-02T18:00:00Z", "-06:00", "Q7")), null,
        null, null, null, null, null, null, null);
    Tracking t = TrackMapper.fromDetail(d, "9400109104250532908587");
    assertThat(t.status()).isEqualTo(TrackingStatus.UNKNOWN);
    assertThat(t.latestEvent().orElseThrow().rawCode()).isEqualTo("Q7");
    assertThat(t.events().get(0).status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
  }

  private static TrackWire.Event event(String local, String gmt, String offset) {
    return event(local, gmt, offset, "03");
  }

  private static TrackWire.Event event(String local, String gmt, String offset, String code) {
    return new TrackWire.Event("scan", local, gmt, offset, null, "CITY", "ST", "12345", code, null);
  }

  private static OffsetDateTime eventTime(TrackWire.Event e) {
    EventTimes.Read r = EventTimes.read(e);
    return r == null ? null : r.time();
  }
}
