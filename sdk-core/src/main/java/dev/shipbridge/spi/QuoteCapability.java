package dev.shipbridge.spi;

import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import java.util.List;

/** Prices a parcel. One HTTP exchange (or a fixed few) per call; the core adds retries and limits. */
public interface QuoteCapability extends Capability {
  /** Every service this carrier offers for the request; empty when it serves none. */
  List<Quote> quote(QuoteRequest request);
}
