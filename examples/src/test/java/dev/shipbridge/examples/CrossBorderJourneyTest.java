package dev.shipbridge.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shipbridge.QuoteResult;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.TrackResult;
import dev.shipbridge.ValidationException;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.CustomsItem;
import dev.shipbridge.model.Handoff;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Leg;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingLeg;
import dev.shipbridge.model.TrackingStatus;
import dev.shipbridge.model.Weight;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.UspsEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A China to US order end to end, against both emulators sharing one virtual clock: quote across
 * both carriers, buy the Cainiao label, and track the parcel through export, line-haul, customs and
 * the USPS last mile, counting every HTTP call each emulator receives. Cainiao's emulator hands the
 * parcel to USPS 110 h after the order; USPS delivers it 58 h later.
 */
class CrossBorderJourneyTest {
  private static final String INQUIRY = "cainiao.global.solution.inquiry";
  private static final String ORDER_CREATE = "cainiao.global.logistic.order.create";
  private static final String LOGISTICS_INFO = "aliexpress.logistics.redefining.getonlinelogisticsinfo";
  private static final String PRINT_INFO = "aliexpress.logistics.redefining.getprintinfo";
  private static final String TRACKING = "aliexpress.logistics.redefining.querytrackingresult";

  private dev.shipbridge.sandbox.ShipbridgeSandbox sandbox;
  private Shipbridge shipbridge;
  private final List<String> handedToUsps = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    sandbox = Sandbox.start();
    sandbox.cainiao().onLastMileHandoff((number, at) -> {
      handedToUsps.add(number);
      sandbox.usps().expectInboundParcel(number, at);
    });
    shipbridge = sandbox.builder().build();
  }

  @AfterEach
  void stop() {
    shipbridge.close();
    sandbox.close();
  }

  private CainiaoEmulator cainiao() {
    return sandbox.cainiao();
  }

  private UspsEmulator usps() {
    return sandbox.usps();
  }

  private void advanceHours(long hours) {
    sandbox.clock().advance(Duration.ofHours(hours));
  }

  private Label buyCainiaoLabel(String tradeOrderId) {
    return shipbridge.label(LabelRequest.builder().carrier(CarrierId.CAINIAO).serviceCode("CAINIAO_STANDARD")
        .from(Sandbox.hangzhouSeller()).to(Sandbox.brooklynConsumer()).parcel(Sandbox.teaParcel())
        .customs(Sandbox.teaCustoms()).reference(tradeOrderId).idempotencyKey(IdempotencyKey.of("order-" + tradeOrderId))
        .build());
  }

  @Test
  void aParcelIsQuotedLabelledAndTrackedFromHangzhouToTheUsDoorWithAKnownNumberOfCalls() {
    QuoteResult quotes = shipbridge.quote(CrossBorderShipment.quoteRequest());
    assertThat(quotes.failures()).isEmpty();
    assertThat(quotes.of(CarrierId.CAINIAO)).isNotEmpty()
        .allSatisfy(q -> assertThat(q.legs()).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(Leg.class)))
        .allSatisfy(q -> assertThat(q.total().currency().getCurrencyCode()).isEqualTo("CNY"));
    assertThat(quotes.of(CarrierId.USPS)).isNotEmpty()
        .allSatisfy(q -> assertThat(q.legs()).containsExactly(Leg.LAST_MILE))
        .allSatisfy(q -> assertThat(q.total().currency().getCurrencyCode()).isEqualTo("USD"));
    Quote standard = quotes.of(CarrierId.CAINIAO).stream()
        .filter(q -> q.serviceCode().equals("CAINIAO_STANDARD")).findFirst().orElseThrow();

    Label label = shipbridge.label(LabelRequest.builder().quote(standard)
        .from(Sandbox.hangzhouSeller()).to(Sandbox.brooklynConsumer()).parcel(Sandbox.teaParcel())
        .customs(Sandbox.teaCustoms()).reference("8001234567890123")
        .idempotencyKey(IdempotencyKey.of("order-8001234567890123")).build());
    assertThat(label.carrier()).isEqualTo(CarrierId.CAINIAO);
    assertThat(label.trackingNumber()).matches("LP\\d{14}");
    assertThat(new String(label.content(), 0, 4)).isEqualTo("%PDF");
    String lp = label.trackingNumber();

    Tracking ordered = shipbridge.track(lp);                  // +0 h: order received
    assertThat(ordered.status()).isEqualTo(TrackingStatus.PRE_TRANSIT);
    advanceHours(42);                                          // +42 h: export customs in Shenzhen
    Tracking export = shipbridge.track(lp);
    assertThat(export.status()).isEqualTo(TrackingStatus.IN_CUSTOMS);
    assertThat(export.latestEvent().orElseThrow().rawCode()).isEqualTo("CC_EX_START");
    assertThat(export.legs()).hasSize(1);
    advanceHours(44);                                          // +86 h: flown, import customs in Los Angeles
    Tracking imported = shipbridge.track(lp);
    assertThat(imported.status()).isEqualTo(TrackingStatus.IN_CUSTOMS);
    assertThat(imported.events()).extracting(TrackingEvent::rawCode).contains("LH_DEPART", "LH_ARRIVE", "CC_IM_START");
    assertThat(handedToUsps).isEmpty();
    advanceHours(40);                                          // +126 h: with USPS since +110 h
    Tracking lastMile = shipbridge.track(lp);
    assertThat(handedToUsps).hasSize(1);
    assertThat(lastMile.status()).isEqualTo(TrackingStatus.IN_TRANSIT);
    assertThat(lastMile.legs()).extracting(TrackingLeg::carrier).containsExactly(CarrierId.CAINIAO, CarrierId.USPS);
    advanceHours(88);                                          // +214 h: delivered at +168 h
    Tracking delivered = shipbridge.track(lp);

    String uspsNumber = handedToUsps.get(0);
    assertThat(delivered.trackingNumber()).isEqualTo(lp);
    assertThat(delivered.carrier()).isEqualTo(CarrierId.CAINIAO);
    assertThat(delivered.status()).isEqualTo(TrackingStatus.DELIVERED);
    assertThat(delivered.handoff()).isEqualTo(new Handoff(CarrierId.USPS, uspsNumber));
    assertThat(delivered.legs()).extracting(TrackingLeg::carrier, TrackingLeg::trackingNumber)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(CarrierId.CAINIAO, lp),
            org.assertj.core.groups.Tuple.tuple(CarrierId.USPS, uspsNumber));
    assertThat(delivered.legs()).noneMatch(TrackingLeg::failed);
    assertTimeline(delivered);

    // Every HTTP call each emulator received: quote, label, then five journeys.
    assertThat(cainiao().requestCount(INQUIRY)).isEqualTo(1);
    assertThat(cainiao().requestCount(ORDER_CREATE)).isEqualTo(1);
    assertThat(cainiao().requestCount(PRINT_INFO)).isEqualTo(1);
    assertThat(cainiao().requestCount(LOGISTICS_INFO)).as("1 for the label, then 1 per track").isEqualTo(6);
    assertThat(cainiao().requestCount(TRACKING)).as("1 per track").isEqualTo(5);
    assertThat(cainiao().requestCount("*")).isEqualTo(14);
    assertThat(usps().requestCount("POST", "/shipments/v3")).as("one Shipping Options call, every class").isEqualTo(1);
    assertThat(usps().requestCount("*", "/prices/v3")).isZero();
    assertThat(usps().requestCount("POST", "/tracking/v3r2")).as("only once the parcel was handed over").isEqualTo(2);
    assertThat(usps().requestCount("POST", "/oauth2/v3/token"))
        .as("8-hour tokens: one for the quote, a fresh one for each of the two USPS tracks days later").isEqualTo(3);
    assertThat(usps().requests()).hasSize(6);
    assertThat(usps().labelsPurchased()).isZero();
  }

  /** Oldest first, both carriers, Cainiao up to the handoff and USPS after it, no event twice. */
  private static void assertTimeline(Tracking t) {
    List<TrackingEvent> events = t.events();
    assertThat(events).isSortedAccordingTo((a, b) -> a.time().toInstant().compareTo(b.time().toInstant()));
    assertThat(events).extracting(TrackingEvent::carrier).containsOnly(CarrierId.CAINIAO, CarrierId.USPS);
    assertThat(events.get(0)).satisfies(e -> {
      assertThat(e.carrier()).isEqualTo(CarrierId.CAINIAO);
      assertThat(e.rawCode()).isEqualTo("GWMS_ACCEPT");
    });
    assertThat(events.get(events.size() - 1)).satisfies(e -> {
      assertThat(e.carrier()).isEqualTo(CarrierId.USPS);
      assertThat(e.status()).isEqualTo(TrackingStatus.DELIVERED);
    });
    assertThat(events).filteredOn(e -> e.carrier().equals(CarrierId.CAINIAO)).extracting(TrackingEvent::rawCode)
        .containsExactly("GWMS_ACCEPT", "PU_PICKUP_SUCCESS", "SC_INBOUND_SUCCESS", "SC_OUTBOUND_SUCCESS",
            "LH_HO_IN_SUCCESS", "CC_EX_START", "CC_EX_SUCCESS", "LH_HO_AIRLINE", "LH_DEPART", "LH_ARRIVE",
            "CC_HO_IN_SUCCESS", "CC_IM_START", "CC_IM_SUCCESS", "CC_HO_OUT_SUCCESS", "GTMS_ACCEPT");
    assertThat(events).filteredOn(e -> e.carrier().equals(CarrierId.USPS)).extracting(TrackingEvent::rawCode)
        .containsExactly("03", "10", "T1", "TL", "A1", "07", "OF", "01");
    TrackingEvent handoff = events.stream().filter(e -> e.rawCode().equals("GTMS_ACCEPT")).findFirst().orElseThrow();
    assertThat(events).filteredOn(e -> e.carrier().equals(CarrierId.USPS))
        .allSatisfy(e -> assertThat(e.time().toInstant()).isAfterOrEqualTo(handoff.time().toInstant()));
    for (int i = 0; i < events.size(); i++) {
      for (int j = i + 1; j < events.size(); j++) {
        assertThat(events.get(i).isSameAs(events.get(j))).as("events %d and %d are one event", i, j).isFalse();
        assertThat(events.get(i)).isNotEqualTo(events.get(j));
      }
    }
    assertThat(events).hasSize(23);
  }

  @Test
  void trackManyBatchesUspsLegsPerCarrierAndNeverTracksADeliveredParcelAgain() {
    Label a = buyCainiaoLabel("8001234567890201");
    Label b = buyCainiaoLabel("8001234567890202");
    advanceHours(96);
    Label c = buyCainiaoLabel("8001234567890203");
    advanceHours(82);                                          // a, b: +178 h, delivered; c: +82 h, in customs
    List<String> numbers = List.of(a.trackingNumber(), b.trackingNumber(), c.trackingNumber());
    Counts before = counts();

    List<TrackResult> first = shipbridge.trackMany(numbers);

    assertThat(first).extracting(TrackResult::trackingNumber).containsExactlyElementsOf(numbers);
    assertThat(first).allMatch(TrackResult::isSuccess);
    assertThat(first.get(0).tracking().status()).isEqualTo(TrackingStatus.DELIVERED);
    assertThat(first.get(1).tracking().status()).isEqualTo(TrackingStatus.DELIVERED);
    assertThat(first.get(2).tracking().status()).isEqualTo(TrackingStatus.IN_CUSTOMS);
    assertThat(first.get(0).tracking().legs()).extracting(TrackingLeg::carrier).containsExactly(CarrierId.CAINIAO, CarrierId.USPS);
    assertTimeline(first.get(0).tracking());
    Counts run1 = counts().minus(before);
    assertThat(run1.cainiaoTracking).as("Cainiao tracks one number a call").isEqualTo(3);
    assertThat(run1.cainiaoAll).as("getonlinelogisticsinfo + querytrackingresult per number").isEqualTo(6);
    assertThat(run1.uspsTracking).as("both USPS legs in one batch").isEqualTo(1);
    assertThat(run1.uspsAll).as("one token, one tracking call").isEqualTo(2);
    UspsEmulator.RecordedCall batch = usps().requests().stream()
        .filter(r -> r.path().startsWith("/tracking/v3r2")).findFirst().orElseThrow();
    assertThat(batch.body()).contains(handedToUsps.get(0), handedToUsps.get(1));
    assertThat(handedToUsps).hasSize(2);

    advanceHours(48);                                          // c: +130 h, with USPS
    Counts mid = counts();
    List<TrackResult> second = shipbridge.trackMany(numbers);
    assertThat(second.get(0).isSkipped()).isTrue();
    assertThat(second.get(0).skippedStatus()).isEqualTo(TrackingStatus.DELIVERED);
    assertThat(second.get(1).isSkipped()).isTrue();
    assertThat(second.get(2).isSuccess()).isTrue();
    assertThat(second.get(2).tracking().legs()).hasSize(2);
    Counts run2 = counts().minus(mid);
    assertThat(run2.cainiaoTracking).as("only the parcel not yet delivered").isEqualTo(1);
    assertThat(run2.cainiaoAll).isEqualTo(2);
    assertThat(run2.uspsTracking).isEqualTo(1);
    assertThat(run2.uspsAll).as("the token from two days ago expired: a new one, then one tracking call").isEqualTo(2);

    advanceHours(48);                                          // c: +178 h, delivered
    assertThat(shipbridge.trackMany(numbers).get(2).status()).hasValue(TrackingStatus.DELIVERED);
    Counts end = counts();
    List<TrackResult> last = shipbridge.trackMany(numbers);
    assertThat(last).allMatch(TrackResult::isSkipped);
    assertThat(counts().minus(end)).as("every parcel delivered: no call at all").isEqualTo(new Counts(0, 0, 0, 0));
  }

  @Test
  void anInternationalLabelWithAnInvalidCustomsDeclarationFailsWithEveryViolationBeforeAnyCall() {
    // USPS's own rules for its customs form, checked by the adapter before any request (even the token).
    CustomsDeclaration vagueAndValuable = CustomsDeclaration.of(CustomsDeclaration.ContentType.MERCHANDISE, List.of(
        new CustomsItem("Merchandise", 1, Money.of("3000.00", "USD"), Weight.grams(400), "847130", "CN")));
    LabelRequest toParis = LabelRequest.builder().carrier(CarrierId.USPS).serviceCode("PRIORITY_MAIL_INTERNATIONAL")
        .from(Sandbox.stLouisWarehouse()).to(paris()).parcel(Parcel.of(Weight.grams(600))) // no dimensions
        .customs(vagueAndValuable).build();

    ValidationException usps = catchThrowableOfType(ValidationException.class, () -> shipbridge.label(toParis));

    assertThat(usps.violations()).extracting(ValidationException.Violation::path).containsExactlyInAnyOrder(
        "parcel.dimensions", "customs.items[0].description", "customs.exportFilingNumber");

    // The model's own rules: every bad field of an item at once, and a Cainiao label never starts.
    ValidationException item = catchThrowableOfType(ValidationException.class, () -> shipbridge.label(
        LabelRequest.builder().carrier(CarrierId.CAINIAO).serviceCode("CAINIAO_STANDARD")
            .from(Sandbox.hangzhouSeller()).to(Sandbox.brooklynConsumer()).parcel(Sandbox.teaParcel())
            .customs(CustomsDeclaration.of(CustomsDeclaration.ContentType.MERCHANDISE,
                List.of(new CustomsItem(" ", 0, Money.of("0", "USD"), Weight.grams(100), "12", "XX"))))
            .build()));
    assertThat(item.violations()).extracting(ValidationException.Violation::path)
        .containsExactlyInAnyOrder("description", "quantity", "unitValue", "hsCode", "originCountry");

    // An international parcel without a declaration, and one whose items outweigh the parcel.
    ValidationException missing = catchThrowableOfType(ValidationException.class, () -> buyWithCustoms(null));
    assertThat(missing.violations()).extracting(ValidationException.Violation::path).containsExactly("customs");
    ValidationException heavy = catchThrowableOfType(ValidationException.class, () -> buyWithCustoms(
        CustomsDeclaration.of(CustomsDeclaration.ContentType.GIFT, List.of(
            new CustomsItem("Cast iron teapot", 1, Money.of("30", "USD"), Weight.grams(1200), "732393", "CN")))));
    assertThat(heavy.violations()).extracting(ValidationException.Violation::path).containsExactly("customs.items");

    assertThat(usps().requests()).isEmpty();
    assertThat(cainiao().requests()).isEmpty();
  }

  private Label buyWithCustoms(CustomsDeclaration customs) {
    return shipbridge.label(LabelRequest.builder().carrier(CarrierId.CAINIAO).serviceCode("CAINIAO_STANDARD")
        .from(Sandbox.hangzhouSeller()).to(Sandbox.brooklynConsumer()).parcel(Sandbox.teaParcel())
        .customs(customs).build());
  }

  private static dev.shipbridge.model.Address paris() {
    return dev.shipbridge.model.Address.builder().name("Charlie Collins").line("118 Avenue De France").city("Paris")
        .postalCode("75013").country("FR").phone("+33153235555").build();
  }

  private Counts counts() {
    return new Counts(cainiao().requestCount(TRACKING), cainiao().requestCount("*"),
        usps().requestCount("POST", "/tracking/v3r2"), usps().requests().size());
  }

  private record Counts(int cainiaoTracking, int cainiaoAll, int uspsTracking, int uspsAll) {
    Counts minus(Counts o) {
      return new Counts(cainiaoTracking - o.cainiaoTracking, cainiaoAll - o.cainiaoAll,
          uspsTracking - o.uspsTracking, uspsAll - o.uspsAll);
    }
  }
}
