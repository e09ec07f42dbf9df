/**
 * Resilience settings: {@link dev.shipbridge.resilience.ResiliencePolicy} sets retries, rate
 * limits ({@link dev.shipbridge.resilience.RateLimit}, evenly spaced), circuit breakers,
 * bulkheads and timeouts per carrier and per operation; {@link
 * dev.shipbridge.resilience.ResilienceListener} hears what the layer does; {@link
 * dev.shipbridge.resilience.Sleeper} lets tests run it on a fake clock.
 *
 * <pre>{@code
 * ResiliencePolicy policy = ResiliencePolicy.custom()
 *     .operation(Operation.TRACK, s -> s.rateLimitTimeout(Duration.ofMinutes(2)))
 *     .build();
 * Shipbridge.builder().resilience(policy);
 * }</pre>
 */
package dev.shipbridge.resilience;
