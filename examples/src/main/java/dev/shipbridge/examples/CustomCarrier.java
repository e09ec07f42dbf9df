package dev.shipbridge.examples;

import dev.shipbridge.sandbox.ShipbridgeSandbox;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.*;
import dev.shipbridge.spi.*;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An integrator's adapter for a made-up carrier, Kestrel Post, with a {@link CarrierProvider} that
 * {@code ServiceLoader} finds (META-INF/services/dev.shipbridge.spi.CarrierProvider). It configures
 * Kestrel only when {@code KESTREL_API_KEY} is set, so it never joins an application that did not
 * ask for it. The facade quotes it beside USPS and routes its numbers to it.
 * <pre>java -cp examples/target/shipbridge-examples.jar dev.shipbridge.examples.CustomCarrier</pre>
 */
public final class CustomCarrier {
  public static void main(String[] args) {
    run(System.out);
  }

  public static void run(PrintStream out) {
    out.println("Mode: embedded sandbox (USPS emulator on 127.0.0.1) plus Kestrel Post, found by ServiceLoader");
    // Settings would come from the environment; here KESTREL_API_KEY is given in code, and nothing else.
    CarrierProvider.Settings settings = name -> name.equals("KESTREL_API_KEY") ? Optional.of("demo-key") : Optional.empty();
    try (ShipbridgeSandbox sandbox = Sandbox.start();
        Shipbridge shipbridge = Shipbridge.builder().discoverCarriers(true).settings(settings)   // discovery is opt-in
            .carrier(sandbox.uspsCarrier().build()).clock(sandbox.clock()).build()) {
      out.println("Carriers: " + shipbridge.carriers() + " (usps from the builder, kestrel discovered)");
      QuoteRequest request = QuoteRequest.builder().from(Sandbox.stLouisWarehouse()).to(Sandbox.brooklynConsumer())
          .parcel(Parcel.of(Weight.pounds("2"))).build();
      CrossBorderShipment.printQuotes(shipbridge.quote(request), out);
      sandbox.clock().advance(Duration.ofHours(30));
      Tracking t = shipbridge.track("KP123456786");  // no carrier named: Kestrel's matcher claims it
      out.println("Tracking " + t.trackingNumber() + " on " + t.carrier() + ": " + t.status());
      t.events().forEach(e -> out.println("  " + e.time() + "  " + e.status() + "  " + e.description()));
    }
  }

  /** The adapter: quotes and tracking for Kestrel Post (a real one would call Kestrel's API). */
  public static final class KestrelCarrier implements Carrier, QuoteCapability, TrackingCapability {
    static final CarrierId ID = CarrierId.of("kestrel");
    private final Clock clock;

    KestrelCarrier(Clock clock) {
      this.clock = clock;
    }

    public CarrierId id() {
      return ID;
    }

    /** "KP", eight digits and a check digit (their sum mod 10): claims no other carrier's number. */
    public TrackingNumberMatcher trackingNumbers() {
      return n -> n.matches("KP\\d{9}") && n.substring(2, 10).chars().map(c -> c - '0').sum() % 10 == n.charAt(10) - '0';
    }

    /** Connects to the facade's clock (and its HTTP transport and token store, which a real adapter keeps). */
    public Carrier bind(CarrierContext context) {
      return new KestrelCarrier(context.clock());
    }

    public List<Quote> quote(QuoteRequest r) {
      if (r.isInternational() || !r.from().country().equals("US")) return List.of(); // not served: no quote, no failure
      BigDecimal pounds = r.parcel().weight().in(WeightUnit.POUND);
      Money price = Money.of(new BigDecimal("4.90").add(pounds.multiply(new BigDecimal("1.15"))).setScale(2, RoundingMode.HALF_UP), "USD");
      return List.of(Quote.builder(ID, "KESTREL_NEXT_DAY", price).serviceName("Kestrel Next Day")
          .serviceLevel(ServiceLevel.EXPRESS).transitDays(1, 1).legs(Set.of(Leg.LAST_MILE)).build());
    }

    public Tracking track(String number) {
      var at = Sandbox.START.atOffset(ZoneOffset.UTC); // what Kestrel's API would answer, up to now
      List<TrackingEvent> events = List.of(
          new TrackingEvent(at, TrackingStatus.IN_TRANSIT, "PU", "Picked up", null, ID),
          new TrackingEvent(at.plusHours(20), TrackingStatus.OUT_FOR_DELIVERY, "OD", "Out for delivery", null, ID),
          new TrackingEvent(at.plusHours(26), TrackingStatus.DELIVERED, "DL", "Delivered to the front desk", null, ID));
      return Tracking.of(number, ID, events.stream().filter(e -> !e.time().toInstant().isAfter(clock.instant())).toList(),
          null, null, Map.of());
    }
  }

  /** Found by {@code ServiceLoader}; configures Kestrel only when its API key is set. */
  public static final class KestrelProvider implements CarrierProvider {
    public CarrierId id() {
      return KestrelCarrier.ID;
    }

    public Optional<Carrier> create(Settings settings) {
      return settings.get("KESTREL_API_KEY").map(key -> new KestrelCarrier(Clock.systemUTC())); // a real one keeps the key
    }
  }
}
