package dev.shipbridge.examples;

import dev.shipbridge.model.Address;
import dev.shipbridge.sandbox.ShipbridgeSandbox;
import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.CustomsItem;
import dev.shipbridge.model.Dimensions;
import dev.shipbridge.model.LengthUnit;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.Weight;
import java.time.Instant;
import java.util.List;

/**
 * The examples' sample data, and where they get the embedded sandbox: {@link ShipbridgeSandbox}
 * from {@code shipbridge-testkit-junit} (both emulators on loopback, a facade on a virtual clock
 * that is safe for concurrent callers). Users' own tests use that class directly.
 */
public final class Sandbox {
  /** Where the sandbox's clock starts: 09:00 in Hangzhou on a Monday. */
  public static final Instant START = ShipbridgeSandbox.START;
  /** The induction ZIP USPS prices a parcel from abroad from: JFK (Jamaica, NY). */
  public static final String INDUCTION_ZIP = ShipbridgeSandbox.INDUCTION_ZIP;

  private Sandbox() {}

  /** Starts both emulators on loopback, on free ports, with the facade wired to them. */
  public static ShipbridgeSandbox start() {
    return ShipbridgeSandbox.start(START);
  }

  // ------------------------------------------------------------------ sample data

  /** A seller in Hangzhou. */
  public static Address hangzhouSeller() {
    return Address.builder().name("Chen Jing").company("West Lake Tea Co.").line("18 Wensan Road")
        .city("Hangzhou").region("Zhejiang").postalCode("310012").country("CN").phone("+86 571 8888 0000").build();
  }

  /** A consumer in Brooklyn. */
  public static Address brooklynConsumer() {
    return Address.builder().name("Ada Lovelace").line("123 Main St").city("Brooklyn").region("NY")
        .postalCode("11201").country("US").phone("+1 718 555 0123").email("ada@example.com").residential(true).build();
  }

  /** A warehouse in St. Louis, for domestic US labels. */
  public static Address stLouisWarehouse() {
    return Address.builder().name("Shipping Desk").company("Acme Goods").line("4120 Bingham Ave")
        .city("St. Louis").region("MO").postalCode("63116").country("US").phone("314-555-0100").build();
  }

  /** A 600 g box of tea and a cup, 20 x 15 x 10 cm. */
  public static Parcel teaParcel() {
    return Parcel.of(Weight.grams(600), Dimensions.of("20", "15", "10", LengthUnit.CENTIMETRE));
  }

  /** What the tea parcel holds, valued in USD. */
  public static CustomsDeclaration teaCustoms() {
    return CustomsDeclaration.of(CustomsDeclaration.ContentType.MERCHANDISE, List.of(
        new CustomsItem("Longjing green tea, 250 g tin", 1, Money.of("24.00", "USD"), Weight.grams(300), "090210", "CN"),
        new CustomsItem("Celadon tea cup", 1, Money.of("12.50", "USD"), Weight.grams(200), "691200", "CN")));
  }
}
