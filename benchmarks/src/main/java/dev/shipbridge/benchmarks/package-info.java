/**
 * JMH benchmarks of Shipbridge: SDK overhead on a stub transport, SDK vs raw OkHttp on loopback, a
 * rate-limited tracking batch, parallel quotes and cold start. Run them with the shaded jar; see
 * {@code BENCHMARKS.md} at the repository root.
 */
package dev.shipbridge.benchmarks;
