package dev.shipbridge;

import dev.shipbridge.account.AccountId;
import dev.shipbridge.account.Preflight;
import dev.shipbridge.http.HttpTransport;
import dev.shipbridge.internal.CallExecutor;
import dev.shipbridge.internal.CarrierConfiguration;
import dev.shipbridge.internal.CarrierRegistry;
import dev.shipbridge.internal.ResilientCallExecutor;
import dev.shipbridge.internal.StaleQuotes;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.AddressValidation;
import dev.shipbridge.model.CancelResult;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Manifest;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.CarrierMemory;
import dev.shipbridge.spi.TokenStore;
import dev.shipbridge.spi.support.InMemoryTokenStore;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * Give each carrier to {@link ShipbridgeBuilder#carrier(Carrier)}. Discovery through {@link
 * java.util.ServiceLoader} ({@link dev.shipbridge.spi.CarrierProvider}s configured from system properties or
 * environment variables) is off unless you opt in with {@link ShipbridgeBuilder#discoverCarriers(boolean)
 * discoverCarriers(true)}; a carrier given to the builder wins over a discovered one with its id.
 * {@link ShipbridgeBuilder#build()} throws one {@link ConfigurationException} listing every problem.
 *
 * <h2>Errors and async</h2>
 *
 * Bad input throws {@link ValidationException}, listing every violation, before any carrier is
 * called. Carrier failures throw a {@link CarrierException} subclass; a quote reports one failing
 * carrier in {@link QuoteResult#failures()}. Every operation has a {@code ...Async} twin returning a
 * {@link CompletableFuture}, run on the executor given to {@link ShipbridgeBuilder#executor(ExecutorService)}
 * or on Shipbridge's own daemon pool.
 *
 * <p>{@link #close()} releases what Shipbridge created itself; what you passed in stays yours to close.
 */
public final class Shipbridge implements AutoCloseable {
  /** How many delivered or returned parcels {@link #trackMany} remembers, to skip tracking them again. */
  public static final int TERMINAL_CACHE_SIZE = 100_000;

  private final ShipbridgeBuilder config;
  private final OkHttpClient httpClient;
  private final boolean ownsHttpClient;
  private final boolean ownsExecutor;
  private final TokenStore tokens;
  private final SharedLimiters limiters;
  private final CallExecutor resilient;
  final FacadeCalls calls; // Returns, Pickups, Subscriptions route on it (AccountRoutes)
  private final Quoting quoting;
  private final Tracker tracker;
  private final Purchases purchases;
  private final WebhookHandler webhooks;
  final AccountFacades accounts;
  final AccountId account; // null: the builder's own instance

  Shipbridge(ShipbridgeBuilder b, Shipbridge parent, AccountId account) {
    this.account = account;
    Map<CarrierId, Carrier> given = CarrierConfiguration.resolve(b.carriers, b.discover, b.classLoader, b.settings);
    this.config = b.rooted();
    Clock clock = b.clock;
    this.ownsHttpClient = b.httpClient == null;
    this.httpClient = ownsHttpClient ? FacadeDefaults.httpClient() : b.httpClient;
    this.ownsExecutor = b.executor == null;
    ExecutorService executor = ownsExecutor ? Executors.newCachedThreadPool(FacadeDefaults.daemonThreads()) : b.executor;
    this.tokens = b.tokenStore != null ? b.tokenStore : new InMemoryTokenStore(clock);
    this.limiters = SharedLimiters.of(b.rateLimiters);
    FacadeContext context = new FacadeContext(new HttpTransport(httpClient), clock, tokens, config.memory,
        java.util.Optional.ofNullable(account));
    Map<CarrierId, Carrier> bound = new LinkedHashMap<>();
    given.forEach((id, carrier) -> bound.put(id, carrier.bind(context)));
    CarrierRegistry registry = new CarrierRegistry(bound);
    this.resilient = parent != null && parent.sameResilience(b, bound.keySet()) ? parent.resilient
        : new ResilientCallExecutor(b.resilience, bound, clock, b.sleeper, b.resilienceListener, limiters);
    this.calls = new FacadeCalls(registry, resilient, executor);
    this.quoting = new Quoting(calls, clock, b.quoteTimeout,
        b.staleQuoteAge == null ? StaleQuotes.DISABLED : new StaleQuotes(b.staleQuoteAge, clock), account);
    this.tracker = new Tracker(calls, clock);
    this.purchases = new Purchases(calls, clock, account);
    this.webhooks = new WebhookHandler(WebhookHandler.pushes(bound), clock, b.webhookReplayWindow, config.replayStore,
        b.webhookRetention);
    this.accounts = new AccountFacades(this, b.accounts, b.accountCacheSize, limiters, registry);
  }

  /** Whether a variant built from {@code b} may run its calls through this instance's breakers and bulkheads. */
  private boolean sameResilience(ShipbridgeBuilder b, java.util.Set<CarrierId> ids) {
    return b.resilience == config.resilience && b.sleeper == config.sleeper && b.clock == config.clock
        && b.resilienceListener == config.resilienceListener && SharedLimiters.of(b.rateLimiters) == limiters
        && ids.equals(java.util.Set.copyOf(calls.registry.ids()));
  }

  /** Starts configuring a {@code Shipbridge}. */
  public static ShipbridgeBuilder builder() {
    return new ShipbridgeBuilder();
  }

  /**
   * A builder holding this instance's configuration, to derive a variant (another quote timeout,
   * another executor, ...). Like OkHttp's {@code newBuilder()} shares a client's pools, the variant
   * shares this instance's HTTP client (connection pool), executor, token store, rate limiters, replay store
   * and {@link CarrierMemory} (purchases by key), so two never spend quota, fetch a token or buy a label twice; when its
   * carriers, resilience policy, sleeper, listener, clock and rate-limiter provider are left as they
   * are, it also shares the circuit breakers and bulkheads. Give the builder another token store or
   * rate-limiter provider to stop sharing them.
   *
   * <pre>{@code
   * Shipbridge fast = shipbridge.newBuilder().quoteTimeout(Duration.ofSeconds(3)).build();
   * }</pre>
   */
  public ShipbridgeBuilder newBuilder() {
    ShipbridgeBuilder b = config.copy();
    b.httpClient = httpClient;
    b.executor = calls.executor;
    b.tokenStore = tokens;
    b.rateLimiters = limiters;
    b.parent = this;
    return b;
  }

  /** The ids of the configured carriers, in registration order. */
  public List<CarrierId> carriers() {
    return calls.registry.ids();
  }

  /**
   * Asks every carrier that can quote (or those named in the request) in parallel, each on the
   * executor, and returns what each answered: one slow carrier does not hold up the others beyond
   * the quote timeout, and one failing carrier never hides the others' quotes.
   */
  public QuoteResult quote(QuoteRequest request) {
    return AccountRoutes.on(this, request, QuoteRequest::account).quoting.quoteAndWait(request);
  }

  /** {@link #quote} without blocking: the future completes when all have answered or the quote timeout has passed. */
  public CompletableFuture<QuoteResult> quoteAsync(QuoteRequest request) {
    if (calls.isClosed()) return CompletableFuture.failedFuture(new ShipbridgeClosedException());
    try {
      return AccountRoutes.on(this, request, QuoteRequest::account).quoting.quote(request);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e); // an ...Async call never throws
    }
  }

  /**
   * Buys a label from the request's carrier. The request's idempotency key goes with every
   * attempt; when the outcome of a purchase cannot be known, the {@link CarrierException} says so
   * ({@link CarrierException#outcomeUnknown()}) and carries the key: reconcile, do not simply buy
   * again with a new key.
   */
  public Label label(LabelRequest request) {
    return AccountRoutes.onOrHere(this, request == null ? null : request.account()).purchases.label(request);
  }

  /** {@link #label} on the executor; failures complete the future. */
  public CompletableFuture<Label> labelAsync(LabelRequest request) {
    return calls.async(() -> label(request));
  }

  /** Cancels an unused label; the carrier is found from the number. */
  public CancelResult cancel(String trackingNumber) {
    calls.ensureOpen();
    String n = FacadeCalls.checkedNumber(trackingNumber);
    return purchases.cancel(calls.registry.route(n), n);
  }

  /** Cancels an unused label on a named carrier. */
  public CancelResult cancel(CarrierId carrier, String trackingNumber) {
    return purchases.cancel(carrier, trackingNumber);
  }

  /** {@link #cancel(String)} on the executor; failures complete the future. */
  public CompletableFuture<CancelResult> cancelAsync(String trackingNumber) {
    return calls.async(() -> cancel(trackingNumber));
  }

  /** {@link #cancel(CarrierId, String)} on the executor; failures complete the future. */
  public CompletableFuture<CancelResult> cancelAsync(CarrierId carrier, String trackingNumber) {
    return calls.async(() -> cancel(carrier, trackingNumber));
  }

  /**
   * Tracks a parcel; the carrier is found from the number ("No carrier recognises X. Tried: ..."
   * when none or several claim it; then name the carrier with {@link #track(CarrierId, String)}).
   */
  public Tracking track(String trackingNumber) {
    calls.ensureOpen();
    String n = FacadeCalls.checkedNumber(trackingNumber);
    return tracker.track(calls.registry.route(n), n);
  }

  /**
   * Tracks a parcel on a named carrier. When the carrier's data show the parcel was handed to
   * another configured carrier (Cainiao to USPS for the last mile), that leg is tracked too and
   * the answer is one journey: both legs, their events merged oldest first, the status of the
   * latest leg. A failure on the second leg is reported on that leg; the first leg's events stay.
   */
  public Tracking track(CarrierId carrier, String trackingNumber) {
    return tracker.track(carrier, trackingNumber);
  }

  /** {@link #track(String)} on the executor; failures complete the future. */
  public CompletableFuture<Tracking> trackAsync(String trackingNumber) {
    return calls.async(() -> track(trackingNumber));
  }

  /** {@link #track(CarrierId, String)} on the executor; failures complete the future. */
  public CompletableFuture<Tracking> trackAsync(CarrierId carrier, String trackingNumber) {
    return calls.async(() -> track(carrier, trackingNumber));
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
    return AccountRoutes.on(this, options, TrackManyOptions::account).tracker.trackMany(trackingNumbers, options);
  }

  /** {@link #trackMany(Collection)} on the executor; failures complete the future. */
  public CompletableFuture<List<TrackResult>> trackManyAsync(Collection<String> trackingNumbers) {
    return calls.async(() -> trackMany(trackingNumbers));
  }

  /** {@link #trackMany(Collection, TrackManyOptions)} on the executor; failures complete the future. */
  public CompletableFuture<List<TrackResult>> trackManyAsync(Collection<String> trackingNumbers, TrackManyOptions options) {
    return calls.async(() -> trackMany(trackingNumbers, options));
  }

  /**
   * The handler for tracking notifications pushed by the configured carriers (and, on the root, its accounts'
   * carriers), with replay and duplicate checks (one replay store for the root and its accounts). One per instance.
   */
  public WebhookHandler webhooks() {
    return webhooks;
  }

  /** Return labels and reprints ({@link Returns}). */
  public Returns returns() {
    return new Returns(this);
  }

  /** Carrier pickups: eligibility, schedule, change, cancel ({@link Pickups}). */
  public Pickups pickups() {
    return new Pickups(this);
  }

  /** Pushed-tracking subscriptions: create, list, get, update, delete ({@link Subscriptions}). */
  public Subscriptions subscriptions() {
    return new Subscriptions(this);
  }

  /**
   * This instance bound for a merchant's account ({@link ShipbridgeBuilder#accounts}): its calls run on the account's
   * carriers, credentials, tokens and breakers, on the rate limiters of the quotas they count against ({@link
   * Carrier#quotaKey()}). Cached (LRU); one evicted keeps working for its holder: {@code shipbridge.account(id).track(n)}.
   * The one way for calls taking plain values (a number, an address, an id); a request or options object names its
   * account instead ({@code request.withAccount(id)}) and runs on this very instance. Unknown account: {@link ValidationException}.
   */
  public Shipbridge account(AccountId id) {
    return accounts.get(id);
  }

  /** Drops the cached instance of an account whose settings changed (the next use resolves it again); whether there was one. */
  public boolean forgetAccount(AccountId id) {
    return accounts.forget(id);
  }

  /**
   * A merchant leaves: revokes the account's own tokens at its carriers (USPS: its refresh and access
   * tokens), deletes them from the token store, drops its instance; call it before the resolver
   * forgets the account: {@code shipbridge.removeAccount(AccountId.of("merchant-42"))}. A revocation
   * not confirmed is a {@link RevocationException}, thrown after the tokens were deleted here.
   */
  public void removeAccount(AccountId id) {
    AccountRemoval.remove(id, account(id).calls, accounts);
  }

  /** What the carriers can use, nothing bought, outside the limiters (USPS: a token and a payment authorization, on
   * the quota: once per account): {@code System.out.println(shipbridge.preflight());} */
  public Preflight preflight() {
    return AccountFacades.preflight(account, calls);
  }

  /** {@link #preflight()} of an account: {@code shipbridge.preflight(AccountId.of("merchant-42"))}. */
  public Preflight preflight(AccountId id) {
    return account(id).preflight();
  }

  /** Checks an address with the first carrier that can (USPS for US addresses). */
  public AddressValidation validateAddress(Address address) {
    calls.ensureOpen();
    Objects.requireNonNull(address, "address");
    return purchases.validateAddress(purchases.addressCarrier(), address);
  }

  /** Checks an address with a named carrier. */
  public AddressValidation validateAddress(CarrierId carrier, Address address) {
    return purchases.validateAddress(carrier, address);
  }

  /** {@link #validateAddress(Address)} on the executor; failures complete the future. */
  public CompletableFuture<AddressValidation> validateAddressAsync(Address address) {
    return calls.async(() -> validateAddress(address));
  }

  /** {@link #validateAddress(CarrierId, Address)} on the executor; failures complete the future. */
  public CompletableFuture<AddressValidation> validateAddressAsync(CarrierId carrier, Address address) {
    return calls.async(() -> validateAddress(carrier, address));
  }

  /** Hands over a set of labels with one document (USPS SCAN form, Cainiao big-bag handover). */
  public Manifest manifest(ManifestRequest request) {
    return AccountRoutes.on(this, request, ManifestRequest::account).purchases.manifest(request);
  }

  /** {@link #manifest} on the executor; failures complete the future. */
  public CompletableFuture<Manifest> manifestAsync(ManifestRequest request) {
    return calls.async(() -> manifest(request));
  }

  /**
   * Releases the threads and connections this instance created; what you passed in stays open.
   * Afterwards every call fails fast with {@link ShipbridgeClosedException} and sends nothing (an
   * {@code ...Async} call returns a future failed with it). An instance derived with {@link
   * #newBuilder()} uses this one's HTTP client and executor: close it before this one.
   */
  @Override
  public void close() {
    calls.close();
    accounts.close();
    if (ownsExecutor) calls.executor.shutdown();
    if (ownsHttpClient) {
      httpClient.dispatcher().executorService().shutdown();
      httpClient.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return "Shipbridge[" + (account == null ? "" : "account=" + account + ", ") + "carriers=" + calls.registry.ids() + "]";
  }
}
