package dev.shipbridge.usps.internal;

import java.time.Duration;

/**
 * How a {@code UspsCarrier} quotes, as its builder checked it.
 *
 * @param shippingOptions ask Shipping Options 3.0 first (one call for every class, with commitments);
 *     false: the Prices APIs only
 * @param standardsTtl how long a Service Standards answer is reused per origin ZIP3, destination
 *     ZIP3 and mail class; zero: Service Standards are not asked
 * @param optionsRefusalMemory how long a 403/404 refusal of Shipping Options is remembered (no
 *     call to it meanwhile: Prices answer directly)
 */
public record QuoteSettings(boolean shippingOptions, Duration standardsTtl, Duration optionsRefusalMemory) {
  public static final Duration DEFAULT_STANDARDS_TTL = Duration.ofHours(24);
  public static final Duration DEFAULT_REFUSAL_MEMORY = Duration.ofHours(24);
  public static final QuoteSettings DEFAULT = new QuoteSettings(true, DEFAULT_STANDARDS_TTL, DEFAULT_REFUSAL_MEMORY);
}
