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
 * Runs one capability call of one carrier: the facade's one seam, implemented by {@link
 * ResilientCallExecutor}. {@code call} runs once per attempt with that attempt's {@link
 * AttemptLimits} (null when none are set), for {@link dev.shipbridge.spi.Carrier#forAttempt}.
 */
@FunctionalInterface
public interface CallExecutor {
  <T> T execute(CarrierId carrier, Operation operation, Function<AttemptLimits, T> call);

  /**
   * {@link #execute(CarrierId, Operation, Function)} with the whole call (attempts, backoff, permit
   * waits) also bounded by {@code within} when that is shorter than the call timeout; this default
   * ignores {@code within}.
   */
  default <T> T execute(CarrierId carrier, Operation operation, Duration within, Function<AttemptLimits, T> call) {
    return execute(carrier, operation, call);
  }

  /** The settings that apply to {@code operation} of {@code carrier}. */
  default OperationPolicy policy(CarrierId carrier, Operation operation) {
    return ResiliencePolicy.ofDefaults().resolve(carrier, operation);
  }

  /** The quota {@code carrier}'s rate limiter enforces for {@code operation}; empty when unlimited. */
  default Optional<RateLimit> rateLimit(CarrierId carrier, Operation operation) {
    return policy(carrier, operation).quota();
  }
}
