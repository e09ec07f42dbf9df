package dev.shipbridge.examples;

/** {@link KestrelConformanceTest} under a policy without quotas. */
class KestrelPermissiveConformanceTest extends KestrelConformanceTest {
  @Override
  protected Mode mode() {
    return Mode.PERMISSIVE;
  }
}
