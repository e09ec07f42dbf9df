/**
 * Resilience settings: {@link dev.shipbridge.resilience.ResiliencePolicy} sets retries, rate
 * limits, circuit breakers and timeouts per carrier and per operation.
 *
 * <pre>{@code
 * ResiliencePolicy policy = ResiliencePolicy.custom().build();
 * Shipbridge.builder().resilience(policy);
 * }</pre>
 */
package dev.shipbridge.resilience;
