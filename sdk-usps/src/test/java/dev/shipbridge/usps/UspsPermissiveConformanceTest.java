package dev.shipbridge.usps;

/** {@link UspsConformanceTest} under a policy without quotas. */
class UspsPermissiveConformanceTest extends UspsConformanceTest {
  @Override
  protected Mode mode() {
    return Mode.PERMISSIVE;
  }
}
