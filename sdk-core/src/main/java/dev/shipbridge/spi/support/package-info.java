/**
 * Helpers for integrators writing a carrier adapter, kept compatible like the rest of the public
 * API: collect every input violation before a call ({@link dev.shipbridge.spi.support.Checks}),
 * build a model's {@code details} map ({@link dev.shipbridge.spi.support.Details}), keep tokens in
 * memory with single-flight fetches ({@link dev.shipbridge.spi.support.InMemoryTokenStore}), mask
 * secret values wherever text is built ({@link dev.shipbridge.spi.support.KnownSecrets}), apply the
 * replay rule to pushed notifications ({@link dev.shipbridge.spi.support.ReplayGuard}) and the
 * base-URL rule ({@link dev.shipbridge.spi.support.BaseUrls}). The wire helpers (transport, JSON,
 * HTTP failure mapping) are in {@link dev.shipbridge.http}.
 *
 * <pre>{@code
 * public List<ValidationException.Violation> check(LabelRequest request) {
 *   Checks c = new Checks();
 *   c.text("customs.invoiceNumber", request.customs().invoiceNumber(), 15);
 *   return c.violations();
 * }
 * }</pre>
 */
package dev.shipbridge.spi.support;
