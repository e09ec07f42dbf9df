package dev.shipbridge.testkit.conformance;

import dev.shipbridge.CarrierException;
import dev.shipbridge.TrackResult;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The tracking rules the kit checks besides the fault matrix: an event code the adapter does not
 * know is kept raw and maps to {@link TrackingStatus#UNKNOWN}; in {@code trackMany}, a number the
 * carrier cannot track is a typed per-number failure while the others succeed.
 */
final class TrackingRules {
  private TrackingRules() {}

  /** The violations by a tracking answer that carried the unknown {@code code} in its events. */
  static List<String> unknownCodeKept(Object result, Throwable failure, String code) {
    List<String> v = new ArrayList<>();
    if (failure != null) {
      v.add("an answer with an unknown event code must still be read, got " + failure.getClass().getName() + ": "
          + failure.getMessage());
      return v;
    }
    if (!(result instanceof Tracking t)) {
      v.add("expected a Tracking, got " + result);
      return v;
    }
    List<TrackingEvent> planted = t.events().stream().filter(e -> code.equals(e.rawCode())).toList();
    if (planted.isEmpty()) {
      v.add("no event kept the unknown code " + code + " raw: " + t.events());
    }
    for (TrackingEvent e : planted) {
      if (e.status() != TrackingStatus.UNKNOWN) v.add("the unknown code " + code + " was mapped to " + e.status());
    }
    return v;
  }

  /**
   * The violations by a {@code trackMany(numbers)} in which only {@code failing} cannot be
   * tracked: one result per number in the order given, {@code failing} a failed result holding a
   * {@link CarrierException} of {@code carrier}, every other number a success of its own.
   */
  static List<String> perNumberFailure(List<String> numbers, String failing, CarrierId carrier, List<TrackResult> results,
      Throwable failure) {
    List<String> v = new ArrayList<>();
    if (failure != null) {
      v.add("one untrackable number must not fail the whole trackMany, got " + failure.getClass().getName() + ": "
          + failure.getMessage());
      return v;
    }
    List<String> got = results == null ? List.of() : results.stream().map(TrackResult::trackingNumber).toList();
    if (!got.equals(numbers)) {
      v.add("expected one result per number in the order given " + numbers + ", got " + got);
      return v;
    }
    for (TrackResult r : results) {
      if (r.trackingNumber().equals(failing)) {
        if (r.isSuccess()) v.add(failing + " should have failed, got " + r.tracking());
        else if (!(r.failure() instanceof CarrierException e)) {
          v.add(failing + "'s failure should be a CarrierException, got " + r.failure());
        } else if (!carrier.equals(e.carrier())) {
          v.add(failing + "'s failure names carrier " + e.carrier() + ", not " + carrier);
        }
      } else if (!r.isSuccess()) {
        v.add(r.trackingNumber() + " should have been tracked, failed with " + r.failure());
      } else if (!r.trackingNumber().equals(r.tracking().trackingNumber())) {
        v.add(r.trackingNumber() + " was answered with the tracking of " + r.tracking().trackingNumber());
      }
    }
    return v;
  }
}
