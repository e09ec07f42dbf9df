package dev.shipbridge.cainiao;

/** {@link CainiaoConformanceTest} under a policy without quotas. */
class CainiaoPermissiveConformanceTest extends CainiaoConformanceTest {
  @Override
  protected Mode mode() {
    return Mode.PERMISSIVE;
  }
}
