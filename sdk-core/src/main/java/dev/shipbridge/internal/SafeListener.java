package dev.shipbridge.internal;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.ResilienceListener;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs every event at DEBUG, then passes it on; a listener that throws is logged, not fatal. */
final class SafeListener implements ResilienceListener {
  private static final Logger log = LoggerFactory.getLogger("dev.shipbridge.resilience");
  private final ResilienceListener user;

  SafeListener(ResilienceListener user) {
    this.user = user;
  }

  private void guard(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      log.warn("A ResilienceListener threw {}; ignored", e.getClass().getName());
    }
  }

  @Override
  public void onCallStarted(CarrierId c, Operation op) {
    guard(() -> user.onCallStarted(c, op));
  }

  @Override
  public void onBulkheadFull(CarrierId c, Operation op) {
    log.debug("{} {}: bulkhead full", c, op);
    guard(() -> user.onBulkheadFull(c, op));
  }

  @Override
  public void onAttempt(CarrierId c, Operation op, int attempt) {
    guard(() -> user.onAttempt(c, op, attempt));
  }

  @Override
  public void onRetry(CarrierId c, Operation op, int attempt, Duration delay, Throwable reason) {
    log.debug("{} {}: attempt {} failed ({}: {}); retrying in {}", c, op, attempt,
        reason.getClass().getSimpleName(), reason.getMessage(), HumanDuration.format(delay));
    guard(() -> user.onRetry(c, op, attempt, delay, reason));
  }

  @Override
  public void onRateLimiterWait(CarrierId c, Operation op, Duration waited) {
    if (!waited.isZero()) log.debug("{} {}: waited {} for a rate-limit permit", c, op, HumanDuration.format(waited));
    guard(() -> user.onRateLimiterWait(c, op, waited));
  }

  @Override
  public void onRateLimiterRefused(CarrierId c, Operation op, Duration nextPermitIn) {
    log.debug("{} {}: no rate-limit permit in time; next in {}", c, op, HumanDuration.format(nextPermitIn));
    guard(() -> user.onRateLimiterRefused(c, op, nextPermitIn));
  }

  @Override
  public void onCircuitBreakerTransition(CarrierId c, BreakerState from, BreakerState to) {
    log.debug("{}: circuit breaker {} -> {}", c, from, to);
    guard(() -> user.onCircuitBreakerTransition(c, from, to));
  }

  @Override
  public void onCallFinished(CarrierId c, Operation op, int attempts, Duration latency, Throwable failure) {
    log.debug("{} {}: {} after {} attempt(s) in {}", c, op,
        failure == null ? "succeeded" : "failed (" + failure.getClass().getSimpleName() + ")", attempts,
        HumanDuration.format(latency));
    guard(() -> user.onCallFinished(c, op, attempts, latency, failure));
  }
}
