package dev.shipbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.NotFoundException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.TrackManyOptions;
import dev.shipbridge.TrackResult;
import dev.shipbridge.TrackingAccessDeniedException;
import dev.shipbridge.cainiao.CainiaoCarrier;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LegStatus;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingLeg;
import dev.shipbridge.model.TrackingStatus;
import dev.shipbridge.resilience.OperationPolicy;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import dev.shipbridge.testkit.cainiao.Numbers;
import dev.shipbridge.usps.UspsCarrier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 18 items 3 and 7 on the real adapters through the facade: the USPS emulator enforces the
 * 2026 tracking access rule (the caller must be authorized for the Mailer ID in the barcode), the
 * Cainiao emulator hands its parcels to USPS under the consolidator's MID and mirrors the last-mile
 * events. A refused USPS leg does not fail the journey; an authorized MID merges the USPS leg; in
 * trackMany each refused number says so on its own. Default policy and a permissive one.
 */
class TrackingAccessJourneyTest {
  /** More than USPS's default tracking quota (60 calls an hour) spaces two calls. */
  private static final Duration QUOTA_SPACING = Duration.ofMinutes(2);
  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-04-06T15:00:00Z"));

  private Shipbridge shipbridge(UspsEmulator usps, CainiaoEmulator cainiao, boolean permissive,
      UspsCarrier.TrackingApi api) {
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).clock(clock).sleeper(clock::advance);
    if (permissive) {
      b.resilience(ResiliencePolicy.custom().all(s -> s.unlimited().maxAttempts(1)
          .circuitBreaker(OperationPolicy.CircuitBreakerSettings.DISABLED)).build());
    } else {
      // the carriers' default quotas and breakers; a permit is waited for in virtual time (V3_DETAIL's
      // trackMany spends one USPS call, a minute of quota, per number)
      b.resilience(ResiliencePolicy.custom().all(s -> s.rateLimitTimeout(Duration.ofMinutes(5))).build());
    }
    return b.carrier(UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId())
            .clientSecret(usps.clientSecret()).trackingApi(api).build())
        .carrier(CainiaoCarrier.builder().appKey(cainiao.appKey()).appSecret(cainiao.appSecret())
            .accessToken(cainiao.accessToken()).iopBaseUrl(cainiao.iopBaseUrl()).build())
        .build();
  }

  @ParameterizedTest(name = "permissive policy: {0}")
  @ValueSource(booleans = {false, true})
  void aRefusedUspsLegIsAccessDeniedAndTheJourneyKeepsCainiaosMirroredLastMileEvents(boolean permissive) {
    try (UspsEmulator usps = UspsEmulator.start(clock);
        CainiaoEmulator cainiao = CainiaoEmulator.start(clock);
        Shipbridge shipbridge = shipbridge(usps, cainiao, permissive, UspsCarrier.TrackingApi.V3R2_BATCH)) {
      usps.enforceTrackingAccess(true);
      List<String> handed = handOff(cainiao.mirrorLastMile(true), usps);
      Label label = shipbridge.label(Requests.cainiaoLabel("denied-" + permissive, "900000000051", Requests.BROOKLYN));
      clock.advance(Duration.ofDays(8)); // past the mirrored delivery (handoff + 58 h)

      Tracking one = shipbridge.track(label.trackingNumber());
      assertThat(handed).hasSize(1);
      String mid = UspsEmulator.mailerIdOf(handed.get(0));
      assertDeniedJourney(one, handed.get(0), mid);
      int asked = usps.requestCount("POST", "/tracking/v3r2/tracking");
      assertThat(asked).as("USPS was asked and refused, not skipped").isEqualTo(1);

      clock.advance(QUOTA_SPACING);
      // the journey is delivered, so trackMany would answer it from its cache: ask again
      List<TrackResult> many = shipbridge.trackMany(List.of(label.trackingNumber()),
          TrackManyOptions.builder().refreshTerminal(true).build());
      assertThat(many).hasSize(1);
      assertThat(many.get(0).isSuccess()).as("%s", many.get(0).failure()).isTrue();
      assertDeniedJourney(many.get(0).tracking(), handed.get(0), mid);
      assertThat(usps.requestCount("POST", "/tracking/v3r2/tracking")).as("the refusal stands: USPS not asked again")
          .isEqualTo(1);
    }
  }

  @ParameterizedTest(name = "permissive policy: {0}")
  @ValueSource(booleans = {false, true})
  void aRefusedUspsLegIsNotAskedAgainOnEveryPollUntilTheRecheckIntervalHasPassed(boolean permissive) {
    try (UspsEmulator usps = UspsEmulator.start(clock);
        CainiaoEmulator cainiao = CainiaoEmulator.start(clock);
        Shipbridge shipbridge = shipbridge(usps, cainiao, permissive, UspsCarrier.TrackingApi.V3R2_BATCH)) {
      usps.enforceTrackingAccess(true);
      List<String> handed = handOff(cainiao.mirrorLastMile(true), usps);
      Label label = shipbridge.label(Requests.cainiaoLabel("recheck-" + permissive, "900000000053", Requests.BROOKLYN));
      clock.advance(Duration.ofDays(8));
      Tracking first = shipbridge.track(label.trackingNumber());
      assertThat(handed).hasSize(1);
      String mid = UspsEmulator.mailerIdOf(handed.get(0));
      assertDeniedJourney(first, handed.get(0), mid);
      assertThat(usps.requestCount("POST", "/tracking/v3r2/tracking")).isEqualTo(1);
      int cainiaoAsked = cainiao.requests().size();

      // a poll every half hour for almost six hours: Cainiao is asked each time, USPS never
      Duration step = Duration.ofMinutes(30);
      int polls = 0;
      for (Duration waited = step; waited.compareTo(TrackingAccessDeniedException.RECHECK_AFTER) < 0; waited = waited.plus(step)) {
        clock.advance(step);
        Tracking t = polls % 2 == 0 ? shipbridge.track(label.trackingNumber())
            : shipbridge.trackMany(List.of(label.trackingNumber()), TrackManyOptions.builder().refreshTerminal(true).build())
                .get(0).tracking();
        assertDeniedJourney(t, handed.get(0), mid);
        polls++;
      }
      assertThat(polls).isEqualTo(11);
      assertThat(usps.requestCount("POST", "/tracking/v3r2/tracking")).as("USPS asked once in six hours").isEqualTo(1);
      assertThat(cainiao.requests().size()).as("the first leg is polled as usual").isGreaterThanOrEqualTo(cainiaoAsked + polls);

      clock.advance(step); // six hours after the refusal: USPS is asked again, and refuses again
      assertDeniedJourney(shipbridge.track(label.trackingNumber()), handed.get(0), mid);
      assertThat(usps.requestCount("POST", "/tracking/v3r2/tracking")).isEqualTo(2);
      clock.advance(QUOTA_SPACING);
      assertDeniedJourney(shipbridge.trackMany(List.of(label.trackingNumber()),
          TrackManyOptions.builder().refreshTerminal(true).build()).get(0).tracking(), handed.get(0), mid);
      assertThat(usps.requestCount("POST", "/tracking/v3r2/tracking")).isEqualTo(2);
    }
  }

  private static void assertDeniedJourney(Tracking t, String uspsNumber, String mid) {
    assertThat(t.legs()).extracting(TrackingLeg::carrier).containsExactly(CarrierId.CAINIAO, CarrierId.USPS);
    TrackingLeg leg = t.legs().get(1);
    assertThat(leg.status()).isEqualTo(LegStatus.ACCESS_DENIED);
    assertThat(leg.trackingNumber()).isEqualTo(uspsNumber);
    assertThat(leg.reportedBy()).isEqualTo(CarrierId.CAINIAO);
    assertThat(leg.failure()).contains("Mailer ID " + mid).contains("USPS Business Portal");
    assertThat(t.legs().get(0).status()).isEqualTo(LegStatus.TRACKED);
    assertThat(t.events()).extracting(TrackingEvent::rawCode)
        .contains("GTMS_ACCEPT", "GTMS_DO_ARRIVE", "GTMS_DO_DEPART", "GTMS_SIGNED");
    assertThat(t.events()).allSatisfy(e -> assertThat(e.carrier()).isEqualTo(CarrierId.CAINIAO));
    assertThat(t.status()).isEqualTo(TrackingStatus.DELIVERED);
  }

  @ParameterizedTest(name = "permissive policy: {0}")
  @ValueSource(booleans = {false, true})
  void anAuthorizedMidStillMergesTheUspsLeg(boolean permissive) {
    try (UspsEmulator usps = UspsEmulator.start(clock);
        CainiaoEmulator cainiao = CainiaoEmulator.start(clock);
        Shipbridge shipbridge = shipbridge(usps, cainiao, permissive, UspsCarrier.TrackingApi.V3R2_BATCH)) {
      usps.enforceTrackingAccess(true);
      List<String> handed = handOff(cainiao.mirrorLastMile(true), usps);
      Label label = shipbridge.label(Requests.cainiaoLabel("allowed-" + permissive, "900000000052", Requests.BROOKLYN));
      clock.advance(Duration.ofDays(5));
      Tracking first = shipbridge.track(label.trackingNumber()); // handed over by now
      assertThat(first.legs().get(1).status()).isEqualTo(LegStatus.ACCESS_DENIED);

      usps.allowTrackingMid(usps.clientId(), UspsEmulator.mailerIdOf(handed.get(0)));
      clock.advance(TrackingAccessDeniedException.RECHECK_AFTER); // the refusal is asked again once it has stood its time
      Tracking one = shipbridge.track(label.trackingNumber());
      clock.advance(QUOTA_SPACING);
      for (Tracking t : List.of(one, shipbridge.trackMany(List.of(label.trackingNumber())).get(0).tracking())) {
        TrackingLeg leg = t.legs().get(1);
        assertThat(leg.failure()).isNull();
        assertThat(leg.status()).isEqualTo(LegStatus.TRACKED);
        assertThat(leg.reportedBy()).isEqualTo(CarrierId.USPS);
        assertThat(t.events()).anySatisfy(e -> assertThat(e.carrier()).isEqualTo(CarrierId.USPS));
      }
    }
  }

  @ParameterizedTest(name = "permissive policy: {0}, {1}")
  @CsvSource({"false, V3R2_BATCH", "true, V3R2_BATCH", "false, V3_DETAIL", "true, V3_DETAIL"})
  void trackManyReportsEachRefusedNumberWithItsMailerId(boolean permissive, UspsCarrier.TrackingApi api) {
    try (UspsEmulator usps = UspsEmulator.start(clock);
        CainiaoEmulator cainiao = CainiaoEmulator.start(clock);
        Shipbridge shipbridge = shipbridge(usps, cainiao, permissive, api)) {
      usps.enforceTrackingAccess(true);
      String allowed = Numbers.impb(12_345_670_000_001L);
      String refused = Numbers.impb(98_765_430_000_002L);
      String unknown = Numbers.impb(55_555_550_000_003L);
      usps.expectInboundParcel(allowed, clock.instant().minus(Duration.ofHours(10)));
      usps.expectInboundParcel(refused, clock.instant().minus(Duration.ofHours(10)));
      String refusedMid = UspsEmulator.mailerIdOf(refused);
      assertThat(refusedMid).isNotEqualTo(UspsEmulator.mailerIdOf(allowed));
      usps.allowTrackingMid(usps.clientId(), UspsEmulator.mailerIdOf(allowed));

      List<TrackResult> results = shipbridge.trackMany(List.of(allowed, refused, unknown));
      assertThat(results).extracting(TrackResult::trackingNumber).containsExactly(allowed, refused, unknown);
      assertThat(results.get(0).isSuccess()).isTrue();
      assertThat(results.get(0).tracking().status()).isEqualTo(TrackingStatus.IN_TRANSIT);
      assertThat(results.get(1).failure()).isInstanceOfSatisfying(TrackingAccessDeniedException.class, e -> {
        assertThat(e.trackingNumber()).contains(refused);
        assertThat(e.mailerId()).contains(refusedMid);
        assertThat(e.httpStatus()).isEqualTo(403);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains(refusedMid).contains("USPS Business Portal");
      });
      assertThat(results.get(2).failure()).isInstanceOf(NotFoundException.class);

      clock.advance(Duration.ofMinutes(10)); // V3_DETAIL asked three numbers one by one
      assertThatThrownBy(() -> shipbridge.track(refused)).isInstanceOfSatisfying(TrackingAccessDeniedException.class, e -> {
        assertThat(e.mailerId()).contains(refusedMid);
        assertThat(e.trackingNumber()).contains(refused);
        assertThat(e.attempts()).as("sent once, never retried").isEqualTo(1);
      });
      clock.advance(QUOTA_SPACING);
      assertThat(shipbridge.track(allowed).legs()).singleElement()
          .satisfies(l -> assertThat(l.status()).isEqualTo(LegStatus.TRACKED));
    }
  }

  private static List<String> handOff(CainiaoEmulator cainiao, UspsEmulator usps) {
    List<String> handed = new CopyOnWriteArrayList<>();
    cainiao.onLastMileHandoff((number, at) -> {
      handed.add(number);
      usps.expectInboundParcel(number, at);
    });
    return handed;
  }
}
