package dev.shipbridge.internal;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.Operation;
import java.util.function.Supplier;

/**
 * Runs one capability call of one carrier. The facade sends every carrier call through this one
 * seam; the resilience layer implements it with retry, circuit breaker, rate limiter and bulkhead.
 */
@FunctionalInterface
public interface CallExecutor {
  CallExecutor DIRECT = new CallExecutor() {
    @Override
    public <T> T execute(CarrierId carrier, Operation operation, Supplier<T> call) {
      return call.get();
    }
  };

  <T> T execute(CarrierId carrier, Operation operation, Supplier<T> call);

  /**
   * The shortest spacing between two calls the rate limiter allows for this carrier and
   * operation; zero when unlimited. Used to tell, before starting, whether a batch can finish by
   * a deadline.
   */
  default java.time.Duration permitInterval(CarrierId carrier, Operation operation) {
    return java.time.Duration.ZERO;
  }
}
