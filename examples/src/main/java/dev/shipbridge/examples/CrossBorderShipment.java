package dev.shipbridge.examples;

import dev.shipbridge.sandbox.ShipbridgeSandbox;
import dev.shipbridge.QuoteResult;
import dev.shipbridge.ShipbridgeException;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.CombinedOffer;
import dev.shipbridge.model.ExchangeRate;
import dev.shipbridge.model.ExchangeRates;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Leg;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingLeg;
import dev.shipbridge.model.TrackingStatus;
import dev.shipbridge.spi.CarrierProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A China to United States order end to end: a Hangzhou seller quotes a parcel to a US consumer
 * across Cainiao and USPS, buys the cheapest door-to-door label that arrives in time, saves the
 * label PDF under {@code out/}, and tracks the parcel through export, line-haul, customs and the
 * USPS last mile until it is delivered.
 *
 * <p>By default it runs against the embedded sandbox ({@link Sandbox}: both emulators on loopback, in
 * virtual time) and finishes in seconds, whatever credentials the environment holds. Only with
 * {@code --buy} and {@code USPS_CLIENT_ID}, {@code USPS_CLIENT_SECRET}, {@code CAINIAO_APP_KEY},
 * {@code CAINIAO_APP_SECRET} and {@code CAINIAO_ACCESS_TOKEN} set does it use the carriers' test
 * environments, and only when every base URL resolves to a test host or loopback ({@link Target});
 * a real parcel takes days, so that run tracks once.
 *
 * <pre>
 * mvn -q -pl examples -am package -DskipTests &amp;&amp; java -jar examples/target/shipbridge-examples.jar
 * </pre>
 */
public final class CrossBorderShipment {
  /** The slowest delivery the seller accepts, in days. */
  static final int TRANSIT_BOUND_DAYS = 20;
  /** The currency the seller pays in. Prices in other currencies are shown, never converted. */
  static final Currency SELLER_CURRENCY = Currency.getInstance("CNY");
  /** How far the sandbox clock moves between two tracking calls. */
  static final Duration POLL_EVERY = Duration.ofHours(12);
  /** When the sandbox gives up waiting for delivery (virtual time). */
  static final Duration GIVE_UP_AFTER = Duration.ofDays(30);
  /** The AliExpress trade order this parcel ships; Cainiao deduplicates orders by it. */
  static final String TRADE_ORDER_ID = "8001234567890123";
  /**
   * A Cainiao solution that ends at US induction (JFK), declared with {@code usInduction}: Cainiao's
   * answer does not say where a solution ends. The sandbox's Cainiao emulator offers it only because
   * this program asks it to ({@code offerSolution}).
   */
  static final String JFK_LINE = "CAINIAO_LINE_JFK";
  /** The seller's own rate for ranking USD against CNY: given, dated, never fetched. */
  static final ExchangeRates SELLER_RATES = ExchangeRates.fixed()
      .rate(ExchangeRate.of("USD", "CNY", "7.10", "seller's treasury desk", Instant.parse("2026-03-01T00:00:00Z")))
      .build();

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private CrossBorderShipment() {}

  public static void main(String[] args) {
    System.exit(run(System.out, CarrierProvider.Settings.system(), Path.of("out"), args));
  }

  /** {@link #run(PrintStream, CarrierProvider.Settings, Path, String...)} without {@code --buy}: always the sandbox. */
  public static int run(PrintStream out, CarrierProvider.Settings settings, Path outDir) {
    return run(out, settings, outDir, new String[0]);
  }

  /**
   * Runs the example and returns the process exit code: 0 when the parcel was delivered (sandbox)
   * or its label bought (test environments), 2 when the run refused to start.
   *
   * <p>It runs on the embedded sandbox unless {@code --buy} is among {@code args} <em>and</em>
   * {@code USPS_CLIENT_ID} and {@code USPS_CLIENT_SECRET} are set; then on the carriers' test
   * environments, and only when every base URL resolves to one ({@link Target}).
   *
   * @param settings where credentials are read (system properties, then environment variables)
   * @param outDir where the label PDF is written
   */
  public static int run(PrintStream out, CarrierProvider.Settings settings, Path outDir, String... args) {
    Target.Decision target = Target.decide(settings, args);
    if (target.sandbox()) {
      boolean credentials = Target.USPS_CREDENTIALS.stream().allMatch(v -> settings.get(v).isPresent());
      return runInSandbox(out, outDir, credentials && !Target.buy(args));
    }
    if (target.refused()) {
      out.println("Mode: carrier test environments (--buy), refused before any request:");
      target.refusals().forEach(r -> out.println("  - " + r));
      out.println("Nothing was sent. Fix the settings above, or run without --buy to use the embedded sandbox.");
      return 2;
    }
    return runInTestEnvironments(out, target, outDir);
  }

  private static int runInSandbox(PrintStream out, Path outDir, boolean credentialsIgnored) {
    out.println("Mode: embedded sandbox (USPS and Cainiao emulators on 127.0.0.1, virtual time; "
        + "with --buy and USPS_*/CAINIAO_* credentials it uses the carriers' test environments)");
    if (credentialsIgnored) {
      out.println("Note: USPS credentials are set but ignored: without --buy nothing leaves this machine.");
    }
    try (ShipbridgeSandbox sandbox = Sandbox.start();
        Shipbridge shipbridge = sandbox.builder(sandbox.cainiaoCarrier().usInduction(JFK_LINE, jfkGateway()).build()).build()) {
      sandbox.cainiao().offerSolution(JFK_LINE, "Cainiao Line to JFK", 6, 9, 950, "CNY");
      Optional<Label> label = quoteAndBuy(shipbridge, out, outDir);
      if (label.isEmpty()) return 1;
      Tracking journey = trackUntilDelivered(shipbridge, label.get().trackingNumber(), sandbox.clock(),
          () -> sandbox.clock().advance(POLL_EVERY), out);
      printTimeline(journey, out);
      return journey.status() == TrackingStatus.DELIVERED ? 0 : 1;
    }
  }

  /**
   * The carriers' test environments, configured from the standard variables (see README, "USPS" and
   * "Cainiao") with every base URL resolved and checked by {@link Target}. Nothing read here is printed.
   */
  private static int runInTestEnvironments(PrintStream out, Target.Decision target, Path outDir) {
    out.println("Mode: carrier test environments (--buy): " + String.join(", ", target.baseUrls().values())
        + "; credentials from USPS_* and CAINIAO_* variables");
    try (Shipbridge shipbridge = Shipbridge.builder().discoverCarriers(true).settings(target.settings()).build()) {
      Optional<Label> label = quoteAndBuy(shipbridge, out, outDir);
      if (label.isEmpty()) return 1;
      Tracking now = shipbridge.track(label.get().trackingNumber());
      printTimeline(now, out);
      out.println("A real parcel takes days: track it again later with shipbridge.track(\""
          + label.get().trackingNumber() + "\").");
      return 0;
    } catch (ShipbridgeException e) {
      out.println("Failed: " + e.getMessage());
      return 1;
    }
  }

  // ------------------------------------------------------------------ quote and buy

  /** Where the JFK line hands parcels to USPS: the sandbox's induction ZIP, so its last mile costs no extra USPS call. */
  static Address jfkGateway() {
    return Address.builder().name("Cainiao JFK gateway").line("230-59 Rockaway Blvd").city("Jamaica").region("NY")
        .postalCode(Sandbox.INDUCTION_ZIP).country("US").build();
  }

  static QuoteRequest quoteRequest() {
    return QuoteRequest.builder().from(Sandbox.hangzhouSeller()).to(Sandbox.brooklynConsumer())
        .parcel(Sandbox.teaParcel()).customs(Sandbox.teaCustoms()).build();
  }

  private static Optional<Label> quoteAndBuy(Shipbridge shipbridge, PrintStream out, Path outDir) {
    QuoteRequest request = quoteRequest();
    QuoteResult quotes = shipbridge.quote(request);
    out.println();
    out.println("Quotes for a 600 g parcel, Hangzhou (CN) -> Brooklyn (US), with a customs declaration:");
    printQuotes(quotes, out);
    printCombined(quotes, out);
    chooseByShoppersRule(quotes, out);

    // USPS prices only the US last mile (from the induction ZIP); Cainiao prices door to door.
    // Only door-to-door offers can be bought for this order, and prices are compared within one
    // currency: the seller's. Shipbridge never converts USD to CNY.
    QuoteResult.Choice choice = quotes.covering(Leg.values()).withinDays(TRANSIT_BOUND_DAYS)
        .inCurrency(SELLER_CURRENCY).cheapestChoice();
    out.println();
    out.println("Choosing: the cheapest door-to-door offer in " + SELLER_CURRENCY + " arriving within "
        + TRANSIT_BOUND_DAYS + " days (last-mile-only quotes and other currencies are not compared: no conversion).");
    if (choice.quote().isEmpty()) {
      out.println("No quote fits: " + choice.explanation());
      return Optional.empty();
    }
    Quote q = choice.chosen();
    out.printf("Buying: %s %s at %s, %s days%n", q.carrier(), q.serviceName(), price(q.total()), q.transitDaysText());
    out.println("Why: " + choice.explanation());

    Label label = shipbridge.label(LabelRequest.builder().quote(q)
        .from(request.from()).to(request.to()).parcel(request.parcel()).customs(request.customs())
        .reference(TRADE_ORDER_ID)
        .idempotencyKey(IdempotencyKey.of("order-" + TRADE_ORDER_ID)) // retrying the purchase never buys twice
        .build());
    Path file = outDir.resolve(label.carrier() + "-" + label.trackingNumber() + ".pdf");
    try {
      Files.createDirectories(outDir);
      Files.write(file, label.content());
    } catch (IOException e) {
      out.println("Could not write the label: " + e);
      return Optional.empty();
    }
    out.printf("Label: %s tracking number %s, %d bytes written to %s%n",
        label.carrier(), label.trackingNumber(), label.content().length, file);
    return Optional.of(label);
  }

  /** The quotes as a table, cheapest first within each currency, and the carriers that did not answer. */
  static void printQuotes(QuoteResult quotes, PrintStream out) {
    String row = "  %-8s %-28s %14s %6s %-10s  %s%n";
    out.printf(row, "CARRIER", "SERVICE", "PRICE", "DAYS", "BASIS", "COVERS");
    for (Quote q : quotes.quotes()) {
      String covers = q.legs().containsAll(EnumSet.allOf(Leg.class)) ? "door to door"
          : q.legs().equals(EnumSet.of(Leg.LAST_MILE)) ? "US leg only"
          : !q.legs().contains(Leg.LAST_MILE) ? "up to US induction" : String.valueOf(q.legs());
      String basis = q.daysBasis().name().toLowerCase(java.util.Locale.ROOT); // commitment, estimate or unknown
      out.printf(row, q.carrier(), q.serviceName(), price(q.total()), q.transitDaysText(), basis, covers);
    }
    quotes.failures().forEach(f -> out.printf("  %-8s did not quote: %s%n", f.carrier(), f.message()));
  }

  /** The combined offers (a Cainiao leg to US induction + the USPS last mile), beside the door-to-door ones. */
  static void printCombined(QuoteResult quotes, PrintStream out) {
    out.println();
    if (quotes.combined().isEmpty()) {
      out.println("Combined offers: none (no quoted Cainiao solution is declared to end at US induction).");
      return;
    }
    out.println("Combined offers (Cainiao to US induction + USPS last mile), legs priced in their own currencies:");
    String row = "  %-62s %6s %-10s  %s%n";
    out.printf(row, "LEGS", "DAYS", "BASIS", "TOTAL");
    for (CombinedOffer o : quotes.combined()) {
      String total = o.total().map(Money::format).orElse("none: legs in " + String.join(" + ",
          o.currencies().stream().map(Currency::getCurrencyCode).toList()) + ", not converted");
      out.printf(row, o.serviceName(), o.transitDaysText(), o.daysBasis().name().toLowerCase(java.util.Locale.ROOT), total);
      for (Quote leg : o.legs()) {
        out.printf("      %-8s %-30s %14s %6s days (%s)%n", leg.carrier(), leg.serviceName(), price(leg.total()),
            leg.transitDaysText(), leg.daysBasis().name().toLowerCase(java.util.Locale.ROOT));
      }
    }
  }

  /**
   * The shopper's rule over both kinds of offer: the cheapest door to door within the bound, ranked
   * in the seller's currency with the seller's own rate (each converted price shows it).
   */
  static void chooseByShoppersRule(QuoteResult quotes, PrintStream out) {
    QuoteResult.Choice rule = quotes.covering(Leg.values()).withinDays(TRANSIT_BOUND_DAYS)
        .withRates(SELLER_RATES, SELLER_CURRENCY).cheapestChoice();
    out.println();
    out.println("Shopper's rule: the cheapest door-to-door offer, single or combined, arriving within "
        + TRANSIT_BOUND_DAYS + " days, ranked in " + SELLER_CURRENCY + " with the seller's rate:");
    if (!rule.isPresent()) {
      out.println("  none: " + rule.explanation());
    } else if (rule.combined().isPresent()) {
      out.println("  " + rule.combined().get().serviceName() + ", " + rule.combinedTotal() + " (" + rule.explanation() + ")");
      out.println("  Buying a combined offer is not supported yet: the purchase below is the best single offer.");
    } else {
      out.println("  " + rule.chosen().carrier() + " " + rule.chosen().serviceName() + " at " + rule.price()
          + " (" + rule.explanation() + ")");
    }
    for (CombinedOffer o : quotes.combined()) {
      quotes.withRates(SELLER_RATES, SELLER_CURRENCY).converted(o)
          .ifPresent(t -> out.println("  combined " + o.serviceName() + ": " + t));
    }
  }

  // ------------------------------------------------------------------ track

  private static Tracking trackUntilDelivered(Shipbridge shipbridge, String number, Clock clock, Runnable wait,
      PrintStream out) {
    Instant start = clock.instant();
    out.println();
    out.println("Tracking " + number + " (the sandbox clock moves " + POLL_EVERY.toHours() + " h between calls):");
    Tracking t = shipbridge.track(number);
    while (t.status() != TrackingStatus.DELIVERED && Duration.between(start, clock.instant()).compareTo(GIVE_UP_AFTER) < 0) {
      progress(t, Duration.between(start, clock.instant()), out::println);
      wait.run();
      t = shipbridge.track(number);
    }
    progress(t, Duration.between(start, clock.instant()), out::println);
    return t;
  }

  private static void progress(Tracking t, Duration elapsed, Consumer<String> out) {
    String latest = t.latestEvent().map(e -> e.carrier() + ": " + e.description() + place(e)).orElse("no events yet");
    out.accept(String.format("  ... day %4.1f  %-18s %s", elapsed.toMinutes() / 1440.0, t.status(), latest));
  }

  static void printTimeline(Tracking t, PrintStream out) {
    out.println();
    out.println("Journey of " + t.trackingNumber() + ": " + t.status());
    for (TrackingLeg leg : t.legs()) {
      out.printf("  leg %-8s %s%s%n", leg.carrier(), leg.trackingNumber(), leg.failed() ? "  (" + leg.failure() + ")" : "");
    }
    out.println("Timeline (oldest first, " + t.events().size() + " events):");
    for (TrackingEvent e : t.events()) {
      out.printf("  %s  %-8s %-20s %s%s%n", TIME.format(e.time()), e.carrier(), e.status(), e.description(), place(e));
    }
  }

  /** The event's place, unless its text already names it (Cainiao writes "[Shenzhen] ..."). */
  private static String place(TrackingEvent e) {
    String p = e.location().display();
    return p.isEmpty() || e.description() != null && e.description().contains(p) ? "" : " (" + p + ")";
  }

  /** "9.40 USD": the amount with its currency's usual decimals, never converted. */
  static String price(Money m) {
    return m.format(); // "20.40 CNY", "6.25 USD"
  }
}
