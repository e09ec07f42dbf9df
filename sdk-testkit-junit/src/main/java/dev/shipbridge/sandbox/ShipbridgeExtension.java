package dev.shipbridge.sandbox;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.testkit.CainiaoEmulator;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a {@link ShipbridgeSandbox}, its {@link Shipbridge}, clock or emulators into test
 * methods (and {@code @BeforeEach}/{@code @AfterEach} methods): one sandbox per test method, started
 * on first use and closed when the test ends. Use it through {@link ShipbridgeTest} or {@code
 * @ExtendWith(ShipbridgeExtension.class)}.
 */
public final class ShipbridgeExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ShipbridgeExtension.class);
  private static final Set<Class<?>> TYPES = Set.of(ShipbridgeSandbox.class, Shipbridge.class, MutableClock.class,
      UspsEmulator.class, CainiaoEmulator.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return TYPES.contains(parameter.getParameter().getType()) && context.getTestMethod().isPresent();
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    ShipbridgeSandbox sandbox = context.getStore(NAMESPACE)
        .getOrComputeIfAbsent(Resource.class, k -> new Resource(ShipbridgeSandbox.start()), Resource.class).sandbox;
    Class<?> type = parameter.getParameter().getType();
    if (type == ShipbridgeSandbox.class) return sandbox;
    if (type == Shipbridge.class) return sandbox.shipbridge();
    if (type == MutableClock.class) return sandbox.clock();
    if (type == UspsEmulator.class) return sandbox.usps();
    return sandbox.cainiao();
  }

  /** Closes the sandbox when the test method's store is closed. */
  private static final class Resource implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final ShipbridgeSandbox sandbox;

    Resource(ShipbridgeSandbox sandbox) {
      this.sandbox = sandbox;
    }

    @Override
    public void close() {
      sandbox.close();
    }
  }
}
