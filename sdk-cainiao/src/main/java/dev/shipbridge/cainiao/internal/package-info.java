/**
 * The Cainiao adapter's insides: IOP and LINK signing; one file per capability with its form
 * records, its calls and its answers' mapping ({@code QuoteMapper}, {@code LabelMapper} with {@code
 * CainiaoOrders}, {@code TrackMapper}, {@code ManifestMapper}, {@code PushMapper}); the wire records
 * ({@code CainiaoWire}) and their coercions ({@code CainiaoJson}); the action-code table; the one
 * transport (it signs exactly what it sends) and the one error mapping. Not API.
 *
 * <pre>{@code
 * String sign = Signers.iop(params, appSecret);             // HMAC-SHA256, uppercase hex
 * String digest = Signers.linkDigest(content, secretKey, UTF_8); // Base64(MD5(content + key))
 * }</pre>
 */
package dev.shipbridge.cainiao.internal;
