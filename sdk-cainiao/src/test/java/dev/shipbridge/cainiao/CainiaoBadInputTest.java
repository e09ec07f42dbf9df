package dev.shipbridge.cainiao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.ValidationException;
import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.CustomsItem;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Weight;
import dev.shipbridge.resilience.OperationPolicy;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad inputs refused before any request reaches the Cainiao emulator, under the default and a permissive policy. */
class CainiaoBadInputTest {
  private MutableClock clock;
  private CainiaoEmulator cainiao;

  @BeforeEach
  void start() {
    clock = MutableClock.startingAt(Instant.parse("2026-03-02T01:00:00Z"));
    cainiao = CainiaoEmulator.start(clock);
  }

  @AfterEach
  void stop() {
    cainiao.close();
  }

  static CustomsDeclaration item(String description, int quantity, String unitValue, Weight weight, String hs) {
    return CustomsDeclaration.of(CustomsDeclaration.ContentType.MERCHANDISE, List.of(
        new CustomsItem(description, quantity, Money.of(unitValue, "USD"), weight, hs, "CN")));
  }

  static List<Object[]> cases() {
    return List.of(
        new Object[] {"61-character description", "description", f(r -> r.customs(item("D".repeat(61), 1, "9.99", Weight.grams(300), "392690")))},
        new Object[] {"1000 of an item", "quantity", f(r -> r.customs(item("Phone case", 1000, "0.10", Weight.grams(300), "392690")))},
        new Object[] {"unit value over 10000", "unitValue", f(r -> r.customs(item("Phone case", 1, "10000.01", Weight.grams(300), "392690")))},
        new Object[] {"3 kg per unit", "weight", f(r -> r.parcel(dev.shipbridge.model.Parcel.of(Weight.grams(7000), TestData.parcel().dimensions()))
            .customs(item("Phone case", 2, "9.99", Weight.grams(6000), "392690")))},
        new Object[] {"7-digit HS code", "hsCode", f(r -> r.customs(item("Phone case", 1, "9.99", Weight.grams(300), "3926901")))},
        new Object[] {"emoji in the recipient's name", "name", f(r -> r.to(TestData.brooklyn().toBuilder().name("Ada \uD83D\uDCE6").build()))},
        new Object[] {"sender province code XX", "region", f(r -> r.from(TestData.shenzhen().toBuilder().region("XX").build()))},
        new Object[] {"ship date 1970-01-01", "shipDate", f(r -> r.shipDate(LocalDate.of(1970, 1, 1)))});
  }

  static Function<LabelRequest.Builder, LabelRequest.Builder> f(Function<LabelRequest.Builder, LabelRequest.Builder> g) {
    return g;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aBadInputIsAValidationExceptionBeforeAnyRequestUnderBothPolicies(String name, String field,
      Function<LabelRequest.Builder, LabelRequest.Builder> bad) {
    ResiliencePolicy permissive = ResiliencePolicy.custom().all(s -> s.unlimited().maxAttempts(3)
        .circuitBreaker(OperationPolicy.CircuitBreakerSettings.DISABLED)).build();
    for (ResiliencePolicy policy : new ResiliencePolicy[] {null, permissive}) {
      CainiaoCarrier carrier = CainiaoCarrier.builder().appKey(cainiao.appKey()).appSecret(cainiao.appSecret())
          .accessToken(cainiao.accessToken()).iopBaseUrl(cainiao.iopBaseUrl()).handoverLoginId("seller@example.com").build();
      ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).carrier(carrier).clock(clock).sleeper(d -> { });
      if (policy != null) b.resilience(policy);
      try (Shipbridge sb = b.build()) {
        assertThatThrownBy(() -> sb.label(bad.apply(TestData.labelRequest("bad-1").toBuilder()).build()))
            .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                .anySatisfy(v -> assertThat(v.path()).contains(field)));
      }
    }
    assertThat(cainiao.requests()).as("nothing reached Cainiao").isEmpty();
  }
}
