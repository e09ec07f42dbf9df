package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.ValidationException;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.CustomsItem;
import dev.shipbridge.model.Dimensions;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.LengthUnit;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.Weight;
import java.util.List;
import org.junit.jupiter.api.Test;

/** USPS's customs limits are checked by the facade before any call, every violation at once. */
class UspsCustomsPrecheckTest extends EmulatorTestBase {

  @Test
  void everyCustomsViolationIsReportedBeforeAnyCallToUsps() {
    CustomsDeclaration customs = new CustomsDeclaration(CustomsDeclaration.ContentType.MERCHANDISE, List.of(
        new CustomsItem("Handmade ceramic coffee mug with glaze", 2, Money.of("12", "USD"), Weight.grams(600), "691200", "US"),
        new CustomsItem("Gift", 10_000, Money.of("1", "USD"), Weight.grams(100), "950300", "US")),
        "INV-2026-0000000001", null);
    LabelRequest request = LabelRequest.builder().carrier(CarrierId.USPS).serviceCode("PRIORITY_MAIL_INTERNATIONAL")
        .from(WAREHOUSE).to(PARIS).customs(customs)
        .parcel(Parcel.of(Weight.kilograms("2"), Dimensions.of("30", "20", "10", LengthUnit.CENTIMETRE))).build();
    try (var s = facade(carrier().build())) {
      assertThatThrownBy(() -> s.label(request)).isInstanceOfSatisfying(ValidationException.class, e ->
          assertThat(e.violations()).extracting(ValidationException.Violation::path).contains(
              "customs.items[0].description", "customs.items[1].quantity", "customs.items[1].description",
              "customs.invoiceNumber"));
    }
    assertThat(usps.requests()).isEmpty();
  }

  @Test
  void customsValuedInAnotherCurrencyThanUsdIsRefusedNotConverted() {
    CustomsDeclaration customs = CustomsDeclaration.of(CustomsDeclaration.ContentType.MERCHANDISE, List.of(
        new CustomsItem("Ceramic mug", 1, Money.of("80", "CNY"), Weight.grams(600), "691200", "US")));
    LabelRequest request = LabelRequest.builder().carrier(CarrierId.USPS).serviceCode("PRIORITY_MAIL_INTERNATIONAL")
        .from(WAREHOUSE).to(PARIS).customs(customs)
        .parcel(Parcel.of(Weight.kilograms("1"), Dimensions.of("30", "20", "10", LengthUnit.CENTIMETRE))).build();
    try (var s = facade(carrier().build())) {
      assertThatThrownBy(() -> s.label(request)).isInstanceOf(ValidationException.class).hasMessageContaining("USD");
    }
    assertThat(usps.requests()).isEmpty();
  }
}
