package dev.shipbridge.cainiao.internal;

import dev.shipbridge.ValidationException;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Leg;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The solutions declared to end at US induction, with the facility each hands parcels to USPS at:
 * Cainiao's answer never says where a solution ends, so every other one is read as door to door.
 */
public final class UsInductions {
  public static final UsInductions NONE = new UsInductions(Map.of());
  /** The legs of a solution that ends at US induction: everything before the US last mile. */
  static final Set<Leg> TO_INDUCTION = Set.copyOf(EnumSet.of(Leg.FIRST_MILE, Leg.EXPORT_CUSTOMS, Leg.LINE_HAUL, Leg.IMPORT_CUSTOMS));

  private final Map<String, Address> bySolution;

  public UsInductions(Map<String, Address> bySolution) {
    this.bySolution = Map.copyOf(bySolution);
  }

  /** Whether {@code solutionCode}, quoted for {@code request}, ends at US induction. */
  boolean endsAtInduction(String solutionCode, QuoteRequest request) {
    return solutionCode != null && bySolution.containsKey(solutionCode)
        && "US".equals(request.to().country()) && request.isInternational();
  }

  /** The facility where a quote of carrier {@code id} for a declared solution hands over to USPS. */
  public Optional<Address> handover(CarrierId id, Quote quote) {
    if (!quote.carrier().equals(id) || quote.legs().contains(Leg.LAST_MILE)) return Optional.empty();
    return Optional.ofNullable(bySolution.get(quote.serviceCode()));
  }

  /** The facility's postal code, for the quote's details. */
  String postalCode(String solutionCode) {
    Address a = bySolution.get(solutionCode);
    return a == null ? null : a.postalCode();
  }

  /** A declared solution to a US address would buy no last mile: refused, as combined offers cannot be bought. */
  public List<ValidationException.Violation> violations(LabelRequest request) {
    if (request.serviceCode() == null || !bySolution.containsKey(request.serviceCode())
        || request.to() == null || !"US".equals(request.to().country())) {
      return List.of();
    }
    return List.of(new ValidationException.Violation("serviceCode", request.serviceCode()
        + " ends at US induction (" + bySolution.get(request.serviceCode()).postalCode() + "): it is the first leg of a"
        + " combined offer, and buying combined offers is not supported; buy a door-to-door offer"));
  }
}
