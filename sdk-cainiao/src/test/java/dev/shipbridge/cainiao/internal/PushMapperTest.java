package dev.shipbridge.cainiao.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.AuthenticationException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.WebhookException;
import dev.shipbridge.cainiao.CainiaoPush;
import dev.shipbridge.cainiao.TestData;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushMapperTest {
  private static final String SECRET = "link-secret";
  private final CainiaoPush push = CainiaoPush.of(SECRET).withClock(Clock.fixed(Instant.parse("2026-03-10T00:00:00Z"), ZoneOffset.UTC));

  static Map<String, String> form(String content, String digest) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("msg_type", "TRACEPUSH");
    f.put("partner_code", "provider-1");
    f.put("logistics_interface", content);
    if (digest != null) f.put("data_digest", digest);
    return f;
  }

  static String signed(String content) {
    return Signers.linkDigest(content, SECRET, StandardCharsets.UTF_8);
  }

  @Test
  void aVerifiedPushBecomesTrackingEvents() {
    String content = TestData.text("push/tracepush.logistics_interface.json");
    CainiaoPush.Notification n = push.parse(form(content, signed(content)));
    assertThat(n.msgType()).isEqualTo("TRACEPUSH");
    assertThat(n.trackingNumber()).isEqualTo("LP00579396348112");
    assertThat(n.events()).singleElement().satisfies(e -> {
      assertThat(e.status()).isEqualTo(TrackingStatus.OUT_FOR_DELIVERY);
      assertThat(e.description()).as("customerizedDesc preferred").isEqualTo("Your parcel is out for delivery");
      assertThat(e.time().toInstant()).as("dashes in the time part, zone name").isEqualTo(Instant.parse("2026-03-09T12:15:30Z"));
      assertThat(e.location().facility()).isEqualTo("Brooklyn, NY");
    });
  }

  @Test
  void aPushNamingItsMailNoAndItsLpCodeIsReadAsTheMailNoWhicheverComesFirst() {
    String trace = "\"traceDetail\":{\"actionCode\":\"SC_OUTBOUND_SUCCESS\",\"time\":\"2026-03-03 1%d:00:00\",\"timeZone\":\"GMT+8\"}";
    for (String content : java.util.List.of(  // each a later event, so the replay memory lets it in
        "{\"mailNo\":\"LX497621916CN\",\"logisticsOrderCode\":\"LP00497621900001\"," + trace.formatted(1) + "}",
        "{\"logisticsOrderCode\":\"LP00497621900001\",\"mailNo\":\"LX497621916CN\"," + trace.formatted(2) + "}",
        "{\"logisticsOrderCode\":\"LP00497621900001\",\"mailNo\":\"\"," + trace.formatted(3) + "}")) {
      CainiaoPush.Notification n = push.parse(form(content, signed(content)));
      assertThat(n.trackingNumber()).as(content)
          .isEqualTo(content.contains("\"mailNo\":\"\"") ? "LP00497621900001" : "LX497621916CN");
    }
  }

  @Test
  void anEnvelopeGivingItsMessageUnderTwoSpellingsKeepsTheFirstTheRecordNames() {
    var tree = CainiaoJson.tree("{\"errorMessage\":\"second\",\"error_msg\":\"first\",\"success\":\"false\"}"
        .getBytes(StandardCharsets.UTF_8));
    assertThat(CainiaoJson.read(tree, CainiaoWire.Envelope.class).errorMsg()).isEqualTo("first");
  }

  @Test
  void aPushWithATraceListIsOrderedAndFlagsDutiesDue() {
    String content = TestData.text("push/tracepush-list.logistics_interface.json");
    CainiaoPush.Notification n = push.parse(form(content, signed(content)));
    assertThat(n.events()).extracting(TrackingEvent::rawCode).containsExactly("CC_IM_START", "CUS_TAX");
    assertThat(n.events().get(1).status()).isEqualTo(TrackingStatus.EXCEPTION);
  }

  @Test
  void aTamperedPushIsRefusedAsAnAuthenticationError() {
    String content = TestData.text("push/tracepush.logistics_interface.json");
    String digest = signed(content);
    assertThatThrownBy(() -> push.parse(form(content.replace("GTMS_DO_DEPART", "GTMS_SIGNED"), digest)))
        .isInstanceOf(AuthenticationException.class)
        .satisfies(e -> assertThat(((CarrierException) e).carrierCode()).contains("S02"));
    assertThatThrownBy(() -> CainiaoPush.of("another-secret").parse(form(content, digest)))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void aPushWithoutDigestIsRefusedAsUnsignedBeforeItIsRead() {
    assertThatThrownBy(() -> push.parse(form("{not json", null))).isInstanceOfSatisfying(WebhookException.class,
        e -> assertThat(e.reason()).isEqualTo(WebhookException.Reason.UNSIGNED));
  }

  @Test
  void aRawFormBodyIsDecodedThenVerified() {
    String content = TestData.text("push/tracepush.logistics_interface.json");
    String body = "msg_type=TRACEPUSH&logistics_interface=" + URLEncoder.encode(content, StandardCharsets.UTF_8)
        + "&data_digest=" + URLEncoder.encode(signed(content), StandardCharsets.UTF_8) + "&partner_code=p";
    assertThat(push.parseForm(body).trackingNumber()).isEqualTo("LP00579396348112");
  }

  @Test
  void aSignedButUnreadablePushIsACarrierException() {
    String content = "{\"mailNo\":\"LP00579396348112\",\"traceDetail\":{\"actionCode\":\"GTMS_SIGNED\",\"time\":\"soon\"}}";
    assertThatThrownBy(() -> push.parse(form(content, signed(content))))
        .isExactlyInstanceOf(CarrierException.class).hasMessageContaining("readable time");
    assertThatThrownBy(() -> push.parse(form("not json", signed("not json"))))
        .isExactlyInstanceOf(CarrierException.class);
  }

  @Test
  void theAcknowledgementIsTheLinkEnvelopeAndToStringHidesTheKey() {
    assertThat(push.acknowledgement()).contains("\"success\":\"true\"");
    assertThat(push.toString()).doesNotContain(SECRET);
  }
}
