package dev.shipbridge.internal;

import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.CarrierRateLimiter;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.OperationPolicy;
import dev.shipbridge.resilience.OperationPolicy.CircuitBreakerSettings;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.RateLimiterProvider;
import dev.shipbridge.resilience.ResilienceListener;
import dev.shipbridge.resilience.ResilienceListener.BreakerState;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.LabelCapability;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One carrier in the resilience layer: its circuit breaker and bulkhead (Resilience4j's), and per
 * operation its resolved policy and rate limiter. Operations the carrier counts against one quota
 * ({@link Carrier#quotaOf}) share one limiter, whose limit is the named operation's. Built once
 * per {@code Shipbridge} by {@link ResilientCallExecutor}.
 */
final class CarrierLane {
  final CarrierId id;
  final boolean honoursIdempotencyKey;
  /** {@link dev.shipbridge.spi.ReturnLabelCapability#honoursIdempotencyKey()}, for {@link Operation#RETURN_LABEL}. */
  private final boolean returnsHonourIdempotencyKey;
  final CircuitBreaker breaker;
  final Bulkhead bulkhead;
  final Map<Operation, Op> ops = new EnumMap<>(Operation.class);
  private final Clock clock;
  private final ResilienceListener listener;
  private final RateLimiterProvider limiters;

  CarrierLane(CarrierId id, Carrier carrier, ResiliencePolicy userPolicy, Clock clock, ResilienceListener listener,
      RateLimiterProvider limiters) {
    this.id = id;
    this.clock = clock;
    this.listener = listener;
    this.limiters = limiters;
    this.honoursIdempotencyKey = carrier.capability(LabelCapability.class)
        .map(LabelCapability::honoursIdempotencyKey).orElse(false);
    this.returnsHonourIdempotencyKey = carrier.capability(dev.shipbridge.spi.ReturnLabelCapability.class)
        .map(dev.shipbridge.spi.ReturnLabelCapability::honoursIdempotencyKey).orElse(false);
    ResiliencePolicy effective = userPolicy.overriding(carrier.defaultPolicy());
    OperationPolicy carrierLevel = effective.resolve(id, Operation.QUOTE);
    this.breaker = breaker(carrierLevel.circuitBreaker());
    this.bulkhead = Bulkhead.of(id.value(), BulkheadConfig.custom()
        .maxConcurrentCalls(carrierLevel.maxConcurrentCalls())
        .maxWaitDuration(carrierLevel.maxWaitForConcurrency())
        .writableStackTraceEnabled(false)
        .build());
    // Operations the carrier counts against one quota share one limiter: the quota's own operation's.
    Map<Operation, CarrierRateLimiter> byQuota = new EnumMap<>(Operation.class);
    for (Operation op : Operation.values()) {
      Operation quota = Objects.requireNonNull(carrier.quotaOf(op), "quotaOf");
      CarrierRateLimiter limiter = byQuota.computeIfAbsent(quota, q -> limiter(effective.resolve(id, q).rateLimit(), q));
      ops.put(op, new Op(id, op, effective.resolve(id, op), limiter));
    }
  }

  private CarrierRateLimiter limiter(RateLimit limit, Operation quota) {
    return limit == null ? null : Objects.requireNonNull(limiters.limiter(id, quota, limit, clock),
        "the RateLimiterProvider returned no limiter");
  }

  private CircuitBreaker breaker(CircuitBreakerSettings s) {
    CircuitBreaker cb = CircuitBreaker.of(id.value(), CircuitBreakerConfig.custom()
        .failureRateThreshold(s.failureRateThreshold())
        .slidingWindow(s.slidingWindowSize(), Math.min(s.minimumNumberOfCalls(), s.slidingWindowSize()),
            CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .waitDurationInOpenState(s.waitInOpenState())
        .permittedNumberOfCallsInHalfOpenState(s.permittedCallsInHalfOpenState())
        .recordException(CarrierLane::isCarrierFault)
        .ignoreException(CarrierLane::isOwnRefusalOrQuota)
        .writableStackTraceEnabled(false)
        .clock(clock)
        .build());
    if (!s.enabled()) cb.transitionToDisabledState();
    cb.getEventPublisher().onStateTransition(e -> listener.onCircuitBreakerTransition(id,
        state(e.getStateTransition().getFromState()), state(e.getStateTransition().getToState())));
    return cb;
  }

  /** One operation of one carrier: its resolved policy and (when limited) its quota's rate limiter. */
  static final class Op {
    final Operation operation;
    final OperationPolicy policy;
    final CarrierRateLimiter limiter;
    /** How late after its permit's time a caller may still use it: half the limit's guard. */
    final Duration lateTolerance;
    /** What the exchange log calls an attempt, less its number: {@code usps LABEL attempt }. */
    final String label;

    Op(CarrierId carrier, Operation operation, OperationPolicy policy, CarrierRateLimiter limiter) {
      this.label = carrier.value() + " " + operation.name() + " attempt ";
      this.operation = operation;
      this.policy = policy;
      this.limiter = limiter;
      this.lateTolerance = limiter == null ? Duration.ZERO : limiter.limit().guard().dividedBy(2);
    }
  }

  /** Waiting for a permit was interrupted; never retried. */
  static final class Interrupted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Interrupted(InterruptedException cause) {
      super("interrupted", cause, false, false);
    }
  }

  /** The rate limiter had no permit within the caller's timeout; never retried. */
  static final class PermitRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Duration nextPermitIn;
    final transient Duration timeout;
    final String reason;

    PermitRefused(Duration nextPermitIn, Duration timeout, String reason) {
      super("no rate-limit permit", null, false, false);
      this.nextPermitIn = nextPermitIn;
      this.timeout = timeout;
      this.reason = reason;
    }
  }

  /** Failures that say something about the carrier's health (not about the request or the quota). */
  static boolean isCarrierFault(Throwable t) {
    if (t instanceof CarrierUnavailableException) return true;
    return t instanceof CarrierException ce && !(t instanceof RateLimitedException)
        && (ce.httpStatus() >= 500 || ce.httpStatus() == 0);
  }

  private static boolean isOwnRefusalOrQuota(Throwable t) {
    return t instanceof PermitRefused || t instanceof Interrupted || t instanceof BulkheadFullException
        || t instanceof RateLimitedException;
  }

  private static BreakerState state(CircuitBreaker.State s) {
    return switch (s) {
      case CLOSED -> BreakerState.CLOSED;
      case OPEN -> BreakerState.OPEN;
      case HALF_OPEN -> BreakerState.HALF_OPEN;
      default -> BreakerState.OTHER;
    };
  }

  /** Whether the carrier deduplicates {@code operation}'s requests by their idempotency key. */
  boolean honoursIdempotencyKey(Operation operation) {
    return operation == Operation.RETURN_LABEL ? returnsHonourIdempotencyKey : honoursIdempotencyKey;
  }
}
