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
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import dev.shipbridge.usps.UspsCarrier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A Cainiao → USPS journey on the real adapters and both emulators: the scheduler sees the
 * handoff, starts watching the USPS leg on its own, reports every event once under the number it
 * was asked to watch, and stops at delivery.
 */
class JourneyOnEmulatorsTest {
  @Test
  void aHandoffStartsWatchingTheNextLegAndEveryEventOfTheJourneyIsReportedOnce() {
    MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-02T01:00:00Z"));
    try (UspsEmulator usps = UspsEmulator.start(clock); CainiaoEmulator cainiao = CainiaoEmulator.start(clock)) {
      cainiao.onLastMileHandoff(usps::expectInboundParcel);
      List<TrackingChanged> changes = new ArrayList<>();
      Set<String> eventIds = new HashSet<>();
      try (Shipbridge sb = Shipbridge.builder().discoverCarriers(false)
          .carrier(UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId()).clientSecret(usps.clientSecret())
              .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525"))
              .inductionZip("11430").build())
          .carrier(CainiaoCarrier.builder().iopBaseUrl(cainiao.iopBaseUrl()).appKey(cainiao.appKey())
              .appSecret(cainiao.appSecret()).accessToken(cainiao.accessToken()).linkBaseUrl(cainiao.linkBaseUrl())
              .linkProviderId(cainiao.logisticProviderId()).linkSecretKey(cainiao.linkSecretKey()).build())
          .clock(clock).sleeper(clock::advance)
          .resilience(ResiliencePolicy.custom().all(s -> s.rateLimitTimeout(Duration.ofSeconds(90))).build()).build();
          TrackingScheduler scheduler = TrackingScheduler.builder().shipbridge(sb).clock(clock)
              .listener(c -> {
                changes.add(c);
                for (String id : c.eventIds()) assertThat(eventIds.add(id)).as("event %s reported twice", id).isTrue();
              }).build()) {
        Label label = sb.label(LabelRequest.builder().carrier(CarrierId.CAINIAO).serviceCode("CAINIAO_STANDARD")
            .from(seller()).to(consumer()).parcel(Parcel.of(Weight.grams(600), Dimensions.of("20", "15", "10", LengthUnit.CENTIMETRE)))
            .customs(CustomsDeclaration.of(CustomsDeclaration.ContentType.MERCHANDISE, List.of(
                new CustomsItem("Longjing green tea, 250 g tin", 1, Money.of("24.00", "USD"), Weight.grams(300), "090210", "CN"))))
            .reference("8001234567890010").idempotencyKey(IdempotencyKey.of("journey-1")).build());
        assertThat(scheduler.watch(label)).isTrue();
        Instant end = clock.instant().plus(Duration.ofDays(30));
        while (clock.instant().isBefore(end) && scheduler.snapshot(label.trackingNumber()).orElseThrow().stopReason() == null
            || legStillWatched(scheduler, changes)) {
          scheduler.runOnce();
          clock.advance(Duration.ofMinutes(5));
          if (!clock.instant().isBefore(end)) break;
        }
        ParcelState first = scheduler.snapshot(label.trackingNumber()).orElseThrow();
        assertThat(first.stopReason()).isEqualTo(ParcelState.Stop.HANDED_OFF);
        TrackingChanged handoff = changes.stream().filter(c -> c.handoff() != null).findFirst().orElseThrow();
        assertThat(handoff.handoff().carrier()).isEqualTo(CarrierId.USPS);
        ParcelState leg = scheduler.snapshot(handoff.handoff().trackingNumber()).orElseThrow();
        assertThat(leg.journey()).isEqualTo(label.trackingNumber());
        assertThat(leg.status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(leg.stopReason()).isEqualTo(ParcelState.Stop.TERMINAL);
        assertThat(changes).allMatch(c -> c.trackingNumber().equals(label.trackingNumber()));
        assertThat(changes.get(changes.size() - 1).status()).isEqualTo(TrackingStatus.DELIVERED);
        assertThat(changes.stream().flatMap(c -> c.events().stream()).map(e -> e.carrier()).distinct())
            .containsExactlyInAnyOrder(CarrierId.CAINIAO, CarrierId.USPS);
      }
    }
  }

  private static boolean legStillWatched(TrackingScheduler scheduler, List<TrackingChanged> changes) {
    return changes.stream().filter(c -> c.handoff() != null).findFirst()
        .map(c -> scheduler.snapshot(c.handoff().trackingNumber()).map(ParcelState::isWatched).orElse(true)).orElse(false);
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
