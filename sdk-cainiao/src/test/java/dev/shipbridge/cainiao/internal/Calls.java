package dev.shipbridge.cainiao.internal;

import dev.shipbridge.cainiao.TestData;
import dev.shipbridge.model.CarrierId;

/** Call descriptions for mapper tests. */
final class Calls {
  private Calls() {}

  static CainiaoErrors.Call read(String api) {
    return new CainiaoErrors.Call(CarrierId.CAINIAO, api, false, null, TestData.CLOCK);
  }

  static CainiaoErrors.Call create(String key) {
    return new CainiaoErrors.Call(CarrierId.CAINIAO, LabelMapper.CREATE, true, key, TestData.CLOCK);
  }
}
