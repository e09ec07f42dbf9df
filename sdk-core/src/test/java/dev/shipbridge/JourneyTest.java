package dev.shipbridge;

import static dev.shipbridge.model.Fixtures.cn;
import static dev.shipbridge.model.Fixtures.customs;
import static dev.shipbridge.model.Fixtures.parcel;
import static dev.shipbridge.model.Fixtures.us;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.EventLocation;
import dev.shipbridge.model.Handoff;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Leg;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingLeg;
import dev.shipbridge.model.TrackingStatus;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.TrackingCapability;
import dev.shipbridge.spi.TrackingNumberMatcher;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Journeys across two carriers, with carriers written for the test. */
class JourneyTest {
  static final OffsetDateTime T0 = OffsetDateTime.parse("2026-03-02T01:00:00Z");
  static final CarrierId FIRST = CarrierId.of("first");
  static final CarrierId LAST = CarrierId.of("last");

  /** Tracks "CN..." numbers; each is handed to LAST as "US" + the same digits. */
  static final class FirstMile implements Carrier, TrackingCapability {
    final List<List<String>> calls = new CopyOnWriteArrayList<>();

    public CarrierId id() { return FIRST; }
    public TrackingNumberMatcher trackingNumbers() { return n -> n.startsWith("CN"); }
    public int maxBatchSize() { return 10; }

    public Tracking track(String n) {
      calls.add(List.of(n));
      return tracking(n);
    }

    public List<TrackResult> trackMany(List<String> numbers) {
      calls.add(numbers);
      return numbers.stream().map(n -> TrackResult.success(n, tracking(n))).toList();
    }

    static Tracking tracking(String n) {
      List<TrackingEvent> es = List.of(
          new TrackingEvent(T0, TrackingStatus.PRE_TRANSIT, "GWMS_ACCEPT", "accepted", EventLocation.of("Hangzhou", null, null, "CN"), FIRST),
          new TrackingEvent(T0.plusDays(3), TrackingStatus.IN_CUSTOMS, "CC_IM_START", "import customs", EventLocation.of("Los Angeles", "CA", null, "US"), FIRST),
          new TrackingEvent(T0.plusDays(4), TrackingStatus.IN_TRANSIT, "GTMS_ACCEPT", "handed to last mile", EventLocation.of("Los Angeles", "CA", null, "US"), FIRST));
      return Tracking.of(n, FIRST, es, null, new Handoff(LAST, "US" + n.substring(2)), Map.of("original", n));
    }
  }

  /** Tracks "US..." numbers; can fail. */
  static final class LastMile implements Carrier, TrackingCapability {
    final List<List<String>> calls = new CopyOnWriteArrayList<>();
    volatile boolean down;
    volatile boolean delivered = true;

    public CarrierId id() { return LAST; }
    public TrackingNumberMatcher trackingNumbers() { return n -> n.startsWith("US"); }
    public int maxBatchSize() { return 2; }

    public Tracking track(String n) {
      calls.add(List.of(n));
      if (down) throw new CarrierUnavailableException(CarrierException.details(LAST, "last mile down").httpStatus(503));
      return tracking(n);
    }

    public List<TrackResult> trackMany(List<String> numbers) {
      calls.add(numbers);
      if (down) throw new CarrierUnavailableException(CarrierException.details(LAST, "last mile down").httpStatus(503));
      return numbers.stream().map(n -> TrackResult.success(n, tracking(n))).toList();
    }

    Tracking tracking(String n) {
      List<TrackingEvent> es = new ArrayList<>(List.of(
          // the same handoff as the first leg reports it: a duplicate to drop
          new TrackingEvent(T0.plusDays(4), TrackingStatus.IN_TRANSIT, "03", "accepted", EventLocation.of("los angeles", "CA", null, "US"), LAST),
          new TrackingEvent(T0.plusDays(5), TrackingStatus.OUT_FOR_DELIVERY, "OF", "out for delivery", EventLocation.of("Washington", "DC", null, "US"), LAST)));
      if (delivered) {
        es.add(new TrackingEvent(T0.plusDays(5).plusHours(6), TrackingStatus.DELIVERED, "01", "delivered", EventLocation.of("Washington", "DC", null, "US"), LAST));
      }
      return Tracking.of(n, LAST, es, T0.plusDays(5).toLocalDate(), null, null);
    }
  }

  private final FirstMile first = new FirstMile();
  private final LastMile last = new LastMile();
  private final Shipbridge shipbridge = Shipbridge.builder().discoverCarriers(false).carrier(first).carrier(last).build();

  @AfterEach
  void close() {
    shipbridge.close();
  }

  @Test
  void trackingAHandedOverParcelReturnsOneJourneyAcrossBothCarriers() {
    Tracking t = shipbridge.track("CN12345678");
    assertThat(t.legs()).extracting(TrackingLeg::carrier).containsExactly(FIRST, LAST);
    assertThat(t.legs()).extracting(TrackingLeg::trackingNumber).containsExactly("CN12345678", "US12345678");
    assertThat(t.events()).extracting(TrackingEvent::rawCode)
        .containsExactly("GWMS_ACCEPT", "CC_IM_START", "GTMS_ACCEPT", "OF", "01");
    assertThat(t.events()).extracting(TrackingEvent::carrier).containsExactly(FIRST, FIRST, FIRST, LAST, LAST);
    assertThat(t.status()).isEqualTo(TrackingStatus.DELIVERED);
    assertThat(t.legs().get(1).lastEvent().status()).isEqualTo(TrackingStatus.DELIVERED);
    assertThat(t.estimatedDelivery()).isEqualTo(T0.plusDays(5).toLocalDate());
  }

  @Test
  void duplicateEventsOfTwoLegsAppearOnce() {
    Tracking t = shipbridge.track("CN12345678");
    assertThat(t.events()).filteredOn(e -> e.time().equals(T0.plusDays(4))).hasSize(1);
  }

  @Test
  void failureOnTheLastLegIsReportedOnThatLegAndKeepsTheFirstLegsEvents() {
    last.down = true;
    Tracking t = shipbridge.track("CN12345678");
    assertThat(t.events()).hasSize(3);
    assertThat(t.status()).isEqualTo(TrackingStatus.IN_TRANSIT);
    assertThat(t.legs().get(1).failed()).isTrue();
    assertThat(t.legs().get(1).failure()).contains("last mile down");
  }

  @Test
  void trackingTheLastMileNumberAloneStillWorks() {
    Tracking t = shipbridge.track("US12345678");
    assertThat(t.carrier()).isEqualTo(LAST);
    assertThat(t.legs()).singleElement().extracting(TrackingLeg::carrier).isEqualTo(LAST);
  }

  @Test
  void trackManyFollowsHandoffsInTheNextCarriersBatches() {
    List<TrackResult> rs = shipbridge.trackMany(List.of("CN00000001", "CN00000002", "CN00000003"));
    assertThat(first.calls).containsExactly(List.of("CN00000001", "CN00000002", "CN00000003"));
    assertThat(last.calls).containsExactlyInAnyOrder(List.of("US00000001", "US00000002"), List.of("US00000003"));
    assertThat(rs).allSatisfy(r -> {
      assertThat(r.tracking().legs()).hasSize(2);
      assertThat(r.tracking().status()).isEqualTo(TrackingStatus.DELIVERED);
    });
  }

  @Test
  void trackManyNeverTracksADeliveredParcelAgain() {
    shipbridge.trackMany(List.of("CN00000001", "CN00000002"));
    first.calls.clear();
    last.calls.clear();
    List<TrackResult> rs = shipbridge.trackMany(List.of("CN00000001", "CN00000002"));
    assertThat(first.calls).isEmpty();
    assertThat(last.calls).isEmpty();
    assertThat(rs).allSatisfy(r -> {
      assertThat(r.isSkipped()).isTrue();
      assertThat(r.status()).contains(TrackingStatus.DELIVERED);
      assertThat(r.tracking()).isNotNull();
    });
  }

  @Test
  void trackManySkipsNumbersTheCallerKnowsAreTerminal() {
    List<TrackResult> rs = shipbridge.trackMany(List.of("CN00000001", "CN00000002"), TrackManyOptions.builder()
        .knownStatus("CN00000001", TrackingStatus.RETURNED_TO_SENDER)
        .knownStatus("CN00000002", TrackingStatus.IN_TRANSIT).build());
    assertThat(first.calls).containsExactly(List.of("CN00000002"));
    assertThat(rs.get(0).skippedStatus()).isEqualTo(TrackingStatus.RETURNED_TO_SENDER);
    assertThat(rs.get(1).isSuccess()).isTrue();
  }

  @Test
  void trackManyTracksTerminalParcelsAgainWhenAsked() {
    List<TrackResult> rs = shipbridge.trackMany(List.of("CN00000001"), TrackManyOptions.builder()
        .knownStatus("CN00000001", TrackingStatus.DELIVERED).refreshTerminal(true).build());
    assertThat(first.calls).hasSize(1);
    assertThat(rs.get(0).isSuccess()).isTrue();
  }

  @Test
  void trackManyReportsALastLegBatchFailureOnEachJourney() {
    last.down = true;
    List<TrackResult> rs = shipbridge.trackMany(List.of("CN00000001", "CN00000002"));
    assertThat(rs).allSatisfy(r -> {
      assertThat(r.tracking().events()).hasSize(3);
      assertThat(r.tracking().legs().get(1).failed()).isTrue();
    });
  }

  @Test
  void quotesSayWhichLegsTheyCover() {
    FakeCarrier doorToDoor = new FakeCarrier("door", "DD", "1");
    doorToDoor.quotes = r -> List.of(Quote.builder(doorToDoor.id, "D2D", Money.of("80", "CNY"))
        .legs(EnumSet.allOf(Leg.class)).transitDays(8, 12).build());
    FakeCarrier lastMile = new FakeCarrier("lm", "LM", "1");
    lastMile.quotes = r -> List.of(Quote.builder(lastMile.id, "GA", Money.of("6", "USD"))
        .legs(EnumSet.of(Leg.LAST_MILE)).transitDays(2, 5).build());
    try (Shipbridge s = Shipbridge.builder().discoverCarriers(false).carrier(doorToDoor).carrier(lastMile).build()) {
      QuoteResult r = s.quote(QuoteRequest.builder().from(cn().build()).to(us().build()).parcel(parcel()).customs(customs()).build());
      assertThat(r.covering(EnumSet.allOf(Leg.class)).quotes()).extracting(Quote::serviceCode).containsExactly("D2D");
      assertThat(r.covering(EnumSet.of(Leg.LAST_MILE)).quotes()).hasSize(2);
      assertThat(r.currencies()).hasSize(2);
      assertThat(r.cheapest()).isEmpty();
      assertThat(r.cheapestChoice().refusal()).isEqualTo(QuoteResult.Choice.Refusal.MIXED_CURRENCIES);
    }
  }

  @Test
  void carriersOwnLabelRulesAreCheckedBeforeAnyCall() {
    FakeCarrier strict = new FakeCarrier("strict", "ST", "1") {
      @Override
      public List<ValidationException.Violation> check(LabelRequest request) {
        return List.of(new ValidationException.Violation("customs.items[0].description", "longer than 30 characters"));
      }
    };
    try (Shipbridge s = Shipbridge.builder().discoverCarriers(false).carrier(strict).build()) {
      LabelRequest req = LabelRequest.builder().carrier(strict.id).serviceCode("X").from(cn().build()).to(us().build())
          .parcel(parcel()).customs(customs()).build();
      assertThatThrownBy(() -> s.label(req)).isInstanceOf(ValidationException.class)
          .hasMessageContaining("customs.items[0].description");
      assertThat(strict.labelCalls).hasValue(0);
    }
  }

  @Test
  void trackManyRefusesADeadlineTheQuotaCannotMeetBeforeAnyCall() {
    FirstMile slowQuota = new FirstMile();
    var clock = java.time.Clock.fixed(T0.toInstant(), java.time.ZoneOffset.UTC);
    try (Shipbridge s = Shipbridge.builder().discoverCarriers(false).carrier(slowQuota).clock(clock)
        .resilience(dev.shipbridge.resilience.ResiliencePolicy.custom()
            .carrier(FIRST, dev.shipbridge.resilience.Operation.TRACK,
                x -> x.rateLimit(dev.shipbridge.resilience.RateLimit.perHour(60)))
            .build())
        .build()) {
      List<String> numbers = new ArrayList<>();
      for (int i = 0; i < 25; i++) numbers.add(String.format("CN%08d", i));
      var tooSoon = TrackManyOptions.builder().deadline(T0.toInstant().plusSeconds(60)).build();
      assertThatThrownBy(() -> s.trackMany(numbers, tooSoon))
          .isInstanceOfSatisfying(QuotaDeadlineException.class, e -> {
            assertThat(e.calls()).isEqualTo(3);
            assertThat(e.estimatedCompletion()).isEqualTo(T0.toInstant().plus(
                dev.shipbridge.resilience.RateLimit.perHour(60).timeFor(3))); // 2 minutes and 2 x 25 ms / 60
          });
      assertThat(slowQuota.calls).isEmpty();
    }
  }
}
