package dev.shipbridge.testkit.conformance;

import dev.shipbridge.AuthenticationException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.InvalidRequestException;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The retry and outcome rules the kit checks, stated once (README, "The retry and outcome
 * rules"): what a caller must get through the facade when an operation meets a {@link Fault}.
 *
 * <ol>
 *   <li>Every failure is a typed {@link CarrierException}: 400/409/422 {@link
 *       InvalidRequestException}, 401/403 {@link AuthenticationException}, 404 {@link
 *       NotFoundException}, 429 {@link RateLimitedException}, 5xx and lost answers {@link
 *       CarrierUnavailableException}.
 *   <li>A 4xx other than 429 is neither retried nor retryable.
 *   <li>A 429, a refused connection, a connection reset before the request was sent: retryable,
 *       never outcome-unknown, for a purchase too (it may be retried, with or without a key).
 *   <li>A fault after which the carrier may have acted (5xx, reset, empty close, stall, damaged
 *       200): a read is retryable and not outcome-unknown; a purchase is outcome-unknown, not
 *       retryable, and carries its idempotency key.
 *   <li>{@link CarrierException#attempts()} is the number of requests the carrier saw (a 401 may
 *       be replayed once after a credential refresh; a refused connection reaches nobody; a
 *       connection reset before sending counts as one connection per attempt).
 *   <li>A purchase the carrier does not deduplicate by key is never sent twice after a fault that
 *       may have taken effect.
 *   <li>Under a policy without quotas, a retryable read fault is tried {@code maxAttempts} times.
 *   <li>A call the carrier refuses ({@code LabelCapability.check}, the facade's validation) is a
 *       {@link ValidationException}, and no request reaches the carrier ({@link #refusedBeforeSending}).
 *   <li>No secret the carrier was built with appears in an exception's message or {@code toString()}
 *       (causes and suppressed included), a result's, the carrier's or the facade's {@code toString()}
 *       ({@link #leaks}).
 * </ol>
 */
public final class Rules {
  private Rules() {}

  /** What one case observed. */
  public record Observed(Object result, Throwable failure, int requestsSeen) {}

  /** What the case ran under. */
  public record Context(Operation.Kind kind, String idempotencyKey, boolean honoursKey, int maxAttempts,
      boolean noQuota) {}

  /** The violations of the rules by {@code o}, empty when it conforms. */
  public static List<String> check(Fault fault, Context c, Observed o) {
    List<String> v = new ArrayList<>();
    if (!(o.failure() instanceof CarrierException e)) {
      v.add("expected a CarrierException, got " + (o.failure() == null ? "a result: " + o.result()
          : o.failure().getClass().getName() + ": " + o.failure().getMessage()));
      return v;
    }
    Class<? extends CarrierException> type = expectedType(fault);
    if (!type.isInstance(e)) v.add("expected " + type.getSimpleName() + ", got " + e.getClass().getSimpleName() + ": " + e.getMessage());
    boolean purchase = c.kind() == Operation.Kind.PURCHASE;
    boolean mayHaveActed = fault.mayHaveTakenEffect();
    boolean wantUnknown = purchase && mayHaveActed;
    boolean wantRetryable = !wantUnknown && (fault.is429() || fault.neverSent() || mayHaveActed);
    if (e.outcomeUnknown() != wantUnknown) v.add("outcomeUnknown() should be " + wantUnknown + ": " + e.getMessage());
    if (e.retryable() != wantRetryable) v.add("retryable() should be " + wantRetryable + ": " + e.getMessage());
    if (purchase && !Objects.equals(e.idempotencyKey().orElse(null), c.idempotencyKey())) {
      v.add("idempotencyKey() should be " + c.idempotencyKey() + ", was " + e.idempotencyKey().orElse(null));
    }
    int attempts = e.attempts();
    if (attempts < 1 || attempts > c.maxAttempts()) v.add("attempts() should be in 1.." + c.maxAttempts() + ", was " + attempts);
    if (fault == Fault.CONNECT_REFUSED) {
      if (o.requestsSeen() != 0) v.add("nothing listens, yet " + o.requestsSeen() + " requests were seen");
    } else if (fault == Fault.RESET_BEFORE_SEND) {
      if (o.requestsSeen() != attempts) {
        v.add("attempts() is " + attempts + " but " + o.requestsSeen() + " connections were opened (and reset before sending)");
      }
    } else if (fault == Fault.STATUS_401) {
      if (o.requestsSeen() < attempts || o.requestsSeen() > 2 * attempts) {
        v.add("a 401 is sent once per attempt (or replayed once after a refresh): " + o.requestsSeen() + " for " + attempts);
      }
    } else if (o.requestsSeen() != attempts) {
      v.add("attempts() is " + attempts + " but the carrier saw " + o.requestsSeen() + " requests");
    }
    boolean refused = fault.status() >= 400 && fault.status() < 500 && !fault.is429();
    if ((refused || fault == Fault.STATUS_429_ABSURD) && attempts != 1) v.add("must not be retried, was tried " + attempts + " times");
    if (purchase && mayHaveActed && !c.honoursKey() && o.requestsSeen() > 1) {
      v.add("a purchase without an honoured key was sent " + o.requestsSeen() + " times after a fault that may have bought it");
    }
    if (c.noQuota() && !purchase && wantRetryable && !fault.is429() && attempts != c.maxAttempts()) {
      v.add("a retryable read fault without a quota is tried " + c.maxAttempts() + " times, was " + attempts);
    }
    return v;
  }

  static Class<? extends CarrierException> expectedType(Fault f) {
    return switch (f) {
      case STATUS_400, STATUS_409, STATUS_422 -> InvalidRequestException.class;
      case STATUS_401, STATUS_403 -> AuthenticationException.class;
      case STATUS_404 -> NotFoundException.class;
      case STATUS_429_SECONDS, STATUS_429_HTTP_DATE, STATUS_429_GARBAGE, STATUS_429_ABSURD -> RateLimitedException.class;
      case TRUNCATED_200 -> CarrierException.class;
      default -> CarrierUnavailableException.class;
    };
  }

  /**
   * The violations of rule 8 by a call that should have been refused before sending: anything but a
   * {@link ValidationException} listing at least one violation, or any request the server saw.
   */
  public static List<String> refusedBeforeSending(Observed o) {
    List<String> v = new ArrayList<>();
    if (!(o.failure() instanceof ValidationException e)) {
      v.add("expected a ValidationException before any request, got " + (o.failure() == null ? "a result: " + o.result()
          : o.failure().getClass().getName() + ": " + o.failure().getMessage()));
    } else if (e.violations().isEmpty()) {
      v.add("a ValidationException must list the violations");
    }
    if (o.requestsSeen() != 0) v.add("an invalid call must send nothing, yet the server saw " + o.requestsSeen() + " requests");
    return v;
  }

  /**
   * The violations of rule 9: each named text ({@code "exception"}, {@code "result"}, ...) that
   * contains one of {@code secrets}. The violation names where, never the secret itself.
   */
  public static List<String> leaks(List<String> secrets, java.util.Map<String, String> texts) {
    List<String> v = new ArrayList<>();
    texts.forEach((where, text) -> {
      for (int i = 0; i < secrets.size(); i++) {
        String secret = secrets.get(i);
        if (text != null && secret != null && !secret.isEmpty() && text.contains(secret)) {
          v.add("secret #" + (i + 1) + " leaked into the " + where);
        }
      }
    });
    return v;
  }

  /** Every message and {@code toString()} of {@code t}, its causes and suppressed exceptions. */
  static String describe(Throwable t) {
    StringBuilder b = new StringBuilder();
    java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>();
    if (t != null) todo.add(t);
    while (!todo.isEmpty()) {
      Throwable x = todo.poll();
      if (!seen.add(x)) continue;
      b.append(x).append('\n').append(x.getMessage()).append('\n').append(x.getLocalizedMessage()).append('\n');
      if (x.getCause() != null) todo.add(x.getCause());
      todo.addAll(List.of(x.getSuppressed()));
    }
    return b.toString();
  }
}
