package dev.shipbridge.cainiao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.ValidationException;
import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.CustomsItem;
import dev.shipbridge.model.LabelFormat;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Weight;
import dev.shipbridge.testkit.CainiaoEmulator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cainiao's declaration limits are checked by the facade before any call, every violation at once. */
class CainiaoCustomsPrecheckTest {
  @Test
  void everyViolationIsReportedBeforeAnyCallToCainiao() {
    CustomsDeclaration customs = CustomsDeclaration.of(CustomsDeclaration.ContentType.MERCHANDISE, List.of(
        new CustomsItem("Protective silicone phone case with kickstand and card holder, midnight blue", 2,
            Money.of("9.99", "EUR"), Weight.grams(100), "392690", "CN"),
        new CustomsItem("Screen protector", 1000, Money.of("0.10", "EUR"), Weight.grams(200), "392690", "CN")));
    try (CainiaoEmulator cainiao = CainiaoEmulator.start();
         Shipbridge s = Shipbridge.builder().discoverCarriers(false).carrier(CainiaoCarrier.builder()
             .appKey(cainiao.appKey()).appSecret(cainiao.appSecret()).accessToken(cainiao.accessToken())
             .iopBaseUrl(cainiao.iopBaseUrl()).build()).build()) {
      var request = TestData.labelRequest("order-77").toBuilder().customs(customs)
          .parcel(dev.shipbridge.model.Parcel.of(Weight.kilograms("0.5"))).format(LabelFormat.zpl(203)).build();
      assertThatThrownBy(() -> s.label(request)).isInstanceOfSatisfying(ValidationException.class, e ->
          assertThat(e.violations()).extracting(ValidationException.Violation::path).containsExactlyInAnyOrder(
              "format", "customs.items[0].description", "customs.items[1].quantity", "customs.items"));
      assertThat(cainiao.requestCount("*")).isZero();
    }
  }

  @Test
  void aReferenceThatCannotBecomeATradeOrderIdIsRefusedNotDropped() {
    try (CainiaoEmulator cainiao = CainiaoEmulator.start();
         Shipbridge s = Shipbridge.builder().discoverCarriers(false).carrier(CainiaoCarrier.builder()
             .appKey(cainiao.appKey()).appSecret(cainiao.appSecret()).accessToken(cainiao.accessToken())
             .iopBaseUrl(cainiao.iopBaseUrl()).build()).build()) {
      for (String ref : new String[] {"PO-8001", "8001234567890123456789", "12 34"}) {
        var request = TestData.labelRequest("order-78").toBuilder().reference(ref).build();
        assertThatThrownBy(() -> s.label(request)).as(ref).isInstanceOfSatisfying(ValidationException.class, e ->
            assertThat(e.violations()).extracting(ValidationException.Violation::path).containsExactly("reference"));
      }
      assertThat(cainiao.requestCount("*")).isZero();
    }
  }
}
