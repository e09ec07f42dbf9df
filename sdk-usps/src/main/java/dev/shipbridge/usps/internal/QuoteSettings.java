package dev.shipbridge.usps.internal;

import java.time.Duration;

/**
 * How a {@code UspsCarrier} quotes, as its builder checked it.
 *
 * @param shippingOptions ask Shipping Options 3.0 first (one call for every class, with commitments);
 *     false: the Prices APIs only
 * @param standardsTtl how long a Service Standards answer is reused per origin ZIP3, destination
 *     ZIP3 and mail class; zero: Service Standards are not asked
 */
public record QuoteSettings(boolean shippingOptions, Duration standardsTtl) {
  public static final QuoteSettings DEFAULT = new QuoteSettings(true, Duration.ofHours(24));
}
