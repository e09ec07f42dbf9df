package dev.shipbridge.spring.boot;

import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.ResiliencePolicy;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/** Settings for all operations and per operation: of every carrier, or of one. */
public class ResilienceLayers {
  /** Settings for every operation. */
  @NestedConfigurationProperty
  private ResilienceProperties.Settings all = new ResilienceProperties.Settings();

  /** Settings per operation (quote, label, cancel, track, address, manifest, auth). */
  private Map<Operation, ResilienceProperties.Settings> operations = new EnumMap<>(Operation.class);

  public ResilienceProperties.Settings getAll() {
    return all;
  }

  public void setAll(ResilienceProperties.Settings all) {
    this.all = all;
  }

  public Map<Operation, ResilienceProperties.Settings> getOperations() {
    return operations;
  }

  public void setOperations(Map<Operation, ResilienceProperties.Settings> operations) {
    this.operations = operations;
  }

  boolean isSet() {
    return all.isSet() || operations.values().stream().anyMatch(ResilienceProperties.Settings::isSet);
  }

  /** Hands each layer that is set to {@code toAll} or {@code perOperation}. */
  void apply(Consumer<Consumer<ResiliencePolicy.Settings>> toAll,
      BiConsumer<Operation, Consumer<ResiliencePolicy.Settings>> perOperation) {
    if (all.isSet()) toAll.accept(all::applyTo);
    operations.forEach((op, s) -> {
      if (s.isSet()) perOperation.accept(op, s::applyTo);
    });
  }
}
