package dev.shipbridge.model;

import dev.shipbridge.spi.support.Checks;
import java.time.LocalDate;
import java.util.List;

/**
 * Labels to hand over together: a USPS SCAN form, a Cainiao big-bag handover.
 *
 * @param carrier whose labels
 * @param trackingNumbers at least one
 * @param from where they are handed over
 * @param shipDate null for today
 */
public record ManifestRequest(CarrierId carrier, List<String> trackingNumbers, Address from, LocalDate shipDate) {
  public ManifestRequest {
    // Copied with nulls kept, so that a null number is reported as a violation, not as a NullPointerException.
    trackingNumbers = trackingNumbers == null ? List.of()
        : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(trackingNumbers));
    Checks c = new Checks();
    c.notNull("carrier", carrier);
    if (trackingNumbers.isEmpty()) c.add("trackingNumbers", "must list at least one label");
    for (int i = 0; i < trackingNumbers.size(); i++) c.notBlank("trackingNumbers[" + i + "]", trackingNumbers.get(i), 64);
    c.notNull("from", from);
    c.throwIfAny();
    trackingNumbers = List.copyOf(trackingNumbers);
  }
}
