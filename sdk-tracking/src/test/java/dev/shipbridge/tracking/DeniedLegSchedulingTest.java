package dev.shipbridge.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.cainiao.CainiaoCarrier;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.CustomsItem;
import dev.shipbridge.model.Dimensions;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.LengthUnit;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.TrackingStatus;
import dev.shipbridge.model.Weight;
import dev.shipbridge.resilience.OperationPolicy;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import dev.shipbridge.testkit.cainiao.Numbers;
import dev.shipbridge.usps.UspsCarrier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 18 item 3 in the scheduler, on the real adapters and both emulators with USPS enforcing its
 * tracking access rule: a journey whose USPS leg is refused is not handed off to a watch of the USPS
 * number (it would only be refused again) but followed on Cainiao's number to the delivery Cainiao
 * mirrors; a USPS number watched on its own and refused waits hours, not minutes, before it is asked again.
 */
class DeniedLegSchedulingTest {
  private final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-04-06T01:00:00Z"));

  private Shipbridge shipbridge(UspsEmulator usps, CainiaoEmulator cainiao, boolean permissive) {
    return Shipbridge.builder().discoverCarriers(false)
        .carrier(UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId()).clientSecret(usps.clientSecret()).build())
        .carrier(CainiaoCarrier.builder().iopBaseUrl(cainiao.iopBaseUrl()).appKey(cainiao.appKey())
            .appSecret(cainiao.appSecret()).accessToken(cainiao.accessToken()).linkBaseUrl(cainiao.linkBaseUrl())
            .linkProviderId(cainiao.logisticProviderId()).linkSecretKey(cainiao.linkSecretKey()).build())
        .clock(clock).sleeper(clock::advance)
        .resilience(permissive
            ? ResiliencePolicy.custom().all(s -> s.unlimited().maxAttempts(1)
                .circuitBreaker(OperationPolicy.CircuitBreakerSettings.DISABLED)).build()
            : ResiliencePolicy.custom().all(s -> s.rateLimitTimeout(Duration.ofSeconds(90))).build())
        .build();
  }

  @ParameterizedTest(name = "permissive policy: {0}")
  @ValueSource(booleans = {false, true})
  void aJourneyWhoseUspsLegIsRefusedIsFollowedOnCainiaoToItsMirroredDelivery(boolean permissive) {
    try (UspsEmulator usps = UspsEmulator.start(clock); CainiaoEmulator cainiao = CainiaoEmulator.start(clock)) {
      usps.enforceTrackingAccess(true);
      cainiao.mirrorLastMile(true).handOffTo(usps);
      List<TrackingChanged> changes = new ArrayList<>();
      try (Shipbridge sb = shipbridge(usps, cainiao, permissive);
          TrackingScheduler scheduler = TrackingScheduler.builder().shipbridge(sb).clock(clock).listener(changes::add).build()) {
        Label label = sb.label(LabelRequest.builder().carrier(CarrierId.CAINIAO).serviceCode("CAINIAO_STANDARD")
            .from(seller()).to(consumer()).parcel(Parcel.of(Weight.grams(600), Dimensions.of("20", "15", "10", LengthUnit.CENTIMETRE)))
            .customs(CustomsDeclaration.of(CustomsDeclaration.ContentType.MERCHANDISE, List.of(
                new CustomsItem("Longjing green tea, 250 g tin", 1, Money.of("24.00", "USD"), Weight.grams(300), "090210", "CN"))))
            .reference("8001234567890020").idempotencyKey(IdempotencyKey.of("denied-journey-" + permissive)).build());
        assertThat(scheduler.watch(label)).isTrue();
        Instant end = clock.instant().plus(Duration.ofDays(12));
        int passes = 0;
        while (clock.instant().isBefore(end) && scheduler.snapshot(label.trackingNumber()).orElseThrow().isWatched()) {
          scheduler.runOnce();
          passes++;
          clock.advance(Duration.ofMinutes(5));
        }
        ParcelState first = scheduler.snapshot(label.trackingNumber()).orElseThrow();
        assertThat(first.stopReason()).isEqualTo(ParcelState.Stop.TERMINAL);
        assertThat(first.status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(changes).allMatch(c -> c.handoff() == null);
        assertThat(changes.stream().flatMap(c -> c.events().stream()).map(e -> e.rawCode()))
            .contains("GTMS_ACCEPT", "GTMS_DO_DEPART", "GTMS_SIGNED");
        assertThat(changes.stream().flatMap(c -> c.events().stream()).map(e -> e.carrier())).containsOnly(CarrierId.CAINIAO);
        String impb = cainiaoHandoffNumber(changes);
        assertThat(scheduler.snapshot(impb)).as("the refused USPS number is not watched on its own").isEmpty();
        int uspsCalls = usps.requestCount("POST", "/tracking/v3r2/tracking");
        assertThat(uspsCalls).as("USPS was asked (and refused) only when the journey was polled").isPositive()
            .isLessThan(passes / 4);
      }
    }
  }

  @ParameterizedTest(name = "permissive policy: {0}")
  @ValueSource(booleans = {false, true})
  void aRefusedUspsNumberWatchedOnItsOwnWaitsHoursBeforeItIsAskedAgain(boolean permissive) {
    try (UspsEmulator usps = UspsEmulator.start(clock); CainiaoEmulator cainiao = CainiaoEmulator.start(clock);
        Shipbridge sb = shipbridge(usps, cainiao, permissive);
        TrackingScheduler scheduler = TrackingScheduler.builder().shipbridge(sb).clock(clock).listener(c -> { }).build()) {
      usps.enforceTrackingAccess(true);
      String refused = Numbers.impb(98_765_430_000_002L);
      usps.expectInboundParcel(refused, clock.instant().minus(Duration.ofHours(2)));
      assertThat(scheduler.watch(CarrierId.USPS, refused)).isTrue();
      Instant end = clock.instant().plus(Duration.ofHours(12));
      while (clock.instant().isBefore(end)) {
        scheduler.runOnce();
        clock.advance(Duration.ofMinutes(5));
      }
      assertThat(usps.requestCount("POST", "/tracking/v3r2/tracking")).as("once at once, then every 6 h").isBetween(2, 3);
      ParcelState p = scheduler.snapshot(refused).orElseThrow();
      assertThat(p.isWatched()).isTrue();
      assertThat(Duration.between(p.lastPolledAt(), p.nextDueAt())).isEqualTo(Pass.RETRY_AFTER_ACCESS_DENIED);
    }
  }

  private static String cainiaoHandoffNumber(List<TrackingChanged> changes) {
    return changes.stream().flatMap(c -> c.events().stream()).filter(e -> "GTMS_ACCEPT".equals(e.rawCode()))
        .map(e -> e.description().replaceAll(".*tracking number ", "").trim()).findFirst().orElseThrow();
  }

  private static Address seller() {
    return Address.builder().name("Chen Jing").company("West Lake Tea Co.").line("18 Wensan Road")
        .city("Hangzhou").region("Zhejiang").postalCode("310012").country("CN").phone("+86 571 8888 0000").build();
  }

  private static Address consumer() {
    return Address.builder().name("Ada Lovelace").line("123 Main St").city("Brooklyn").region("NY")
        .postalCode("11201").country("US").phone("+1 718 555 0123").email("ada@example.com").residential(true).build();
  }
}
