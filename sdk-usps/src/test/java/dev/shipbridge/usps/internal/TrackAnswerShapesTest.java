package dev.shipbridge.usps.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.CarrierException;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.TrackResult;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/** Real USPS tracking answer shapes (issue 16 items 1, 2 and 4), from fixtures written from the specs. */
class TrackAnswerShapesTest {
  private static Tracking detail(String fixture) {
    TrackWire.Detail d = Fixtures.read(Fixtures.bytes(fixture), TrackWire.Detail.class);
    return TrackMapper.fromDetail(d, "9400109104250532908587");
  }

  @Test
  void aGmtTimestampADayOffItsLocalTimeDoesNotReorderTheTimeline() {
    Tracking t = detail("track/v3-detail-gmt-disagrees.response.json");

    assertThat(t.events()).extracting(TrackingEvent::rawCode).containsExactly("GX", "AD", "OF", "01");
    TrackingEvent out = t.events().get(2);
    assertThat(out.time()).isEqualTo(OffsetDateTime.parse("2026-03-06T07:40:00-06:00"));
    assertThat(t.latestEvent().orElseThrow().rawCode()).isEqualTo("01");
    // the raw values of the corrected event are kept; agreeing events are not listed
    assertThat(t.details().get("eventTimesFromLocalTime"))
        .contains("OF@2026-03-06T07:40:00 -06:00 GMT 2026-03-05T13:40:12Z").doesNotContain("01@").doesNotContain("AD@");
    // agreeing events keep GMTTimestamp's seconds, at the event's offset ("-6:00" as the spec writes it)
    assertThat(t.latestEvent().orElseThrow().time()).isEqualTo(OffsetDateTime.parse("2026-03-06T11:02:31-06:00"));
  }

  @Test
  void theCrossCheckUsesTheLocalTimeOnlyWhenTheTwoDisagree() {
    TrackWire.Event agree = event("2024-11-22T13:58:00", "2024-11-22T18:58:40Z", "-05:00");
    assertThat(EventTimes.read(agree).conflict()).isFalse();
    assertThat(EventTimes.read(agree).time()).isEqualTo(OffsetDateTime.parse("2024-11-22T13:58:40-05:00"));
    TrackWire.Event dayOff = event("2024-11-22T13:58:00", "2024-11-21T18:58:40Z", "-05:00");
    assertThat(EventTimes.read(dayOff).conflict()).isTrue();
    assertThat(EventTimes.read(dayOff).time()).isEqualTo(OffsetDateTime.parse("2024-11-22T13:58:00-05:00"));
    // an explicit offset on eventTimestamp itself is cross-checked too
    TrackWire.Event ownOffset = event("2024-04-04 14:03:12-07:00", "2024-04-05 21:03:12.041000+00:00", null);
    assertThat(EventTimes.read(ownOffset).time()).isEqualTo(OffsetDateTime.parse("2024-04-04T14:03:12-07:00"));
    assertThat(EventTimes.offset("-5:00")).isEqualTo(ZoneOffset.ofHours(-5));
    assertThat(EventTimes.offset("+5:30")).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
  }

  @Test
  void aSummaryOnlyAnswerIsMappedFromItsTextNotDropped() {
    Tracking t = detail("track/v3-summary.response.json");
    assertThat(t.status()).isEqualTo(TrackingStatus.DELIVERED);
    assertThat(t.details().get("statusSummary")).startsWith("Your item was delivered");
    assertThat(t.estimatedDelivery()).isEqualTo(LocalDate.parse("2026-03-06"));
    assertThat(TrackStatusTable.summaryText("Out for Delivery, March 6, 2026")).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
    assertThat(TrackStatusTable.summaryText("Delivery attempted, notice left")).isEqualTo(TrackingStatus.DELIVERY_ATTEMPTED);
    assertThat(TrackStatusTable.summaryText("Your item is being returned to the sender"))
        .isEqualTo(TrackingStatus.RETURNED_TO_SENDER);
  }

  @Test
  void anAnswerOfNoKnownShapeIsAMalformedAnswerNotAnEmptyTracking() {
    assertThatThrownBy(() -> detail("track/unknown-shape.response.json"))
        .isExactlyInstanceOf(CarrierException.class).hasMessageContaining("no known shape");
    // in a batch, the same shape for an asked number is that number's failure, not an UNKNOWN tracking
    byte[] body = "[{\"trackingNumber\":\"9400109104250532908587\",\"mailClass\":\"PM\"}]".getBytes();
    List<TrackResult> r = TrackMapper.fromBatch(Fixtures.read(body, TrackWire.Batch.class), List.of("9400109104250532908587"), "req",
        Clock.systemUTC());
    assertThat(r.get(0).isSuccess()).isFalse();
    assertThat(r.get(0).failure()).isExactlyInstanceOf(CarrierException.class).isNotInstanceOf(NotFoundException.class);
  }

  @Test
  void everyPublishedEventCodeHasARowWithItsSource() {
    List<String> published = new ArrayList<>();
    for (String line : Fixtures.text("track/published-event-codes.txt").split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      published.add(line.strip().split("\\s+")[0]);
    }
    assertThat(published).hasSizeGreaterThan(50).contains("AD");
    for (String code : published) {
      TrackStatusTable.Row row = TrackStatusTable.ROWS.stream().filter(r -> r.code().equals(code)).findFirst().orElse(null);
      assertThat(row).as(code).isNotNull();
      assertThat(row.status()).as(code).isNotEqualTo(TrackingStatus.UNKNOWN);
      assertThat(row.source()).as(code).isNotBlank();
      assertThat(row.description()).as(code).isNotBlank();
    }
    assertThat(TrackStatusTable.eventCode("AD")).isEqualTo(TrackingStatus.IN_TRANSIT);
  }

  /** With the USPS specs at hand: every event code any of them shows is in the table. */
  @Test
  @EnabledIfSystemProperty(named = "shipbridge.usps.specs", matches = ".+")
  void everyEventCodeTheSpecsShowIsInTheTable() throws IOException {
    Path dir = Path.of(System.getProperty("shipbridge.usps.specs"));
    Pattern example = Pattern.compile("eventCode\\\\?\"?\\s*:\\s*\\\\?\"?([A-Z0-9]{2})\\b");
    Pattern named = Pattern.compile("\\(([0-9]{2})\\)");
    List<String> seen = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("tracking")
          || p.getFileName().toString().startsWith("subscriptions-tracking")).toList()) {
        String text = Files.readString(f);
        Matcher m = example.matcher(text);
        while (m.find()) seen.add(m.group(1));
        for (String line : text.split("\n")) {
          if (!line.contains("Arrival at Unit")) continue;
          Matcher n = named.matcher(line);
          while (n.find()) seen.add(n.group(1));
        }
      }
    }
    assertThat(seen).contains("01", "07", "14");
    for (String code : seen) assertThat(TrackStatusTable.EVENT_CODES).as(code).containsKey(code);
  }

  private static TrackWire.Event event(String local, String gmt, String offset) {
    return new TrackWire.Event("scan", local, gmt, offset, null, "CITY", "ST", "12345", "03", null);
  }
}
