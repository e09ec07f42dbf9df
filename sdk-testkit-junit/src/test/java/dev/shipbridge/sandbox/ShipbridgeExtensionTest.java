package dev.shipbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@ShipbridgeTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShipbridgeExtensionTest {
  private static ShipbridgeSandbox first;

  @Test
  @Order(1)
  void injectsOneSandboxPerTestWhoseFacadeEmulatorsAndClockBelongTogether(ShipbridgeSandbox sandbox, Shipbridge shipbridge,
      CainiaoEmulator cainiao, UspsEmulator usps, MutableClock clock) {
    first = sandbox;
    assertThat(shipbridge).isSameAs(sandbox.shipbridge());
    assertThat(cainiao).isSameAs(sandbox.cainiao());
    assertThat(usps).isSameAs(sandbox.usps());
    assertThat(clock).isSameAs(sandbox.clock());
    assertThat(shipbridge.carriers()).containsExactly(CarrierId.USPS, CarrierId.CAINIAO);

    Label label = shipbridge.label(ShipbridgeSandboxTest.uspsLabelRequest(1));
    sandbox.advance(Duration.ofDays(4));
    assertThat(shipbridge.track(label.trackingNumber()).status()).isNotNull();
    assertThat(usps.labelsPurchased()).isEqualTo(1);
  }

  @Test
  @Order(2)
  void theNextTestGetsAFreshSandboxAndThePreviousOneIsClosed(ShipbridgeSandbox sandbox, UspsEmulator usps) {
    assertThat(sandbox).isNotSameAs(first);
    assertThat(usps.labelsPurchased()).isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> first.usps().port())
        .as("the previous test's emulators are stopped").isInstanceOf(IllegalStateException.class);
  }

  @AfterAll
  static void forget() {
    first = null;
  }
}
