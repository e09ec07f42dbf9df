package dev.shipbridge.internal;

import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.ShipbridgeException;
import dev.shipbridge.http.AttemptLimits;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.CarrierRateLimiter;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.OperationPolicy;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.RateLimiterProvider;
import dev.shipbridge.resilience.ResilienceListener;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.resilience.Sleeper;
import dev.shipbridge.spi.Carrier;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resilience layer: one attempt loop around circuit breaker, rate limiter and bulkhead, in
 * this order, outermost first:
 *
 * <pre>
 * loop( pause before a retry → CircuitBreaker( RateLimiter( Bulkhead( attempt under its AttemptLimits ) ) ) )
 * </pre>
 *
 * so each attempt takes a rate-limit permit and is recorded by the breaker (Resilience4j's, as is
 * the bulkhead). Each attempt is given {@link AttemptLimits} made here, a value passed to the
 * call (no thread-local): the operation's connect and read timeouts, and one deadline for all the
 * attempt's HTTP exchanges, the attempt timeout shortened to what is left of the call's deadline.
 * The loop never retries the layer's own
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
 * per carrier quota (per operation, unless the carrier's {@link Carrier#quotaOf} says operations
 * share one); the user's policy is laid over each carrier's {@link
 * Carrier#defaultPolicy()}. The rate limiters come from the {@link RateLimiterProvider} (in this
 * JVM by default, or shared by a fleet); the waits they ask for are taken with the {@link Sleeper}.
 */
public final class ResilientCallExecutor implements CallExecutor {
  private static final Logger log = LoggerFactory.getLogger("dev.shipbridge.resilience");

  private final Map<CarrierId, CarrierLane> lanes;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ResilienceListener listener;
  private final ResiliencePolicy userPolicy;

  /** With the provider of the rate limiters (default {@link RateLimiterProvider#inJvm()}). */
  public ResilientCallExecutor(ResiliencePolicy policy, Map<CarrierId, Carrier> carriers, Clock clock, Sleeper sleeper,
      ResilienceListener listener, RateLimiterProvider limiters) {
    this.userPolicy = Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(limiters, "limiters");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.listener = new SafeListener(Objects.requireNonNull(listener, "listener"));
    Map<CarrierId, CarrierLane> m = new LinkedHashMap<>();
    for (var e : carriers.entrySet()) m.put(e.getKey(), new CarrierLane(e.getKey(), e.getValue(), userPolicy, clock, this.listener, limiters));
    this.lanes = Collections.unmodifiableMap(m);
  }

  @Override
  public OperationPolicy policy(CarrierId carrier, Operation operation) {
    CarrierLane lane = lanes.get(carrier);
    return lane != null ? lane.ops.get(operation).policy : userPolicy.resolve(carrier, operation);
  }

  /** The quota of the limiter {@code operation} draws on (shared with the operations counted with it). */
  @Override
  public java.util.Optional<RateLimit> rateLimit(CarrierId carrier, Operation operation) {
    CarrierLane lane = lanes.get(carrier);
    if (lane == null) return userPolicy.rateLimit(carrier, operation);
    CarrierRateLimiter limiter = lane.ops.get(operation).limiter;
    return limiter == null ? java.util.Optional.empty() : java.util.Optional.of(limiter.limit());
  }

  @Override
  public <T> T execute(CarrierId carrier, Operation operation, Function<AttemptLimits, T> call) {
    return execute(carrier, operation, null, call);
  }

  @Override
  public <T> T execute(CarrierId carrier, Operation operation, Duration within, Function<AttemptLimits, T> call) {
    CarrierLane lane = lanes.get(carrier);
    if (lane == null) return call.apply(null);
    CarrierLane.Op op = lane.ops.get(operation);
    Attempts run = new Attempts(lane, op, within);
    listener.onCallStarted(carrier, operation);
    try (CallMdc mdc = CallMdc.enter(carrier, operation)) {
      T result = attemptUntilDone(run, call);
      listener.onCallFinished(carrier, operation, run.count, Duration.between(run.start, clock.instant()), null);
      return result;
    } catch (RuntimeException e) {
      listener.onCallFinished(carrier, operation, run.count, Duration.between(run.start, clock.instant()), e);
      throw e;
    }
  }

  /**
   * The one resilience loop: an attempt (breaker, permit, bulkhead, call), then either the answer,
   * a pause and the next attempt, or the failure the caller gets ({@link Outcomes#settle}).
   */
  private <T> T attemptUntilDone(Attempts run, Function<AttemptLimits, T> call) {
    CarrierLane.Op op = run.op;
    while (true) {
      RuntimeException failure;
      try {
        return CircuitBreaker.decorateSupplier(run.lane.breaker, () -> limitedAttempt(run, call)).get();
      } catch (RuntimeException e) {
        failure = e;
      }
      if (failure instanceof BulkheadFullException) listener.onBulkheadFull(run.lane.id, op.operation);
      RuntimeException refusal = translate(run.lane, op, failure);
      if (refusal != failure) throw run.last == null ? refusal : giveUp(run, refusal, run.last);
      boolean again = run.count < op.policy.maxAttempts()
          && Outcomes.mayRetry(failure, op.operation, run.lane.honoursIdempotencyKey(op.operation));
      if (!again) throw giveUp(run, null, failure);
      Duration delay = backoff(op.policy, run.count, failure);
      if (delay == null || delay.compareTo(run.remaining()) >= 0) throw giveUp(run, null, failure);
      listener.onRetry(run.lane.id, op.operation, run.count, delay, failure);
      try {
        sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw giveUp(run, interrupted(run, e), failure);
      }
    }
  }

  /** One attempt past the breaker: a rate-limit permit, a bulkhead slot, then the call under its limits. */
  private <T> T limitedAttempt(Attempts run, Function<AttemptLimits, T> call) {
    CarrierLane.Op op = run.op;
    if (op.limiter != null) awaitPermit(run);
    Supplier<T> attempt = () -> {
      int n = ++run.count;
      listener.onAttempt(run.lane.id, op.operation, n);
      AttemptLimits limits = AttemptLimits.startingNow(op.label + n, op.policy.connectTimeout(), op.policy.readTimeout(),
          run.attemptTimeout());
      try {
        return call.apply(limits);
      } catch (RuntimeException e) {
        run.last = e;
        if (e instanceof CarrierException ce && ce.idempotencyKey().isPresent()) run.key = ce.idempotencyKey().get();
        if (Outcomes.mayHaveTakenEffect(e)) run.mayHaveTakenEffect = true;
        if (e instanceof RateLimitedException rl && op.limiter != null) {
          // The carrier itself said 429: nobody gets a permit before its Retry-After, held no
          // longer than maxRetryAfter (an absurd Retry-After must not lock the operation out).
          rl.retryAfter().ifPresent(ra -> op.limiter.holdUntil(clock.instant().plus(min(ra, op.policy.maxRetryAfter()))));
        }
        throw e;
      }
    };
    return Bulkhead.decorateSupplier(run.lane.bulkhead, attempt).get();
  }

  /** The exception the caller gets, the interrupt or refusal of the next attempt recorded on it. */
  private static RuntimeException giveUp(Attempts run, RuntimeException refusal, RuntimeException failure) {
    return Outcomes.settle(failure, refusal, run.op.operation, run.count, run.mayHaveTakenEffect, run.lane.id, run.key);
  }

  private static ShipbridgeException interrupted(Attempts run, InterruptedException e) {
    return new ShipbridgeException("interrupted while waiting to call " + run.lane.id, e);
  }

  /** The state of one call: its attempts so far, its last failure and its deadline. */
  private final class Attempts {
    final CarrierLane lane;
    final CarrierLane.Op op;
    final Instant start = clock.instant();
    final Instant deadline;
    int count;
    RuntimeException last;
    /** The idempotency key an attempt's failure carried, or null. */
    String key;
    boolean mayHaveTakenEffect;

    Attempts(CarrierLane lane, CarrierLane.Op op, Duration within) {
      this.lane = lane;
      this.op = op;
      Duration d = within != null && within.compareTo(op.policy.callTimeout()) < 0 ? within : op.policy.callTimeout();
      this.deadline = start.plus(d);
    }

    /** Time left before the whole-call deadline (zero when past it). */
    Duration remaining() {
      Duration d = Duration.between(clock.instant(), deadline);
      return d.isNegative() ? Duration.ZERO : d;
    }

    /** The attempt timeout, shortened to the call's deadline. */
    Duration attemptTimeout() {
      Duration t = min(remaining(), op.policy.attemptTimeout());
      return t.isZero() ? Duration.ofMillis(1) : t;
    }
  }

  /**
   * Waits for a permit. A caller that wakes more than half the limit's guard after its permit's
   * time (a stalled JVM, a throttled container, a long GC pause) gives that permit up and queues
   * once more: sent that late, it could reach the carrier too close to the permits a period after
   * it and overrun a strict sliding window (the other half of the guard is left for the jitter
   * between waking up and reaching the carrier). The second permit is used however late; a limit
   * without a guard always uses the first.
   */
  private void awaitPermit(Attempts run) {
    CarrierLane.Op op = run.op;
    Duration wait = Duration.ZERO;
    for (int permits = 1; ; permits++) {
      Duration timeout = min(permitTimeout(op, run.count), run.remaining());
      CarrierRateLimiter.Permit permit = op.limiter.reserve(timeout);
      // Lateness counts from the grant: a slow reservation itself (a fresh JVM loading the
      // limiter's classes, a Redis round trip) is not a late wake-up and must not cost the permit.
      Instant asked = clock.instant();
      if (!permit.granted()) {
        listener.onRateLimiterRefused(run.lane.id, op.operation, permit.delay());
        throw new CarrierLane.PermitRefused(permit.delay(), timeout, permit.reason());
      }
      wait = wait.plus(permit.delay());
      try {
        sleep(permit.delay());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CarrierLane.Interrupted(e);
      }
      Duration late = Duration.between(asked.plus(permit.delay()), clock.instant());
      if (permits > 1 || op.lateTolerance.isZero() || late.compareTo(op.lateTolerance) <= 0) break;
      log.debug("{} {}: woke {} after its rate-limit permit; queueing once more", run.lane.id, op.operation,
          HumanDuration.format(late));
    }
    listener.onRateLimiterWait(run.lane.id, op.operation, wait);
  }

  /**
   * How long an attempt may wait for its permit: the operation's {@code rateLimitTimeout}; for a
   * retry, at least one interval of the quota (USPS's 60 an hour: one minute), so that a retry
   * under a quota the first attempt drew on can get the next permit at all. Both are bounded by
   * what is left of the call timeout.
   */
  private static Duration permitTimeout(CarrierLane.Op op, int attemptsSoFar) {
    Duration configured = op.policy.rateLimitTimeout();
    if (attemptsSoFar == 0) return configured;
    Duration interval = op.limiter.limit().interval();
    return interval.compareTo(configured) > 0 ? interval : configured;
  }

  private void sleep(Duration d) throws InterruptedException {
    if (!d.isZero() && !d.isNegative()) sleeper.sleep(d);
  }

  /**
   * The pause before retry {@code attempts} (the carrier's {@code Retry-After}, or full-jitter
   * exponential backoff), or null when the carrier asks for a longer pause than {@code
   * maxRetryAfter}: the call then fails fast, {@code retryAfter()} exposing the value.
   */
  private Duration backoff(OperationPolicy p, int attempts, RuntimeException failure) {
    if (failure instanceof RateLimitedException rl && rl.retryAfter().isPresent()) {
      Duration asked = rl.retryAfter().get();
      return asked.compareTo(p.maxRetryAfter()) > 0 ? null : asked;
    }
    double ceiling = Math.min(p.maxBackoff().toNanos(),
        p.initialBackoff().toNanos() * Math.pow(p.backoffMultiplier(), Math.max(0, attempts - 1)));
    return Duration.ofNanos((long) (ThreadLocalRandom.current().nextDouble() * ceiling)); // full jitter
  }

  private RuntimeException translate(CarrierLane lane, CarrierLane.Op op, RuntimeException e) {
    if (e instanceof CarrierLane.Interrupted i) return new ShipbridgeException("interrupted while waiting to call " + lane.id, i.getCause());
    if (e instanceof CarrierLane.PermitRefused pr) {
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

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
