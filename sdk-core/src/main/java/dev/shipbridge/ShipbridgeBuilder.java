package dev.shipbridge;

import dev.shipbridge.account.AccountResolver;
import dev.shipbridge.internal.CarrierConfiguration;
import dev.shipbridge.model.Quote;
import dev.shipbridge.resilience.RateLimiterProvider;
import dev.shipbridge.resilience.ResilienceListener;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.resilience.Sleeper;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.CarrierMemory;
import dev.shipbridge.spi.CarrierProvider;
import dev.shipbridge.spi.ReplayStore;
import dev.shipbridge.spi.TokenStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import okhttp3.OkHttpClient;

/**
 * Configures a {@link Shipbridge}; from {@link Shipbridge#builder()}, or {@link
 * Shipbridge#newBuilder()} for a variant. An invalid duration or size is recorded (a later valid one
 * clears it) and {@link #build()} reports all problems at once; a null is refused at once. Not
 * thread-safe; reusable.
 *
 * <pre>{@code
 * Shipbridge shipbridge = Shipbridge.builder()
 *     .carrier(UspsCarrier.builder().clientId(id).clientSecret(secret).build())
 *     .quoteTimeout(Duration.ofSeconds(10))
 *     .build();
 * }</pre>
 */
public final class ShipbridgeBuilder implements Cloneable {
  List<Carrier> carriers = new ArrayList<>();
  boolean discover = false;
  CarrierProvider.Settings settings = CarrierProvider.Settings.system();
  ClassLoader classLoader = Shipbridge.class.getClassLoader();
  OkHttpClient httpClient;
  ExecutorService executor;
  Clock clock = Clock.systemUTC();
  TokenStore tokenStore;
  ResiliencePolicy resilience = ResiliencePolicy.ofDefaults();
  Duration quoteTimeout = Duration.ofSeconds(30);
  Duration staleQuoteAge;
  Duration webhookReplayWindow = Duration.ofMinutes(5);
  Duration webhookRetention = ReplayStore.DEFAULT_RETENTION;
  ReplayStore replayStore;
  Sleeper sleeper = Sleeper.system();
  ResilienceListener resilienceListener = ResilienceListener.NONE;
  RateLimiterProvider rateLimiters = RateLimiterProvider.inJvm();
  AccountResolver accounts;
  int accountCacheSize = DEFAULT_ACCOUNT_CACHE_SIZE;
  /** The root instance's, from {@link Shipbridge#newBuilder()}; null: a new one. */
  CarrierMemory memory;
  private Map<String, String> invalid = new LinkedHashMap<>();

  /** How many accounts' bound instances {@link Shipbridge#account} keeps by default. */
  public static final int DEFAULT_ACCOUNT_CACHE_SIZE = 5_000;

  /** The instance a {@link Shipbridge#newBuilder()} builder came from: its breakers may be shared. */
  Shipbridge parent;

  ShipbridgeBuilder() {}

  /** Whether {@code d} is positive; records (or clears) the problem of {@code setting}. */
  private boolean positive(String setting, Duration d) {
    return valid(setting, d != null && !d.isNegative() && !d.isZero());
  }

  private boolean valid(String setting, boolean ok) {
    if (ok) invalid.remove(setting);
    else invalid.put(setting, "must be positive");
    return ok;
  }

  /** How far a pushed notification's timestamp may be from now before it is refused as a replay (default 5 min). */
  public ShipbridgeBuilder webhookReplayWindow(Duration window) {
    if (positive("webhookReplayWindow", window)) this.webhookReplayWindow = window;
    return this;
  }

  /** How long accepted notifications are remembered to refuse replays (default 7 days). */
  public ShipbridgeBuilder webhookRetention(Duration retention) {
    if (positive("webhookRetention", retention)) this.webhookRetention = retention;
    return this;
  }

  /**
   * Where accepted notifications are remembered (default {@link ReplayStore#inMemory()}, shared with
   * its accounts' instances and {@link Shipbridge#newBuilder()} variants; a fleet shares one).
   */
  public ShipbridgeBuilder replayStore(ReplayStore store) {
    this.replayStore = Objects.requireNonNull(store, "replayStore");
    return this;
  }

  /** Adds a carrier; it wins over a discovered carrier with the same id. */
  public ShipbridgeBuilder carrier(Carrier carrier) {
    carriers.add(Objects.requireNonNull(carrier, "carrier"));
    return this;
  }

  /**
   * Whether to add carriers found by {@link java.util.ServiceLoader}, configured from {@link
   * #settings} (default false); an invalid discovered setting then fails {@link #build()}.
   */
  public ShipbridgeBuilder discoverCarriers(boolean discover) {
    this.discover = discover;
    return this;
  }

  /** Where discovered providers read their settings (default: system properties, then environment). */
  public ShipbridgeBuilder settings(CarrierProvider.Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /** The class loader to discover providers with (default: Shipbridge's). */
  public ShipbridgeBuilder classLoader(ClassLoader classLoader) {
    this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    return this;
  }

  /** Your own {@link OkHttpClient}, to share its pool (OkHttp's own retries are turned off). */
  public ShipbridgeBuilder httpClient(OkHttpClient httpClient) {
    this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
    return this;
  }

  /** The executor for parallel quotes and async calls (default: Shipbridge's own daemon threads). */
  public ShipbridgeBuilder executor(ExecutorService executor) {
    this.executor = Objects.requireNonNull(executor, "executor");
    return this;
  }

  /** The clock (default UTC system clock); inject one in tests. */
  public ShipbridgeBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Where access tokens are cached (default: in memory; see shipbridge-redis for a fleet). */
  public ShipbridgeBuilder tokenStore(TokenStore tokenStore) {
    this.tokenStore = Objects.requireNonNull(tokenStore, "tokenStore");
    return this;
  }

  /** Where the rate limiters live (default {@link RateLimiterProvider#inJvm()}; shipbridge-redis for a fleet). */
  public ShipbridgeBuilder rateLimiterProvider(RateLimiterProvider provider) {
    this.rateLimiters = Objects.requireNonNull(provider, "provider");
    return this;
  }

  /**
   * Where merchants' carrier accounts are found for {@link Shipbridge#account} (none by default).
   * Accounts share this instance's HTTP client, executor, token store and rate-limiter provider.
   *
   * <pre>{@code
   * InMemoryAccounts accounts = AccountResolver.inMemory();
   * Shipbridge shipbridge = Shipbridge.builder().carrier(platformUsps).accounts(accounts).build();
   * }</pre>
   */
  public ShipbridgeBuilder accounts(AccountResolver resolver) {
    this.accounts = Objects.requireNonNull(resolver, "resolver");
    return this;
  }

  /** How many accounts' bound instances are kept (LRU, default {@value #DEFAULT_ACCOUNT_CACHE_SIZE}; evicted: dropped). */
  public ShipbridgeBuilder accountCacheSize(int size) {
    if (valid("accountCacheSize", size > 0)) this.accountCacheSize = size;
    return this;
  }

  /** Retry, rate-limit and circuit-breaker settings per carrier and operation. */
  public ShipbridgeBuilder resilience(ResiliencePolicy resilience) {
    this.resilience = Objects.requireNonNull(resilience, "resilience");
    return this;
  }

  /** How retries and rate-limit waits pause (default: sleep); tests inject one moving their clock. */
  public ShipbridgeBuilder sleeper(Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return this;
  }

  /** Hears attempts, retries, rate-limit waits, breaker transitions and latencies (for metrics). */
  public ShipbridgeBuilder resilienceListener(ResilienceListener listener) {
    this.resilienceListener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Opt-in: when a carrier refuses a quote for quota, serve its last answer for the same request
   * shape if at most {@code maxAge} old, each quote marked {@link Quote#isStale() stale}; the
   * refusal stays in the failures.
   *
   * <pre>{@code
   * Shipbridge.builder().staleQuotesOnQuota(Duration.ofMinutes(30)).build();
   * }</pre>
   */
  public ShipbridgeBuilder staleQuotesOnQuota(Duration maxAge) {
    if (positive("staleQuotesOnQuota", maxAge)) this.staleQuoteAge = maxAge;
    return this;
  }

  /** How long {@link Shipbridge#quote} waits for the slowest carrier (default 30 s). */
  public ShipbridgeBuilder quoteTimeout(Duration quoteTimeout) {
    if (positive("quoteTimeout", quoteTimeout)) this.quoteTimeout = quoteTimeout;
    return this;
  }

  /**
   * Builds the facade.
   *
   * @throws ConfigurationException listing every problem: invalid values, no carrier, two carriers
   *     with one id, invalid discovered settings
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
    return new Shipbridge(this, parent, null);
  }

  /**
   * A copy for an instance to keep: with a memory and a replay store (new ones unless given), which
   * its {@link Shipbridge#newBuilder()} copies, so its accounts and variants share them.
   */
  ShipbridgeBuilder rooted() {
    ShipbridgeBuilder b = copy();
    if (b.memory == null) b.memory = new CarrierMemory();
    if (b.replayStore == null) b.replayStore = ReplayStore.inMemory();
    return b;
  }

  /** A copy with its own carrier list and problems, and no parent. */
  ShipbridgeBuilder copy() {
    try {
      ShipbridgeBuilder b = (ShipbridgeBuilder) super.clone();
      b.carriers = new ArrayList<>(carriers);
      b.invalid = new LinkedHashMap<>(invalid);
      b.parent = null; // a copy kept by an instance must not keep its parent alive
      return b;
    } catch (CloneNotSupportedException e) {
      throw new AssertionError(e);
    }
  }
}
