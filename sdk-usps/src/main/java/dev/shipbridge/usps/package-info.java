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
 */
package dev.shipbridge.usps;
