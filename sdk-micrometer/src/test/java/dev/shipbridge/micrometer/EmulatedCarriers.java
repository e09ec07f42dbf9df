package dev.shipbridge.micrometer;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.cainiao.CainiaoCarrier;
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
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import dev.shipbridge.usps.UspsCarrier;
import java.time.Instant;
import java.util.List;

/** Both emulators on loopback on one virtual clock, the real adapters pointed at them, and sample data. */
final class EmulatedCarriers implements AutoCloseable {
  final MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-02T01:00:00Z"));
  final UspsEmulator usps = UspsEmulator.start(clock);
  final CainiaoEmulator cainiao = CainiaoEmulator.start(clock);

  EmulatedCarriers() {
    cainiao.onLastMileHandoff(usps::expectInboundParcel);
  }

  ShipbridgeBuilder shipbridge() {
    return Shipbridge.builder().discoverCarriers(false)
        .carrier(UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId()).clientSecret(usps.clientSecret())
            .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525"))
            .inductionZip("11430").build())
        .carrier(CainiaoCarrier.builder().iopBaseUrl(cainiao.iopBaseUrl()).appKey(cainiao.appKey())
            .appSecret(cainiao.appSecret()).accessToken(cainiao.accessToken()).linkBaseUrl(cainiao.linkBaseUrl())
            .linkProviderId(cainiao.logisticProviderId()).linkSecretKey(cainiao.linkSecretKey()).build())
        .clock(clock).sleeper(clock::advance);
  }

  /** Every credential the carriers were given: none may appear in a tag. */
  List<String> secrets() {
    return List.of(usps.clientId(), usps.clientSecret(), cainiao.appKey(), cainiao.appSecret(),
        cainiao.accessToken(), cainiao.linkSecretKey(), "1000405525", "904128936");
  }

  static Address seller() {
    return Address.builder().name("Chen Jing").company("West Lake Tea Co.").line("18 Wensan Road")
        .city("Hangzhou").region("Zhejiang").postalCode("310012").country("CN").phone("+86 571 8888 0000").build();
  }

  static Address warehouse() {
    return Address.builder().name("Shipping Desk").company("Acme Goods").line("4120 Bingham Ave")
        .city("St. Louis").region("MO").postalCode("63116").country("US").phone("314-555-0100").build();
  }

  static Address consumer() {
    return Address.builder().name("Ada Lovelace").line("123 Main St").city("Brooklyn").region("NY")
        .postalCode("11201").country("US").phone("+1 718 555 0123").email("ada@example.com").residential(true).build();
  }

  static Parcel parcel() {
    return Parcel.of(Weight.grams(600), Dimensions.of("20", "15", "10", LengthUnit.CENTIMETRE));
  }

  static CustomsDeclaration customs() {
    return CustomsDeclaration.of(CustomsDeclaration.ContentType.MERCHANDISE, List.of(
        new CustomsItem("Longjing green tea, 250 g tin", 1, Money.of("24.00", "USD"), Weight.grams(300), "090210", "CN"),
        new CustomsItem("Celadon tea cup", 1, Money.of("12.50", "USD"), Weight.grams(200), "691200", "CN")));
  }

  static QuoteRequest crossBorderQuote() {
    return QuoteRequest.builder().from(seller()).to(consumer()).parcel(parcel()).customs(customs()).build();
  }

  static LabelRequest uspsLabel(String order) {
    return LabelRequest.builder().carrier(CarrierId.USPS).serviceCode("USPS_GROUND_ADVANTAGE")
        .from(warehouse()).to(consumer()).parcel(parcel()).idempotencyKey(IdempotencyKey.of(order)).build();
  }

  static LabelRequest cainiaoLabel(String order) {
    return LabelRequest.builder().carrier(CarrierId.CAINIAO).serviceCode("CAINIAO_STANDARD")
        .from(seller()).to(consumer()).parcel(parcel()).customs(customs()).reference(order)
        .idempotencyKey(IdempotencyKey.of("order-" + order)).build();
  }

  @Override
  public void close() {
    try {
      cainiao.close();
    } finally {
      usps.close();
    }
  }
}
