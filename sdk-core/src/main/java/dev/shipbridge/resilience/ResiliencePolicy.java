package dev.shipbridge.resilience;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.OperationPolicy.CircuitBreakerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
    for (Layer l : Objects.requireNonNull(base, "base").layers) b.scope(l.carrier, l.operation).merge(l.values);
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
    Values merged = Values.NONE;
    for (Layer l : layers) {
      if (l.matches(carrier, operation)) merged = l.values.over(merged);
    }
    return merged.over(BUILT_IN);
  }

  /** The quota of {@code operation} of {@code carrier}, when it has one. */
  public java.util.Optional<RateLimit> rateLimit(CarrierId carrier, Operation operation) {
    return resolve(carrier, operation).quota();
  }

  @Override
  public String toString() {
    return "ResiliencePolicy" + layers;
  }

  private record Layer(CarrierId carrier, Operation operation, Values values) {
    boolean matches(CarrierId c, Operation o) {
      return (carrier == null || carrier.equals(c)) && (operation == null || operation == o);
    }

    int specificity() {
      return (carrier != null ? 2 : 0) + (operation != null ? 1 : 0);
    }

    @Override
    public String toString() {
      return (carrier == null ? "*" : carrier.value()) + "/" + (operation == null ? "*" : operation.name()) + "=" + values;
    }
  }

  /**
   * The settings of one scope as one value: null is unset, and falls through to the layer below
   * ({@link #over}); {@code rateLimit} is empty for "unlimited", null for unset.
   */
  private record Values(Integer maxAttempts, Duration initialBackoff, Double backoffMultiplier, Duration maxBackoff,
      Duration maxRetryAfter, Optional<RateLimit> rateLimit, Duration rateLimitTimeout, Duration connectTimeout,
      Duration readTimeout, Duration attemptTimeout, Duration callTimeout, CircuitBreakerSettings circuitBreaker,
      Integer maxConcurrentCalls, Duration maxWaitForConcurrency) {
    static final Values NONE = new Values(null, null, null, null, null, null, null, null, null, null, null, null, null, null);

    /** These values, each unset one taken from {@code below}. */
    Values over(Values below) {
      return new Values(or(maxAttempts, below.maxAttempts), or(initialBackoff, below.initialBackoff),
          or(backoffMultiplier, below.backoffMultiplier), or(maxBackoff, below.maxBackoff),
          or(maxRetryAfter, below.maxRetryAfter), or(rateLimit, below.rateLimit),
          or(rateLimitTimeout, below.rateLimitTimeout), or(connectTimeout, below.connectTimeout),
          or(readTimeout, below.readTimeout), or(attemptTimeout, below.attemptTimeout),
          or(callTimeout, below.callTimeout), or(circuitBreaker, below.circuitBreaker),
          or(maxConcurrentCalls, below.maxConcurrentCalls), or(maxWaitForConcurrency, below.maxWaitForConcurrency));
    }

    /** These values over the resolved {@code base}; a pair that combined inconsistently keeps its safe reading. */
    OperationPolicy over(OperationPolicy b) {
      Values v = over(new Values(b.maxAttempts(), b.initialBackoff(), b.backoffMultiplier(), b.maxBackoff(),
          b.maxRetryAfter(), Optional.ofNullable(b.rateLimit()), b.rateLimitTimeout(), b.connectTimeout(),
          b.readTimeout(), b.attemptTimeout(), b.callTimeout(), b.circuitBreaker(), b.maxConcurrentCalls(),
          b.maxWaitForConcurrency()));
      Duration cap = v.maxBackoff.compareTo(v.initialBackoff) < 0 ? v.initialBackoff : v.maxBackoff;
      Duration attempt = v.attemptTimeout.compareTo(v.callTimeout) > 0 ? v.callTimeout : v.attemptTimeout;
      return new OperationPolicy(v.maxAttempts, v.initialBackoff, v.backoffMultiplier, cap, v.maxRetryAfter,
          v.rateLimit.orElse(null), v.rateLimitTimeout, v.connectTimeout, v.readTimeout, attempt, v.callTimeout,
          v.circuitBreaker, v.maxConcurrentCalls, v.maxWaitForConcurrency);
    }

    boolean hasPerCarrierSettings() {
      return circuitBreaker != null || maxConcurrentCalls != null || maxWaitForConcurrency != null;
    }

    private static <T> T or(T value, T fallback) {
      return value != null ? value : fallback;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("{");
      for (java.lang.reflect.RecordComponent c : Values.class.getRecordComponents()) {
        Object v;
        try {
          v = c.getAccessor().invoke(this);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
        if (v == null) continue;
        if (v instanceof Optional<?> o) v = o.isPresent() ? o.get() : "unlimited";
        sb.append(sb.length() > 1 ? ", " : "").append(c.getName()).append('=').append(v);
      }
      return sb.append('}').toString();
    }
  }

  /**
   * The settings of one scope. Every setter validates its argument at once; unset fields fall
   * through to wider scopes and defaults. Setting a field again in the same scope replaces it.
   */
  public static final class Settings {
    private Values v = Values.NONE;

    private Settings() {}

    private Settings merge(Values over) {
      v = over.over(v);
      return this;
    }

    private Settings set(Integer maxAttempts, Duration initialBackoff, Double multiplier, Duration maxBackoff,
        Duration maxRetryAfter, Optional<RateLimit> rateLimit, Duration rateLimitTimeout, Duration connect,
        Duration read, Duration attempt, Duration call, CircuitBreakerSettings breaker, Integer maxConcurrent,
        Duration maxWait) {
      return merge(new Values(maxAttempts, initialBackoff, multiplier, maxBackoff, maxRetryAfter, rateLimit,
          rateLimitTimeout, connect, read, attempt, call, breaker, maxConcurrent, maxWait));
    }

    /** Attempts per call, the first included; 1 disables retries. */
    public Settings maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) throw new IllegalArgumentException(MAX_ATTEMPTS_MUST_BE_POSITIVE);
      return set(maxAttempts, null, null, null, null, null, null, null, null, null, null, null, null, null);
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
      return set(null, initial, multiplier, max, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * The longest {@code Retry-After} a carrier may ask for and still be waited for; a longer one
     * (or one beyond the call's deadline) fails at once with {@code RateLimitedException}, whose
     * {@code retryAfter()} holds the carrier's value.
     */
    public Settings maxRetryAfter(Duration maxRetryAfter) {
      return set(null, null, null, null, notNegative(maxRetryAfter), null, null, null, null, null, null, null, null, null);
    }

    /**
     * The carrier's quota: permits are spaced evenly, one every {@link RateLimit#interval()} ({@code
     * (period + guard) / calls}), so the carrier never counts more than {@code calls} in a period.
     */
    public Settings rateLimit(RateLimit rateLimit) {
      Optional<RateLimit> limit = Optional.of(Objects.requireNonNull(rateLimit, "rateLimit"));
      return set(null, null, null, null, null, limit, null, null, null, null, null, null, null, null);
    }

    /** Removes a rate limit a wider scope or the carrier's defaults set. */
    public Settings unlimited() {
      return set(null, null, null, null, null, Optional.empty(), null, null, null, null, null, null, null, null);
    }

    /** How long a caller waits for a permit before getting {@code RateLimitedException}; 0 fails at once. */
    public Settings rateLimitTimeout(Duration timeout) {
      return set(null, null, null, null, null, null, notNegative(timeout), null, null, null, null, null, null, null);
    }

    public Settings connectTimeout(Duration timeout) {
      positive(timeout, TIMEOUT_MUST_BE_POSITIVE);
      return set(null, null, null, null, null, null, null, timeout, null, null, null, null, null, null);
    }

    /** The longest silence while reading or writing (OkHttp read and write timeouts). */
    public Settings readTimeout(Duration timeout) {
      positive(timeout, TIMEOUT_MUST_BE_POSITIVE);
      return set(null, null, null, null, null, null, null, null, timeout, null, null, null, null, null);
    }

    /** The whole of one attempt, connect to last byte (OkHttp call timeout). */
    public Settings attemptTimeout(Duration timeout) {
      positive(timeout, TIMEOUT_MUST_BE_POSITIVE);
      if (v.callTimeout != null && timeout.compareTo(v.callTimeout) > 0) {
        throw new IllegalArgumentException(ATTEMPT_TIMEOUT_ABOVE_CALL_TIMEOUT);
      }
      return set(null, null, null, null, null, null, null, null, null, timeout, null, null, null, null);
    }

    /** The whole call: attempts, backoff and permit waits. No retry starts that would end past it. */
    public Settings callTimeout(Duration timeout) {
      positive(timeout, TIMEOUT_MUST_BE_POSITIVE);
      if (v.attemptTimeout != null && v.attemptTimeout.compareTo(timeout) > 0) {
        throw new IllegalArgumentException(ATTEMPT_TIMEOUT_ABOVE_CALL_TIMEOUT);
      }
      return set(null, null, null, null, null, null, null, null, null, null, timeout, null, null, null);
    }

    /** The carrier's circuit breaker ({@link CircuitBreakerSettings#DISABLED} to turn it off). */
    public Settings circuitBreaker(CircuitBreakerSettings circuitBreaker) {
      Objects.requireNonNull(circuitBreaker, "circuitBreaker");
      return set(null, null, null, null, null, null, null, null, null, null, null, circuitBreaker, null, null);
    }

    /** The carrier's bulkhead: at most this many calls in flight at once. */
    public Settings maxConcurrentCalls(int maxConcurrentCalls) {
      if (maxConcurrentCalls < 1) throw new IllegalArgumentException(MAX_CONCURRENT_CALLS_MUST_BE_POSITIVE);
      return set(null, null, null, null, null, null, null, null, null, null, null, null, maxConcurrentCalls, null);
    }

    /** How long a call waits for a bulkhead slot before failing; 0 (default) fails at once. */
    public Settings maxWaitForConcurrency(Duration wait) {
      return set(null, null, null, null, null, null, null, null, null, null, null, null, null, notNegative(wait));
    }

    @Override
    public String toString() {
      return v.toString();
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
    private final Map<List<Object>, Settings> scopes = new LinkedHashMap<>();

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

    private Settings scope(CarrierId carrier, Operation operation) {
      return scopes.computeIfAbsent(Arrays.asList(carrier, operation), k -> new Settings());
    }

    private Builder add(CarrierId carrier, Operation operation, Consumer<Settings> settings) {
      Objects.requireNonNull(settings, "settings").accept(scope(carrier, operation));
      return this;
    }

    /** Checks the scopes against each other and builds the immutable policy. */
    public ResiliencePolicy build() {
      List<Layer> sorted = new ArrayList<>();
      scopes.forEach((k, s) -> sorted.add(new Layer((CarrierId) k.get(0), (Operation) k.get(1), s.v)));
      for (Layer l : sorted) {
        if (l.operation != null && l.values.hasPerCarrierSettings()) {
          throw new IllegalArgumentException(PER_CARRIER_SETTING_FOR_OPERATION + " (" + l + ")");
        }
      }
      sorted.sort(Comparator.comparingInt(Layer::specificity));
      return new ResiliencePolicy(sorted);
    }
  }
}
