package dev.shipbridge.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.Operation;
import org.junit.jupiter.api.Test;

class OutcomesKeyTest {
  private static final CarrierId USPS = CarrierId.of("usps");

  @Test
  void aPurchaseWhoseLastAttemptFailedBeforeItsKeyWasSentStillCarriesTheKeyOfTheEarlierAttempt() {
    // attempt 1 went out under key order-1 and got a 503; attempt 2 failed fetching a token (no key on it)
    CarrierException last = new CarrierUnavailableException(CarrierException.details(USPS, "token endpoint down").httpStatus(503));

    RuntimeException settled = Outcomes.settle(last, null, Operation.LABEL, 2, true, USPS, "order-1");

    assertThat(settled).isInstanceOfSatisfying(CarrierException.class, e -> {
      assertThat(e.outcomeUnknown()).isTrue();
      assertThat(e.idempotencyKey()).contains("order-1");
      assertThat(e.attempts()).isEqualTo(2);
    });
  }

  @Test
  void aReadGetsNoKey() {
    CarrierException last = new CarrierUnavailableException(CarrierException.details(USPS, "down").httpStatus(503));

    RuntimeException settled = Outcomes.settle(last, null, Operation.TRACK, 3, true, USPS, null);

    assertThat(((CarrierException) settled).idempotencyKey()).isEmpty();
    assertThat(((CarrierException) settled).outcomeUnknown()).isFalse();
  }
}
