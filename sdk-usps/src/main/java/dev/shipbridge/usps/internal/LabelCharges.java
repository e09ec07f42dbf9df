package dev.shipbridge.usps.internal;

import static dev.shipbridge.usps.internal.QuoteMapper.usd;
import static dev.shipbridge.usps.internal.Units.blank;

import dev.shipbridge.model.Label;
import dev.shipbridge.model.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A USPS label's price, read from its metadata ({@code LabelMetadata} of domestic-labels.yaml):
 * {@code postage} ("does not include insurance or other extra service fees"), {@code
 * extraServices[]} and {@code fees[]} ({@code name}, {@code SKU}, {@code price}) as {@link
 * Label.Charge}s, their sum as the label's total, and the {@code commitment}. No I/O.
 */
final class LabelCharges {
  private LabelCharges() {}

  /** Postage, extra services and fees, in that order; empty when USPS gave no plausible postage. */
  static List<Label.Charge> charges(LabelWire.Metadata md) {
    List<Label.Charge> out = new ArrayList<>();
    if (md.postage() == null || !LabelAnswer.plausible(md.postage())) return out;
    out.add(new Label.Charge(Label.ChargeKind.POSTAGE, null, blank(md.sku()), usd(md.postage())));
    if (md.extraServices() != null) {
      for (LabelWire.ExtraService x : md.extraServices()) {
        if (x == null || x.price() == null) continue;
        if (!LabelAnswer.plausible(x.price())) return List.of();
        out.add(new Label.Charge(Label.ChargeKind.EXTRA_SERVICE, blank(x.name()), blank(x.sku()), usd(x.price())));
      }
    }
    if (md.fees() != null) {
      for (LabelWire.Fee f : md.fees()) {
        if (f == null || f.price() == null) continue;
        if (!LabelAnswer.plausible(f.price())) return List.of();
        out.add(new Label.Charge(Label.ChargeKind.FEE, blank(f.name()), blank(f.sku()), usd(f.price())));
      }
    }
    return out;
  }

  /** What the label costs: the sum of its charges; null when USPS gave no plausible price. */
  static Money total(LabelWire.Metadata md) {
    List<Label.Charge> charges = charges(md);
    if (charges.isEmpty()) return null;
    BigDecimal sum = charges.stream().map(c -> c.price().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
    return LabelAnswer.representable(sum) ? usd(sum) : null;
  }

  static Label.Commitment commitment(LabelWire.Commitment c) {
    if (c == null) return null;
    String name = blank(c.name());
    LocalDate scheduled = Units.date(c.scheduleDeliveryDate());
    LocalDate expected = Units.date(c.expectedDeliveryDate());
    return name == null && scheduled == null && expected == null ? null : new Label.Commitment(name, scheduled, expected);
  }
}
