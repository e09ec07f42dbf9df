package dev.shipbridge.internal;

import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.ShipbridgeException;
import dev.shipbridge.http.HttpTransport;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.CarrierRateLimiter;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.OperationPolicy;
import dev.shipbridge.resilience.OperationPolicy.CircuitBreakerSettings;
import dev.shipbridge.resilience.RateLimiterProvider;
import dev.shipbridge.resilience.ResilienceListener;
import dev.shipbridge.resilience.ResilienceListener.BreakerState;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.resilience.Sleeper;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.LabelCapability;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resilience layer: wraps every carrier call in retry, circuit breaker, rate limiter and
 * bulkhead, in this order, outermost first:
 *
 * <pre>
 * Retry( pause before a retry → CircuitBreaker( RateLimiter( Bulkhead( attempt ) ) ) )
 * </pre>
 *
 * so each attempt takes a rate-limit permit and is recorded by the breaker. The static {@code
 * decorateSupplier} calls are nested here, and only here. The retry never retries the layer's own
 * refusals (no permit, open breaker, full bulkhead): refusing a first attempt, they reach the
 * caller as {@link RateLimitedException} and {@link CarrierUnavailableException}, without a
 * network call; refusing a retry, the caller gets the last real failure instead ({@link Outcomes}),
 * which also makes a purchase that may have taken effect outcome-unknown. A retry waits for its
 * permit up to one interval of the quota, or the rate-limit timeout when longer.
 *
 * <p>Retries only what the failure says is retryable ({@link CarrierException#retryable()}), never
 * an outcome-unknown failure, and, for a label purchase from a carrier that does not honour the
 * idempotency key, only a 429 or a failure that provably happened before the request was sent.
 *
 * <p>One instance per {@code Shipbridge}: one breaker and bulkhead per carrier, one rate limiter
 * and retry per carrier and operation; the user's policy is laid over each carrier's {@link
 * Carrier#defaultPolicy()}. The rate limiters come from the {@link RateLimiterProvider} (in this
 * JVM by default, or shared by a fleet); the waits they ask for are taken with the {@link Sleeper}.
 */
public final class ResilientCallExecutor implements CallExecutor {
  private static final Logger log = LoggerFactory.getLogger("dev.shipbridge.resilience");

  private final Map<CarrierId, Lane> lanes;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ResilienceListener listener;
  private final DoubleSupplier random;
  private final ResiliencePolicy userPolicy;
  private final RateLimiterProvider limiters;

  public ResilientCallExecutor(ResiliencePolicy policy, Map<CarrierId, Carrier> carriers, Clock clock, Sleeper sleeper,
      ResilienceListener listener) {
    this(policy, carriers, clock, sleeper, listener, RateLimiterProvider.inJvm());
  }

  /** With the provider of the rate limiters (default {@link RateLimiterProvider#inJvm()}). */
  public ResilientCallExecutor(ResiliencePolicy policy, Map<CarrierId, Carrier> carriers, Clock clock, Sleeper sleeper,
      ResilienceListener listener, RateLimiterProvider limiters) {
    this(policy, carriers, clock, sleeper, listener, limiters, () -> ThreadLocalRandom.current().nextDouble());
  }

  private ResilientCallExecutor(ResiliencePolicy policy, Map<CarrierId, Carrier> carriers, Clock clock, Sleeper sleeper,
      ResilienceListener listener, RateLimiterProvider limiters, DoubleSupplier random) {
    this.userPolicy = Objects.requireNonNull(policy, "policy");
    this.limiters = Objects.requireNonNull(limiters, "limiters");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.listener = new SafeListener(Objects.requireNonNull(listener, "listener"));
    this.random = Objects.requireNonNull(random, "random");
    Map<CarrierId, Lane> m = new LinkedHashMap<>();
    for (var e : carriers.entrySet()) m.put(e.getKey(), new Lane(e.getKey(), e.getValue()));
    this.lanes = Collections.unmodifiableMap(m);
  }

  @Override
  public OperationPolicy policy(CarrierId carrier, Operation operation) {
    Lane lane = lanes.get(carrier);
    return lane != null ? lane.ops.get(operation).policy : userPolicy.resolve(carrier, operation);
  }

  @Override
  public <T> T execute(CarrierId carrier, Operation operation, Supplier<T> call) {
    return execute(carrier, operation, null, call);
  }

  @Override
  public <T> T execute(CarrierId carrier, Operation operation, Duration within, Supplier<T> call) {
    Lane lane = lanes.get(carrier);
    if (lane == null) return call.get();
    OpLane op = lane.ops.get(operation);
    CallScope scope = new CallScope(carrier, operation, op.policy, clock, within);
    CallScope previous = CallScope.enter(scope);
    Instant start = clock.instant();
    listener.onCallStarted(carrier, operation);
    CallMdc mdc = CallMdc.enter(carrier, operation);
    try {
      Supplier<T> attempt = () -> {
        listener.onAttempt(carrier, operation, scope.startAttempt());
        try {
          return call.get();
        } catch (RuntimeException e) {
          scope.lastFailure(e);
          if (Outcomes.mayHaveTakenEffect(e)) scope.mayHaveTakenEffect();
          throw e;
        }
      };
      Supplier<T> bulkheaded = Bulkhead.decorateSupplier(lane.bulkhead, attempt);
      Supplier<T> limited = op.limiter == null ? bulkheaded : rateLimited(op, scope, bulkheaded);
      Supplier<T> broken = CircuitBreaker.decorateSupplier(lane.breaker, limited);
      Supplier<T> paused = () -> {
        Duration delay = scope.pendingDelay();
        if (!delay.isZero()) {
          scope.pendingDelay(Duration.ZERO);
          sleep(delay, carrier);
        }
        return broken.get();
      };
      T result = Retry.decorateSupplier(op.retry, paused).get();
      listener.onCallFinished(carrier, operation, scope.attempts(), Duration.between(start, clock.instant()), null);
      return result;
    } catch (RuntimeException e) {
      if (e instanceof BulkheadFullException) listener.onBulkheadFull(carrier, operation);
      RuntimeException own = translate(lane, op, e);
      RuntimeException out;
      if (own == e) {
        out = Outcomes.settle(e, null, operation, scope.attempts(), scope.anyMayHaveTakenEffect());
      } else if (scope.lastFailure() != null) {
        // Shipbridge refused a retry: the caller gets the root cause, the refusal recorded on it.
        out = Outcomes.settle(scope.lastFailure(), (CarrierException) own, operation, scope.attempts(),
            scope.anyMayHaveTakenEffect());
      } else {
        out = own;
      }
      listener.onCallFinished(carrier, operation, scope.attempts(), Duration.between(start, clock.instant()), out);
      throw out;
    } finally {
      mdc.close();
      CallScope.exit(previous);
    }
  }

  /**
   * Waits for a permit, then calls. A caller that wakes more than half the limit's guard after its
   * permit's time (a stalled JVM, a throttled container, a long GC pause) gives that permit up and
   * queues once more: sent that late, it could reach the carrier too close to the permits a period
   * after it and overrun a strict sliding window (the other half of the guard is left for the
   * jitter between waking up and reaching the carrier). The second permit is used however late; a
   * limit without a guard always uses the first.
   */
  private <T> Supplier<T> rateLimited(OpLane op, CallScope scope, Supplier<T> next) {
    return () -> {
      Duration wait = Duration.ZERO;
      for (int permits = 1; ; permits++) {
        Duration timeout = min(permitTimeout(op, scope), scope.remaining());
        CarrierRateLimiter.Permit permit = op.limiter.reserve(timeout);
        // Lateness counts from the grant: a slow reservation itself (a fresh JVM loading the
        // limiter's classes, a Redis round trip) is not a late wake-up and must not cost the permit.
        Instant asked = clock.instant();
        if (!permit.granted()) {
          listener.onRateLimiterRefused(scope.carrier(), scope.operation(), permit.delay());
          throw new PermitRefused(permit.delay(), timeout, permit.reason());
        }
        wait = wait.plus(permit.delay());
        sleep(permit.delay(), scope.carrier());
        Duration late = Duration.between(asked.plus(permit.delay()), clock.instant());
        if (permits > 1 || op.lateTolerance.isZero() || late.compareTo(op.lateTolerance) <= 0) break;
        log.debug("{} {}: woke {} after its rate-limit permit; queueing once more", scope.carrier(),
            scope.operation(), HumanDuration.format(late));
      }
      listener.onRateLimiterWait(scope.carrier(), scope.operation(), wait);
      try {
        return next.get();
      } catch (RateLimitedException e) {
        // The carrier itself said 429: nobody gets a permit before its Retry-After, held no
        // longer than maxRetryAfter (an absurd Retry-After must not lock the operation out).
        e.retryAfter().ifPresent(ra -> op.limiter.holdUntil(clock.instant().plus(min(ra, op.policy.maxRetryAfter()))));
        throw e;
      }
    };
  }

  /**
   * How long an attempt may wait for its permit: the operation's {@code rateLimitTimeout}; for a
   * retry, at least one interval of the quota (USPS's 60 an hour: one minute), so that a retry
   * under a quota the first attempt drew on can get the next permit at all. Both are bounded by
   * what is left of the call timeout.
   */
  private static Duration permitTimeout(OpLane op, CallScope scope) {
    Duration configured = op.policy.rateLimitTimeout();
    if (scope.attempts() == 0) return configured;
    Duration interval = op.policy.rateLimit().interval();
    return interval.compareTo(configured) > 0 ? interval : configured;
  }

  private void sleep(Duration d, CarrierId carrier) {
    if (d.isZero() || d.isNegative()) return;
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ShipbridgeException("interrupted while waiting to call " + carrier, e);
    }
  }

  /** Whether Shipbridge may send the call again after {@code t}. */
  private static boolean retryable(Lane lane, Operation op, Throwable t) {
    if (!(t instanceof CarrierException ce) || !ce.retryable() || ce.outcomeUnknown()) return false;
    if (op == Operation.LABEL && !lane.honoursIdempotencyKey) {
      // A fault must never buy two labels: without the carrier's idempotency, resend only what
      // provably was not processed.
      return ce.httpStatus() == 429 || (ce.httpStatus() == 0 && HttpTransport.provablyNotSent(ce));
    }
    return true;
  }

  /** The pause before the next attempt, or the failure itself when waiting cannot help. */
  private long nextDelay(OpLane op, int attempt, Either<Throwable, ?> outcome) {
    Throwable t = outcome.isLeft() ? outcome.getLeft() : null;
    CallScope scope = CallScope.current();
    OperationPolicy p = op.policy;
    Duration delay;
    if (t instanceof RateLimitedException rl && rl.retryAfter().isPresent()) {
      delay = rl.retryAfter().get();
      if (delay.compareTo(p.maxRetryAfter()) > 0) throw rl; // fail fast; retryAfter() exposes the value
    } else {
      double ceiling = Math.min(p.maxBackoff().toNanos(),
          p.initialBackoff().toNanos() * Math.pow(p.backoffMultiplier(), Math.max(0, attempt - 1)));
      delay = Duration.ofNanos((long) (random.getAsDouble() * ceiling)); // full jitter
    }
    if (scope != null) {
      if (delay.compareTo(scope.remaining()) >= 0 && t instanceof RuntimeException re) throw re; // past the deadline
      scope.pendingDelay(delay);
    }
    return 0L; // the pause is taken by the injected sleeper before the next attempt
  }

  private RuntimeException translate(Lane lane, OpLane op, RuntimeException e) {
    if (e instanceof PermitRefused pr) {
      String why = pr.reason != null ? pr.reason
          : "no rate-limit permit for " + op.operation.name().toLowerCase() + " within " + HumanDuration.format(pr.timeout);
      return new RateLimitedException(CarrierException.details(lane.id,
          why + " (limit: " + op.limiter.limit() + "); the call was not sent").retryable(true), pr.nextPermitIn);
    }
    if (e instanceof CallNotPermittedException) {
      return new CarrierUnavailableException(CarrierException.details(lane.id,
          "the circuit breaker is open after repeated failures; the call was not sent").retryable(true));
    }
    if (e instanceof BulkheadFullException) {
      return new CarrierUnavailableException(CarrierException.details(lane.id,
          "more than " + op.policy.maxConcurrentCalls() + " calls in flight; the call was not sent").retryable(true));
    }
    return e;
  }

  /** Failures that say something about the carrier's health (not about the request or the quota). */
  static boolean isCarrierFault(Throwable t) {
    if (t instanceof CarrierUnavailableException) return true;
    return t instanceof CarrierException ce && !(t instanceof RateLimitedException)
        && (ce.httpStatus() >= 500 || ce.httpStatus() == 0);
  }

  private static boolean isOwnRefusalOrQuota(Throwable t) {
    return t instanceof PermitRefused || t instanceof BulkheadFullException || t instanceof RateLimitedException;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static BreakerState state(CircuitBreaker.State s) {
    return switch (s) {
      case CLOSED -> BreakerState.CLOSED;
      case OPEN -> BreakerState.OPEN;
      case HALF_OPEN -> BreakerState.HALF_OPEN;
      default -> BreakerState.OTHER;
    };
  }

  /** One carrier: its breaker, bulkhead and per-operation retry and limiter. */
  private final class Lane {
    final CarrierId id;
    final boolean honoursIdempotencyKey;
    final CircuitBreaker breaker;
    final Bulkhead bulkhead;
    final Map<Operation, OpLane> ops = new EnumMap<>(Operation.class);

    Lane(CarrierId id, Carrier carrier) {
      this.id = id;
      this.honoursIdempotencyKey = carrier.capability(LabelCapability.class)
          .map(LabelCapability::honoursIdempotencyKey).orElse(false);
      ResiliencePolicy effective = userPolicy.overriding(carrier.defaultPolicy());
      OperationPolicy carrierLevel = effective.resolve(id, Operation.QUOTE);
      this.breaker = breaker(carrierLevel.circuitBreaker());
      this.bulkhead = Bulkhead.of(id.value(), BulkheadConfig.custom()
          .maxConcurrentCalls(carrierLevel.maxConcurrentCalls())
          .maxWaitDuration(carrierLevel.maxWaitForConcurrency())
          .writableStackTraceEnabled(false)
          .build());
      for (Operation op : Operation.values()) ops.put(op, new OpLane(this, op, effective.resolve(id, op)));
    }

    private CircuitBreaker breaker(CircuitBreakerSettings s) {
      CircuitBreaker cb = CircuitBreaker.of(id.value(), CircuitBreakerConfig.custom()
          .failureRateThreshold(s.failureRateThreshold())
          .slidingWindow(s.slidingWindowSize(), Math.min(s.minimumNumberOfCalls(), s.slidingWindowSize()),
              CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
          .waitDurationInOpenState(s.waitInOpenState())
          .permittedNumberOfCallsInHalfOpenState(s.permittedCallsInHalfOpenState())
          .recordException(ResilientCallExecutor::isCarrierFault)
          .ignoreException(ResilientCallExecutor::isOwnRefusalOrQuota)
          .writableStackTraceEnabled(false)
          .clock(clock)
          .build());
      if (!s.enabled()) cb.transitionToDisabledState();
      cb.getEventPublisher().onStateTransition(e -> listener.onCircuitBreakerTransition(id,
          state(e.getStateTransition().getFromState()), state(e.getStateTransition().getToState())));
      return cb;
    }
  }

  /** One operation of one carrier: its resolved policy, retry and (when limited) rate limiter. */
  private final class OpLane {
    final Operation operation;
    final OperationPolicy policy;
    final Retry retry;
    final CarrierRateLimiter limiter;
    /** How late after its permit's time a caller may still use it: half the limit's guard. */
    final Duration lateTolerance;

    OpLane(Lane lane, Operation operation, OperationPolicy policy) {
      this.operation = operation;
      this.policy = policy;
      this.lateTolerance = policy.rateLimit() == null ? Duration.ZERO : policy.rateLimit().guard().dividedBy(2);
      this.limiter = policy.rateLimit() == null ? null
          : Objects.requireNonNull(limiters.limiter(lane.id, operation, policy.rateLimit(), clock),
              "the RateLimiterProvider returned no limiter");
      RetryConfig config = RetryConfig.custom()
          .maxAttempts(policy.maxAttempts())
          .retryOnException(t -> retryable(lane, operation, t))
          .intervalBiFunction((attempt, outcome) -> nextDelay(this, attempt, outcome))
          .failAfterMaxAttempts(false)
          .writableStackTraceEnabled(false)
          .build();
      this.retry = Retry.of(lane.id.value() + ":" + operation.name().toLowerCase(), config);
      this.retry.getEventPublisher().onRetry(e -> {
        CallScope scope = CallScope.current();
        listener.onRetry(lane.id, operation, e.getNumberOfRetryAttempts(),
            scope != null ? scope.pendingDelay() : e.getWaitInterval(), e.getLastThrowable());
      });
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
}
