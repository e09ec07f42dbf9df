package dev.shipbridge.spring.boot;

import dev.shipbridge.AuthenticationException;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.ResilienceListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the health indicator reports, heard from the calls the application makes: no health check
 * ever calls a carrier (USPS allows 60 calls an hour).
 */
final class CarrierHealthTracker implements ResilienceListener {
  /** Whether the carrier accepted the credentials on the last call that needed them. */
  enum Credentials { UNKNOWN, ACCEPTED, REFUSED }

  /** One carrier's state. */
  record State(BreakerState breaker, Instant lastSuccess, Instant lastFailure, Credentials credentials) {
    static final State NEW = new State(BreakerState.CLOSED, null, null, Credentials.UNKNOWN);
  }

  private final Clock clock;
  private final Map<CarrierId, State> states = new ConcurrentHashMap<>();

  CarrierHealthTracker(Clock clock) {
    this.clock = clock;
  }

  /** Every carrier heard of so far, in id order. */
  Map<CarrierId, State> states() {
    return new TreeMap<>(states);
  }

  void know(CarrierId carrier) {
    states.putIfAbsent(carrier, State.NEW);
  }

  @Override
  public void onCircuitBreakerTransition(CarrierId carrier, BreakerState from, BreakerState to) {
    states.compute(carrier, (c, s) -> {
      State v = s == null ? State.NEW : s;
      return new State(to, v.lastSuccess(), v.lastFailure(), v.credentials());
    });
  }

  @Override
  public void onCallFinished(CarrierId carrier, Operation operation, int attempts, Duration latency, Throwable failure) {
    Instant now = clock.instant();
    states.compute(carrier, (c, s) -> {
      State v = s == null ? State.NEW : s;
      if (failure == null) return new State(v.breaker(), now, v.lastFailure(), Credentials.ACCEPTED);
      Credentials creds = failure instanceof AuthenticationException ? Credentials.REFUSED : v.credentials();
      return new State(v.breaker(), v.lastSuccess(), now, creds);
    });
  }
}
