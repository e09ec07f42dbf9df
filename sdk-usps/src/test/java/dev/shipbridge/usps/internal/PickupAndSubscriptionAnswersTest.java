package dev.shipbridge.usps.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.shipbridge.CarrierException;
import dev.shipbridge.model.Pickup;
import dev.shipbridge.model.PickupRequest;
import dev.shipbridge.model.Subscription;
import dev.shipbridge.model.SubscriptionEvent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Carrier Pickup and Subscriptions answers, whole, partial and broken: typed failures, never an NPE. No I/O. */
class PickupAndSubscriptionAnswersTest {
  @Test
  void aPickupAnswerWithoutNumberOrDateIsATypedCarrierFailure() {
    assertThat(catchThrowableOfType(CarrierException.class, () -> PickupMapper.fromWire(null, null, null)))
        .hasMessageContaining("without a confirmation number");
    assertThat(catchThrowableOfType(CarrierException.class,
        () -> PickupMapper.fromWire(new PickupWire.Confirmation("WTC1", "soon", null), null, "e")))
        .hasMessageContaining("pickup date");
  }

  @Test
  void aPartialEchoLeavesTheBookingWithoutItsRequest() {
    Pickup p = PickupMapper.fromWire(new PickupWire.Confirmation("WTC1", "2026-03-03",
        new PickupWire.Schedule("2026-03-03", null, null, null, null, null)), null, "e");
    assertThat(p.confirmationNumber()).isEqualTo("WTC1");
    assertThat(p.request()).isNull();
    PickupWire.Schedule unknownLocation = new PickupWire.Schedule("2026-03-03", new PickupWire.PickupAddress("Joe", "Doe",
        null, new PickupWire.DomesticAddress("1 Main St", null, "Springfield", "MO", "65801", null, null),
        List.of(new PickupWire.Contact("joe@example.com", null))), List.of(new PickupWire.Package("PRIORITY_MAIL", 1)),
        BigDecimal.ONE, new PickupWire.Location("ROOFTOP", null, null), null);
    assertThat(PickupMapper.echoed(unknownLocation, LocalDate.of(2026, 3, 3))).isNull();
  }

  @Test
  void packageKindsMapBothWays() {
    for (PickupRequest.Kind k : PickupRequest.Kind.values()) {
      assertThat(PickupMapper.kind(PickupMapper.packageType(k))).isEqualTo(k);
    }
    assertThat(PickupMapper.kind("SOMETHING_NEW")).isEqualTo(PickupRequest.Kind.OTHER);
  }

  @Test
  void aSubscriptionAnswerIsReadWithoutItsSecretAndUnknownValuesDoNotFail() {
    SubscriptionWire.Subscription w = new SubscriptionWire.Subscription("sub-1", "not a uri at all", "s".repeat(32),
        "PAUSED_BY_USPS", null, null, "yesterday", null, "2026-04-01T00:00:00Z",
        new SubscriptionWire.Filter("904128936", null, List.of("DELIVERY_ACTIVITY", "NEW_KIND")));
    Subscription s = UspsSubscriptions.fromWire(w, "etag");
    assertThat(s.status()).isEqualTo(Subscription.Status.UNKNOWN);
    assertThat(s.listenerUrl()).isNull();
    assertThat(s.created()).isNull();
    assertThat(s.expires()).isNotNull();
    assertThat(s.events()).containsExactly(SubscriptionEvent.DELIVERY_ACTIVITY);
    assertThat(s.toString()).doesNotContain("s".repeat(32));
    assertThat(w.toString()).doesNotContain("s".repeat(32));
    assertThat(catchThrowableOfType(CarrierException.class, () -> UspsSubscriptions.fromWire(
        new SubscriptionWire.Subscription(null, null, null, null, null, null, null, null, null, null), null)))
        .hasMessageContaining("without its id");
  }
}
