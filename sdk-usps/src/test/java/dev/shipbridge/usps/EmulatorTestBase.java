package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Wire tests against the testkit's {@link UspsEmulator}: a fresh emulator and facade per test,
 * every exchange recorded and, when the specs are configured, checked against them afterwards.
 */
abstract class EmulatorTestBase {
  protected final MutableClock clock = MutableClock.startingAt(UspsEmulator.DEFAULT_INSTANT);
  protected final WireRecorder recorder = new WireRecorder();
  protected UspsEmulator usps;
  protected Shipbridge shipbridge;

  static final Address WAREHOUSE = Address.builder().name("Shipping Desk").company("Acme Goods")
      .line("4120 Bingham Ave").city("St. Louis").region("MO").postalCode("63116").country("US")
      .phone("314-555-0100").build();
  static final Address CUSTOMER = Address.builder().name("Joe Doe").line("1100 Wyoming").line("Suite 150")
      .city("St. Louis").region("MO").postalCode("63118").country("US").build();
  static final Address SHENZHEN = Address.builder().name("Li Wei").line("1 Keji Road").city("Shenzhen")
      .region("Guangdong").postalCode("518057").country("CN").build();
  static final Address PARIS = Address.builder().name("Charlie Collins").line("118 Avenue De France").city("Paris")
      .postalCode("75013").country("FR").phone("+33153235555").build();

  @BeforeEach
  void startEmulator() {
    usps = UspsEmulator.start(clock);
    shipbridge = facade(carrier().build());
  }

  protected UspsCarrier.Builder carrier() {
    return UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId()).clientSecret(usps.clientSecret())
        .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525"))
        .inductionZip("11430");
  }

  protected Shipbridge facade(UspsCarrier carrier) {
    return facade(carrier, 1);
  }

  /** A facade with {@code attempts} attempts per call, no quota, room for 200 concurrent calls, and backoff that never sleeps. */
  protected Shipbridge facade(UspsCarrier carrier, int attempts) {
    return Shipbridge.builder().discoverCarriers(false).carrier(carrier).clock(clock).sleeper(d -> { })
        .httpClient(new OkHttpClient.Builder().addNetworkInterceptor(recorder).build())
        .resilience(ResiliencePolicy.custom().carrier(CarrierId.USPS,
            s -> s.maxAttempts(attempts).unlimited().maxConcurrentCalls(200)).build())
        .build();
  }

  @AfterEach
  void stopEmulatorAndCheckConformance() {
    if (shipbridge != null) shipbridge.close();
    if (usps != null) usps.close();
    if (SpecConformance.enabled()) {
      assertThat(SpecConformance.violations(recorder.exchanges()))
          .as("every exchange conforms to USPS's OpenAPI specs").isEmpty();
    }
  }
}
