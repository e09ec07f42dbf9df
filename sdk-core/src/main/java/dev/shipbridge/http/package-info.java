/**
 * HTTP plumbing for adapters: the shared {@link dev.shipbridge.http.HttpTransport} (OkHttp, one
 * attempt per call, failures classified for the retry layer), the {@link
 * dev.shipbridge.http.JsonCodec} (Jackson with size limits) and {@link
 * dev.shipbridge.http.WireErrors} (status to exception). For adapter authors; users never need it.
 *
 * <pre>{@code
 * HttpResult r = context.transport().execute(id, request, RequestSafety.IDEMPOTENT, null);
 * MyDto dto = context.transport().json().read(id, r.body(), MyDto.class);
 * }</pre>
 */
package dev.shipbridge.http;
