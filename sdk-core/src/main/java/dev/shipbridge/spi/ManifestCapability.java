package dev.shipbridge.spi;

import dev.shipbridge.model.Manifest;
import dev.shipbridge.model.ManifestRequest;

/** Hands over a set of labels with one document (USPS SCAN form, Cainiao big-bag handover). */
public interface ManifestCapability extends Capability {
  Manifest manifest(ManifestRequest request);
}
