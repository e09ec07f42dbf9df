package dev.shipbridge.internal;

import dev.shipbridge.http.AttemptLimits;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.OperationPolicy;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.ResiliencePolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs one capability call of one carrier. The facade sends every carrier call through this one
 * seam; {@link ResilientCallExecutor} implements it with retry, circuit breaker, rate limiter and
 * bulkhead. {@code call} is run once per attempt and given that attempt's {@link AttemptLimits}
 * (null when the executor sets none), which the facade hands to {@link
 * dev.shipbridge.spi.Carrier#forAttempt}.
 */
@FunctionalInterface
public interface CallExecutor {
  <T> T execute(CarrierId carrier, Operation operation, Function<AttemptLimits, T> call);

  /**
   * Like {@link #execute(CarrierId, Operation, Function)}, with the whole call (attempts, backoff,
   * permit waits) also bounded by {@code within} when that is shorter than the operation's call
   * timeout. For a call the facade runs under its own time limit (a quote answered within the
   * quote timeout).
   */
  default <T> T execute(CarrierId carrier, Operation operation, Duration within, Function<AttemptLimits, T> call) {
    return execute(carrier, operation, call);
  }

  /** The settings that apply to {@code operation} of {@code carrier}. */
  default OperationPolicy policy(CarrierId carrier, Operation operation) {
    return ResiliencePolicy.ofDefaults().resolve(carrier, operation);
  }

  /**
   * How many calls per period {@code carrier} may make for {@code operation}: the quota its rate
   * limiter enforces, or empty when unlimited. For planning batches (quota-aware deadlines).
   */
  default Optional<RateLimit> rateLimit(CarrierId carrier, Operation operation) {
    return policy(carrier, operation).quota();
  }
}
