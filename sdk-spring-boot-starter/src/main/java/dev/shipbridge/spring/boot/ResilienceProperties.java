package dev.shipbridge.spring.boot;

import dev.shipbridge.resilience.ResiliencePolicy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * {@code shipbridge.resilience.*}: settings for all calls, per operation, per carrier, and per
 * carrier and operation; the more specific wins, and what is unset keeps the carrier's default.
 *
 * <pre>{@code
 * shipbridge.resilience.all.max-attempts=4
 * shipbridge.resilience.operations.quote.call-timeout=20s
 * shipbridge.resilience.carriers.usps.all.rate-limit-timeout=90s
 * shipbridge.resilience.carriers.usps.operations.label.max-attempts=2
 * }</pre>
 */
public class ResilienceProperties extends ResilienceLayers {
  /** Settings per carrier id (usps, cainiao, ...), for all its operations or per operation. */
  private Map<String, ResilienceLayers> carriers = new LinkedHashMap<>();

  public Map<String, ResilienceLayers> getCarriers() {
    return carriers;
  }

  public void setCarriers(Map<String, ResilienceLayers> carriers) {
    this.carriers = carriers;
  }

  /** The policy these properties describe, or null when none is set. */
  ResiliencePolicy toPolicy() {
    if (!isSet() && carriers.values().stream().noneMatch(ResilienceLayers::isSet)) return null;
    ResiliencePolicy.Builder b = ResiliencePolicy.custom();
    apply(b::all, b::operation);
    carriers.forEach((id, c) -> {
      dev.shipbridge.model.CarrierId carrier = new dev.shipbridge.model.CarrierId(id);
      c.apply(s -> b.carrier(carrier, s), (op, s) -> b.carrier(carrier, op, s));
    });
    return b.build();
  }

  /** One layer of settings; what is unset is inherited. */
  public static class Settings {
    /** Attempts per call, the first included (1: no retry). */
    private Integer maxAttempts;
    /** The pause before the first retry; set with backoff-multiplier and max-backoff. */
    private Duration initialBackoff;
    /** How much each pause grows. */
    private Double backoffMultiplier;
    /** The longest pause between attempts. */
    private Duration maxBackoff;
    /** The longest carrier Retry-After honoured. */
    private Duration maxRetryAfter;
    /** How long a caller queues for a rate-limit permit before the call is refused. */
    private Duration rateLimitTimeout;
    /** TCP connect timeout of one attempt. */
    private Duration connectTimeout;
    /** Read timeout of one attempt. */
    private Duration readTimeout;
    /** The whole time one attempt may take. */
    private Duration attemptTimeout;
    /** The whole time one call may take, retries and waits included. */
    private Duration callTimeout;
    /** Calls in flight per carrier (the bulkhead). */
    private Integer maxConcurrentCalls;
    /** How long a call waits for a free bulkhead slot. */
    private Duration maxWaitForConcurrency;

    boolean isSet() {
      return maxAttempts != null || initialBackoff != null || backoffMultiplier != null || maxBackoff != null
          || maxRetryAfter != null || rateLimitTimeout != null || connectTimeout != null || readTimeout != null
          || attemptTimeout != null || callTimeout != null || maxConcurrentCalls != null || maxWaitForConcurrency != null;
    }

    void applyTo(ResiliencePolicy.Settings s) {
      if (maxAttempts != null) s.maxAttempts(maxAttempts);
      if (initialBackoff != null || backoffMultiplier != null || maxBackoff != null) {
        var d = ResiliencePolicy.BUILT_IN;
        s.backoff(initialBackoff != null ? initialBackoff : d.initialBackoff(),
            backoffMultiplier != null ? backoffMultiplier : d.backoffMultiplier(),
            maxBackoff != null ? maxBackoff : d.maxBackoff());
      }
      set(maxRetryAfter, s::maxRetryAfter);
      set(rateLimitTimeout, s::rateLimitTimeout);
      set(connectTimeout, s::connectTimeout);
      set(readTimeout, s::readTimeout);
      set(attemptTimeout, s::attemptTimeout);
      set(callTimeout, s::callTimeout);
      if (maxConcurrentCalls != null) s.maxConcurrentCalls(maxConcurrentCalls);
      set(maxWaitForConcurrency, s::maxWaitForConcurrency);
    }

    private static void set(Duration value, Consumer<Duration> setter) {
      if (value != null) setter.accept(value);
    }

    public Integer getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(Integer maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    public Double getBackoffMultiplier() {
      return backoffMultiplier;
    }

    public void setBackoffMultiplier(Double backoffMultiplier) {
      this.backoffMultiplier = backoffMultiplier;
    }

    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    public Duration getMaxRetryAfter() {
      return maxRetryAfter;
    }

    public void setMaxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = maxRetryAfter;
    }

    public Duration getRateLimitTimeout() {
      return rateLimitTimeout;
    }

    public void setRateLimitTimeout(Duration rateLimitTimeout) {
      this.rateLimitTimeout = rateLimitTimeout;
    }

    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
      return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
    }

    public Duration getAttemptTimeout() {
      return attemptTimeout;
    }

    public void setAttemptTimeout(Duration attemptTimeout) {
      this.attemptTimeout = attemptTimeout;
    }

    public Duration getCallTimeout() {
      return callTimeout;
    }

    public void setCallTimeout(Duration callTimeout) {
      this.callTimeout = callTimeout;
    }

    public Integer getMaxConcurrentCalls() {
      return maxConcurrentCalls;
    }

    public void setMaxConcurrentCalls(Integer maxConcurrentCalls) {
      this.maxConcurrentCalls = maxConcurrentCalls;
    }

    public Duration getMaxWaitForConcurrency() {
      return maxWaitForConcurrency;
    }

    public void setMaxWaitForConcurrency(Duration maxWaitForConcurrency) {
      this.maxWaitForConcurrency = maxWaitForConcurrency;
    }
  }
}
