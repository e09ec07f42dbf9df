package dev.shipbridge.sandbox;

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

/**
 * Requests the sandbox's emulators accept, for tests that need a quote, a label or a journey and
 * not a particular address: a China to US cross-border quote, a USPS domestic label and a Cainiao
 * label to the same (fictional) consumer.
 *
 * <pre>{@code
 * try (ShipbridgeSandbox sandbox = ShipbridgeSandbox.start()) {
 *   Label label = sandbox.shipbridge().label(SandboxSamples.uspsLabel("order-1"));
 *   QuoteResult quotes = sandbox.shipbridge().quote(SandboxSamples.crossBorderQuote());
 * }
 * }</pre>
 */
public final class SandboxSamples {
  private SandboxSamples() {}

  /** A seller in Hangzhou (Cainiao's origin). */
  public static Address seller() {
    return Address.builder().name("Chen Jing").company("West Lake Tea Co.").line("18 Wensan Road")
        .city("Hangzhou").region("Zhejiang").postalCode("310012").country("CN").phone("+86 571 8888 0000").build();
  }

  /** A US warehouse (USPS domestic origin). */
  public static Address warehouse() {
    return Address.builder().name("Shipping Desk").company("Acme Goods").line("4120 Bingham Ave")
        .city("St. Louis").region("MO").postalCode("63116").country("US").phone("314-555-0100").build();
  }

  /** A US consumer, residential. */
  public static Address consumer() {
    return Address.builder().name("Ada Lovelace").line("123 Main St").city("Brooklyn").region("NY")
        .postalCode("11201").country("US").phone("+1 718 555 0123").email("ada@example.com").residential(true).build();
  }

  /** 600 g in a 20 x 15 x 10 cm box. */
  public static Parcel parcel() {
    return Parcel.of(Weight.grams(600), Dimensions.of("20", "15", "10", LengthUnit.CENTIMETRE));
  }

  /** Two items of merchandise, 36.50 USD. */
  public static CustomsDeclaration customs() {
    return CustomsDeclaration.of(CustomsDeclaration.ContentType.MERCHANDISE, List.of(
        new CustomsItem("Longjing green tea, 250 g tin", 1, Money.of("24.00", "USD"), Weight.grams(300), "090210", "CN"),
        new CustomsItem("Celadon tea cup", 1, Money.of("12.50", "USD"), Weight.grams(200), "691200", "CN")));
  }

  /** Seller to consumer, with customs: both carriers quote it. */
  public static QuoteRequest crossBorderQuote() {
    return QuoteRequest.builder().from(seller()).to(consumer()).parcel(parcel()).customs(customs()).build();
  }

  /** A USPS Ground Advantage label, warehouse to consumer, idempotent on {@code order}. */
  public static LabelRequest uspsLabel(String order) {
    return LabelRequest.builder().carrier(CarrierId.USPS).serviceCode("USPS_GROUND_ADVANTAGE")
        .from(warehouse()).to(consumer()).parcel(parcel()).idempotencyKey(IdempotencyKey.of(order)).build();
  }

  /** A Cainiao standard label, seller to consumer, with customs; {@code order} is its reference. */
  public static LabelRequest cainiaoLabel(String order) {
    return LabelRequest.builder().carrier(CarrierId.CAINIAO).serviceCode("CAINIAO_STANDARD")
        .from(seller()).to(consumer()).parcel(parcel()).customs(customs()).reference(order)
        .idempotencyKey(IdempotencyKey.of("order-" + order)).build();
  }
}
