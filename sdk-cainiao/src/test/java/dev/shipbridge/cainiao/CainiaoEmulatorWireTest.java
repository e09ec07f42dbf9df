package dev.shipbridge.cainiao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.CarrierException;
import dev.shipbridge.QuoteResult;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.Leg;
import dev.shipbridge.model.Manifest;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingStatus;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter against the Cainiao emulator (loopback, real signatures, virtual time). */
class CainiaoEmulatorWireTest {
  private MutableClock clock;
  private CainiaoEmulator cainiao;
  private Shipbridge shipbridge;

  @BeforeEach
  void start() {
    clock = MutableClock.startingAt(Instant.parse("2026-03-02T01:00:00Z"));
    cainiao = CainiaoEmulator.start(clock);
    shipbridge = shipbridge(iopCarrier().build());
  }

  @AfterEach
  void stop() {
    shipbridge.close();
    cainiao.close();
  }

  private CainiaoCarrier.Builder iopCarrier() {
    return CainiaoCarrier.builder().appKey(cainiao.appKey()).appSecret(cainiao.appSecret())
        .accessToken(cainiao.accessToken()).iopBaseUrl(cainiao.iopBaseUrl()).handoverLoginId("seller@example.com");
  }

  private Shipbridge shipbridge(CainiaoCarrier carrier) {
    return Shipbridge.builder().discoverCarriers(false).carrier(carrier).clock(clock)
        .sleeper(d -> clock.advance(d)).build();
  }

  @Test
  void quotesArePricedBySignedInquiriesWithTheTokenOutOfTheUrl() {
    QuoteResult result = shipbridge.quote(TestData.quoteRequest());
    assertThat(result.failures()).isEmpty();
    assertThat(result.quotes()).extracting(Quote::serviceCode)
        .contains("CAINIAO_STANDARD", "CAINIAO_PREMIUM", "CAINIAO_ECONOMY");
    Quote standard = result.of(CarrierId.CAINIAO).stream().filter(q -> q.serviceCode().equals("CAINIAO_STANDARD"))
        .findFirst().orElseThrow();
    assertThat(standard.total().amount()).isLessThan(new java.math.BigDecimal("100"));
    assertThat(standard.legs()).contains(Leg.FIRST_MILE, Leg.LAST_MILE);
    CainiaoEmulator.RecordedCall call = cainiao.requests().get(0);
    assertThat(call.api()).isEqualTo("cainiao.global.solution.inquiry");
    assertThat(call.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Content-Type")))
        .allSatisfy(e -> assertThat(e.getValue()).startsWith("application/x-www-form-urlencoded"));
    assertThat(call.body()).contains("session=");
    assertThat(cainiao.requests().get(0).params()).containsKeys("sign", "timestamp", "app_key");
  }

  @Test
  void aLabelIsBoughtWithOneCreateAndCarriesTheLpCodeAndThePdf() {
    Label label = shipbridge.label(TestData.labelRequest("order-1042"));
    assertThat(label.trackingNumber()).startsWith("LP").hasSize(16);
    assertThat(new String(label.content(), 0, 5)).isEqualTo("%PDF-");
    assertThat(label.details()).containsKeys("internationalTrackingNumber", "originalInternationalTrackingNumber");
    assertThat(cainiao.requestCount("cainiao.global.logistic.order.create")).isEqualTo(1);
    assertThat(cainiao.ordersCreated()).isEqualTo(1);
    assertThat(shipbridge.track(label.trackingNumber()).carrier()).isEqualTo(CarrierId.CAINIAO);
  }

  @Test
  void aDiscoveredCarrierSendsTheSellerAddressIdsFromItsVariables() {
    java.util.Map<String, String> env = java.util.Map.of("CAINIAO_APP_KEY", cainiao.appKey(),
        "CAINIAO_APP_SECRET", cainiao.appSecret(), "CAINIAO_ACCESS_TOKEN", cainiao.accessToken(),
        "CAINIAO_IOP_URL", cainiao.iopBaseUrl(), "CAINIAO_SENDER_ADDRESS_ID", "7001",
        "CAINIAO_RETURN_ADDRESS_ID", "7002", "CAINIAO_PICKUP_ADDRESS_ID", "7003");
    try (Shipbridge discovered = Shipbridge.builder().discoverCarriers(true)
        .settings(name -> java.util.Optional.ofNullable(env.get(name))).clock(clock).sleeper(d -> clock.advance(d)).build()) {
      discovered.label(TestData.labelRequest("order-2001"));
    }
    CainiaoEmulator.RecordedCall create = cainiao.requests().stream()
        .filter(c -> c.api().equals("cainiao.global.logistic.order.create")).findFirst().orElseThrow();
    assertThat(create.params().toString() + create.body()).contains("7001", "7002", "7003");
  }

  @Test
  void aRepeatedPurchaseWithTheSameKeyResolvesToTheSameOrder() {
    Label first = shipbridge.label(TestData.labelRequest("order-1042"));
    Label again = shipbridge.label(TestData.labelRequest("order-1042"));
    try (Shipbridge other = shipbridge(iopCarrier().build())) {
      Label elsewhere = other.label(TestData.labelRequest("order-1042"));
      assertThat(elsewhere.trackingNumber()).isEqualTo(first.trackingNumber());
    }
    assertThat(again.trackingNumber()).isEqualTo(first.trackingNumber());
    assertThat(cainiao.requestCount("cainiao.global.logistic.order.create")).as("same JVM: resumed, not re-sent")
        .isEqualTo(2);
    assertThat(cainiao.ordersCreated()).isEqualTo(1);
  }

  @Test
  void aConnectionResetAfterTheCreateWasSentIsOutcomeUnknownAndNeverRetried() {
    cainiao.injectFault("cainiao.global.logistic.order.create", CainiaoEmulator.Fault.CONNECTION_RESET, 1);
    assertThatThrownBy(() -> shipbridge.label(TestData.labelRequest("order-77")))
        .isInstanceOf(CarrierException.class)
        .satisfies(e -> {
          CarrierException c = (CarrierException) e;
          assertThat(c.outcomeUnknown()).isTrue();
          assertThat(c.idempotencyKey()).contains("order-77");
        });
    assertThat(cainiao.requestCount("cainiao.global.logistic.order.create")).isEqualTo(1);
  }

  @Test
  void aTruncatedAnswerToACreateIsOutcomeUnknown() {
    cainiao.injectFault("cainiao.global.logistic.order.create", CainiaoEmulator.Fault.TRUNCATED_JSON, 1);
    assertThatThrownBy(() -> shipbridge.label(TestData.labelRequest("order-78")))
        .isInstanceOf(CarrierException.class)
        .satisfies(e -> assertThat(((CarrierException) e).outcomeUnknown()).isTrue());
    assertThat(cainiao.requestCount("cainiao.global.logistic.order.create")).isEqualTo(1);
  }

  @Test
  void aRateLimitBanOnReadsIsRetriedAfterBackoff() {
    cainiao.injectFault("cainiao.global.solution.inquiry", CainiaoEmulator.Fault.RATE_LIMITED, 1);
    assertThat(shipbridge.quote(TestData.quoteRequest()).quotes()).isNotEmpty();
    assertThat(cainiao.requestCount("cainiao.global.solution.inquiry")).isEqualTo(2);
  }

  @Test
  void aTruncatedTrackingAnswerIsRetried() {
    Label label = shipbridge.label(TestData.labelRequest("order-1042"));
    cainiao.injectFault("aliexpress.logistics.redefining.querytrackingresult", CainiaoEmulator.Fault.TRUNCATED_JSON, 1);
    assertThat(shipbridge.track(label.trackingNumber()).events()).isNotEmpty();
  }

  @Test
  void trackingAnLpCodeFollowsTheParcelToItsUspsHandoff() {
    List<String> handedOff = new ArrayList<>();
    cainiao.onLastMileHandoff((impb, at) -> handedOff.add(impb));
    Label label = shipbridge.label(TestData.labelRequest("order-1042"));
    Tracking early = shipbridge.track(label.trackingNumber());
    assertThat(early.handoff()).isNull();
    clock.advance(Duration.ofDays(5));
    Tracking t = shipbridge.track(label.trackingNumber());
    assertThat(t.events()).extracting(e -> e.rawCode()).startsWith("GWMS_ACCEPT").contains("CC_IM_SUCCESS");
    assertThat(t.events()).isSortedAccordingTo(java.util.Comparator.comparing(e -> e.time().toInstant()));
    assertThat(t.handoff()).isNotNull();
    // no USPS carrier configured here: reported by name and number, not routed
    assertThat(t.handoff().carrierName()).isEqualTo("USPS");
    assertThat(t.handoff().carrier()).isNull();
    assertThat(handedOff).containsExactly(t.handoff().trackingNumber());
    assertThat(t.status()).isEqualTo(TrackingStatus.IN_TRANSIT);
  }

  @Test
  void trackingThroughLinkSignsItsDigest() {
    Label label = shipbridge.label(TestData.labelRequest("order-1042"));
    clock.advance(Duration.ofDays(2));
    CainiaoCarrier link = CainiaoCarrier.builder().linkProviderId(cainiao.logisticProviderId())
        .linkSecretKey(cainiao.linkSecretKey()).linkBaseUrl(cainiao.linkBaseUrl()).build();
    try (Shipbridge viaLink = shipbridge(link)) {
      Tracking t = viaLink.track(label.trackingNumber());
      assertThat(t.events()).isNotEmpty();
      assertThat(t.details()).containsEntry("source", "link");
    }
    assertThat(cainiao.requestCount("CN_OVERSEA_LOGISTICS_INQUIRY_TRACKING")).isEqualTo(1);
  }

  @Test
  void aPushFromCainiaoIsVerifiedAndParsed() {
    Label label = shipbridge.label(TestData.labelRequest("order-1042"));
    clock.advance(Duration.ofDays(1));
    CainiaoCarrier withLink = iopCarrier().linkProviderId(cainiao.logisticProviderId())
        .linkSecretKey(cainiao.linkSecretKey()).build();
    CainiaoPush.Notification n = withLink.push().withClock(clock).parseForm(cainiao.pushEvent(label.trackingNumber()));
    assertThat(n.events()).isNotEmpty();
    assertThat(n.trackingNumber()).isNotBlank();
    assertThatThrownBy(() -> CainiaoPush.of("wrong").parseForm(cainiao.pushEvent(label.trackingNumber())))
        .isInstanceOf(dev.shipbridge.AuthenticationException.class);
  }

  @Test
  void theFacadesWebhookHandlerVerifiesLinkPushesAndRefusesForgeriesAndReplays() {
    Label label = shipbridge.label(TestData.labelRequest("order-1043"));
    clock.advance(Duration.ofDays(1));
    CainiaoCarrier withLink = iopCarrier().linkProviderId(cainiao.logisticProviderId())
        .linkSecretKey(cainiao.linkSecretKey()).build();
    try (Shipbridge s = shipbridge(withLink)) {
      String body = cainiao.pushEvent(label.trackingNumber());
      java.util.Map<String, java.util.List<String>> headers =
          java.util.Map.of("Content-Type", java.util.List.of("application/x-www-form-urlencoded;charset=UTF-8"));
      dev.shipbridge.model.PushedTracking p = s.webhooks().handle(
          dev.shipbridge.WebhookRequest.of(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers));
      assertThat(p.carrier()).isEqualTo(CarrierId.CAINIAO);
      assertThat(p.events()).isNotEmpty();
      assertThatThrownBy(() -> s.webhooks().handle(
          dev.shipbridge.WebhookRequest.of(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers)))
          .isInstanceOfSatisfying(dev.shipbridge.WebhookException.class,
              e -> assertThat(e.reason()).isEqualTo(dev.shipbridge.WebhookException.Reason.DUPLICATE));
      String forged = body.replaceAll("data_digest=[^&]*", "data_digest=AAAAAAAAAAAAAAAAAAAAAA%3D%3D");
      assertThatThrownBy(() -> s.webhooks().handle(
          dev.shipbridge.WebhookRequest.of(forged.getBytes(java.nio.charset.StandardCharsets.UTF_8), headers)))
          .isInstanceOfSatisfying(dev.shipbridge.WebhookException.class,
              e -> assertThat(e.reason()).isEqualTo(dev.shipbridge.WebhookException.Reason.BAD_SIGNATURE));
    }
  }

  @Test
  void aBigBagHandoverReturnsItsHandoverListAndCanBeCancelled() {
    Label a = shipbridge.label(TestData.labelRequest("order-1"));
    Label b = shipbridge.label(TestData.labelRequest("order-2").toBuilder().reference("8001234567890124")
        .idempotencyKey(dev.shipbridge.model.IdempotencyKey.of("order-2")).build());
    Manifest m = shipbridge.manifest(new ManifestRequest(CarrierId.CAINIAO,
        List.of(a.trackingNumber(), b.trackingNumber()), TestData.shenzhen(), null));
    assertThat(new String(m.document(), 0, 5)).isEqualTo("%PDF-");
    assertThat(m.trackingNumbers()).hasSize(2);
    // the big bag's own LP code and the handover order it belongs to
    assertThat(m.containerCode()).matches("LP\\d{14}").isNotIn(a.trackingNumber(), b.trackingNumber());
    assertThat(m.handoverOrderId()).isNotBlank();
    // the handover's other documents and its cancellation are the bound carrier's own calls
    CainiaoCarrier direct = iopCarrier().build().bind(new dev.shipbridge.spi.CarrierContext() {
      @Override
      public dev.shipbridge.http.HttpTransport transport() {
        return new dev.shipbridge.http.HttpTransport(new okhttp3.OkHttpClient());
      }

      @Override
      public java.time.Clock clock() {
        return clock;
      }

      @Override
      public dev.shipbridge.spi.TokenStore tokenStore() {
        return dev.shipbridge.spi.TokenStore.inMemory(clock);
      }
    });
    assertThatThrownBy(() -> iopCarrier().build().cancelHandover(m.manifestId()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("not bound");
    assertThat(new String(direct.handoverDocument(m.manifestId(), CainiaoCarrier.HandoverDocument.WAYBILL_LABEL), 0, 5))
        .isEqualTo("%PDF-");
    assertThat(direct.cancelHandover(m.manifestId())).isTrue();
    assertThat(cainiao.requestCount("cainiao.global.handover.commit")).isEqualTo(1);
  }

  @Test
  void thePublicTrackingPageIsOffByDefaultAndLimitedWhenOn() {
    Label label = shipbridge.label(TestData.labelRequest("order-1042"));
    clock.advance(Duration.ofDays(1));
    CainiaoCarrier pub = CainiaoCarrier.builder().publicTracking(true).publicTrackingUrl(cainiao.iopBaseUrl()).build();
    try (Shipbridge viaPublic = Shipbridge.builder().discoverCarriers(false).carrier(pub).clock(clock)
        .sleeper(d -> { }).build()) {
      Tracking t = viaPublic.track(label.trackingNumber());
      assertThat(t.details()).containsEntry("source", "public");
      assertThatThrownBy(() -> viaPublic.track(label.trackingNumber())).isInstanceOf(RateLimitedException.class);
      assertThat(cainiao.requestCount("/global/detail.json")).isEqualTo(1);
    }
    assertThat(shipbridge.track(label.trackingNumber()).details()).containsEntry("source", "iop");
    assertThat(cainiao.requestCount("/global/detail.json")).isEqualTo(1);
  }
}
