/**
 * The USPS adapter: {@link dev.shipbridge.usps.UspsCarrier} (USPS REST APIs v3 with OAuth 2.0)
 * and its builder and options. Everything else lives in {@code dev.shipbridge.usps.internal} and is
 * not part of the API.
 *
 * <pre>{@code
 * UspsCarrier usps = UspsCarrier.builder().clientId(id).clientSecret(secret)
 *     .paymentAccount(UspsCarrier.PaymentAccount.eps(crid, mid, manifestMid, epsAccount)).build();
 * Shipbridge shipbridge = Shipbridge.builder().carrier(usps).build();
 * Tracking t = shipbridge.track("9400109104250532908587");
 * }</pre>
 *
 * <h2>Tokens</h2>
 *
 * The OAuth access token is cached in the {@code Shipbridge}'s token store, one per credential,
 * refreshed a tenth of its lifetime early (at most 30 minutes) and fetched by one thread however
 * many need it; a 401 refreshes it and replays the call once. Labels, cancellations and SCAN
 * forms also send a payment authorization token for the payment account, cached for its eight hours.
 * A merchant's authorization ({@link dev.shipbridge.usps.UspsAuthorization#merchant}) adds a
 * refresh token, kept and rotated in the same store, and {@link
 * dev.shipbridge.usps.UspsCarrier#revokeAuthorization()} revokes both.
 *
 * <h2>Quotes</h2>
 *
 * One {@code POST /shipments/v3/options/search} (Shipping Options 3.0) prices every mail class,
 * domestic ones with their delivery commitment; an account refused it (403/404) is quoted with the
 * Prices APIs, and domestic days then come from Service Standards, cached per ZIP3 pair.
 *
 * <h2>Quotes from abroad</h2>
 *
 * USPS carries the US part of a journey. A parcel from outside the US to a US address (China to
 * the US through Cainiao) is priced with domestic prices from the {@link dev.shipbridge.usps.UspsCarrier.Builder#inductionZip
 * induction ZIP}, the US ZIP where the parcel enters the USPS network (a gateway or the
 * consolidator's facility); such quotes cover only {@link dev.shipbridge.model.Leg#LAST_MILE}.
 * Without an induction ZIP, USPS declines to quote them (a {@code ValidationException} in the
 * quote result's failures). Labels always need a US sender address.
 *
 * <h2>Idempotent label purchases</h2>
 *
 * The label request's {@link dev.shipbridge.model.IdempotencyKey} is sent as {@code
 * X-Idempotency-Key} (as is when it is a UUID, else as a name-based UUID of the CRID and the key,
 * in {@code label.details().get("idempotencyUuid")}); USPS returns the existing label for a
 * repeated key and identical payload, so a purchase whose answer was lost is retried under it.
 *
 * <h2>Tracking</h2>
 *
 * By default numbers are tracked with {@code POST /tracking/v3r2/tracking}, up to 35 a call
 * ({@link dev.shipbridge.usps.UspsCarrier#maxBatchSize()}); {@link dev.shipbridge.usps.UspsCarrier.Builder#trackingApi} switches to {@code GET
 * /tracking/v3/tracking/{n}?expand=DETAIL}, one call per number. IMpb numbers (with or without
 * the {@code 420}+ZIP routing prefix) and S10 numbers ending {@code US} are recognised by their
 * check digits.
 */
package dev.shipbridge.usps;
