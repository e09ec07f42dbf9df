package dev.shipbridge.micrometer.internal;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An executor that carries the submitting thread's current observation to the task's thread: the
 * task runs inside that observation's scope, so an observation the task starts (a carrier call)
 * is its child, and a tracing bridge makes the caller's span the parent of the SDK's. Shutting it
 * down shuts the delegate down.
 */
public final class ObservedExecutorService extends AbstractExecutorService {
  private final ExecutorService delegate;
  private final ObservationRegistry registry;

  public ObservedExecutorService(ExecutorService delegate, ObservationRegistry registry) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    Observation parent = registry.getCurrentObservation();
    if (parent == null) {
      delegate.execute(task);
      return;
    }
    delegate.execute(() -> {
      try (Observation.Scope scope = parent.openScope()) {
        task.run();
      }
    });
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }

  @Override
  public List<Runnable> shutdownNow() {
    return delegate.shutdownNow();
  }

  @Override
  public boolean isShutdown() {
    return delegate.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return delegate.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return delegate.awaitTermination(timeout, unit);
  }

  @Override
  public String toString() {
    return "ObservedExecutorService[" + delegate + "]";
  }
}
