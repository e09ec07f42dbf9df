package dev.shipbridge.cainiao.internal;

import dev.shipbridge.cainiao.CainiaoCarrier;

/** Reads a built carrier's config, for mapper tests. */
final class ConfigAccess {
  private ConfigAccess() {}

  static CainiaoConfig of(CainiaoCarrier carrier) {
    try {
      var f = CainiaoCarrier.class.getDeclaredField("config");
      f.setAccessible(true);
      return (CainiaoConfig) f.get(carrier);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
