package dev.shipbridge.sandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A JUnit 5 test class (or method) with a fresh {@link ShipbridgeSandbox} per test method, injected
 * as a parameter: ask for a {@link ShipbridgeSandbox}, a {@link dev.shipbridge.Shipbridge}, a
 * {@link dev.shipbridge.testkit.MutableClock}, a {@link dev.shipbridge.testkit.UspsEmulator} or a
 * {@link dev.shipbridge.testkit.CainiaoEmulator}; all of one test share one sandbox, closed after it.
 *
 * <pre>{@code
 * @ShipbridgeTest
 * class CheckoutTest {
 *   @Test
 *   void buysALabel(Shipbridge shipbridge, CainiaoEmulator cainiao) {
 *     Label label = shipbridge.label(request);
 *     assertThat(cainiao.ordersCreated()).isEqualTo(1);
 *   }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(ShipbridgeExtension.class)
public @interface ShipbridgeTest {}
