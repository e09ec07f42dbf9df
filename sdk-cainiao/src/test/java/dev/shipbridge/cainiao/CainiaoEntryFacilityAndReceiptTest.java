package dev.shipbridge.cainiao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.ValidationException;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.ReceiptOption;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.CainiaoEmulator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cainiao has no destination entry and no postage receipt: a label request asking for either is
 * refused by the facade before any call, under the default policy and a permissive one, never
 * bought without them.
 */
class CainiaoEntryFacilityAndReceiptTest {
  static final Address FACILITY = Address.builder().name("Post Office").line("3415 Gravois Ave").city("St. Louis")
      .region("MO").postalCode("63118").country("US").build();

  @ParameterizedTest(name = "{0} policy")
  @ValueSource(strings = {"default", "permissive"})
  void anEntryFacilityOrAReceiptIsRefusedBeforeAnyCall(String policy) {
    try (CainiaoEmulator cainiao = CainiaoEmulator.start(); Shipbridge s = facade(cainiao, policy)) {
      LabelRequest plain = TestData.labelRequest("order-91");
      LabelRequest both = plain.toBuilder().entryFacility(FACILITY).receipt(ReceiptOption.SEPARATE_DOCUMENT).build();
      assertThatThrownBy(() -> s.label(both)).isInstanceOfSatisfying(ValidationException.class, e ->
          assertThat(e.violations()).extracting(ValidationException.Violation::path)
              .containsExactlyInAnyOrder("entryFacility", "receipt"));
      LabelRequest samePage = plain.toBuilder().receipt(ReceiptOption.SAME_PAGE).build();
      assertThatThrownBy(() -> s.label(samePage)).isInstanceOfSatisfying(ValidationException.class, e ->
          assertThat(e.violations()).extracting(ValidationException.Violation::path).containsExactly("receipt"));
      assertThat(cainiao.requestCount("*")).isZero();

      assertThat(s.label(plain).trackingNumber()).isNotBlank(); // the same request without them is bought
    }
  }

  private static Shipbridge facade(CainiaoEmulator cainiao, String policy) {
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).carrier(CainiaoCarrier.builder()
        .appKey(cainiao.appKey()).appSecret(cainiao.appSecret()).accessToken(cainiao.accessToken())
        .iopBaseUrl(cainiao.iopBaseUrl()).build());
    if (policy.equals("permissive")) {
      b.resilience(ResiliencePolicy.custom().carrier(CarrierId.CAINIAO, c -> c.maxAttempts(1).unlimited()).build());
    }
    return b.build();
  }
}
