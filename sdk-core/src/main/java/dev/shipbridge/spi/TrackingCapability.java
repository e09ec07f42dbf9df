package dev.shipbridge.spi;

import dev.shipbridge.ShipbridgeException;
import dev.shipbridge.TrackResult;
import dev.shipbridge.model.Tracking;
import java.util.ArrayList;
import java.util.List;

/**
 * Tracks parcels. Carriers that track many numbers in one call override {@link #maxBatchSize()}
 * and {@link #trackMany(List)}; the core never hands {@code trackMany} more numbers than that.
 */
public interface TrackingCapability extends Capability {
  Tracking track(String trackingNumber);

  /** How many numbers one {@link #trackMany(List)} call may carry. */
  default int maxBatchSize() {
    return 1;
  }

  /**
   * One result per number, in the order given; a number the carrier cannot track is a failed
   * result, not an exception. An exception means the whole batch failed (and may be retried).
   */
  default List<TrackResult> trackMany(List<String> trackingNumbers) {
    List<TrackResult> out = new ArrayList<>(trackingNumbers.size());
    for (String n : trackingNumbers) {
      try {
        Tracking t = track(n);
        out.add(TrackResult.success(n, t));
      } catch (ShipbridgeException e) {
        if (trackingNumbers.size() == 1) throw e;
        out.add(TrackResult.failure(n, null, e));
      }
    }
    return out;
  }
}
