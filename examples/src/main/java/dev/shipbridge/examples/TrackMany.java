package dev.shipbridge.examples;

import dev.shipbridge.sandbox.ShipbridgeSandbox;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.TrackResult;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.Weight;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Tracks a day's worth of parcels with as few carrier calls as possible: {@code trackMany} groups
 * the numbers per carrier, sends USPS 35 numbers a call, follows Cainiao parcels onto their USPS
 * last mile in one more batch, and on the next run skips the parcels it already saw delivered.
 * The emulators count the calls. USPS allows 60 calls an hour; one call per number would not do.
 *
 * <pre>java -cp examples/target/shipbridge-examples.jar dev.shipbridge.examples.TrackMany</pre>
 */
public final class TrackMany {
  static final int EARLY_USPS = 30;
  static final int LATE_USPS = 10;
  static final int CAINIAO = 2;

  private TrackMany() {}

  public static void main(String[] args) {
    run(System.out);
  }

  public static void run(PrintStream out) {
    out.println("Mode: embedded sandbox (USPS and Cainiao emulators on 127.0.0.1, virtual time)");
    try (ShipbridgeSandbox sandbox = Sandbox.start(); Shipbridge shipbridge = sandbox.builder().build()) {
      List<String> numbers = new ArrayList<>();
      for (int i = 0; i < CAINIAO; i++) numbers.add(cainiaoLabel(shipbridge, i));
      for (int i = 0; i < EARLY_USPS; i++) numbers.add(uspsLabel(shipbridge, "early-" + i));
      sandbox.clock().advance(Duration.ofDays(3));   // the early USPS parcels are delivered by now
      for (int i = 0; i < LATE_USPS; i++) numbers.add(uspsLabel(shipbridge, "late-" + i));
      sandbox.clock().advance(Duration.ofDays(2));   // the Cainiao parcels reach USPS
      out.printf("Bought %d labels: %d Cainiao (China to US), %d USPS domestic%n",
          numbers.size(), CAINIAO, EARLY_USPS + LATE_USPS);

      out.println();
      out.println("Run 1: trackMany(" + numbers.size() + " numbers)");
      trackAndReport(shipbridge, numbers, sandbox, out);

      sandbox.clock().advance(Duration.ofDays(1));
      out.println();
      out.println("Run 2, a day later, the same " + numbers.size() + " numbers:");
      trackAndReport(shipbridge, numbers, sandbox, out);
    }
  }

  private static void trackAndReport(Shipbridge shipbridge, List<String> numbers, ShipbridgeSandbox sandbox, PrintStream out) {
    int uspsBefore = sandbox.usps().requestCount("POST", "/tracking/v3r2");
    int cainiaoBefore = sandbox.cainiao().requestCount(QUERY_TRACKING);
    List<TrackResult> results = shipbridge.trackMany(numbers);
    int uspsCalls = sandbox.usps().requestCount("POST", "/tracking/v3r2") - uspsBefore;
    int cainiaoCalls = sandbox.cainiao().requestCount(QUERY_TRACKING) - cainiaoBefore;
    Map<String, Long> byOutcome = results.stream().collect(Collectors.groupingBy(
        r -> r.isSkipped() ? "skipped (already " + r.skippedStatus() + ")" : r.isSuccess()
            ? r.carrier() + " " + r.tracking().status() : "failed: " + r.failure().getMessage(),
        TreeMap::new, Collectors.counting()));
    byOutcome.forEach((outcome, n) -> out.printf("  %3d  %s%n", n, outcome));
    results.stream().filter(r -> r.carrier().equals(CarrierId.CAINIAO) && r.isSuccess()).findFirst().ifPresent(r ->
        out.printf("  e.g. %s: %s, legs %s%n", r.trackingNumber(), r.tracking().status(),
            r.tracking().legs().stream().map(l -> l.carrier() + " " + l.trackingNumber()).toList()));
    long uspsNumbers = results.stream().filter(r -> !r.isSkipped() && r.carrier().equals(CarrierId.USPS)).count();
    long uspsLegs = results.stream().filter(r -> r.isSuccess() && r.carrier().equals(CarrierId.CAINIAO))
        .flatMap(r -> r.tracking().legs().stream()).filter(l -> l.carrier().equals(CarrierId.USPS)).count();
    long cainiaoNumbers = results.stream().filter(r -> !r.isSkipped() && r.carrier().equals(CarrierId.CAINIAO)).count();
    out.printf("  tracking calls: USPS %d (%d numbers, at most 35 a call%s), Cainiao %d (%d numbers, one a call)%n",
        uspsCalls, uspsNumbers, uspsLegs == 0 ? "" : "; then the " + uspsLegs + " USPS legs of Cainiao parcels in one more",
        cainiaoCalls, cainiaoNumbers);
  }

  static final String QUERY_TRACKING = "aliexpress.logistics.redefining.querytrackingresult";

  private static String uspsLabel(Shipbridge shipbridge, String key) {
    return shipbridge.label(LabelRequest.builder().carrier(CarrierId.USPS).serviceCode("USPS_GROUND_ADVANTAGE")
        .from(Sandbox.stLouisWarehouse()).to(Sandbox.brooklynConsumer())
        .parcel(Parcel.of(Weight.pounds("1"), Sandbox.teaParcel().dimensions()))
        .idempotencyKey(IdempotencyKey.of("track-many-" + key)).build()).trackingNumber();
  }

  private static String cainiaoLabel(Shipbridge shipbridge, int i) {
    return shipbridge.label(LabelRequest.builder().carrier(CarrierId.CAINIAO).serviceCode("CAINIAO_STANDARD")
        .from(Sandbox.hangzhouSeller()).to(Sandbox.brooklynConsumer())
        .parcel(Sandbox.teaParcel()).customs(Sandbox.teaCustoms()).reference("80012345678900" + (10 + i))
        .idempotencyKey(IdempotencyKey.of("track-many-cainiao-" + i)).build()).trackingNumber();
  }
}
