package dev.shipbridge.usps.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.AuthenticationException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.TrackResult;
import dev.shipbridge.model.TrackingStatus;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A v3r2 answer read from its bytes into records in one pass (issue 20 item 3), for every shape it takes. */
class TrackAnswerReadTest {
  private static final String N = "9400109104250532908587";
  private static final String OTHER = "9205590109769900012613";

  private static List<TrackResult> batch(String body, String... asked) {
    return TrackMapper.fromBatch(Fixtures.read(body.getBytes(), TrackWire.Batch.class), List.of(asked), "req", Clock.systemUTC());
  }

  @Test
  void aBareItemIsReadLikeAnArrayOfOne() {
    List<TrackResult> r = batch("{\"trackingNumber\":\"" + N + "\",\"statusCategory\":\"Delivered\"}", N);
    assertThat(r.get(0).tracking().status()).isEqualTo(TrackingStatus.DELIVERED);
  }

  @Test
  void elementsThatAreNotItemsAreSkippedAndTheItemsAmongThemStillCount() {
    List<TrackResult> r = batch("[1, \"x\", null, [{\"trackingNumber\":\"" + OTHER + "\"}], {\"trackingNumber\":\"" + N
        + "\",\"status\":\"Delivered\"}]", N, OTHER);
    assertThat(r.get(0).tracking().status()).isEqualTo(TrackingStatus.DELIVERED);
    assertThat(r.get(1).failure()).isExactlyInstanceOf(CarrierException.class).hasMessageContaining("did not mention");
  }

  @Test
  void anAnswerWithoutItemsLeavesEveryNumberUnmentioned() {
    for (String body : List.of("null", "[]", "\"text\"", "42")) {
      List<TrackResult> r = batch(body, N, OTHER);
      assertThat(r).as(body).allSatisfy(t -> assertThat(t.failure()).hasMessageContaining("did not mention"));
    }
  }

  @Test
  void anAnswerOfTheWrongShapeIsATypedCarrierExceptionNotAnNpe() {
    for (String body : List.of("[{\"trackingNumber\":\"" + N + "\",\"trackingEvents\":[{\"eventCode\":{\"a\":1}}]}]",
        "{\"trackingNumber\":{\"n\":1}}", "[{\"trackingNumber\":\"" + N + "\"}")) {
      assertThatThrownBy(() -> batch(body, N)).as(body).isExactlyInstanceOf(CarrierException.class);
    }
  }

  @Test
  void failureItemsOfEveryUspsErrorShapeAreTypedPerNumber() {
    String v3 = "{\"trackingNumber\":\"" + N + "\",\"statusCode\":\"404\",\"error\":{\"code\":\"404\",\"message\":\"gone\"}}";
    String oauth = "{\"trackingNumber\":\"" + OTHER + "\",\"statusCode\":401,\"error\":\"invalid_token\","
        + "\"error_description\":\"expired\"}";
    assertThat(batch("[" + v3 + "," + oauth + "]", N, OTHER)).satisfiesExactly(
        a -> assertThat(a.failure()).isInstanceOf(NotFoundException.class).hasMessageContaining("gone"),
        b -> assertThat(b.failure()).isInstanceOf(AuthenticationException.class).hasMessageContaining("expired"));
    String fault = "{\"trackingNumber\":\"" + N + "\",\"statusCode\":\"503\",\"fault\":{\"faultstring\":\"down\","
        + "\"detail\":{\"errorcode\":\"messaging.adaptors.http.flow.ServiceUnavailable\"}}}";
    assertThat(batch("[" + fault + "]", N).get(0).failure()).isInstanceOf(CarrierUnavailableException.class)
        .hasMessageContaining("down");
    String bare = "{\"trackingNumber\":\"" + N + "\",\"statusCode\":\"400\",\"message\":\"bad number\",\"code\":\"X1\"}";
    assertThat(((CarrierException) batch("[" + bare + "]", N).get(0).failure()).carrierCode()).contains("X1");
    // an error object without a status is that number's 404
    String noStatus = "{\"trackingNumber\":\"" + N + "\",\"error\":{\"message\":\"no record\"}}";
    assertThat(batch(noStatus, N).get(0).failure()).isInstanceOf(NotFoundException.class);
  }

  @Test
  void everyTimestampFormIsReadFromItsText() {
    ZoneOffset cst = ZoneOffset.ofHours(-6);
    assertThat(EventTimes.local("2026-03-03 06:12:00-06:00", null)).isEqualTo(OffsetDateTime.parse("2026-03-03T06:12:00-06:00"));
    assertThat(EventTimes.local("2026-03-03T06:12:00Z", cst)).isEqualTo(OffsetDateTime.parse("2026-03-03T06:12:00-06:00"));
    assertThat(EventTimes.local("2026-03-03T06:12", null)).isEqualTo(OffsetDateTime.parse("2026-03-03T06:12:00Z"));
    assertThat(EventTimes.local("2026-03-03", cst)).isEqualTo(OffsetDateTime.parse("2026-03-03T00:00:00-06:00"));
    // an impossible time keeps its date; an offset ISO does not write ("-6:00") is dropped, as before
    assertThat(EventTimes.local("2026-03-03T25:00:00", cst)).isEqualTo(OffsetDateTime.parse("2026-03-03T00:00:00-06:00"));
    assertThat(EventTimes.local("2026-03-03T06:12:00-6:00", null)).isEqualTo(OffsetDateTime.parse("2026-03-03T06:12:00Z"));
    assertThat(EventTimes.local("March 3", cst)).isNull();
    assertThat(EventTimes.instant("2026-03-03 12:12:00.041000+00:00")).isEqualTo(OffsetDateTime.parse("2026-03-03T12:12:00.041Z"));
    assertThat(EventTimes.instant("2026-03-03T12:12:00")).isEqualTo(OffsetDateTime.parse("2026-03-03T12:12:00Z"));
    assertThat(EventTimes.instant("2026-03-03T06:12:00-06:00")).isEqualTo(OffsetDateTime.parse("2026-03-03T12:12:00Z"));
  }
}
