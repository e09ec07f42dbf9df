package dev.shipbridge.spi;

import dev.shipbridge.model.Address;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import java.util.List;
import java.util.Optional;

/** Prices a parcel. One HTTP exchange (or a fixed few) per call; the core adds retries and limits. */
public interface QuoteCapability extends Capability {
  /** Every service this carrier offers for the request; empty when it serves none. */
  List<Quote> quote(QuoteRequest request);

  /**
   * Where this carrier hands the parcel of {@code quote} (one of its own quotes that does not cover
   * the last mile) to another carrier, for example the US induction facility a Cainiao solution
   * ends at; empty (the default) when the quote goes to the door or the carrier does not know. The
   * facade then asks the other carriers for the last mile from there and offers the two legs as a
   * {@link dev.shipbridge.model.CombinedOffer}.
   *
   * <pre>{@code
   * public Optional<Address> handoverPoint(Quote quote) {
   *   return quote.legs().contains(Leg.LAST_MILE) ? Optional.empty() : Optional.ofNullable(inductions.get(quote.serviceCode()));
   * }
   * }</pre>
   */
  default Optional<Address> handoverPoint(Quote quote) {
    return Optional.empty();
  }
}
