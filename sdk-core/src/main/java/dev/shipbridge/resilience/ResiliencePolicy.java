package dev.shipbridge.resilience;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.resilience.OperationPolicy.CircuitBreakerSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Retry, rate-limit, circuit-breaker, bulkhead and timeout settings per carrier and per operation.
 * Immutable; built with {@link #custom()} or {@link #from(ResiliencePolicy)}, whose setters reject
 * bad values at once. The most specific scope wins (carrier and operation, carrier, operation,
 * {@link Builder#all all}); an unset field falls through to the next scope, then to the carrier's
 * {@code Carrier.defaultPolicy()} (its published quotas), then to the built-in defaults.
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
 * <p>Each carrier operation has its own rate limiter and retry; the circuit breaker and the
 * bulkhead are per carrier ({@link Builder#build()} refuses them for an operation). Built-in: 3
 * attempts, full-jitter backoff from 500 ms doubling to 20 s, {@code Retry-After} honoured up to
 * 60 s, no rate limit, 5 s to wait for a permit, connect 10 s, read 30 s, attempt 45 s, call 120 s,
 * {@link CircuitBreakerSettings#DEFAULTS}, 25 concurrent calls per carrier, no wait for a slot.
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
    for (Layer l : Objects.requireNonNull(base, "base").layers) {
      b.scope(l.carrier, l.operation).v.putAll(l.values);
    }
    return b;
  }

  /** This policy over {@code defaults}: each field it sets, in any scope, wins (yours over a carrier's). */
  public ResiliencePolicy overriding(ResiliencePolicy defaults) {
    List<Layer> all = new ArrayList<>(Objects.requireNonNull(defaults, "defaults").layers);
    all.addAll(layers);
    return new ResiliencePolicy(all);
  }

  /** The settings that apply to {@code operation} of {@code carrier}. */
  public OperationPolicy resolve(CarrierId carrier, Operation operation) {
    Objects.requireNonNull(carrier, "carrier");
    Objects.requireNonNull(operation, "operation");
    Map<Key, Object> v = new EnumMap<>(Key.class);
    for (Layer l : layers) if (l.matches(carrier, operation)) v.putAll(l.values);
    OperationPolicy b = BUILT_IN;
    Duration initial = get(v, Key.initialBackoff, b.initialBackoff());
    Duration cap = get(v, Key.maxBackoff, b.maxBackoff());
    Duration call = get(v, Key.callTimeout, b.callTimeout());
    Duration attempt = get(v, Key.attemptTimeout, b.attemptTimeout());
    // a pair that combined inconsistently across scopes keeps its safe reading
    return new OperationPolicy(get(v, Key.maxAttempts, b.maxAttempts()), initial,
        get(v, Key.backoffMultiplier, b.backoffMultiplier()), cap.compareTo(initial) < 0 ? initial : cap,
        get(v, Key.maxRetryAfter, b.maxRetryAfter()),
        v.get(Key.rateLimit) instanceof RateLimit limit ? limit : null,
        get(v, Key.rateLimitTimeout, b.rateLimitTimeout()), get(v, Key.connectTimeout, b.connectTimeout()),
        get(v, Key.readTimeout, b.readTimeout()), attempt.compareTo(call) > 0 ? call : attempt, call,
        get(v, Key.circuitBreaker, b.circuitBreaker()),
        get(v, Key.maxConcurrentCalls, b.maxConcurrentCalls()),
        get(v, Key.maxWaitForConcurrency, b.maxWaitForConcurrency()));
  }

  @SuppressWarnings("unchecked")
  private static <T> T get(Map<Key, Object> values, Key key, T fallback) {
    return (T) values.getOrDefault(key, fallback);
  }

  /** The quota of {@code operation} of {@code carrier}, when it has one. */
  public Optional<RateLimit> rateLimit(CarrierId carrier, Operation operation) {
    return resolve(carrier, operation).quota();
  }

  @Override
  public String toString() {
    return "ResiliencePolicy" + layers;
  }

  private record Layer(CarrierId carrier, Operation operation, Map<Key, Object> values) {
    boolean matches(CarrierId c, Operation o) {
      return (carrier == null || carrier.equals(c)) && (operation == null || operation == o);
    }

    @Override
    public String toString() {
      return (carrier == null ? "*" : carrier.value()) + "/" + (operation == null ? "*" : operation.name()) + "=" + values;
    }
  }

  /** The settings a scope may set, named as their setters (they show in {@link #toString()}). */
  private enum Key {
    maxAttempts, initialBackoff, backoffMultiplier, maxBackoff, maxRetryAfter, rateLimit, rateLimitTimeout,
    connectTimeout, readTimeout, attemptTimeout, callTimeout, circuitBreaker, maxConcurrentCalls,
    maxWaitForConcurrency
  }

  private static final Set<Key> PER_CARRIER = EnumSet.of(Key.circuitBreaker, Key.maxConcurrentCalls,
      Key.maxWaitForConcurrency);

  /** The value of {@link Key#rateLimit} that removes a rate limit set below. */
  private static final String UNLIMITED = "unlimited";

  /** The settings of one scope; every setter validates at once, and setting a field again replaces it. */
  public static final class Settings {
    private final Map<Key, Object> v = new EnumMap<>(Key.class);

    private Settings() {}

    private Settings set(Key key, Object value) {
      v.put(key, value);
      return this;
    }

    /** Attempts per call, the first included; 1 disables retries. */
    public Settings maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) throw new IllegalArgumentException(MAX_ATTEMPTS_MUST_BE_POSITIVE);
      return set(Key.maxAttempts, maxAttempts);
    }

    /** Full-jitter backoff: before retry {@code n} a random wait up to {@code min(max, initial * mult^(n-1))}. */
    public Settings backoff(Duration initial, double multiplier, Duration max) {
      positive(initial, BACKOFF_MUST_BE_POSITIVE);
      positive(max, BACKOFF_MUST_BE_POSITIVE);
      if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) throw new IllegalArgumentException(MULTIPLIER_TOO_SMALL);
      if (max.compareTo(initial) < 0) throw new IllegalArgumentException(BACKOFF_CAP_BELOW_INITIAL);
      return set(Key.initialBackoff, initial).set(Key.backoffMultiplier, multiplier).set(Key.maxBackoff, max);
    }

    /** The longest {@code Retry-After} waited for; a longer one fails at once with {@code RateLimitedException}. */
    public Settings maxRetryAfter(Duration maxRetryAfter) {
      return set(Key.maxRetryAfter, notNegative(maxRetryAfter));
    }

    /** The carrier's quota: one permit every {@link RateLimit#interval()}. */
    public Settings rateLimit(RateLimit rateLimit) {
      return set(Key.rateLimit, Objects.requireNonNull(rateLimit, "rateLimit"));
    }

    /** Removes a rate limit a wider scope or the carrier's defaults set. */
    public Settings unlimited() {
      return set(Key.rateLimit, UNLIMITED);
    }

    /** How long a caller waits for a permit before getting {@code RateLimitedException}; 0 fails at once. */
    public Settings rateLimitTimeout(Duration timeout) {
      return set(Key.rateLimitTimeout, notNegative(timeout));
    }

    public Settings connectTimeout(Duration timeout) {
      return set(Key.connectTimeout, positive(timeout, TIMEOUT_MUST_BE_POSITIVE));
    }

    /** The longest silence while reading or writing (OkHttp read and write timeouts). */
    public Settings readTimeout(Duration timeout) {
      return set(Key.readTimeout, positive(timeout, TIMEOUT_MUST_BE_POSITIVE));
    }

    /** The whole of one attempt, connect to last byte (OkHttp call timeout). */
    public Settings attemptTimeout(Duration timeout) {
      positive(timeout, TIMEOUT_MUST_BE_POSITIVE);
      if (v.get(Key.callTimeout) instanceof Duration call && timeout.compareTo(call) > 0) {
        throw new IllegalArgumentException(ATTEMPT_TIMEOUT_ABOVE_CALL_TIMEOUT);
      }
      return set(Key.attemptTimeout, timeout);
    }

    /** The whole call: attempts, backoff and permit waits. No retry starts that would end past it. */
    public Settings callTimeout(Duration timeout) {
      positive(timeout, TIMEOUT_MUST_BE_POSITIVE);
      if (v.get(Key.attemptTimeout) instanceof Duration attempt && attempt.compareTo(timeout) > 0) {
        throw new IllegalArgumentException(ATTEMPT_TIMEOUT_ABOVE_CALL_TIMEOUT);
      }
      return set(Key.callTimeout, timeout);
    }

    /** The carrier's circuit breaker ({@link CircuitBreakerSettings#DISABLED} to turn it off). */
    public Settings circuitBreaker(CircuitBreakerSettings circuitBreaker) {
      return set(Key.circuitBreaker, Objects.requireNonNull(circuitBreaker, "circuitBreaker"));
    }

    /** The carrier's bulkhead: at most this many calls in flight at once. */
    public Settings maxConcurrentCalls(int maxConcurrentCalls) {
      if (maxConcurrentCalls < 1) throw new IllegalArgumentException(MAX_CONCURRENT_CALLS_MUST_BE_POSITIVE);
      return set(Key.maxConcurrentCalls, maxConcurrentCalls);
    }

    /** How long a call waits for a bulkhead slot before failing; 0 (default) fails at once. */
    public Settings maxWaitForConcurrency(Duration wait) {
      return set(Key.maxWaitForConcurrency, notNegative(wait));
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
      scopes.forEach((k, s) -> {
        Layer l = new Layer((CarrierId) k.get(0), (Operation) k.get(1), new EnumMap<>(s.v));
        if (l.operation != null && !Collections.disjoint(l.values.keySet(), PER_CARRIER)) {
          throw new IllegalArgumentException(PER_CARRIER_SETTING_FOR_OPERATION + " (" + l + ")");
        }
        sorted.add(l);
      });
      sorted.sort(Comparator.comparingInt(l -> (l.carrier != null ? 2 : 0) + (l.operation != null ? 1 : 0)));
      return new ResiliencePolicy(sorted);
    }
  }
}
