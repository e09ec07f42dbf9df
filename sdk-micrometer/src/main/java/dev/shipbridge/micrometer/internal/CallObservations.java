package dev.shipbridge.micrometer.internal;

import dev.shipbridge.micrometer.ShipbridgeMicrometer;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.ResilienceListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The resilience listener behind {@link ShipbridgeMicrometer#resilienceListener()}: opens an
 * observation when a call starts and stops it when the call ends (the executor calls both on the
 * caller's thread), and feeds the resilience meters.
 */
public final class CallObservations implements ResilienceListener {
  private final ObservationRegistry registry;
  private final MeterRegistry meters;
  private final ThreadLocal<Deque<Open>> open = ThreadLocal.withInitial(ArrayDeque::new);
  private final Map<CarrierId, AtomicReference<BreakerState>> breakers = new ConcurrentHashMap<>();

  private record Open(Observation observation, Observation.Scope scope) {}

  public CallObservations(ObservationRegistry registry, MeterRegistry meters) {
    this.registry = registry;
    this.meters = meters;
  }

  @Override
  public void onCallStarted(CarrierId carrier, Operation operation) {
    breaker(carrier);
    Observation o = Observation.createNotStarted(ShipbridgeMicrometer.CALL_OBSERVATION, registry)
        .contextualName("shipbridge " + Tags.carrier(carrier) + " " + Tags.operation(operation))
        .lowCardinalityKeyValue("carrier", Tags.carrier(carrier))
        .lowCardinalityKeyValue("operation", Tags.operation(operation))
        .start();
    open.get().push(new Open(o, o.openScope()));
  }

  @Override
  public void onCallFinished(CarrierId carrier, Operation operation, int attempts, Duration latency, Throwable failure) {
    Deque<Open> stack = open.get();
    Open o = stack.poll();
    if (stack.isEmpty()) open.remove();
    if (o == null) return;
    o.observation().lowCardinalityKeyValue("outcome", failure == null ? "success" : "failure")
        .lowCardinalityKeyValue("error.type", Tags.errorType(failure))
        .lowCardinalityKeyValue("attempts", attempts > 3 ? "more" : Integer.toString(attempts));
    if (failure != null) o.observation().error(failure);
    o.scope().close();
    o.observation().stop();
  }

  @Override
  public void onRetry(CarrierId carrier, Operation operation, int attempt, Duration delay, Throwable reason) {
    Counter.builder(ShipbridgeMicrometer.RETRIES).description("Carrier call attempts retried")
        .tag("carrier", Tags.carrier(carrier)).tag("operation", Tags.operation(operation))
        .tag("error.type", Tags.errorType(reason)).register(meters).increment();
  }

  @Override
  public void onRateLimiterWait(CarrierId carrier, Operation operation, Duration waited) {
    Timer.builder(ShipbridgeMicrometer.RATE_LIMITER_WAIT).description("Waits for a carrier rate-limit permit")
        .tag("carrier", Tags.carrier(carrier)).tag("operation", Tags.operation(operation))
        .register(meters).record(waited);
  }

  @Override
  public void onRateLimiterRefused(CarrierId carrier, Operation operation, Duration nextPermitIn) {
    Counter.builder(ShipbridgeMicrometer.RATE_LIMITER_REFUSALS).description("Calls refused: no rate-limit permit in time")
        .tag("carrier", Tags.carrier(carrier)).tag("operation", Tags.operation(operation))
        .register(meters).increment();
  }

  @Override
  public void onBulkheadFull(CarrierId carrier, Operation operation) {
    Counter.builder(ShipbridgeMicrometer.BULKHEAD_REFUSALS).description("Calls refused: the carrier's bulkhead was full")
        .tag("carrier", Tags.carrier(carrier)).tag("operation", Tags.operation(operation))
        .register(meters).increment();
  }

  @Override
  public void onCircuitBreakerTransition(CarrierId carrier, BreakerState from, BreakerState to) {
    breaker(carrier).set(to);
  }

  /** The carrier's breaker state holder, registering its gauges on first sight (CLOSED). */
  private AtomicReference<BreakerState> breaker(CarrierId carrier) {
    return breakers.computeIfAbsent(carrier, c -> {
      AtomicReference<BreakerState> state = new AtomicReference<>(BreakerState.CLOSED);
      for (BreakerState s : BreakerState.values()) {
        Gauge.builder(ShipbridgeMicrometer.BREAKER_STATE, state, r -> r.get() == s ? 1 : 0)
            .description("1 for the carrier's current circuit-breaker state, 0 for the others")
            .tag("carrier", Tags.carrier(c)).tag("state", s.name().toLowerCase(Locale.ROOT))
            .register(meters);
      }
      return state;
    });
  }
}
