package dev.shipbridge.model;

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
 * @param reference your own reference printed on the label (order number), optional
 */
public record LabelRequest(
    CarrierId carrier, String serviceCode, Address from, Address to, Parcel parcel,
    CustomsDeclaration customs, LabelFormat format, IdempotencyKey idempotencyKey, String reference,
    LocalDate shipDate) {

  public LabelRequest {
    format = format == null ? LabelFormat.PDF_4X6 : format;
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

  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this request's values except the idempotency key. */
  public Builder toBuilder() {
    return new Builder().carrier(carrier).serviceCode(serviceCode).from(from).to(to).parcel(parcel)
        .customs(customs).format(format).reference(reference).shipDate(shipDate);
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

    private Builder() {}

    public Builder carrier(CarrierId v) { this.carrier = v; return this; }
    public Builder serviceCode(String v) { this.serviceCode = v; return this; }
    /** Carrier and service of a quote you chose. */
    public Builder quote(Quote q) { this.carrier = q.carrier(); this.serviceCode = q.serviceCode(); return this; }
    public Builder from(Address v) { this.from = v; return this; }
    public Builder to(Address v) { this.to = v; return this; }
    public Builder parcel(Parcel v) { this.parcel = v; return this; }
    public Builder customs(CustomsDeclaration v) { this.customs = v; return this; }
    public Builder format(LabelFormat v) { this.format = v; return this; }
    public Builder idempotencyKey(IdempotencyKey v) { this.idempotencyKey = v; return this; }
    public Builder reference(String v) { this.reference = v; return this; }
    public Builder shipDate(LocalDate v) { this.shipDate = v; return this; }

    public LabelRequest build() {
      return new LabelRequest(carrier, serviceCode, from, to, parcel, customs, format, idempotencyKey, reference, shipDate);
    }
  }
}
