package dev.shipbridge.usps.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.AuthenticationException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.TrackResult;
import dev.shipbridge.TrackingAccessDeniedException;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.http.RequestSafety;
import dev.shipbridge.model.CarrierId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/**
 * The shapes a USPS refusal for tracking access may take (USPS documents only "403, ErrorMessage"),
 * each read as a typed {@link TrackingAccessDeniedException} naming the MID and what to do, and the
 * 403s that are not about a parcel (a missing scope, a gateway fault) left as plain authentication failures.
 */
class TrackingAccessTest {
  /** 92 + service type 055 + 9-digit MID 902711234 + serial + check digit. */
  private static final String NINE_DIGIT_MID = "9205590271123400000017";
  /** 94 + service type 001 + 6-digit MID 113456 + serial + check digit. */
  private static final String SIX_DIGIT_MID = "9400111345670000000106";

  private static List<TrackResult> batch(String body, String... asked) {
    return TrackMapper.fromBatch(Fixtures.read(body.getBytes(StandardCharsets.UTF_8), TrackWire.Batch.class),
        List.of(asked), "req-7", Clock.systemUTC());
  }

  private static String item(String number, String status, String code, String detail) {
    return "{\"statusCode\":\"" + status + "\",\"trackingNumber\":\"" + number + "\",\"apiVersion\":\"/tracking/v3r2\","
        + "\"error\":{\"code\":\"" + status + "\",\"message\":\"Access is denied.\",\"errors\":[{\"status\":\"" + status
        + "\"," + (code == null ? "" : "\"code\":\"" + code + "\",") + "\"title\":\"Forbidden\",\"detail\":\"" + detail + "\"}]}}";
  }

  @Test
  void aPerNumber403IsThatNumbersAccessRefusalWithTheMidFromTheTextOrElseTheBarcode() {
    List<TrackResult> r = batch("[" + item(NINE_DIGIT_MID, "403", null, "Not authorized for Mailer ID 902711234.") + ","
        + item(SIX_DIGIT_MID, "403", null, "Forbidden") + "]", NINE_DIGIT_MID, SIX_DIGIT_MID);
    assertThat(r.get(0).failure()).isInstanceOfSatisfying(TrackingAccessDeniedException.class, e -> {
      assertThat(e.trackingNumber()).contains(NINE_DIGIT_MID);
      assertThat(e.mailerId()).contains("902711234");
      assertThat(e.httpStatus()).isEqualTo(403);
      assertThat(e.retryable()).isFalse();
      assertThat(e.requestId()).contains("req-7");
      assertThat(e.getMessage()).contains("MID 902711234").contains("USPS Business Portal");
    });
    assertThat(r.get(1).failure()).isInstanceOfSatisfying(TrackingAccessDeniedException.class,
        e -> assertThat(e.mailerId()).contains("113456"));
  }

  @Test
  void anotherShippersCode150010IsAnAccessRefusalAndAnUnknownNumberStaysNotFound() {
    List<TrackResult> r = batch("[" + item(NINE_DIGIT_MID, "400", "150010",
        "The tracking number may belong to another shipper. Please verify that you have a USPS tracking number for tracking on this site.")
        + "," + item(SIX_DIGIT_MID, "404", null, "Tracking is not available for this item.") + "]", NINE_DIGIT_MID, SIX_DIGIT_MID);
    assertThat(r.get(0).failure()).isInstanceOf(TrackingAccessDeniedException.class);
    assertThat(r.get(1).failure()).isInstanceOf(NotFoundException.class).isNotInstanceOf(AuthenticationException.class);
  }

  private static CarrierException whole(int status, String body, UspsApi api) {
    return UspsErrors.map(new HttpResult(status, Headers.of(), body.getBytes(StandardCharsets.UTF_8), "application/json", "req-8"),
        api, Clock.systemUTC(), RequestSafety.IDEMPOTENT, null);
  }

  @Test
  void aWhole403AboutAMailerIdIsAnAccessRefusalButOneAboutAScopeOrAGatewayFaultIsNot() {
    String mid = "{\"apiVersion\":\"/tracking/v3\",\"error\":{\"code\":\"403\",\"message\":\"Access is denied.\",\"errors\":"
        + "[{\"status\":\"403\",\"title\":\"Forbidden\",\"detail\":\"Not authorized for items with Mailer ID 902711234.\"}]}}";
    assertThat(whole(403, mid, UspsApi.TRACKING_V3)).isInstanceOfSatisfying(TrackingAccessDeniedException.class,
        e -> assertThat(e.mailerId()).contains("902711234"));
    assertThat(whole(403, mid, UspsApi.TRACKING_V3R2)).isInstanceOf(TrackingAccessDeniedException.class);

    String scope = "{\"apiVersion\":\"/tracking/v3r2\",\"error\":{\"code\":\"403\",\"message\":\"Access is denied.\",\"errors\":"
        + "[{\"status\":\"403\",\"title\":\"Forbidden\",\"detail\":\"The access token does not grant the scope tracking that this API requires.\"}]}}";
    assertThat(whole(403, scope, UspsApi.TRACKING_V3R2)).isInstanceOf(AuthenticationException.class)
        .isNotInstanceOf(TrackingAccessDeniedException.class);
    String apigee = "{\"fault\":{\"faultstring\":\"Raising fault. Fault name : Raise-Fault-Access-Control\","
        + "\"detail\":{\"errorcode\":\"steps.raisefault.RaiseFault\"}}}";
    assertThat(whole(403, apigee, UspsApi.TRACKING_V3R2)).isInstanceOf(AuthenticationException.class)
        .isNotInstanceOf(TrackingAccessDeniedException.class);
    // the same words on another API are not about tracking access
    assertThat(whole(403, mid, UspsApi.ADDRESSES)).isNotInstanceOf(TrackingAccessDeniedException.class);
  }

  @Test
  void theMidIsReadFromNineAndSixDigitBarcodesAndRoutingPrefixesButNotFromOtherNumbers() {
    assertThat(TrackingAccess.midOf(null, NINE_DIGIT_MID)).isEqualTo("902711234");
    assertThat(TrackingAccess.midOf(null, SIX_DIGIT_MID)).isEqualTo("113456");
    assertThat(TrackingAccess.midOf(null, "42011201" + NINE_DIGIT_MID)).isEqualTo("902711234");
    assertThat(TrackingAccess.midOf(null, "LX123456785US")).isNull();
    assertThat(TrackingAccess.midOf("MID: 123456", SIX_DIGIT_MID)).isEqualTo("123456");
  }
}
