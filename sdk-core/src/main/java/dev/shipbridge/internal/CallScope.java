package dev.shipbridge.internal;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.OperationPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The carrier call running on this thread: which carrier and operation, its settings and its
 * whole-call deadline. Set by {@link ResilientCallExecutor} around a call; read by {@link
 * dev.shipbridge.http.HttpTransport} to apply the operation's timeouts to each attempt.
 */
public final class CallScope {
  private static final ThreadLocal<CallScope> CURRENT = new ThreadLocal<>();

  private final CarrierId carrier;
  private final Operation operation;
  private final OperationPolicy policy;
  private final Clock clock;
  private final Instant deadline;
  private int attempts;
  private Duration pendingDelay = Duration.ZERO;
  private RuntimeException lastFailure;
  private boolean anyMayHaveTakenEffect;

  /** A scope whose deadline is the operation's call timeout, or {@code within} when that is sooner. */
  CallScope(CarrierId carrier, Operation operation, OperationPolicy policy, Clock clock, Duration within) {
    this.carrier = carrier;
    this.operation = operation;
    this.policy = policy;
    this.clock = clock;
    Duration d = within != null && within.compareTo(policy.callTimeout()) < 0 ? within : policy.callTimeout();
    this.deadline = clock.instant().plus(d);
  }

  /** The call running on this thread, or null outside the resilience layer. */
  public static CallScope current() {
    return CURRENT.get();
  }

  static CallScope enter(CallScope scope) {
    CallScope prev = CURRENT.get();
    CURRENT.set(scope);
    return prev;
  }

  static void exit(CallScope previous) {
    if (previous == null) CURRENT.remove();
    else CURRENT.set(previous);
  }

  public CarrierId carrier() {
    return carrier;
  }

  public Operation operation() {
    return operation;
  }

  public OperationPolicy policy() {
    return policy;
  }

  /** Attempts started so far. */
  public int attempts() {
    return attempts;
  }

  /** Time left before the whole-call deadline (zero when past it). */
  public Duration remaining() {
    Duration d = Duration.between(clock.instant(), deadline);
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** The timeout of the next attempt: the attempt timeout, shortened to the call's deadline. */
  public Duration attemptTimeout() {
    Duration r = remaining();
    Duration a = policy.attemptTimeout();
    Duration t = r.compareTo(a) < 0 ? r : a;
    return t.isZero() ? Duration.ofMillis(1) : t;
  }

  int startAttempt() {
    return ++attempts;
  }

  Duration pendingDelay() {
    return pendingDelay;
  }

  void pendingDelay(Duration delay) {
    this.pendingDelay = delay;
  }

  /** What the latest attempt that reached the carrier's adapter failed with, or null. */
  RuntimeException lastFailure() {
    return lastFailure;
  }

  void lastFailure(RuntimeException failure) {
    this.lastFailure = failure;
  }

  /** Whether an attempt of this call failed after it may have been carried out. */
  boolean anyMayHaveTakenEffect() {
    return anyMayHaveTakenEffect;
  }

  void mayHaveTakenEffect() {
    this.anyMayHaveTakenEffect = true;
  }
}
