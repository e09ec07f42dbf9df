package dev.shipbridge.model;

import dev.shipbridge.spi.support.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * What an international parcel contains, for customs. All items must be valued in one currency.
 *
 * <pre>{@code
 * CustomsDeclaration customs = CustomsDeclaration.of(ContentType.MERCHANDISE, List.of(item));
 * }</pre>
 *
 * @param contentType why it travels
 * @param items at least one
 * @param invoiceNumber optional commercial invoice number
 * @param exportFilingNumber optional AES ITN ({@code X20260301123456}) or exemption, when the
 *     export value requires one
 */
public record CustomsDeclaration(
    ContentType contentType, List<CustomsItem> items, String invoiceNumber, String exportFilingNumber) {

  /** Why goods cross the border. */
  public enum ContentType { MERCHANDISE, GIFT, DOCUMENTS, SAMPLE, RETURNED_GOODS, OTHER }

  public CustomsDeclaration {
    // Copied with nulls kept, so that a null item is reported as a violation, not as a NullPointerException.
    items = items == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(items));
    Checks c = new Checks();
    c.notNull("contentType", contentType);
    if (items.isEmpty()) c.add("items", "must list at least one item");
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) == null) c.add("items[" + i + "]", "is required");
    }
    if (c.isEmpty() && items.stream().map(it -> it.unitValue().currency()).distinct().count() > 1) {
      c.add("items", "must all be valued in one currency");
    }
    c.text("invoiceNumber", invoiceNumber, 35);
    c.text("exportFilingNumber", exportFilingNumber, 32);
    c.throwIfAny();
    items = List.copyOf(items);
  }

  public static CustomsDeclaration of(ContentType contentType, List<CustomsItem> items) {
    return new CustomsDeclaration(contentType, items, null, null);
  }

  /** The sum of every line's value. */
  public Money totalValue() {
    Money total = Money.zero(items.get(0).unitValue().currency());
    for (CustomsItem it : items) total = total.plus(it.totalValue());
    return total;
  }

  /** The sum of every line's weight, in grams. */
  public Weight totalWeight() {
    Weight total = null;
    for (CustomsItem it : items) total = total == null ? it.weight().to(WeightUnit.GRAM) : total.plus(it.weight());
    return total;
  }

  /** Checks that the declaration fits the parcel it travels in: its items weigh no more than it. */
  public List<dev.shipbridge.ValidationException.Violation> checkAgainst(Parcel parcel) {
    List<dev.shipbridge.ValidationException.Violation> out = new ArrayList<>();
    if (parcel != null && totalWeight().compareTo(parcel.weight()) > 0) {
      out.add(new dev.shipbridge.ValidationException.Violation("items",
          "weigh " + totalWeight() + " in all, more than the parcel's " + parcel.weight()));
    }
    return out;
  }
}
