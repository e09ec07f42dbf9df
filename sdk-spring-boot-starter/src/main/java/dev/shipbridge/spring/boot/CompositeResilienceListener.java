package dev.shipbridge.spring.boot;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.ResilienceListener;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Every listener bean hears every event; one that throws does not silence the others. */
final class CompositeResilienceListener implements ResilienceListener {
  private final List<ResilienceListener> listeners;

  CompositeResilienceListener(List<ResilienceListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  private void each(Consumer<ResilienceListener> event) {
    RuntimeException first = null;
    for (ResilienceListener l : listeners) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        if (first == null) first = e;
      }
    }
    if (first != null) throw first; // Shipbridge logs and drops it
  }

  @Override
  public void onCallStarted(CarrierId carrier, Operation operation) {
    each(l -> l.onCallStarted(carrier, operation));
  }

  @Override
  public void onBulkheadFull(CarrierId carrier, Operation operation) {
    each(l -> l.onBulkheadFull(carrier, operation));
  }

  @Override
  public void onAttempt(CarrierId carrier, Operation operation, int attempt) {
    each(l -> l.onAttempt(carrier, operation, attempt));
  }

  @Override
  public void onRetry(CarrierId carrier, Operation operation, int attempt, Duration delay, Throwable reason) {
    each(l -> l.onRetry(carrier, operation, attempt, delay, reason));
  }

  @Override
  public void onRateLimiterWait(CarrierId carrier, Operation operation, Duration waited) {
    each(l -> l.onRateLimiterWait(carrier, operation, waited));
  }

  @Override
  public void onRateLimiterRefused(CarrierId carrier, Operation operation, Duration nextPermitIn) {
    each(l -> l.onRateLimiterRefused(carrier, operation, nextPermitIn));
  }

  @Override
  public void onCircuitBreakerTransition(CarrierId carrier, BreakerState from, BreakerState to) {
    each(l -> l.onCircuitBreakerTransition(carrier, from, to));
  }

  @Override
  public void onCallFinished(CarrierId carrier, Operation operation, int attempts, Duration latency, Throwable failure) {
    each(l -> l.onCallFinished(carrier, operation, attempts, latency, failure));
  }
}
