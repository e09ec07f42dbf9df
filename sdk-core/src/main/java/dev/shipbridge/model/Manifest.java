package dev.shipbridge.model;

import java.util.Arrays;
import java.util.List;

/**
 * A handover document for a set of labels.
 *
 * <pre>{@code
 * Manifest m = shipbridge.manifest(CarrierId.CAINIAO, request);
 * System.out.println(m.containerCode() + " in handover order " + m.handoverOrderId());
 * }</pre>
 *
 * @param manifestId the carrier's id of the form or handover
 * @param document the printable document (PDF), copied on each call
 * @param containerCode the code of the container the parcels travel in (Cainiao's big bag, {@code
 *     LP} + 14 digits, {@code handover_content_code}), or null when the carrier has none
 * @param handoverOrderId the carrier's order this handover belongs to (Cainiao's {@code
 *     handover_order_id}), or null
 */
public record Manifest(CarrierId carrier, String manifestId, List<String> trackingNumbers, byte[] document,
    String containerCode, String handoverOrderId) {

  /** A manifest without a container code or handover order. */
  public Manifest(CarrierId carrier, String manifestId, List<String> trackingNumbers, byte[] document) {
    this(carrier, manifestId, trackingNumbers, document, null, null);
  }

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
        && trackingNumbers.equals(m.trackingNumbers) && Arrays.equals(document, m.document)
        && java.util.Objects.equals(containerCode, m.containerCode)
        && java.util.Objects.equals(handoverOrderId, m.handoverOrderId);
  }

  @Override
  public int hashCode() {
    return manifestId.hashCode();
  }

  @Override
  public String toString() {
    return "Manifest[carrier=" + carrier + ", manifestId=" + manifestId + ", labels=" + trackingNumbers.size()
        + ", bytes=" + document.length + (containerCode == null ? "" : ", containerCode=" + containerCode) + "]";
  }
}
