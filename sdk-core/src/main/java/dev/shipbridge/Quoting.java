package dev.shipbridge;

import dev.shipbridge.account.AccountId;
import dev.shipbridge.internal.ShipDates;
import dev.shipbridge.internal.StaleQuotes;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.spi.QuoteCapability;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The quote fan-out: one executor task per carrier under one deadline (see {@link #ask}); a
 * carrier that misses it or fails is a failure in the result, never hiding the others' quotes. A
 * cross-border quote then looks for combined offers ({@link CombinedQuoting}) within it.
 */
final class Quoting {
  /** What a quote future completes with when its carrier misses the deadline, before it becomes a failure. */
  private static final Object TIMED_OUT = new Object();

  private final FacadeCalls calls;
  private final Clock clock;
  private final Duration timeout;
  private final StaleQuotes stale;
  private final CombinedQuoting combining;
  /** The account the instance is bound for (null: its own): every quote is stamped with it. */
  private final AccountId account;

  Quoting(FacadeCalls calls, Clock clock, Duration timeout, StaleQuotes stale, AccountId account) {
    this.account = account;
    this.calls = calls;
    this.clock = clock;
    this.timeout = timeout;
    this.stale = stale;
    this.combining = new CombinedQuoting(calls);
  }

  /** Validates {@code request}, then asks each target carrier on the executor. Throws on bad input. */
  CompletableFuture<QuoteResult> quote(QuoteRequest request) {
    Deadline deadline = new Deadline(timeout);
    CompletableFuture<QuoteResult> result = quote(request, deadline);
    deadline.missed.completeOnTimeout(TIMED_OUT, deadline.nanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    return result.whenComplete((r, t) -> deadline.missed.complete(TIMED_OUT)); // the timer cancelled
  }

  /**
   * {@link #quote} for a caller that waits: it waits until the deadline at most, then marks every
   * carrier still asked as missed itself, so no timer thread wakes per quote.
   */
  QuoteResult quoteAndWait(QuoteRequest request) {
    Deadline deadline = new Deadline(timeout);
    CompletableFuture<QuoteResult> result = quote(request, deadline);
    try {
      try {
        return result.get(Math.max(0, deadline.nanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        deadline.missed.complete(TIMED_OUT); // completes what is still asked, and so the result
        return result.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ShipbridgeException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new ShipbridgeException("failed", e.getCause());
    }
  }

  private CompletableFuture<QuoteResult> quote(QuoteRequest request, Deadline deadline) {
    Objects.requireNonNull(request, "request");
    calls.ensureOpen();
    FacadeCalls.reject(ShipDates.check(request.shipDate(), clock));
    List<CarrierId> targets = request.carriers().isEmpty()
        ? calls.registry.having(QuoteCapability.class) : List.copyOf(request.carriers());
    if (targets.isEmpty()) {
      throw ValidationException.of("carriers", "no configured carrier can quote; configured: " + calls.registry.ids());
    }
    Map<CarrierId, QuoteCapability> byId = new LinkedHashMap<>();
    for (CarrierId id : targets) byId.put(id, calls.registry.require(id, QuoteCapability.class)); // all before any call
    List<CompletableFuture<Object>> futures = new ArrayList<>(targets.size());
    for (CarrierId id : targets) {
      futures.add(ask(calls, id, request, deadline, "did not answer within the quote timeout"));
    }
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(v -> gather(request, targets, futures))
        .thenCompose(first -> combined(request, byId, first, deadline));
  }

  private QuoteResult gather(QuoteRequest request, List<CarrierId> targets, List<CompletableFuture<Object>> futures) {
    List<Quote> quotes = new ArrayList<>();
    List<CarrierFailure> failures = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      Object r = futures.get(i).join();
      List<Quote> qs;
      if (r instanceof ShipbridgeException e) {
        failures.add(new CarrierFailure(targets.get(i), e)); // still reported when stale quotes are served
        qs = stale.servedFor(targets.get(i), request, e);
      } else {
        @SuppressWarnings("unchecked")
        List<Quote> fresh = (List<Quote>) r;
        stale.remember(targets.get(i), request, fresh);
        qs = fresh;
      }
      for (Quote q : qs) {
        if (request.serviceLevel() == null || q.serviceLevel() == request.serviceLevel()) quotes.add(account == null ? q : q.withAccount(account));
      }
    }
    return new QuoteResult(quotes, failures);
  }

  /** The combined offers' step; a defect in it never costs the quotes already gathered. */
  private CompletableFuture<QuoteResult> combined(QuoteRequest request, Map<CarrierId, QuoteCapability> caps,
      QuoteResult first, Deadline deadline) {
    try {
      return combining.combine(request, caps, first, deadline).exceptionally(t -> keep(first, t));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(keep(first, e));
    }
  }

  private static QuoteResult keep(QuoteResult first, Throwable t) {
    org.slf4j.LoggerFactory.getLogger(Quoting.class).warn("Combined offers were not built: {}", t.toString());
    return first;
  }

  /**
   * Asks {@code id} for {@code request} on the executor before the deadline, which the resilience
   * layer is given too (no retry or permit wait starts that cannot end before it). Completes with
   * the quotes or with the failure (a missed deadline: a retryable {@link
   * CarrierUnavailableException} saying {@code missed}), never exceptionally.
   */
  static CompletableFuture<Object> ask(FacadeCalls calls, CarrierId id, QuoteRequest request, Deadline deadline,
      String missed) {
    CompletableFuture<Object> answer = deadline.nanos - System.nanoTime() <= 0 ? CompletableFuture.completedFuture(TIMED_OUT)
        : CompletableFuture.supplyAsync(() -> (Object) calls.call(id, Operation.QUOTE, null, Duration.ofNanos(
            Math.max(1, deadline.nanos - System.nanoTime())), QuoteCapability.class, c -> c.quote(request)), calls.executor)
        .exceptionally(t -> {
          Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
          return c instanceof ShipbridgeException se ? se
              : new ShipbridgeException("unexpected failure: " + c.getClass().getName(), c);
        });
    return answer.applyToEither(deadline.missed, r -> r != TIMED_OUT ? r
        : new CarrierUnavailableException(CarrierException.details(id, missed).retryable(true)));
  }

  /**
   * One quote's deadline, on {@link System#nanoTime()}'s scale, and what completes every answer
   * still outstanding when it passes (a timer for {@code quoteAsync}, the waiting caller otherwise).
   */
  record Deadline(long nanos, CompletableFuture<Object> missed) {
    Deadline(Duration timeout) {
      this(System.nanoTime() + timeout.toNanos(), new CompletableFuture<>());
    }
  }
}
