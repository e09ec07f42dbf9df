package dev.shipbridge;

import dev.shipbridge.http.HttpTransport;
import dev.shipbridge.internal.CallExecutor;
import dev.shipbridge.internal.CallMdc;
import dev.shipbridge.internal.CarrierConfiguration;
import dev.shipbridge.internal.CarrierRegistry;
import dev.shipbridge.internal.InMemoryTokenStore;
import dev.shipbridge.internal.Journeys;
import dev.shipbridge.internal.ResilientCallExecutor;
import dev.shipbridge.internal.StaleQuotes;
import dev.shipbridge.internal.Watchdog;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.AddressValidation;
import dev.shipbridge.model.CancelResult;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Manifest;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingStatus;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.OperationPolicy;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.RateLimiterProvider;
import dev.shipbridge.resilience.ResilienceListener;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.resilience.Sleeper;
import dev.shipbridge.spi.AddressCapability;
import dev.shipbridge.spi.CancelCapability;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.CarrierContext;
import dev.shipbridge.spi.CarrierProvider;
import dev.shipbridge.spi.LabelCapability;
import dev.shipbridge.spi.ManifestCapability;
import dev.shipbridge.spi.PushCapability;
import dev.shipbridge.spi.QuoteCapability;
import dev.shipbridge.spi.TokenStore;
import dev.shipbridge.spi.TrackingCapability;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;

/**
 * Quote, label and track parcels through every configured carrier behind one API.
 *
 * <h2>Build one, share it</h2>
 *
 * A {@code Shipbridge} holds the HTTP connection pool, the rate limiters that guard each carrier's
 * quota and the cached access tokens. Build it once at start-up and share it: it is immutable and
 * thread-safe. Building one per request wastes connections and, worse, spends quota on tokens.
 *
 * <pre>{@code
 * Shipbridge shipbridge = Shipbridge.builder()
 *     .carrier(UspsCarrier.builder().clientId(uspsId).clientSecret(uspsSecret).build())
 *     .carrier(CainiaoCarrier.builder().appKey(appKey).appSecret(appSecret).accessToken(sellerToken).build())
 *     .build();
 *
 * QuoteResult quotes = shipbridge.quote(quoteRequest);           // all capable carriers, in parallel
 * Quote pick = quotes.cheapestWithin(20, Currency.getInstance("CNY")).orElseThrow();
 * Label label = shipbridge.label(LabelRequest.builder().quote(pick)
 *     .from(seller).to(customer).parcel(parcel).customs(customs)
 *     .idempotencyKey(IdempotencyKey.of(orderId)).build());     // safe to retry
 * Tracking tracking = shipbridge.track(label.trackingNumber());  // carrier found from the number
 * }</pre>
 *
 * (Kept compiling by {@code DocSnippetsTest} in the examples module.)
 *
 * <h2>Carriers</h2>
 *
 * Give each carrier to {@link Builder#carrier(Carrier)}. Discovery through {@link
 * java.util.ServiceLoader} ({@link CarrierProvider}s configured from system properties or
 * environment variables) is off unless you opt in with {@link Builder#discoverCarriers(boolean)
 * discoverCarriers(true)}; a carrier given to the builder wins over a discovered one with its id.
 * {@link Builder#build()} throws one {@link ConfigurationException} listing every problem: two
 * carriers with one id, each invalid or incomplete discovered setting, and no carrier at all.
 *
 * <h2>Errors</h2>
 *
 * Bad input throws {@link ValidationException}, listing every violation, before any carrier is
 * called. Carrier failures throw a {@link CarrierException} subclass. Fan-out calls ({@link
 * #quote}) never fail as a whole because one carrier failed: see {@link QuoteResult#failures()}.
 *
 * <h2>Async</h2>
 *
 * Every operation has a {@code ...Async} twin returning a {@link CompletableFuture}, run on the
 * executor given to {@link Builder#executor(ExecutorService)} or on Shipbridge's own daemon pool.
 *
 * <h2>Closing</h2>
 *
 * {@link #close()} releases the threads and connections Shipbridge created itself; what you passed
 * in (an {@code OkHttpClient}, an executor) stays yours to close.
 */
public final class Shipbridge implements AutoCloseable {
  private final Builder config;
  private final CarrierRegistry registry;
  private final CallExecutor calls;
  private final ExecutorService executor;
  private final boolean ownsExecutor;
  private final OkHttpClient httpClient;
  private final boolean ownsHttpClient;
  private final Clock clock;
  private final WebhookHandler webhooks;
  private final StaleQuotes staleQuotes;
  private final Map<String, Tracking> terminal = java.util.Collections.synchronizedMap(
      new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Tracking> eldest) {
          return size() > TERMINAL_CACHE_SIZE;
        }
      });

  /** How many delivered or returned parcels {@link #trackMany} remembers, to skip tracking them again. */
  public static final int TERMINAL_CACHE_SIZE = 100_000;

  private Shipbridge(Builder b) {
    Map<CarrierId, CarrierRegistry.Source> merged = CarrierConfiguration.resolve(b.carriers, b.discover, b.classLoader, b.settings);
    this.config = b.copy();
    this.clock = b.clock;
    this.staleQuotes = b.staleQuoteAge == null ? StaleQuotes.DISABLED : new StaleQuotes(b.staleQuoteAge, b.clock);
    this.ownsHttpClient = b.httpClient == null;
    this.httpClient = ownsHttpClient ? defaultHttpClient() : b.httpClient;
    this.ownsExecutor = b.executor == null;
    this.executor = ownsExecutor ? Executors.newCachedThreadPool(daemonThreads()) : b.executor;


    TokenStore tokens = b.tokenStore != null ? b.tokenStore : new InMemoryTokenStore(clock);
    CarrierContext context = new Context(new HttpTransport(httpClient), clock, tokens);
    Map<CarrierId, Carrier> bound = new LinkedHashMap<>();
    for (var e : merged.entrySet()) bound.put(e.getKey(), e.getValue().carrier().bind(context));
    this.registry = new CarrierRegistry(bound);
    this.calls = new ResilientCallExecutor(b.resilience, bound, clock, b.sleeper, b.resilienceListener, b.rateLimiters);
    Map<CarrierId, PushCapability> push = new LinkedHashMap<>();
    for (Carrier c : bound.values()) c.capability(PushCapability.class).ifPresent(p -> push.put(c.id(), p));
    this.webhooks = new WebhookHandler(push, clock, b.webhookReplayWindow,
        b.replayStore != null ? b.replayStore : dev.shipbridge.spi.ReplayStore.inMemory(), b.webhookRetention);
  }

  /** Starts configuring a {@code Shipbridge}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this instance's configuration, to derive a variant. The variant shares the
   * HTTP client (and so the connection pool) and the executor.
   */
  public Builder newBuilder() {
    Builder b = config.copy();
    b.httpClient = httpClient;
    b.executor = executor;
    return b;
  }

  /** The ids of the configured carriers, in registration order. */
  public List<CarrierId> carriers() {
    return registry.ids();
  }

  // ---------------------------------------------------------------- quote

  /**
   * Asks every carrier that can quote (or those named in the request) in parallel, and returns
   * what each answered: one slow carrier does not hold up the others beyond the quote timeout, and
   * one failing carrier never hides the others' quotes.
   */
  public QuoteResult quote(QuoteRequest request) {
    ensureOpen();
    return join(quotes(request, true));
  }

  /**
   * {@link #quote} without blocking: every carrier is asked on the executor, and the future
   * completes when all have answered or the quote timeout has passed.
   */
  public CompletableFuture<QuoteResult> quoteAsync(QuoteRequest request) {
    if (closed) return CompletableFuture.failedFuture(new ShipbridgeClosedException());
    try {
      return quotes(request, false);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e); // an ...Async call never throws
    }
  }

  /**
   * Asks each target carrier; with {@code callerRunsLast} the caller's thread asks the last one
   * itself (bounded by the quote timeout) instead of handing it to the executor and waiting: a
   * one-carrier quote then costs no thread hand-off, and a two-carrier quote one instead of two.
   */
  private CompletableFuture<QuoteResult> quotes(QuoteRequest request, boolean callerRunsLast) {
    Objects.requireNonNull(request, "request");
    List<ValidationException.Violation> badDate = dev.shipbridge.internal.ShipDates.check(request.shipDate(), clock);
    if (!badDate.isEmpty()) throw new ValidationException(badDate);
    List<CarrierId> targets = request.carriers().isEmpty() ? registry.having(QuoteCapability.class) : List.copyOf(request.carriers());
    if (targets.isEmpty()) {
      throw ValidationException.of("carriers", "no configured carrier can quote; configured: " + registry.ids());
    }
    int n = targets.size();
    List<QuoteCapability> caps = new ArrayList<>(n);
    for (CarrierId id : targets) caps.add(registry.require(id, QuoteCapability.class)); // all checked before any call
    List<CompletableFuture<Object>> futures = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      CarrierId id = targets.get(i);
      QuoteCapability cap = caps.get(i);
      if (callerRunsLast && i == n - 1) {
        futures.add(CompletableFuture.completedFuture(quoteHere(id, cap, request)));
      } else {
        futures.add(CompletableFuture
            .supplyAsync(() -> (Object) call(id, Operation.QUOTE, null, () -> cap.quote(request)), executor)
            .completeOnTimeout(QUOTE_TIMED_OUT, config.quoteTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .exceptionally(Shipbridge::unwrapToFailure));
      }
    }
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(v -> gather(request, targets, futures, staleQuotes));
  }

  /**
   * One carrier's quote on this thread, its whole call bounded by the quote timeout: the
   * resilience layer's deadline ends HTTP attempts, and an alarm interrupts a carrier that does not
   * honour it (a blocking SPI adapter), so {@link #quote} never waits longer than with the executor.
   */
  private Object quoteHere(CarrierId id, QuoteCapability cap, QuoteRequest request) {
    Duration timeout = config.quoteTimeout;
    long start = System.nanoTime();
    QuoteAlarm alarm = new QuoteAlarm(Thread.currentThread(), timeout);
    Object result;
    try {
      result = calls.execute(id, Operation.QUOTE, timeout, () -> cap.quote(request));
    } catch (RuntimeException e) {
      result = wrapUnexpected(id, Operation.QUOTE, null, e);
    }
    boolean rang = alarm.stop();
    if (rang || (result instanceof ShipbridgeException && System.nanoTime() - start >= timeout.toNanos())) {
      return QUOTE_TIMED_OUT; // as a late answer on the executor would be
    }
    return result;
  }

  /**
   * Interrupts a thread still inside a quote at the quote timeout (run by the {@link Watchdog}).
   * {@link #stop} ends the watch and clears the interrupt it may have caused, under the same lock
   * as the interrupt, so none leaks to the caller.
   */
  private static final class QuoteAlarm implements Runnable {
    private final Thread thread;
    private final Watchdog.Watch watch;
    private boolean done;
    private boolean rang;

    QuoteAlarm(Thread thread, Duration timeout) {
      this.thread = thread;
      this.watch = Watchdog.watch(timeout.toNanos(), this);
    }

    @Override
    public synchronized void run() {
      if (done) return;
      rang = true;
      thread.interrupt();
    }

    /** Stops the alarm; true when it rang (its interrupt is cleared). */
    synchronized boolean stop() {
      done = true;
      watch.done();
      if (rang) Thread.interrupted();
      return rang;
    }
  }

  private static QuoteResult gather(QuoteRequest request, List<CarrierId> targets, List<CompletableFuture<Object>> futures,
      StaleQuotes stale) {
    List<Quote> quotes = new ArrayList<>();
    List<CarrierFailure> failures = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      Object r = futures.get(i).join();
      if (r == QUOTE_TIMED_OUT) r = timeoutFailure(targets.get(i));
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
        if (request.serviceLevel() == null || q.serviceLevel() == request.serviceLevel()) quotes.add(q);
      }
    }
    return new QuoteResult(quotes, failures);
  }

  private static Object unwrapToFailure(Throwable t) {
    Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    return c instanceof ShipbridgeException se ? se : new ShipbridgeException("unexpected failure: " + c.getClass().getName(), c);
  }

  /**
   * What a quote future completes with when its carrier misses the quote timeout; replaced by
   * {@link #timeoutFailure} when the results are gathered, so that no exception (and its stack
   * trace) is built for the calls that answer in time.
   */
  private static final Object QUOTE_TIMED_OUT = new Object();

  private static Object timeoutFailure(CarrierId id) {
    return new CarrierUnavailableException(CarrierException.details(id, "did not answer within the quote timeout").retryable(true));
  }

  // ---------------------------------------------------------------- label

  /**
   * Buys a label from the request's carrier. The request's idempotency key goes with every
   * attempt; when the outcome of a purchase cannot be known, the {@link CarrierException} says so
   * ({@link CarrierException#outcomeUnknown()}) and carries the key: reconcile, do not simply buy
   * again with a new key.
   */
  public Label label(LabelRequest request) {
    Objects.requireNonNull(request, "request");
    LabelCapability cap = registry.require(request.carrier(), LabelCapability.class);
    List<ValidationException.Violation> violations = new java.util.ArrayList<>(cap.check(request));
    violations.addAll(dev.shipbridge.internal.ShipDates.check(request.shipDate(), clock));
    if (!violations.isEmpty()) throw new ValidationException(violations);
    return call(request.carrier(), Operation.LABEL, request.idempotencyKey().value(), () -> cap.label(request));
  }

  public CompletableFuture<Label> labelAsync(LabelRequest request) {
    return async(() -> label(request));
  }

  // ---------------------------------------------------------------- cancel

  /** Cancels an unused label; the carrier is found from the number. */
  public CancelResult cancel(String trackingNumber) {
    String n = checkedNumber(trackingNumber);
    return cancel(registry.route(n), n);
  }

  public CancelResult cancel(CarrierId carrier, String trackingNumber) {
    String n = checkedNumber(trackingNumber);
    CancelCapability cap = registry.require(carrier, CancelCapability.class);
    return call(carrier, Operation.CANCEL, null, () -> cap.cancel(n));
  }

  public CompletableFuture<CancelResult> cancelAsync(String trackingNumber) {
    return async(() -> cancel(trackingNumber));
  }

  /** {@link #cancel(CarrierId, String)} on the executor; failures complete the future. */
  public CompletableFuture<CancelResult> cancelAsync(CarrierId carrier, String trackingNumber) {
    return async(() -> cancel(carrier, trackingNumber));
  }

  // ---------------------------------------------------------------- track

  /**
   * Tracks a parcel; the carrier is found from the number ("No carrier recognises X. Tried: ..."
   * when none or several claim it; then name the carrier with {@link #track(CarrierId, String)}).
   */
  public Tracking track(String trackingNumber) {
    String n = checkedNumber(trackingNumber);
    return track(registry.route(n), n);
  }

  /**
   * Tracks a parcel on a named carrier. When the carrier's data show the parcel was handed to
   * another configured carrier (Cainiao to USPS for the last mile), that leg is tracked too and
   * the answer is one journey: both legs, their events merged oldest first, the status of the
   * latest leg. A failure on the second leg is reported on that leg; the first leg's events stay.
   */
  public Tracking track(CarrierId carrier, String trackingNumber) {
    String n = checkedNumber(trackingNumber);
    TrackingCapability cap = registry.require(carrier, TrackingCapability.class);
    Tracking first = call(carrier, Operation.TRACK, null, () -> cap.track(n));
    Tracking journey = followHandoff(first);
    if (journey.status().isTerminal()) terminal.put(n, journey);
    return journey;
  }

  private Tracking followHandoff(Tracking reported) {
    Tracking first = registry.routeHandoff(reported);
    if (first.handoff() == null || first.handoff().carrier() == null || first.handoff().trackingNumber() == null
        || first.handoff().carrier().equals(first.carrier())) {
      return first;
    }
    CarrierId nextCarrier = first.handoff().carrier();
    String nextNumber = first.handoff().trackingNumber();
    var nextCap = registry.find(nextCarrier, TrackingCapability.class);
    if (nextCap.isEmpty()) return first;
    try {
      Tracking next = call(nextCarrier, Operation.TRACK, null, () -> nextCap.get().track(nextNumber));
      return Journeys.merge(first, next, nextNumber, null);
    } catch (ShipbridgeException e) {
      return Journeys.merge(first, null, nextNumber, e.getMessage());
    }
  }

  public CompletableFuture<Tracking> trackAsync(String trackingNumber) {
    return async(() -> track(trackingNumber));
  }

  /** {@link #track(CarrierId, String)} on the executor; failures complete the future. */
  public CompletableFuture<Tracking> trackAsync(CarrierId carrier, String trackingNumber) {
    return async(() -> track(carrier, trackingNumber));
  }

  /**
   * Tracks many parcels: numbers are grouped per carrier and sent in batches as large as each
   * carrier takes (USPS: 35 a call). One result per distinct number, in the order given; a number
   * no carrier recognises, or that a carrier could not track, is a failed result.
   */
  public List<TrackResult> trackMany(Collection<String> trackingNumbers) {
    return trackMany(trackingNumbers, TrackManyOptions.DEFAULTS);
  }

  /**
   * Tracks many parcels, sparing the carriers' quotas: a number whose last known status is
   * terminal (delivered or returned: from {@code options} or from an earlier answer to this
   * instance) is not tracked again unless {@link TrackManyOptions#refreshTerminal()}; numbers
   * are batched per carrier; and with a deadline, a run the quota cannot finish in time is
   * refused before it starts with a {@link QuotaDeadlineException} giving the earliest
   * completion.
   */
  public List<TrackResult> trackMany(Collection<String> trackingNumbers, TrackManyOptions options) {
    Objects.requireNonNull(trackingNumbers, "trackingNumbers");
    Objects.requireNonNull(options, "options");
    Map<String, TrackResult> results = new LinkedHashMap<>(Math.max(16, trackingNumbers.size() * 4 / 3 + 1));
    Map<CarrierId, List<String>> byCarrier = new LinkedHashMap<>();
    for (String raw : trackingNumbers) {
      String n;
      try {
        n = checkedNumber(raw);
      } catch (ValidationException e) {
        results.put(String.valueOf(raw), TrackResult.failure(String.valueOf(raw), null, e));
        continue;
      }
      if (results.containsKey(n)) continue;
      results.put(n, null);
      CarrierId routed;
      try {
        routed = registry.route(n);
      } catch (ValidationException e) {
        results.put(n, TrackResult.failure(n, null, e));
        continue;
      }
      if (!options.refreshTerminal()) {
        Tracking last = terminal.get(n);
        TrackingStatus known = options.knownStatuses().get(n);
        if (known == null && raw != null) known = options.knownStatuses().get(raw);
        if (known == null && last != null) known = last.status();
        if (known != null && known.isTerminal()) {
          results.put(n, TrackResult.skipped(n, routed, known, last));
          continue;
        }
      }
      byCarrier.computeIfAbsent(routed, k -> new ArrayList<>()).add(n);
    }
    if (options.deadline() != null) checkDeadline(byCarrier, options.deadline());
    for (var e : byCarrier.entrySet()) {
      CarrierId id = e.getKey();
      TrackingCapability cap;
      try {
        cap = registry.require(id, TrackingCapability.class);
      } catch (ValidationException ve) {
        for (String n : e.getValue()) results.put(n, TrackResult.failure(n, id, ve));
        continue;
      }
      for (TrackResult r : trackInBatches(id, cap, e.getValue()).values()) {
        results.put(r.trackingNumber(), r);
        if (r.isSuccess() && r.tracking().status().isTerminal()) terminal.put(r.trackingNumber(), r.tracking());
      }
    }
    followHandoffs(results);
    return List.copyOf(results.values());
  }

  /** Second pass of trackMany: tracks, in batches, the next legs of parcels handed to another carrier. */
  private void followHandoffs(Map<String, TrackResult> results) {
    Map<CarrierId, Map<String, List<String>>> next = new LinkedHashMap<>(); // carrier -> next number -> first numbers
    for (var entry : results.entrySet()) {
      TrackResult r = entry.getValue();
      if (r == null || !r.isSuccess() || r.tracking().handoff() == null) continue;
      Tracking routed = registry.routeHandoff(r.tracking());
      if (routed != r.tracking()) entry.setValue(r = TrackResult.success(r.trackingNumber(), routed));
      var h = routed.handoff();
      if (h.carrier() == null || h.trackingNumber() == null || h.carrier().equals(routed.carrier())
          || registry.find(h.carrier(), TrackingCapability.class).isEmpty()) {
        continue;
      }
      next.computeIfAbsent(h.carrier(), k -> new LinkedHashMap<>())
          .computeIfAbsent(h.trackingNumber(), k -> new ArrayList<>()).add(r.trackingNumber());
    }
    for (var e : next.entrySet()) {
      CarrierId id = e.getKey();
      TrackingCapability cap = registry.find(id, TrackingCapability.class).orElseThrow();
      Map<String, TrackResult> got = trackInBatches(id, cap, new ArrayList<>(e.getValue().keySet()));
      for (var leg : e.getValue().entrySet()) {
        TrackResult nr = got.get(leg.getKey());
        for (String firstNumber : leg.getValue()) {
          Tracking first = results.get(firstNumber).tracking();
          Tracking merged = nr.isSuccess()
              ? Journeys.merge(first, nr.tracking(), leg.getKey(), null)
              : Journeys.merge(first, null, leg.getKey(),
                  nr.failure() != null ? nr.failure().getMessage() : "the carrier did not track it");
          results.put(firstNumber, TrackResult.success(firstNumber, merged));
          if (merged.status().isTerminal()) terminal.put(firstNumber, merged);
        }
      }
    }
  }

  /** How many batches of one carrier {@link #trackMany} keeps in flight when tracking has no quota. */
  static final int BATCHES_IN_FLIGHT = 4;

  /** The most batches of one carrier {@link #trackMany} keeps in flight under a quota. */
  static final int MAX_BATCHES_IN_FLIGHT = 32;

  /**
   * How many of {@code batches} batches {@link #trackMany} keeps in flight under {@code policy}.
   * Without a quota, {@value #BATCHES_IN_FLIGHT}. Under a quota the rate limiter is the throttle,
   * and a batch waits for its permit outside the bulkhead: keep as many in flight as can hold a
   * permit within the permit timeout (so every slot has a caller waiting for it, whatever the
   * carrier's latency), up to {@value #MAX_BATCHES_IN_FLIGHT}. Never more than the carrier's
   * bulkhead admits, so the batches alone never find it full.
   */
  static int batchesInFlight(OperationPolicy policy, int batches) {
    long n = BATCHES_IN_FLIGHT;
    RateLimit limit = policy.rateLimit();
    if (limit != null) {
      Duration wait = policy.rateLimitTimeout().compareTo(policy.callTimeout()) <= 0
          ? policy.rateLimitTimeout() : policy.callTimeout();
      n = Math.min(MAX_BATCHES_IN_FLIGHT, 1 + wait.toNanos() / Math.max(1, limit.interval().toNanos()));
    }
    return (int) Math.max(1, Math.min(n, Math.min(policy.maxConcurrentCalls(), batches)));
  }

  /**
   * Tracks {@code numbers} on one carrier in batches of its size, one resilient call a batch, with
   * {@link #batchesInFlight} batches in flight (so a carrier's latency does not cap throughput below
   * its quota): one result per number, a failed batch reported on each of its numbers, and a number
   * the answer left out reported as such.
   */
  private Map<String, TrackResult> trackInBatches(CarrierId id, TrackingCapability cap, List<String> numbers) {
    int size = Math.max(1, cap.maxBatchSize());
    List<List<String>> batches = new ArrayList<>();
    for (int from = 0; from < numbers.size(); from += size) {
      batches.add(List.copyOf(numbers.subList(from, Math.min(numbers.size(), from + size))));
    }
    @SuppressWarnings("unchecked")
    List<TrackResult>[] answers = new List[batches.size()];
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(batches.size());
    Runnable worker = () -> {
      for (int i; (i = next.getAndIncrement()) < batches.size(); done.countDown()) {
        answers[i] = trackBatch(id, cap, batches.get(i));
      }
    };
    // Helpers on the executor; the caller works too, so the batches finish even if no helper ever
    // gets a thread (a user's small, busy executor), and the caller waits only for batches taken.
    int inFlight = batchesInFlight(calls.policy(id, Operation.TRACK), batches.size());
    for (int h = 1; h < inFlight; h++) executor.execute(worker);
    worker.run();
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ShipbridgeException("interrupted while tracking", e);
    }
    Map<String, TrackResult> out = new LinkedHashMap<>();
    for (List<TrackResult> a : answers) for (TrackResult r : a) out.put(r.trackingNumber(), r);
    return out;
  }

  private List<TrackResult> trackBatch(CarrierId id, TrackingCapability cap, List<String> batch) {
    Map<String, TrackResult> out = new LinkedHashMap<>();
    try {
      for (TrackResult r : call(id, Operation.TRACK, null, () -> cap.trackMany(batch))) {
        if (!batch.contains(r.trackingNumber())) continue;
        out.put(r.trackingNumber(), r.carrier() == null ? new TrackResult(r.trackingNumber(), id, r.tracking(), r.failure()) : r);
      }
      for (String n : batch) {
        out.computeIfAbsent(n, k -> TrackResult.failure(k, id, new CarrierException(
            CarrierException.details(id, "the carrier's answer did not mention this number"))));
      }
    } catch (ShipbridgeException ex) { // call() turns anything else an adapter throws into one
      for (String n : batch) out.put(n, TrackResult.failure(n, id, ex));
    }
    return List.copyOf(out.values());
  }

  public CompletableFuture<List<TrackResult>> trackManyAsync(Collection<String> trackingNumbers) {
    return async(() -> trackMany(trackingNumbers));
  }

  public CompletableFuture<List<TrackResult>> trackManyAsync(Collection<String> trackingNumbers, TrackManyOptions options) {
    return async(() -> trackMany(trackingNumbers, options));
  }

  private void checkDeadline(Map<CarrierId, List<String>> byCarrier, java.time.Instant deadline) {
    java.time.Instant now = clock.instant();
    for (var e : byCarrier.entrySet()) {
      TrackingCapability cap = registry.find(e.getKey(), TrackingCapability.class).orElse(null);
      if (cap == null) continue;
      int size = Math.max(1, cap.maxBatchSize());
      int calls = (e.getValue().size() + size - 1) / size;
      java.time.Instant done = now.plus(this.calls.rateLimit(e.getKey(), Operation.TRACK)
          .map(l -> l.timeFor(calls)).orElse(Duration.ZERO));
      if (done.isAfter(deadline)) throw new QuotaDeadlineException(e.getKey(), calls, done, deadline);
    }
  }

  /**
   * The handler for tracking notifications pushed by the configured carriers (those with a
   * push capability), with replay and duplicate checks. One per instance, shared.
   */
  public WebhookHandler webhooks() {
    return webhooks;
  }

  // ---------------------------------------------------------------- address, manifest

  /** Checks an address with the first carrier that can (USPS for US addresses). */
  public AddressValidation validateAddress(Address address) {
    Objects.requireNonNull(address, "address");
    List<CarrierId> capable = registry.having(AddressCapability.class);
    if (capable.isEmpty()) {
      throw ValidationException.of("carrier", "no configured carrier validates addresses; configured: " + registry.ids());
    }
    return validateAddress(capable.get(0), address);
  }

  public AddressValidation validateAddress(CarrierId carrier, Address address) {
    AddressCapability cap = registry.require(carrier, AddressCapability.class);
    return call(carrier, Operation.ADDRESS, null, () -> cap.validateAddress(address));
  }

  public CompletableFuture<AddressValidation> validateAddressAsync(Address address) {
    return async(() -> validateAddress(address));
  }

  /** {@link #validateAddress(CarrierId, Address)} on the executor; failures complete the future. */
  public CompletableFuture<AddressValidation> validateAddressAsync(CarrierId carrier, Address address) {
    return async(() -> validateAddress(carrier, address));
  }

  /** Hands over a set of labels with one document (USPS SCAN form, Cainiao big-bag handover). */
  public Manifest manifest(ManifestRequest request) {
    Objects.requireNonNull(request, "request");
    ManifestCapability cap = registry.require(request.carrier(), ManifestCapability.class);
    return call(request.carrier(), Operation.MANIFEST, null, () -> cap.manifest(request));
  }

  public CompletableFuture<Manifest> manifestAsync(ManifestRequest request) {
    return async(() -> manifest(request));
  }

  // ---------------------------------------------------------------- plumbing

  /**
   * Runs one carrier call through the resilience layer. Anything an adapter throws that is not a
   * {@link ShipbridgeException} is a bug or an unparsed answer: it becomes a {@link
   * CarrierException}, marked outcome-unknown for a purchase, so no raw {@code
   * NullPointerException} reaches the caller.
   */
  private <T> T call(CarrierId carrier, Operation op, String idempotencyKey, Supplier<T> body) {
    ensureOpen();
    T result;
    try {
      result = CallMdc.withIdempotencyKey(idempotencyKey, () -> calls.execute(carrier, op, body));
    } catch (RuntimeException e) {
      throw wrapUnexpected(carrier, op, idempotencyKey, e);
    }
    if (result == null) {
      throw new CarrierException(CarrierException.details(carrier, "the " + carrier + " adapter returned no result for "
          + op.name().toLowerCase()).outcomeUnknown(op == Operation.LABEL).idempotencyKey(idempotencyKey));
    }
    return result;
  }

  private void ensureOpen() {
    if (closed) throw new ShipbridgeClosedException();
  }

  /** A Shipbridge exception as is; anything else an adapter threw as a {@link CarrierException}. */
  private static ShipbridgeException wrapUnexpected(CarrierId carrier, Operation op, String idempotencyKey, RuntimeException e) {
    if (e instanceof CarrierException ce) return dev.shipbridge.internal.Outcomes.withKey(ce, idempotencyKey);
    if (e instanceof ShipbridgeException se) return se;
    return new CarrierException(CarrierException.details(carrier,
            "unexpected " + e.getClass().getSimpleName() + " in the " + carrier + " adapter during " + op.name().toLowerCase())
        .outcomeUnknown(op == Operation.LABEL).idempotencyKey(idempotencyKey).cause(e));
  }

  /** Runs {@code body} on the executor; never throws: a closed instance gives a failed future. */
  private <T> CompletableFuture<T> async(Supplier<T> body) {
    if (closed) return CompletableFuture.failedFuture(new ShipbridgeClosedException());
    try {
      return CompletableFuture.supplyAsync(body, executor);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return CompletableFuture.failedFuture(closed ? new ShipbridgeClosedException() : new ShipbridgeException("the executor refused the call", e));
    }
  }

  private static String checkedNumber(String trackingNumber) {
    String n = CarrierRegistry.normalize(trackingNumber);
    CarrierRegistry.checkForm(n);
    return n;
  }

  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ShipbridgeException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) throw re;
      throw new ShipbridgeException("failed", c);
    }
  }

  /**
   * Cleartext only: building TLS is most of an {@code OkHttpClient}'s cost, and a loopback
   * emulator needs none; {@link HttpTransport} adds a TLS twin on the first https request.
   */
  private static OkHttpClient defaultHttpClient() {
    return new OkHttpClient.Builder() // HttpTransport turns OkHttp's own retries off
        .connectionSpecs(List.of(okhttp3.ConnectionSpec.CLEARTEXT))
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(30))
        .build();
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "shipbridge-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private volatile boolean closed;

  /**
   * Releases the threads and connections this instance created; what you passed in stays open.
   * Afterwards every call fails fast with {@link ShipbridgeClosedException} and sends nothing (an
   * {@code ...Async} call returns a future failed with it).
   */
  @Override
  public void close() {
    closed = true;
    if (ownsExecutor) executor.shutdown();
    if (ownsHttpClient) {
      httpClient.dispatcher().executorService().shutdown();
      httpClient.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return "Shipbridge[carriers=" + registry.ids() + "]";
  }

  private record Context(HttpTransport transport, Clock clock, TokenStore tokenStore) implements CarrierContext {}

  /**
   * Configures a {@link Shipbridge}. A duration setter given an invalid value records the problem
   * (a later valid value clears it); {@link #build()} reports them with every carrier problem in
   * one {@link ConfigurationException}. Not thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private final List<Carrier> carriers = new ArrayList<>();
    private boolean discover = false;
    private CarrierProvider.Settings settings = CarrierProvider.Settings.system();
    private ClassLoader classLoader = Shipbridge.class.getClassLoader();
    private OkHttpClient httpClient;
    private ExecutorService executor;
    private Clock clock = Clock.systemUTC();
    private TokenStore tokenStore;
    private ResiliencePolicy resilience = ResiliencePolicy.ofDefaults();
    private Duration quoteTimeout = Duration.ofSeconds(30);
    private Duration staleQuoteAge;
    private Duration webhookReplayWindow = Duration.ofMinutes(5);
    private Duration webhookRetention = dev.shipbridge.spi.ReplayStore.DEFAULT_RETENTION;
    private dev.shipbridge.spi.ReplayStore replayStore;
    private Sleeper sleeper = Sleeper.system();
    private ResilienceListener resilienceListener = ResilienceListener.NONE;
    private RateLimiterProvider rateLimiters = RateLimiterProvider.inJvm();
    private final Map<String, String> invalid = new java.util.LinkedHashMap<>();

    private Builder() {}

    /** Whether {@code d} is positive; records (or clears) the problem of {@code setting}. */
    private boolean positive(String setting, Duration d) {
      boolean ok = d != null && !d.isNegative() && !d.isZero();
      if (ok) invalid.remove(setting);
      else invalid.put(setting, "must be positive");
      return ok;
    }

    /** How far a pushed notification's timestamp may be from now before it is refused as a replay (default 5 min). */
    public Builder webhookReplayWindow(Duration window) {
      if (positive("webhookReplayWindow", window)) this.webhookReplayWindow = window;
      return this;
    }

    /**
     * How long accepted notifications are remembered to refuse replays (default 7 days); a push
     * without a send time whose newest event is older than this is refused as stale.
     */
    public Builder webhookRetention(Duration retention) {
      if (positive("webhookRetention", retention)) this.webhookRetention = retention;
      return this;
    }

    /**
     * Where accepted notifications are remembered (default: {@link
     * dev.shipbridge.spi.ReplayStore#inMemory()}, one per instance). Share one store (e.g. sdk-redis's)
     * across every receiver of a fleet.
     */
    public Builder replayStore(dev.shipbridge.spi.ReplayStore store) {
      this.replayStore = Objects.requireNonNull(store, "replayStore");
      return this;
    }

    /** Adds a carrier; it wins over a discovered carrier with the same id. */
    public Builder carrier(Carrier carrier) {
      carriers.add(Objects.requireNonNull(carrier, "carrier"));
      return this;
    }

    /**
     * Whether to add carriers found by {@link java.util.ServiceLoader}, configured from {@link
     * #settings} (default false: only the carriers given to {@link #carrier}). Opt in for
     * configuration from the environment; a discovered setting that is invalid or incomplete then
     * fails {@link #build()}.
     */
    public Builder discoverCarriers(boolean discover) {
      this.discover = discover;
      return this;
    }

    /** Where discovered providers read their settings (default: system properties, then environment). */
    public Builder settings(CarrierProvider.Settings settings) {
      this.settings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** The class loader to discover providers with (default: Shipbridge's). */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
      return this;
    }

    /**
     * Your own {@link OkHttpClient}, to share its pool with the rest of your application.
     * Shipbridge's transport derives a variant with {@code retryOnConnectionFailure(false)}: every
     * retry decision is its own.
     */
    public Builder httpClient(OkHttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /** The executor for parallel quotes and async calls (default: Shipbridge's own daemon threads). */
    public Builder executor(ExecutorService executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** The clock (default UTC system clock); inject one in tests. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Where access tokens are cached (default: in memory; see shipbridge-redis for a fleet). */
    public Builder tokenStore(TokenStore tokenStore) {
      this.tokenStore = Objects.requireNonNull(tokenStore, "tokenStore");
      return this;
    }

    /**
     * Where the rate limiters of carrier quotas live (default: this JVM, {@link
     * RateLimiterProvider#inJvm()}; see shipbridge-redis for one quota shared by a fleet).
     */
    public Builder rateLimiterProvider(RateLimiterProvider provider) {
      this.rateLimiters = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /** Retry, rate-limit and circuit-breaker settings per carrier and operation. */
    public Builder resilience(ResiliencePolicy resilience) {
      this.resilience = Objects.requireNonNull(resilience, "resilience");
      return this;
    }

    /**
     * How retries and rate-limit waits pause (default: sleep the thread). Inject one that moves
     * your test clock, and no test waits for real time.
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Hears attempts, retries, rate-limit waits, breaker transitions and latencies (for metrics). */
    public Builder resilienceListener(ResilienceListener listener) {
      this.resilienceListener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Opt-in: when a carrier refuses a quote for quota (its 429, or no rate-limit permit within
     * the timeout), serve its last answer for the same request shape if it is at most {@code
     * maxAge} old (on the facade's clock), each quote marked {@link Quote#isStale() stale} with its
     * {@link Quote#staleAge() age}; the refusal stays in the result's failures. Off by default:
     * a stale price is never served silently.
     *
     * <pre>{@code
     * Shipbridge.builder().staleQuotesOnQuota(Duration.ofMinutes(30)).build();
     * }</pre>
     */
    public Builder staleQuotesOnQuota(Duration maxAge) {
      if (positive("staleQuotesOnQuota", maxAge)) this.staleQuoteAge = maxAge;
      return this;
    }

    /** How long {@link Shipbridge#quote} waits for the slowest carrier (default 30 s). */
    public Builder quoteTimeout(Duration quoteTimeout) {
      if (positive("quoteTimeout", quoteTimeout)) this.quoteTimeout = quoteTimeout;
      return this;
    }

    /**
     * Builds the facade.
     *
     * @throws ConfigurationException listing every problem: each invalid value given to a setter,
     *     no carrier, two carriers with one id, each invalid or incomplete setting a discovered
     *     provider read
     */
    public Shipbridge build() {
      if (!invalid.isEmpty()) {
        List<ConfigurationException.Problem> found = new ArrayList<>();
        invalid.forEach((setting, message) -> found.add(new ConfigurationException.Problem(setting, "builder", message)));
        try {
          CarrierConfiguration.resolve(carriers, discover, classLoader, settings);
        } catch (ConfigurationException e) {
          found.addAll(e.problems());
        }
        throw new ConfigurationException(found);
      }
      return new Shipbridge(this);
    }

    private Builder copy() {
      Builder b = new Builder();
      b.carriers.addAll(carriers);
      b.discover = discover;
      b.settings = settings;
      b.classLoader = classLoader;
      b.httpClient = httpClient;
      b.executor = executor;
      b.clock = clock;
      b.tokenStore = tokenStore;
      b.resilience = resilience;
      b.quoteTimeout = quoteTimeout;
      b.staleQuoteAge = staleQuoteAge;
      b.webhookReplayWindow = webhookReplayWindow;
      b.webhookRetention = webhookRetention;
      b.replayStore = replayStore;
      b.sleeper = sleeper;
      b.resilienceListener = resilienceListener;
      b.rateLimiters = rateLimiters;
      return b;
    }
  }
}
