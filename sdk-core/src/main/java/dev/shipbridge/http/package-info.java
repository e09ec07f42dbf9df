/**
 * HTTP plumbing for adapters: the shared {@link dev.shipbridge.http.HttpTransport} (OkHttp, one
 * attempt per call, per-operation timeouts, failures classified for the retry layer, a Shipbridge
 * {@code User-Agent}, redacted logging), the {@link dev.shipbridge.http.JsonCodec} (Jackson with
 * size limits; damaged versus wrong-shape answers), {@link dev.shipbridge.http.WireErrors} (status
 * to exception, aware of {@link dev.shipbridge.http.RequestSafety}) and {@link
 * dev.shipbridge.http.Redaction} (what logs hide; adapters add their carrier's names). For adapter
 * authors; users never need it.
 *
 * <pre>{@code
 * HttpTransport transport = context.transport().withRedactedFields("logistics_interface");
 * HttpResult r = transport.execute(id, request, RequestSafety.NON_IDEMPOTENT, key);
 * if (!r.isSuccessful()) throw WireErrors.forStatus(id, r, code, message, fields, clock, RequestSafety.NON_IDEMPOTENT, key);
 * LabelDto dto = transport.json().read(id, r, LabelDto.class, RequestSafety.NON_IDEMPOTENT, key);
 * }</pre>
 */
package dev.shipbridge.http;
