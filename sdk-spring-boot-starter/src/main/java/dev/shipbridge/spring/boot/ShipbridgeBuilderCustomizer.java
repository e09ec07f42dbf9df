package dev.shipbridge.spring.boot;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;

/**
 * Has the last word on the {@link ShipbridgeBuilder} the starter fills from properties and beans:
 * for what no property covers (an executor, an {@code OkHttpClient}).
 *
 * <pre>{@code
 * @Bean
 * ShipbridgeBuilderCustomizer virtualThreads() {
 *   ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor(); // Java 21+; yours to close
 *   return builder -> builder.executor(executor);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ShipbridgeBuilderCustomizer {
  /** Changes {@code builder} before the bean is built. */
  void customize(ShipbridgeBuilder builder);
}
