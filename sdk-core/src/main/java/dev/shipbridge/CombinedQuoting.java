package dev.shipbridge;

import dev.shipbridge.model.Address;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.CombinedOffer;
import dev.shipbridge.model.Leg;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.spi.QuoteCapability;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second step of a cross-border quote: the other carriers' last mile from each handover point
 * in the destination country ({@link QuoteCapability#handoverPoint}), paired as {@link
 * CombinedOffer}s. One call per handover postal code and carrier, none when the first step was
 * already priced from there; a last-mile failure is one more entry in {@code failures()}.
 */
final class CombinedQuoting {
  private static final Logger log = LoggerFactory.getLogger(CombinedQuoting.class);
  /** The detail a last-mile quote names the postal code it was priced from with (USPS: {@code originZIPCode}). */
  static final String ORIGIN_POSTAL_CODE = "originZIPCode";

  private final FacadeCalls calls;

  CombinedQuoting(FacadeCalls calls) {
    this.calls = calls;
  }

  /** One handover point and the first-leg quotes that end there. */
  private record Handover(Address address, List<Quote> firstLegs) {}

  /** {@code first} with its combined offers, asking the last-mile carriers before {@code deadline}. */
  CompletableFuture<QuoteResult> combine(QuoteRequest request, Map<CarrierId, QuoteCapability> caps, QuoteResult first,
      Quoting.Deadline deadline) {
    Map<String, Handover> handovers = handovers(request, caps, first.quotes());
    if (handovers.isEmpty()) return CompletableFuture.completedFuture(first);
    List<CompletableFuture<List<CombinedOffer>>> parts = new ArrayList<>();
    List<CarrierFailure> failures = new java.util.concurrent.CopyOnWriteArrayList<>(first.failures());
    for (Map.Entry<String, Handover> h : handovers.entrySet()) {
      for (Map.Entry<CarrierId, QuoteCapability> last : caps.entrySet()) {
        CarrierId id = last.getKey();
        List<Quote> firsts = h.getValue().firstLegs().stream().filter(q -> !q.carrier().equals(id)).toList();
        if (firsts.isEmpty()) continue;
        Function<List<Quote>, List<CombinedOffer>> pair = lastLegs -> pairs(firsts, lastLegs, h.getValue().address());
        List<Quote> known = first.quotes().stream().filter(q -> q.carrier().equals(id) && isLastMile(q)
            && h.getKey().equals(postal(q.details().get(ORIGIN_POSTAL_CODE)))).toList();
        if (!known.isEmpty()) {
          parts.add(CompletableFuture.completedFuture(pair.apply(known))); // already priced from there: no call
          continue;
        }
        parts.add(Quoting.ask(calls, id, legRequest(request, h.getValue().address(), id), deadline,
                "did not quote the last mile of a combined offer within the quote timeout")
            .thenApply(r -> {
              if (r instanceof ShipbridgeException e) {
                failures.add(new CarrierFailure(id, e));
                return List.of();
              }
              @SuppressWarnings("unchecked")
              List<Quote> quotes = (List<Quote>) r;
              return pair.apply(quotes);
            }));
      }
    }
    return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
      List<CombinedOffer> combined = new ArrayList<>(first.combined());
      parts.forEach(p -> combined.addAll(p.join()));
      return new QuoteResult(first.quotes(), List.copyOf(failures), first.rates(), first.rankCurrency(), combined);
    });
  }

  /** Handover points in the destination country, by postal code, with the quotes ending there. */
  private static Map<String, Handover> handovers(QuoteRequest request, Map<CarrierId, QuoteCapability> caps, List<Quote> quotes) {
    Map<String, Handover> out = new LinkedHashMap<>();
    if (!request.isInternational()) return out;
    for (Quote q : quotes) {
      QuoteCapability cap = caps.get(q.carrier());
      if (cap == null || q.legs().isEmpty() || q.legs().contains(Leg.LAST_MILE)) continue;
      Optional<Address> at;
      try {
        at = cap.handoverPoint(q);
      } catch (RuntimeException e) {
        log.debug("{} could not say where quote {} hands over: {}", q.carrier(), q.serviceCode(), e.toString());
        continue;
      }
      if (at == null || at.isEmpty() || !at.get().country().equals(request.to().country())) continue;
      String postal = postal(at.get().postalCode());
      if (postal == null) continue;
      out.computeIfAbsent(postal, k -> new Handover(at.get(), new ArrayList<>())).firstLegs().add(q);
    }
    return out;
  }

  private static QuoteRequest legRequest(QuoteRequest request, Address from, CarrierId carrier) {
    return QuoteRequest.builder().from(from).to(request.to()).parcel(request.parcel())
        .carriers(carrier).shipDate(request.shipDate()).build();
  }

  private static List<CombinedOffer> pairs(List<Quote> firsts, List<Quote> lasts, Address handover) {
    List<CombinedOffer> out = new ArrayList<>();
    for (Quote f : firsts) {
      for (Quote l : lasts) if (l != null && isLastMile(l)) out.add(new CombinedOffer(f, l, handover));
    }
    return out;
  }

  /** Covers the last mile and starts in the destination country (no first mile, no customs). */
  private static boolean isLastMile(Quote q) {
    return q.legs().contains(Leg.LAST_MILE) && !q.legs().contains(Leg.FIRST_MILE) && !q.legs().contains(Leg.IMPORT_CUSTOMS);
  }

  /** A postal code's first part ({@code 90045} of {@code 90045-1234}), or null. */
  private static String postal(String code) {
    if (code == null || code.isBlank()) return null;
    String c = code.strip();
    int dash = c.indexOf('-');
    return dash > 0 ? c.substring(0, dash) : c;
  }
}
