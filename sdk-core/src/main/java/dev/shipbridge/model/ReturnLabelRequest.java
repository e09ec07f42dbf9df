package dev.shipbridge.model;

import dev.shipbridge.account.AccountId;
import dev.shipbridge.spi.support.Checks;

/**
 * A prepaid return label: the customer ({@code from}) sends the parcel back to you ({@code to}).
 * Bought like a label: under an {@link IdempotencyKey} (generated once when you give none, reused
 * by every retry), and a purchase whose answer was lost is reported outcome-unknown.
 *
 * <pre>{@code
 * Label back = shipbridge.returns().label(ReturnLabelRequest.builder()
 *     .carrier(CarrierId.USPS).serviceCode("USPS_GROUND_ADVANTAGE_RETURN_SERVICE")
 *     .from(customer).to(warehouse).parcel(parcel)
 *     .idempotencyKey(IdempotencyKey.of("rma-5531")).build());
 * }</pre>
 *
 * @param serviceCode the carrier's return service (USPS: a return mail class, optionally
 *     {@code MAIL_CLASS:RATE_INDICATOR:PROCESSING_CATEGORY})
 * @param from who sends the parcel back (the customer)
 * @param to where it goes back to (you)
 * @param reference your own reference (the RMA number), optional
 * @param account the account the label is bought under, or null for the instance's own (see {@link
 *     #withAccount}); an id, not a secret, so it is part of {@code equals} and {@code toString}
 */
public record ReturnLabelRequest(CarrierId carrier, String serviceCode, Address from, Address to, Parcel parcel,
    LabelFormat format, IdempotencyKey idempotencyKey, String reference, AccountId account) {

  public ReturnLabelRequest {
    format = format == null ? LabelFormat.PDF_4X6 : format;
    idempotencyKey = idempotencyKey == null ? IdempotencyKey.random() : idempotencyKey;
    Checks c = new Checks();
    c.notNull("carrier", carrier);
    c.notBlank("serviceCode", serviceCode, 128);
    c.notNull("from", from);
    c.notNull("to", to);
    c.notNull("parcel", parcel);
    c.text("reference", reference, 64);
    c.throwIfAny();
  }

  /**
   * This request, with its idempotency key (under another account it is another purchase:
   * reconcile an outcome-unknown return label before retrying it elsewhere), bought under {@code account} (null: the instance's
   * own), as {@code shipbridge.account(account).returns().label(r)} buys it.
   *
   * <pre>{@code
   * Label back = shipbridge.returns().label(request.withAccount(AccountId.of("merchant-42")));
   * }</pre>
   */
  public ReturnLabelRequest withAccount(AccountId account) {
    return new ReturnLabelRequest(carrier, serviceCode, from, to, parcel, format, idempotencyKey, reference, account);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ReturnLabelRequest}; {@link #build()} reports every violation at once. */
  public static final class Builder {
    private CarrierId carrier;
    private String serviceCode;
    private Address from;
    private Address to;
    private Parcel parcel;
    private LabelFormat format;
    private IdempotencyKey idempotencyKey;
    private String reference;
    private AccountId account;

    private Builder() {}

    public Builder carrier(CarrierId v) { this.carrier = v; return this; }
    public Builder serviceCode(String v) { this.serviceCode = v; return this; }
    /** The customer who sends the parcel back. */
    public Builder from(Address v) { this.from = v; return this; }
    /** Where the parcel goes back to. */
    public Builder to(Address v) { this.to = v; return this; }
    public Builder parcel(Parcel v) { this.parcel = v; return this; }
    public Builder format(LabelFormat v) { this.format = v; return this; }
    public Builder idempotencyKey(IdempotencyKey v) { this.idempotencyKey = v; return this; }
    public Builder reference(String v) { this.reference = v; return this; }
    /** The account the label is bought under; see {@link ReturnLabelRequest#withAccount}. */
    public Builder account(AccountId v) { this.account = v; return this; }

    public ReturnLabelRequest build() {
      return new ReturnLabelRequest(carrier, serviceCode, from, to, parcel, format, idempotencyKey, reference, account);
    }
  }
}
