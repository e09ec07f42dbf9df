package dev.shipbridge.model;

import java.util.Arrays;
import java.util.List;

/**
 * A handover document for a set of labels.
 *
 * @param manifestId the carrier's id of the form or handover
 * @param document the printable document (PDF), copied on each call
 */
public record Manifest(CarrierId carrier, String manifestId, List<String> trackingNumbers, byte[] document) {
  public Manifest {
    trackingNumbers = trackingNumbers == null ? List.of() : List.copyOf(trackingNumbers);
    document = document == null ? new byte[0] : document.clone();
  }

  @Override
  public byte[] document() {
    return document.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Manifest m && carrier.equals(m.carrier) && manifestId.equals(m.manifestId)
        && trackingNumbers.equals(m.trackingNumbers) && Arrays.equals(document, m.document);
  }

  @Override
  public int hashCode() {
    return manifestId.hashCode();
  }

  @Override
  public String toString() {
    return "Manifest[carrier=" + carrier + ", manifestId=" + manifestId + ", labels=" + trackingNumbers.size()
        + ", bytes=" + document.length + "]";
  }
}
