package dev.shipbridge.model;

import dev.shipbridge.spi.support.Checks;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A bought label: the tracking number and the printable file.
 *
 * <pre>{@code
 * Label label = shipbridge.label(request);
 * Files.write(Path.of(label.trackingNumber() + ".pdf"), label.content());
 * }</pre>
 *
 * @param carrier who carries it
 * @param trackingNumber the number to track it by
 * @param serviceCode the service bought
 * @param format the file's format
 * @param content the file's bytes (a copy is returned on each call)
 * @param postage what it cost, or null when the carrier did not say
 * @param idempotencyKey the key it was bought with
 * @param details carrier-specific references (order code, original and latest numbers, ...)
 * @param charges what the price is made of (postage, extra services, fees), each as the carrier
 *     named and priced it; empty when the carrier did not say
 * @param zone the pricing zone (USPS: between origin and destination ZIP), or null
 * @param commitment the delivery commitment the carrier gave, or null
 * @param receipt the receipt document the carrier returned beside the label (USPS {@code
 *     receiptImage}), or null; a copy is returned on each call
 */
public record Label(
    CarrierId carrier, String trackingNumber, String serviceCode, LabelFormat format, byte[] content,
    Money postage, IdempotencyKey idempotencyKey, Map<String, String> details,
    List<Charge> charges, String zone, Commitment commitment, byte[] receipt) {

  /** A label without a price breakdown, zone, commitment or receipt. */
  public Label(CarrierId carrier, String trackingNumber, String serviceCode, LabelFormat format, byte[] content,
      Money postage, IdempotencyKey idempotencyKey, Map<String, String> details) {
    this(carrier, trackingNumber, serviceCode, format, content, postage, idempotencyKey, details, null, null, null, null);
  }

  /** What a charge is. */
  public enum ChargeKind { POSTAGE, EXTRA_SERVICE, FEE }

  /**
   * One part of a label's price ({@code fees[]}: "Nonstandard Length fee", its SKU and price).
   *
   * @param kind postage, an extra service or a fee
   * @param name the carrier's name for it, or null
   * @param sku the carrier's pricing SKU, or null
   * @param price what it costs
   */
  public record Charge(ChargeKind kind, String name, String sku, Money price) {
    public Charge {
      Checks c = new Checks();
      c.notNull("kind", kind);
      c.notNull("price", price);
      c.throwIfAny();
    }
  }

  /**
   * A delivery commitment ("2-Day", its scheduled date).
   *
   * @param name the carrier's name for it, or null
   * @param scheduledDelivery the scheduled delivery date, or null
   * @param expectedDelivery the expected delivery date, or null
   */
  public record Commitment(String name, java.time.LocalDate scheduledDelivery, java.time.LocalDate expectedDelivery) {}

  public Label {
    details = details == null ? Map.of() : Map.copyOf(details);
    charges = charges == null ? List.of() : List.copyOf(charges);
    receipt = receipt == null || receipt.length == 0 ? null : receipt.clone();
    Checks c = new Checks();
    c.notNull("carrier", carrier);
    c.notBlank("trackingNumber", trackingNumber, 64);
    c.notNull("format", format);
    if (content == null || content.length == 0) c.add("content", "is required");
    c.throwIfAny();
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  @Override
  public byte[] receipt() {
    return receipt == null ? null : receipt.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Label l && carrier.equals(l.carrier) && trackingNumber.equals(l.trackingNumber)
        && Objects.equals(serviceCode, l.serviceCode) && format.equals(l.format)
        && Arrays.equals(content, l.content) && Objects.equals(postage, l.postage)
        && Objects.equals(idempotencyKey, l.idempotencyKey) && details.equals(l.details)
        && charges.equals(l.charges) && Objects.equals(zone, l.zone) && Objects.equals(commitment, l.commitment)
        && Arrays.equals(receipt, l.receipt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(carrier, trackingNumber, serviceCode, format, Arrays.hashCode(content), postage);
  }

  @Override
  public String toString() {
    return "Label[carrier=" + carrier + ", trackingNumber=" + trackingNumber + ", serviceCode=" + serviceCode
        + ", format=" + format.type() + ", bytes=" + content.length + ", postage=" + postage
        + (zone == null ? "" : ", zone=" + zone) + (receipt == null ? "" : ", receiptBytes=" + receipt.length) + "]";
  }
}
