package dev.shipbridge.model;

import dev.shipbridge.account.AccountId;
import dev.shipbridge.spi.support.Checks;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One carrier's price for one service.
 *
 * <pre>{@code
 * for (Quote q : result.quotes()) {
 *   System.out.printf("%s %s %s %s days%n", q.carrier(), q.serviceName(), q.total(), q.transitDays());
 * }
 * }</pre>
 *
 * @param carrier who quotes
 * @param serviceCode the carrier's code, passed back in a {@link LabelRequest}
 * @param serviceName a display name
 * @param serviceLevel how fast the service is meant to be
 * @param total what the label would cost
 * @param breakdown the parts of the total (base price, surcharges, extra services)
 * @param minTransitDays fastest transit in days, or null when unknown
 * @param maxTransitDays slowest transit in days, or null when unknown
 * @param deliveryDate the expected delivery date, or null
 * @param guaranteed whether the carrier guarantees the delivery date
 * @param legs the legs of the journey this price covers
 * @param details carrier-specific facts (zone, recommendation index, which API answered, ...), never secrets
 * @param daysBasis whether the days are the carrier's commitment, an estimate, or unknown
 * @param staleAge null for a fresh answer; for a quote served from the stale-quote cache (the
 *     carrier refused for quota), how old the cached answer is
 * @param account the account the quote was priced under (its credentials, its contract prices),
 *     stamped by {@code Shipbridge.quote} when the request named one or the instance is bound for
 *     one; null for the instance's own. {@link LabelRequest.Builder#quote} copies it, so the label
 *     is bought under the account that priced it
 */
public record Quote(
    CarrierId carrier, String serviceCode, String serviceName, ServiceLevel serviceLevel, Money total,
    List<Charge> breakdown, Integer minTransitDays, Integer maxTransitDays, LocalDate deliveryDate,
    boolean guaranteed, Set<Leg> legs, Map<String, String> details, DaysBasis daysBasis, Duration staleAge,
    AccountId account) {

  /** One part of a price. */
  public record Charge(String name, Money amount) {}

  public Quote {
    breakdown = breakdown == null ? List.of() : List.copyOf(breakdown);
    legs = legs == null ? Set.of() : Set.copyOf(legs);
    details = details == null ? Map.of() : Map.copyOf(details);
    serviceLevel = serviceLevel == null ? ServiceLevel.UNKNOWN : serviceLevel;
    Checks c = new Checks();
    c.notNull("carrier", carrier);
    c.notBlank("serviceCode", serviceCode, 128);
    c.notNull("total", total);
    if (minTransitDays != null && maxTransitDays != null && minTransitDays > maxTransitDays) {
      c.add("minTransitDays", "is more than maxTransitDays");
    }
    if (staleAge != null && staleAge.isNegative()) c.add("staleAge", "is negative");
    c.throwIfAny();
    serviceName = serviceName == null ? serviceCode : serviceName;
    boolean noDays = minTransitDays == null && maxTransitDays == null && deliveryDate == null;
    if (noDays) daysBasis = DaysBasis.UNKNOWN;
    else if (daysBasis == null || daysBasis == DaysBasis.UNKNOWN) daysBasis = DaysBasis.ESTIMATE;
  }

  /** Whether this quote was served from the stale-quote cache ({@link #staleAge()} says how old). */
  public boolean isStale() {
    return staleAge != null;
  }

  /** The same quote marked as served from a cache, {@code age} old. */
  public Quote asStale(Duration age) {
    return new Quote(carrier, serviceCode, serviceName, serviceLevel, total, breakdown, minTransitDays,
        maxTransitDays, deliveryDate, guaranteed, legs, details, daysBasis, age, account);
  }

  /** The same quote priced under {@code account} (null: the instance's own); {@code Shipbridge} stamps it. */
  public Quote withAccount(AccountId account) {
    return new Quote(carrier, serviceCode, serviceName, serviceLevel, total, breakdown, minTransitDays,
        maxTransitDays, deliveryDate, guaranteed, legs, details, daysBasis, staleAge, account);
  }

  /** A copy with other days; for adapters filling days from a second source. */
  public Quote withDays(Integer min, Integer max, LocalDate date, DaysBasis basis) {
    return new Quote(carrier, serviceCode, serviceName, serviceLevel, total, breakdown, min, max, date,
        guaranteed, legs, details, basis, staleAge, account);
  }

  /** A copy with more details (later keys win); for adapters. */
  public Quote withDetails(Map<String, String> more) {
    Map<String, String> all = new java.util.LinkedHashMap<>(details);
    all.putAll(more);
    return new Quote(carrier, serviceCode, serviceName, serviceLevel, total, breakdown, minTransitDays,
        maxTransitDays, deliveryDate, guaranteed, legs, all, daysBasis, staleAge, account);
  }

  /** Slowest transit when known, else fastest, else null. */
  public Integer transitDays() {
    return maxTransitDays != null ? maxTransitDays : minTransitDays;
  }

  /** "3-5", "4", "by 2026-12-07" (a date without days) or "?" for display. */
  public String transitDaysText() {
    if (minTransitDays == null && maxTransitDays == null) return deliveryDate == null ? "?" : "by " + deliveryDate;
    if (minTransitDays == null || maxTransitDays == null || minTransitDays.equals(maxTransitDays)) {
      return String.valueOf(transitDays());
    }
    return minTransitDays + "-" + maxTransitDays;
  }

  public static Builder builder(CarrierId carrier, String serviceCode, Money total) {
    return new Builder(carrier, serviceCode, total);
  }

  /** Builds a {@link Quote}; for adapters. */
  public static final class Builder {
    private final CarrierId carrier;
    private final String serviceCode;
    private final Money total;
    private String serviceName;
    private ServiceLevel serviceLevel = ServiceLevel.UNKNOWN;
    private List<Charge> breakdown = List.of();
    private Integer minTransitDays;
    private Integer maxTransitDays;
    private LocalDate deliveryDate;
    private boolean guaranteed;
    private Set<Leg> legs = Set.of();
    private Map<String, String> details = Map.of();
    private DaysBasis daysBasis;

    private Builder(CarrierId carrier, String serviceCode, Money total) {
      this.carrier = carrier;
      this.serviceCode = serviceCode;
      this.total = total;
    }

    public Builder serviceName(String v) { this.serviceName = v; return this; }
    public Builder serviceLevel(ServiceLevel v) { this.serviceLevel = v; return this; }
    public Builder breakdown(List<Charge> v) { this.breakdown = v; return this; }
    public Builder transitDays(Integer min, Integer max) { this.minTransitDays = min; this.maxTransitDays = max; return this; }
    public Builder deliveryDate(LocalDate v) { this.deliveryDate = v; return this; }
    public Builder guaranteed(boolean v) { this.guaranteed = v; return this; }
    public Builder legs(Set<Leg> v) { this.legs = v; return this; }
    public Builder details(Map<String, String> v) { this.details = v; return this; }
    /** Whether the days are a commitment or an estimate (default: estimate when days are given). */
    public Builder daysBasis(DaysBasis v) { this.daysBasis = v; return this; }

    public Quote build() {
      return new Quote(carrier, serviceCode, serviceName, serviceLevel, total, breakdown,
          minTransitDays, maxTransitDays, deliveryDate, guaranteed, legs, details, daysBasis, null, null);
    }
  }
}
