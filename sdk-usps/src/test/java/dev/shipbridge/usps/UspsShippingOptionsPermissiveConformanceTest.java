package dev.shipbridge.usps;

/** {@link UspsShippingOptionsConformanceTest} under a policy without quotas. */
class UspsShippingOptionsPermissiveConformanceTest extends UspsShippingOptionsConformanceTest {
  @Override
  protected Mode mode() {
    return Mode.PERMISSIVE;
  }
}
