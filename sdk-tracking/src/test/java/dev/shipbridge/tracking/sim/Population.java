package dev.shipbridge.tracking.sim;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.EventLocation;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A deterministic population of parcels on realistic timelines: a label created then a pre-transit
 * wait of 4 hours to 2 days, in-transit scans every 6 to 30 hours over 2 to 5 days, for a share a
 * customs dwell of 1 to 3 days, out for delivery in the morning and delivered 2 to 8 hours later;
 * a share the carrier never knows; a share whose events are pushed. Same seed, same population.
 *
 * @param size how many parcels
 * @param start when the first is watched
 * @param watchSpread watches are spread evenly over this
 * @param pushedShare share of parcels whose carrier pushes their events
 * @param unknownShare share of numbers the carrier never knows
 * @param customsShare share of parcels held in customs
 * @param seed the random seed
 */
public record Population(int size, Instant start, Duration watchSpread, double pushedShare, double unknownShare,
    double customsShare, long seed) {

  public static Population of(int size, Instant start) {
    return new Population(size, start, Duration.ofDays(3), 0.30, 0.03, 0.20, 19L);
  }

  public List<SimParcel> generate(CarrierId carrier, String prefix) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<SimParcel> out = new ArrayList<>(size);
    long spreadMs = watchSpread.toMillis();
    for (int i = 0; i < size; i++) {
      Instant watch = start.plusMillis(spreadMs * i / Math.max(1, size));
      boolean pushed = rnd.nextDouble() < pushedShare;
      boolean known = rnd.nextDouble() >= unknownShare;
      String number = prefix + String.format("%012d", i);
      out.add(new SimParcel(number, watch, pushed, known, known ? timeline(carrier, watch, rnd) : List.of()));
    }
    return out;
  }

  private List<TrackingEvent> timeline(CarrierId carrier, Instant watch, SplittableRandom rnd) {
    List<TrackingEvent> es = new ArrayList<>();
    Instant t = watch.plusSeconds(rnd.nextLong(60, 1800));
    es.add(event(carrier, t, TrackingStatus.PRE_TRANSIT, "GX", "Label created", "ORIGIN"));
    t = t.plus(Duration.ofMinutes(rnd.nextLong(4 * 60, 48 * 60)));
    es.add(event(carrier, t, TrackingStatus.IN_TRANSIT, "03", "Accepted", "ORIGIN"));
    Instant deliverBy = t.plus(Duration.ofMinutes(rnd.nextLong(2 * 24 * 60, 5 * 24 * 60)));
    boolean customs = rnd.nextDouble() < customsShare;
    int hop = 0;
    while (true) {
      t = t.plus(Duration.ofMinutes(rnd.nextLong(6 * 60, 30 * 60)));
      if (t.isAfter(deliverBy)) break;
      es.add(event(carrier, t, TrackingStatus.IN_TRANSIT, "T" + (hop % 10), "In transit", "HUB" + (hop++)));
      if (customs && hop == 2) {
        es.add(event(carrier, t.plusSeconds(3600), TrackingStatus.IN_CUSTOMS, "CU", "Held in customs", "GATEWAY"));
        t = t.plus(Duration.ofMinutes(rnd.nextLong(24 * 60, 3 * 24 * 60)));
        es.add(event(carrier, t, TrackingStatus.IN_TRANSIT, "CR", "Released by customs", "GATEWAY"));
        customs = false;
      }
    }
    // out for delivery on the next morning (08:00 UTC), delivered 2 to 8 hours later
    Instant morning = t.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).atTime(8, 0).toInstant(ZoneOffset.UTC)
        .plusSeconds(rnd.nextLong(0, 3600));
    es.add(event(carrier, morning, TrackingStatus.OUT_FOR_DELIVERY, "OF", "Out for delivery", "DEST"));
    es.add(event(carrier, morning.plus(Duration.ofMinutes(rnd.nextLong(120, 480))), TrackingStatus.DELIVERED, "01",
        "Delivered", "DEST"));
    return es;
  }

  private static TrackingEvent event(CarrierId carrier, Instant t, TrackingStatus s, String code, String text, String place) {
    return new TrackingEvent(t.atOffset(ZoneOffset.UTC), s, code, text, new EventLocation(null, null, null, null, place), carrier);
  }
}
