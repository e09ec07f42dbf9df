package dev.shipbridge.model;

import dev.shipbridge.account.AccountId;
import dev.shipbridge.spi.support.Checks;
import java.time.LocalDate;
import java.util.Set;

/**
 * What to price: from where, to where, what, and (for international parcels) what is inside.
 *
 * <pre>{@code
 * QuoteRequest request = QuoteRequest.builder()
 *     .from(warehouse).to(customer).parcel(Parcel.of(Weight.grams(850)))
 *     .customs(customs)            // required when the countries differ
 *     .build();
 * }</pre>
 *
 * @param carriers the carriers to ask; empty means every carrier that can quote
 * @param serviceLevel only quotes of this level, or null for all
 * @param shipDate null for today
 * @param account the account the quote runs under, or null for the instance's own (see {@link
 *     #withAccount}); an id, not a secret, so it is part of {@code equals} and {@code toString}
 */
public record QuoteRequest(
    Address from, Address to, Parcel parcel, CustomsDeclaration customs,
    Set<CarrierId> carriers, ServiceLevel serviceLevel, LocalDate shipDate, AccountId account) {

  public QuoteRequest {
    Checks c = new Checks();
    boolean nullCarrier = false;
    if (carriers != null) for (CarrierId id : carriers) nullCarrier |= id == null;
    if (nullCarrier) c.add("carriers", "may not contain null");
    carriers = carriers == null || nullCarrier ? Set.of() : Set.copyOf(carriers);
    c.notNull("from", from);
    c.notNull("to", to);
    c.notNull("parcel", parcel);
    if (customs != null && parcel != null) c.addAll("customs", customs.checkAgainst(parcel));
    c.throwIfAny();
  }

  /** Whether the parcel crosses a border. */
  public boolean isInternational() {
    return from.isInternationalFrom(to);
  }

  /**
   * This request run under {@code account} (null: the instance's own): {@code shipbridge.quote(r)}
   * then runs as {@code shipbridge.account(account).quote(r)} does, on the account's credentials,
   * tokens, breakers and quota.
   *
   * <pre>{@code
   * QuoteResult quotes = shipbridge.quote(request.withAccount(AccountId.of("merchant-42")));
   * }</pre>
   */
  public QuoteRequest withAccount(AccountId account) {
    return new QuoteRequest(from, to, parcel, customs, carriers, serviceLevel, shipDate, account);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().from(from).to(to).parcel(parcel).customs(customs)
        .carriers(carriers).serviceLevel(serviceLevel).shipDate(shipDate).account(account);
  }

  /** Builds a {@link QuoteRequest}. */
  public static final class Builder {
    private Address from;
    private Address to;
    private Parcel parcel;
    private CustomsDeclaration customs;
    private Set<CarrierId> carriers = Set.of();
    private ServiceLevel serviceLevel;
    private LocalDate shipDate;
    private AccountId account;

    private Builder() {}

    public Builder from(Address from) { this.from = from; return this; }
    public Builder to(Address to) { this.to = to; return this; }
    public Builder parcel(Parcel parcel) { this.parcel = parcel; return this; }
    public Builder customs(CustomsDeclaration customs) { this.customs = customs; return this; }
    public Builder carriers(Set<CarrierId> carriers) { this.carriers = carriers; return this; }
    public Builder carriers(CarrierId... carriers) { this.carriers = Set.of(carriers); return this; }
    public Builder serviceLevel(ServiceLevel serviceLevel) { this.serviceLevel = serviceLevel; return this; }
    public Builder shipDate(LocalDate shipDate) { this.shipDate = shipDate; return this; }
    /** The account the quote runs under; see {@link QuoteRequest#withAccount}. */
    public Builder account(AccountId account) { this.account = account; return this; }

    public QuoteRequest build() {
      return new QuoteRequest(from, to, parcel, customs, carriers, serviceLevel, shipDate, account);
    }
  }
}
