package dev.shipbridge.it;

import dev.shipbridge.model.Address;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.CustomsItem;
import dev.shipbridge.model.Dimensions;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.LengthUnit;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Weight;
import java.util.List;

/** Addresses and requests shared by the integration tests. */
final class Requests {
  static final Address SHENZHEN = Address.builder().name("Li Wei").line("1 Keji Road").city("Shenzhen")
      .region("Guangdong").postalCode("518057").country("CN").phone("+86 13800000000").build();
  static final Address WAREHOUSE = Address.builder().name("Shipping Desk").company("Acme Goods")
      .line("4120 Bingham Ave").city("St. Louis").region("MO").postalCode("63116").country("US")
      .phone("314-555-0100").build();
  static final Address BROOKLYN = Address.builder().name("Ada Lovelace").line("123 Main St").city("Brooklyn")
      .region("NY").postalCode("11201").country("US").phone("+1 555 123 4567").email("ada@example.com").build();
  static final Parcel BOX = Parcel.of(Weight.grams(850), Dimensions.of("30", "20", "10", LengthUnit.CENTIMETRE));
  static final CustomsDeclaration CUSTOMS = CustomsDeclaration.of(CustomsDeclaration.ContentType.MERCHANDISE, List.of(
      new CustomsItem("Phone case", 2, Money.of("9.99", "USD"), Weight.grams(300), "392690", "CN")));

  private Requests() {}

  /** China to the US: Cainiao quotes every leg, USPS the last mile from its induction ZIP. */
  static QuoteRequest crossBorderQuote() {
    return QuoteRequest.builder().from(SHENZHEN).to(BROOKLYN).parcel(BOX).customs(CUSTOMS).build();
  }

  static LabelRequest uspsLabel(String key, Address to) {
    return LabelRequest.builder().carrier(CarrierId.USPS).serviceCode("USPS_GROUND_ADVANTAGE:SP:MACHINABLE")
        .from(WAREHOUSE).to(to).parcel(BOX).idempotencyKey(IdempotencyKey.of(key)).build();
  }

  /** A Cainiao label; {@code tradeOrderId} (digits) is the AliExpress order Cainiao recognises repeats by. */
  static LabelRequest cainiaoLabel(String key, String tradeOrderId, Address to) {
    return LabelRequest.builder().carrier(CarrierId.CAINIAO).serviceCode("CAINIAO_STANDARD")
        .from(SHENZHEN).to(to).parcel(BOX).customs(CUSTOMS).reference(tradeOrderId)
        .idempotencyKey(IdempotencyKey.of(key)).build();
  }
}
