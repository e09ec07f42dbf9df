package dev.shipbridge.testkit.cainiao;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** One emulated Cainiao logistics order. Immutable apart from the handoff flag. Internal. */
public final class Order {
  public final long logisticsOrderId;
  public final String lpNumber;
  public final String s10;
  public final String impb;
  public final String reference;
  public final String tradeOrderId;
  public final String solutionCode;
  public final String destCountry;
  public final Instant createdAt;
  /** The receiver's city, region and postal code as ordered (null when the order did not say). */
  public final String destCity;
  public final String destRegion;
  public final String destZip;
  final AtomicBoolean handoffNotified = new AtomicBoolean();
  /** Whether this order's tracking also reports {@link Timeline#MIRRORED} (set when created). */
  volatile boolean mirrorsLastMile;

  Order(long logisticsOrderId, String lpNumber, String s10, String impb, String reference,
      String tradeOrderId, String solutionCode, String destCountry, Instant createdAt, String destCity,
      String destRegion, String destZip) {
    this.logisticsOrderId = logisticsOrderId;
    this.lpNumber = lpNumber;
    this.s10 = s10;
    this.impb = impb;
    this.reference = reference;
    this.tradeOrderId = tradeOrderId;
    this.solutionCode = solutionCode;
    this.destCountry = destCountry;
    this.createdAt = createdAt;
    this.destCity = destCity;
    this.destRegion = destRegion;
    this.destZip = destZip;
  }

  public Instant handoffAt() {
    return createdAt.plus(Timeline.HANDOFF_OFFSET);
  }

  public boolean handedOff(Instant now) {
    return !now.isBefore(handoffAt());
  }

  /** The latest international number: the IMpb once USPS has the parcel, else the S10 number. */
  public String latestNumber(Instant now) {
    return handedOff(now) ? impb : s10;
  }

  /** Events that have happened by {@code now}, oldest first. */
  public List<Event> events(Instant now) {
    List<Event> out = new ArrayList<>();
    List<Timeline.Step> steps = new ArrayList<>(Timeline.STEPS);
    if (mirrorsLastMile) steps.addAll(Timeline.MIRRORED);
    for (Timeline.Step step : steps) {
      Instant at = createdAt.plus(step.offset());
      if (!at.isAfter(now)) {
        out.add(new Event(step, at));
      }
    }
    return out;
  }

  /** A step that has happened, with its instant. */
  public record Event(Timeline.Step step, Instant at) {}
}
