package dev.shipbridge.resilience;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.OperationPolicy.CircuitBreakerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Retry, rate-limit, circuit-breaker, bulkhead and timeout settings per carrier and per operation.
 * Immutable; built like a Resilience4j config: {@link #ofDefaults()}, {@link #custom()}, {@link
 * #from(ResiliencePolicy)}, with setters that reject bad values at once.
 *
 * <h2>Scopes</h2>
 *
 * Settings are given for a scope, and the most specific scope wins: {@link
 * Builder#carrier(CarrierId, Operation, Consumer) carrier and operation} over {@link
 * Builder#carrier(CarrierId, Consumer) carrier} over {@link Builder#operation(Operation, Consumer)
 * operation} over {@link Builder#all(Consumer) all}. A field left unset falls through to the next
 * scope, then to the carrier's own {@code Carrier.defaultPolicy()} (its published quotas), then to
 * the built-in defaults. Anything you set wins over the carrier's defaults.
 *
 * <pre>{@code
 * ResiliencePolicy policy = ResiliencePolicy.custom()
 *     .all(s -> s.maxAttempts(3).callTimeout(Duration.ofSeconds(60)))
 *     .operation(Operation.TRACK, s -> s.rateLimit(RateLimit.perHour(60)).rateLimitTimeout(Duration.ofMinutes(2)))
 *     .carrier(CarrierId.USPS, s -> s.maxConcurrentCalls(8))
 *     .carrier(CarrierId.USPS, Operation.LABEL, s -> s.attemptTimeout(Duration.ofSeconds(60)))
 *     .build();
 * Shipbridge.builder().resilience(policy);
 * }</pre>
 *
 * <h2>Per carrier, per operation</h2>
 *
 * Each carrier and operation has its own rate limiter (carriers count quotas per API) and its own
 * retry. The circuit breaker and the bulkhead are per carrier: set them with {@code all} or {@code
 * carrier}; setting them for an operation is refused by {@link Builder#build()}.
 *
 * <h2>Built-in defaults</h2>
 *
 * 3 attempts; full-jitter exponential backoff from 500 ms, doubling, capped at 20 s; a carrier's
 * {@code Retry-After} honoured up to 60 s; no rate limit; 5 s to wait for a permit; connect 10 s,
 * read 30 s, attempt 45 s, whole call 120 s; circuit breaker {@link CircuitBreakerSettings#DEFAULTS};
 * 25 concurrent calls per carrier, no waiting for a slot.
 */
public final class ResiliencePolicy {
  public static final String MAX_ATTEMPTS_MUST_BE_POSITIVE = "maxAttempts must be at least 1";
  public static final String BACKOFF_MUST_BE_POSITIVE = "backoff durations must be positive";
  public static final String MULTIPLIER_TOO_SMALL = "backoffMultiplier must be at least 1.0";
  public static final String DURATION_MUST_NOT_BE_NEGATIVE = "duration must not be negative";
  public static final String TIMEOUT_MUST_BE_POSITIVE = "timeouts must be positive";
  public static final String MAX_CONCURRENT_CALLS_MUST_BE_POSITIVE = "maxConcurrentCalls must be at least 1";
  public static final String BACKOFF_CAP_BELOW_INITIAL = "maxBackoff must not be less than initialBackoff";
  public static final String ATTEMPT_TIMEOUT_ABOVE_CALL_TIMEOUT = "attemptTimeout must not exceed callTimeout";
  public static final String PER_CARRIER_SETTING_FOR_OPERATION =
      "circuitBreaker, maxConcurrentCalls and maxWaitForConcurrency are per carrier: set them in all(...) or carrier(...), not for an operation";

  /** The built-in defaults as one resolved policy. */
  public static final OperationPolicy BUILT_IN = new OperationPolicy(
      3, Duration.ofMillis(500), 2.0, Duration.ofSeconds(20), Duration.ofSeconds(60), null, Duration.ofSeconds(5),
      Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(45), Duration.ofSeconds(120),
      CircuitBreakerSettings.DEFAULTS, 25, Duration.ZERO);

  private static final ResiliencePolicy DEFAULTS = new ResiliencePolicy(List.of());

  /** Layers in application order: later layers win. */
  private final List<Layer> layers;

  private ResiliencePolicy(List<Layer> layers) {
    this.layers = List.copyOf(layers);
  }

  /** No settings of its own: the carriers' defaults and the built-in defaults apply. */
  public static ResiliencePolicy ofDefaults() {
    return DEFAULTS;
  }

  public static Builder custom() {
    return new Builder();
  }

  /** A builder starting from {@code base}'s settings. */
  public static Builder from(ResiliencePolicy base) {
    Builder b = new Builder();
    for (Layer l : Objects.requireNonNull(base, "base").layers) b.layers.add(l.copy());
    return b;
  }

  /**
   * This policy over {@code defaults}: every field this policy sets, in any scope, wins over the
   * same field of {@code defaults}. Shipbridge uses it to put your policy over each carrier's
   * {@code defaultPolicy()}.
   */
  public ResiliencePolicy overriding(ResiliencePolicy defaults) {
    List<Layer> all = new ArrayList<>(Objects.requireNonNull(defaults, "defaults").layers);
    all.addAll(layers);
    return new ResiliencePolicy(all);
  }

  /** The settings that apply to {@code operation} of {@code carrier}. */
  public OperationPolicy resolve(CarrierId carrier, Operation operation) {
    Objects.requireNonNull(carrier, "carrier");
    Objects.requireNonNull(operation, "operation");
    Resolver r = new Resolver(BUILT_IN);
    for (Layer l : layers) {
      if (l.matches(carrier, operation)) r.apply(l.settings);
    }
    return r.result();
  }

  /** The quota of {@code operation} of {@code carrier}, when it has one. */
  public java.util.Optional<RateLimit> rateLimit(CarrierId carrier, Operation operation) {
    return resolve(carrier, operation).quota();
  }

  @Override
  public String toString() {
    return "ResiliencePolicy" + layers;
  }

  private record Layer(CarrierId carrier, Operation operation, Settings settings) {
    boolean matches(CarrierId c, Operation o) {
      return (carrier == null || carrier.equals(c)) && (operation == null || operation == o);
    }

    int specificity() {
      return (carrier != null ? 2 : 0) + (operation != null ? 1 : 0);
    }

    Layer copy() {
      return new Layer(carrier, operation, settings.copy());
    }

    @Override
    public String toString() {
      return (carrier == null ? "*" : carrier.value()) + "/" + (operation == null ? "*" : operation.name()) + "=" + settings;
    }
  }

  private static final class Resolver {
    int maxAttempts;
    Duration initialBackoff;
    double multiplier;
    Duration maxBackoff;
    Duration maxRetryAfter;
    RateLimit rateLimit;
    Duration rateLimitTimeout;
    Duration connect;
    Duration read;
    Duration attempt;
    Duration call;
    CircuitBreakerSettings breaker;
    int maxConcurrent;
    Duration maxWaitConcurrency;

    Resolver(OperationPolicy p) {
      maxAttempts = p.maxAttempts();
      initialBackoff = p.initialBackoff();
      multiplier = p.backoffMultiplier();
      maxBackoff = p.maxBackoff();
      maxRetryAfter = p.maxRetryAfter();
      rateLimit = p.rateLimit();
      rateLimitTimeout = p.rateLimitTimeout();
      connect = p.connectTimeout();
      read = p.readTimeout();
      attempt = p.attemptTimeout();
      call = p.callTimeout();
      breaker = p.circuitBreaker();
      maxConcurrent = p.maxConcurrentCalls();
      maxWaitConcurrency = p.maxWaitForConcurrency();
    }

    void apply(Settings s) {
      if (s.maxAttempts != null) maxAttempts = s.maxAttempts;
      if (s.initialBackoff != null) initialBackoff = s.initialBackoff;
      if (s.backoffMultiplier != null) multiplier = s.backoffMultiplier;
      if (s.maxBackoff != null) maxBackoff = s.maxBackoff;
      if (s.maxRetryAfter != null) maxRetryAfter = s.maxRetryAfter;
      if (s.rateLimitSet) rateLimit = s.rateLimit;
      if (s.rateLimitTimeout != null) rateLimitTimeout = s.rateLimitTimeout;
      if (s.connectTimeout != null) connect = s.connectTimeout;
      if (s.readTimeout != null) read = s.readTimeout;
      if (s.attemptTimeout != null) attempt = s.attemptTimeout;
      if (s.callTimeout != null) call = s.callTimeout;
      if (s.circuitBreaker != null) breaker = s.circuitBreaker;
      if (s.maxConcurrentCalls != null) maxConcurrent = s.maxConcurrentCalls;
      if (s.maxWaitForConcurrency != null) maxWaitConcurrency = s.maxWaitForConcurrency;
    }

    OperationPolicy result() {
      // Layers from different sources may combine into an inconsistent pair: keep the safe reading.
      Duration cap = maxBackoff.compareTo(initialBackoff) < 0 ? initialBackoff : maxBackoff;
      Duration att = attempt.compareTo(call) > 0 ? call : attempt;
      return new OperationPolicy(maxAttempts, initialBackoff, multiplier, cap, maxRetryAfter, rateLimit,
          rateLimitTimeout, connect, read, att, call, breaker, maxConcurrent, maxWaitConcurrency);
    }
  }

  /**
   * The settings of one scope. Every setter validates its argument at once; unset fields fall
   * through to wider scopes and defaults.
   */
  public static final class Settings {
    private Integer maxAttempts;
    private Duration initialBackoff;
    private Double backoffMultiplier;
    private Duration maxBackoff;
    private Duration maxRetryAfter;
    private boolean rateLimitSet;
    private RateLimit rateLimit;
    private Duration rateLimitTimeout;
    private Duration connectTimeout;
    private Duration readTimeout;
    private Duration attemptTimeout;
    private Duration callTimeout;
    private CircuitBreakerSettings circuitBreaker;
    private Integer maxConcurrentCalls;
    private Duration maxWaitForConcurrency;

    private Settings() {}

    /** Attempts per call, the first included; 1 disables retries. */
    public Settings maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) throw new IllegalArgumentException(MAX_ATTEMPTS_MUST_BE_POSITIVE);
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Full-jitter exponential backoff: before retry {@code n} Shipbridge waits a random time
     * between 0 and {@code min(max, initial * multiplier^(n-1))}.
     */
    public Settings backoff(Duration initial, double multiplier, Duration max) {
      positive(initial, BACKOFF_MUST_BE_POSITIVE);
      positive(max, BACKOFF_MUST_BE_POSITIVE);
      if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) throw new IllegalArgumentException(MULTIPLIER_TOO_SMALL);
      if (max.compareTo(initial) < 0) throw new IllegalArgumentException(BACKOFF_CAP_BELOW_INITIAL);
      this.initialBackoff = initial;
      this.backoffMultiplier = multiplier;
      this.maxBackoff = max;
      return this;
    }

    /**
     * The longest {@code Retry-After} a carrier may ask for and still be waited for; a longer one
     * (or one beyond the call's deadline) fails at once with {@code RateLimitedException}, whose
     * {@code retryAfter()} holds the carrier's value.
     */
    public Settings maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = notNegative(maxRetryAfter);
      return this;
    }

    /**
     * The carrier's quota: permits are spaced evenly, one every {@link RateLimit#interval()} ({@code
     * (period + guard) / calls}), so the carrier never counts more than {@code calls} in a period.
     */
    public Settings rateLimit(RateLimit rateLimit) {
      this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
      this.rateLimitSet = true;
      return this;
    }

    /** Removes a rate limit a wider scope or the carrier's defaults set. */
    public Settings unlimited() {
      this.rateLimit = null;
      this.rateLimitSet = true;
      return this;
    }

    /** How long a caller waits for a permit before getting {@code RateLimitedException}; 0 fails at once. */
    public Settings rateLimitTimeout(Duration timeout) {
      this.rateLimitTimeout = notNegative(timeout);
      return this;
    }

    public Settings connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, TIMEOUT_MUST_BE_POSITIVE);
      return this;
    }

    /** The longest silence while reading or writing (OkHttp read and write timeouts). */
    public Settings readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, TIMEOUT_MUST_BE_POSITIVE);
      return this;
    }

    /** The whole of one attempt, connect to last byte (OkHttp call timeout). */
    public Settings attemptTimeout(Duration timeout) {
      this.attemptTimeout = positive(timeout, TIMEOUT_MUST_BE_POSITIVE);
      if (callTimeout != null && timeout.compareTo(callTimeout) > 0) {
        throw new IllegalArgumentException(ATTEMPT_TIMEOUT_ABOVE_CALL_TIMEOUT);
      }
      return this;
    }

    /** The whole call: attempts, backoff and permit waits. No retry starts that would end past it. */
    public Settings callTimeout(Duration timeout) {
      this.callTimeout = positive(timeout, TIMEOUT_MUST_BE_POSITIVE);
      if (attemptTimeout != null && attemptTimeout.compareTo(timeout) > 0) {
        throw new IllegalArgumentException(ATTEMPT_TIMEOUT_ABOVE_CALL_TIMEOUT);
      }
      return this;
    }

    /** The carrier's circuit breaker ({@link CircuitBreakerSettings#DISABLED} to turn it off). */
    public Settings circuitBreaker(CircuitBreakerSettings circuitBreaker) {
      this.circuitBreaker = Objects.requireNonNull(circuitBreaker, "circuitBreaker");
      return this;
    }

    /** The carrier's bulkhead: at most this many calls in flight at once. */
    public Settings maxConcurrentCalls(int maxConcurrentCalls) {
      if (maxConcurrentCalls < 1) throw new IllegalArgumentException(MAX_CONCURRENT_CALLS_MUST_BE_POSITIVE);
      this.maxConcurrentCalls = maxConcurrentCalls;
      return this;
    }

    /** How long a call waits for a bulkhead slot before failing; 0 (default) fails at once. */
    public Settings maxWaitForConcurrency(Duration wait) {
      this.maxWaitForConcurrency = notNegative(wait);
      return this;
    }

    private boolean hasPerCarrierSettings() {
      return circuitBreaker != null || maxConcurrentCalls != null || maxWaitForConcurrency != null;
    }

    private Settings copy() {
      Settings s = new Settings();
      s.maxAttempts = maxAttempts;
      s.initialBackoff = initialBackoff;
      s.backoffMultiplier = backoffMultiplier;
      s.maxBackoff = maxBackoff;
      s.maxRetryAfter = maxRetryAfter;
      s.rateLimitSet = rateLimitSet;
      s.rateLimit = rateLimit;
      s.rateLimitTimeout = rateLimitTimeout;
      s.connectTimeout = connectTimeout;
      s.readTimeout = readTimeout;
      s.attemptTimeout = attemptTimeout;
      s.callTimeout = callTimeout;
      s.circuitBreaker = circuitBreaker;
      s.maxConcurrentCalls = maxConcurrentCalls;
      s.maxWaitForConcurrency = maxWaitForConcurrency;
      return s;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("{");
      field(sb, "maxAttempts", maxAttempts);
      field(sb, "initialBackoff", initialBackoff);
      field(sb, "backoffMultiplier", backoffMultiplier);
      field(sb, "maxBackoff", maxBackoff);
      field(sb, "maxRetryAfter", maxRetryAfter);
      if (rateLimitSet) field(sb, "rateLimit", rateLimit == null ? "unlimited" : rateLimit);
      field(sb, "rateLimitTimeout", rateLimitTimeout);
      field(sb, "connectTimeout", connectTimeout);
      field(sb, "readTimeout", readTimeout);
      field(sb, "attemptTimeout", attemptTimeout);
      field(sb, "callTimeout", callTimeout);
      field(sb, "circuitBreaker", circuitBreaker);
      field(sb, "maxConcurrentCalls", maxConcurrentCalls);
      field(sb, "maxWaitForConcurrency", maxWaitForConcurrency);
      return sb.append('}').toString();
    }

    private static void field(StringBuilder sb, String name, Object v) {
      if (v == null) return;
      if (sb.length() > 1) sb.append(", ");
      sb.append(name).append('=').append(v);
    }

    private static Duration positive(Duration d, String message) {
      Objects.requireNonNull(d, "duration");
      if (d.isZero() || d.isNegative()) throw new IllegalArgumentException(message);
      return d;
    }

    private static Duration notNegative(Duration d) {
      Objects.requireNonNull(d, "duration");
      if (d.isNegative()) throw new IllegalArgumentException(DURATION_MUST_NOT_BE_NEGATIVE);
      return d;
    }
  }

  /** Builds a {@link ResiliencePolicy}. Not thread-safe. */
  public static final class Builder {
    private final List<Layer> layers = new ArrayList<>();

    private Builder() {}

    /** Settings for every carrier and operation. */
    public Builder all(Consumer<Settings> settings) {
      return add(null, null, settings);
    }

    /** Settings for one operation of every carrier. */
    public Builder operation(Operation operation, Consumer<Settings> settings) {
      return add(null, Objects.requireNonNull(operation, "operation"), settings);
    }

    /** Settings for every operation of one carrier. */
    public Builder carrier(CarrierId carrier, Consumer<Settings> settings) {
      return add(Objects.requireNonNull(carrier, "carrier"), null, settings);
    }

    /** Settings for one operation of one carrier. */
    public Builder carrier(CarrierId carrier, Operation operation, Consumer<Settings> settings) {
      return add(Objects.requireNonNull(carrier, "carrier"), Objects.requireNonNull(operation, "operation"), settings);
    }

    private Builder add(CarrierId carrier, Operation operation, Consumer<Settings> settings) {
      Objects.requireNonNull(settings, "settings");
      Layer layer = layers.stream().filter(l -> Objects.equals(l.carrier, carrier) && l.operation == operation)
          .findFirst().orElse(null);
      if (layer == null) {
        layer = new Layer(carrier, operation, new Settings());
        layers.add(layer);
      }
      settings.accept(layer.settings);
      return this;
    }

    /** Checks the scopes against each other and builds the immutable policy. */
    public ResiliencePolicy build() {
      for (Layer l : layers) {
        if (l.operation != null && l.settings.hasPerCarrierSettings()) {
          throw new IllegalArgumentException(PER_CARRIER_SETTING_FOR_OPERATION + " (" + l + ")");
        }
      }
      List<Layer> sorted = new ArrayList<>();
      for (Layer l : layers) sorted.add(l.copy());
      sorted.sort(Comparator.comparingInt(Layer::specificity));
      return new ResiliencePolicy(sorted);
    }
  }
}
