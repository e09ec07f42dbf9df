package dev.shipbridge.examples;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.cainiao.CainiaoCarrier;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.CustomsItem;
import dev.shipbridge.model.Dimensions;
import dev.shipbridge.model.LengthUnit;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.Weight;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import dev.shipbridge.usps.UspsCarrier;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The embedded sandbox the examples run against when no credentials are set: the testkit's USPS
 * and Cainiao emulators on loopback, sharing one {@link MutableClock}, and the carriers and facade
 * pointed at them. Cainiao announces every parcel it hands over for the last mile to the USPS
 * emulator, so a China to US journey runs end to end.
 *
 * <p>The facade gets the same clock and a sleeper that advances it: retry pauses and rate-limit
 * waits pass in virtual time, and the parcel moves on while Shipbridge "waits".
 */
public final class Sandbox implements AutoCloseable {
  /** Where the sandbox's clock starts: 09:00 in Hangzhou on a Monday. */
  public static final Instant START = Instant.parse("2026-03-02T01:00:00Z");
  /** The induction ZIP USPS prices a parcel from abroad from: JFK (Jamaica, NY), where the USPS emulator receives parcels from abroad. */
  public static final String INDUCTION_ZIP = "11430";

  /** How long a sandbox caller queues for a rate-limit permit (virtual time). */
  public static final Duration QUEUE_FOR_QUOTA = Duration.ofSeconds(90);

  private final MutableClock clock;
  private final UspsEmulator usps;
  private final CainiaoEmulator cainiao;

  private Sandbox(MutableClock clock, UspsEmulator usps, CainiaoEmulator cainiao) {
    this.clock = clock;
    this.usps = usps;
    this.cainiao = cainiao;
  }

  /** Starts both emulators on loopback, on free ports. */
  public static Sandbox start() {
    MutableClock clock = MutableClock.startingAt(START);
    UspsEmulator usps = UspsEmulator.start(clock);
    CainiaoEmulator cainiao;
    try {
      cainiao = CainiaoEmulator.start(clock);
    } catch (RuntimeException e) {
      usps.close();
      throw e;
    }
    cainiao.handOffTo(usps);
    return new Sandbox(clock, usps, cainiao);
  }

  public MutableClock clock() {
    return clock;
  }

  public UspsEmulator usps() {
    return usps;
  }

  public CainiaoEmulator cainiao() {
    return cainiao;
  }

  /** USPS pointed at the emulator, with a demo payment account and the induction ZIP. */
  public UspsCarrier.Builder uspsCarrier() {
    return UspsCarrier.builder().baseUrl(usps.baseUrl())
        .clientId(usps.clientId()).clientSecret(usps.clientSecret())
        .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525"))
        .inductionZip(INDUCTION_ZIP);
  }

  /** Cainiao pointed at the emulator: IOP for quotes, labels and tracking; LINK for pushes. */
  public CainiaoCarrier.Builder cainiaoCarrier() {
    return CainiaoCarrier.builder().iopBaseUrl(cainiao.iopBaseUrl())
        .appKey(cainiao.appKey()).appSecret(cainiao.appSecret()).accessToken(cainiao.accessToken())
        .linkBaseUrl(cainiao.linkBaseUrl())
        .linkProviderId(cainiao.logisticProviderId()).linkSecretKey(cainiao.linkSecretKey());
  }

  /**
   * A facade with both carriers, on the sandbox's clock, with waits that advance the clock. No
   * {@code ServiceLoader} discovery: only these two carriers, whatever the environment says.
   *
   * <p>USPS allows 60 calls an hour per API, so its adapter spaces calls a minute apart. Callers
   * here queue for a permit for up to {@link #QUEUE_FOR_QUOTA} instead of failing at once; the
   * wait passes in virtual time.
   */
  public Shipbridge.Builder shipbridge() {
    return Shipbridge.builder().discoverCarriers(false)
        .carrier(uspsCarrier().build()).carrier(cainiaoCarrier().build())
        .clock(clock).sleeper(d -> clock.advance(d))
        .resilience(ResiliencePolicy.custom().all(s -> s.rateLimitTimeout(QUEUE_FOR_QUOTA)).build());
  }

  @Override
  public void close() {
    try {
      cainiao.close();
    } finally {
      usps.close();
    }
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
