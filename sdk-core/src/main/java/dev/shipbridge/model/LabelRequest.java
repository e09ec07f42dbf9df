package dev.shipbridge.model;

import dev.shipbridge.ValidationException;
import dev.shipbridge.account.AccountId;
import dev.shipbridge.spi.support.Checks;
import java.time.LocalDate;

/**
 * A label to buy: a quote's carrier and service, the addresses, the parcel and, across a border,
 * the customs declaration.
 *
 * <p>Every request carries an {@link IdempotencyKey}; when you give none, one is generated once,
 * when the request is built, and every retry of this request reuses it. {@link #toBuilder()}
 * deliberately does not copy the key: a derived request is a new purchase.
 *
 * <pre>{@code
 * LabelRequest request = LabelRequest.builder()
 *     .carrier(quote.carrier()).serviceCode(quote.serviceCode())
 *     .from(warehouse).to(customer).parcel(parcel).customs(customs)
 *     .idempotencyKey(IdempotencyKey.of("order-1042"))
 *     .build();
 * }</pre>
 *
 * <p>A destination-entry service (a quote whose {@code serviceCode} names an entry facility, such as
 * USPS Parcel Select {@code PARCEL_SELECT:SP:MACHINABLE:DESTINATION_DELIVERY_UNIT}) is bought with
 * the address of the facility where you hand the parcel in:
 *
 * <pre>{@code
 * LabelRequest request = LabelRequest.builder().quote(ddu).from(warehouse).to(customer).parcel(parcel)
 *     .entryFacility(Address.builder().name("Post Office").line("900 Brentwood Rd NE")
 *         .city("Washington").region("DC").postalCode("20018").country("US").build())
 *     .build();
 * }</pre>
 *
 * @param reference your own reference printed on the label (order number), optional
 * @param entryFacility the carrier facility where the parcel enters the carrier's network, for a
 *     destination-entry service only (USPS: the DDU, SCF, NDC or hub serving the recipient); null
 *     otherwise. Carriers refuse it on a service that is not destination entry, and refuse a
 *     destination-entry service without it, before any network call
 * @param receipt whether the carrier also returns the postage receipt (default {@link ReceiptOption#NONE})
 * @param account the account the label is bought under, or null for the instance's own (see {@link
 *     #withAccount}); an id, not a secret, so it is part of {@code equals} and {@code toString}
 */
public record LabelRequest(
    CarrierId carrier, String serviceCode, Address from, Address to, Parcel parcel,
    CustomsDeclaration customs, LabelFormat format, IdempotencyKey idempotencyKey, String reference,
    LocalDate shipDate, Address entryFacility, ReceiptOption receipt, AccountId account) {

  public LabelRequest {
    format = format == null ? LabelFormat.PDF_4X6 : format;
    receipt = receipt == null ? ReceiptOption.NONE : receipt;
    idempotencyKey = idempotencyKey == null ? IdempotencyKey.random() : idempotencyKey;
    Checks c = new Checks();
    c.notNull("carrier", carrier);
    c.notBlank("serviceCode", serviceCode, 128);
    c.notNull("from", from);
    c.notNull("to", to);
    c.notNull("parcel", parcel);
    c.text("reference", reference, 64);
    if (from != null && to != null && from.isInternationalFrom(to) && customs == null) {
      c.add("customs", "is required for an international parcel (" + from.country() + " to " + to.country() + ")");
    }
    if (customs != null && parcel != null) c.addAll("customs", customs.checkAgainst(parcel));
    c.throwIfAny();
  }

  public boolean isInternational() {
    return from.isInternationalFrom(to);
  }

  /**
   * This request, with its idempotency key, run under {@code account} (null: the instance's own):
   * {@code shipbridge.label(r)} then runs as {@code shipbridge.account(account).label(r)} does, on the
   * account's credentials, payment account, tokens, breakers and quota. The key is kept, but under
   * another account it is another purchase (USPS derives its idempotency UUID with the account's
   * CRID; Cainiao remembers orders per account): reconcile an outcome-unknown label before
   * retrying it under another account.
   *
   * <pre>{@code
   * Label label = shipbridge.label(request.withAccount(AccountId.of("merchant-42")));
   * }</pre>
   */
  public LabelRequest withAccount(AccountId account) {
    return new LabelRequest(carrier, serviceCode, from, to, parcel, customs, format, idempotencyKey, reference, shipDate,
        entryFacility, receipt, account);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this request's values (its account too) except the idempotency key. */
  public Builder toBuilder() {
    return new Builder().carrier(carrier).serviceCode(serviceCode).from(from).to(to).parcel(parcel)
        .customs(customs).format(format).reference(reference).shipDate(shipDate)
        .entryFacility(entryFacility).receipt(receipt).account(account);
  }

  /** Builds a {@link LabelRequest}. */
  public static final class Builder {
    private CarrierId carrier;
    private String serviceCode;
    private Address from;
    private Address to;
    private Parcel parcel;
    private CustomsDeclaration customs;
    private LabelFormat format;
    private IdempotencyKey idempotencyKey;
    private String reference;
    private LocalDate shipDate;
    private Address entryFacility;
    private ReceiptOption receipt;
    private AccountId account;
    /** The account of the quote given to {@link #quote}, or null. */
    private AccountId quotedFor;

    private Builder() {}

    public Builder carrier(CarrierId v) { this.carrier = v; return this; }
    public Builder serviceCode(String v) { this.serviceCode = v; return this; }
    /**
     * Carrier, service and account of a quote you chose: the label is bought under the account that
     * priced it ({@link Quote#account()}); {@link #build()} refuses another account named before or
     * after it. A quote of no account keeps the account named on this builder.
     */
    public Builder quote(Quote q) {
      this.carrier = q.carrier();
      this.serviceCode = q.serviceCode();
      this.quotedFor = q.account();
      if (q.account() != null && account == null) this.account = q.account();
      return this;
    }
    public Builder from(Address v) { this.from = v; return this; }
    public Builder to(Address v) { this.to = v; return this; }
    public Builder parcel(Parcel v) { this.parcel = v; return this; }
    public Builder customs(CustomsDeclaration v) { this.customs = v; return this; }
    public Builder format(LabelFormat v) { this.format = v; return this; }
    public Builder idempotencyKey(IdempotencyKey v) { this.idempotencyKey = v; return this; }
    public Builder reference(String v) { this.reference = v; return this; }
    public Builder shipDate(LocalDate v) { this.shipDate = v; return this; }
    /** The facility where a destination-entry parcel is handed in; see {@link LabelRequest#entryFacility()}. */
    public Builder entryFacility(Address v) { this.entryFacility = v; return this; }
    /** Whether the carrier also returns the postage receipt; see {@link ReceiptOption}. */
    public Builder receipt(ReceiptOption v) { this.receipt = v; return this; }
    /** The account the label is bought under; see {@link LabelRequest#withAccount}. */
    public Builder account(AccountId v) { this.account = v; return this; }

    /** @throws ValidationException listing every violation, with an account other than the quote's */
    public LabelRequest build() {
      Checks c = new Checks();
      if (quotedFor != null && !quotedFor.equals(account)) {
        c.add("account", "names " + (account == null ? "no account" : "account '" + account + "'")
            + " but its quote was priced under account '" + quotedFor + "': quote again under this account");
      }
      try {
        LabelRequest r = new LabelRequest(carrier, serviceCode, from, to, parcel, customs, format, idempotencyKey,
            reference, shipDate, entryFacility, receipt, account);
        c.throwIfAny();
        return r;
      } catch (ValidationException e) {
        if (c.violations().isEmpty()) throw e;
        java.util.List<ValidationException.Violation> all = new java.util.ArrayList<>(c.violations());
        all.addAll(e.violations());
        throw new ValidationException(all);
      }
    }
  }
}
