package dev.shipbridge.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps the context of every observation stopped in a registry, for assertions. */
final class StoppedObservations implements ObservationHandler<Observation.Context> {
  private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

  @Override
  public boolean supportsContext(Observation.Context context) {
    return true;
  }

  @Override
  public void onStop(Observation.Context context) {
    stopped.add(context);
  }

  /** The stopped observations called {@code name}, in the order they stopped. */
  List<Observation.Context> named(String name) {
    return stopped.stream().filter(c -> name.equals(c.getName())).toList();
  }

  List<Observation.Context> all() {
    return List.copyOf(stopped);
  }
}
