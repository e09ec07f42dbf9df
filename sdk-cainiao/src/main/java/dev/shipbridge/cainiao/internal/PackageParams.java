package dev.shipbridge.cainiao.internal;

import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.Dimensions;
import dev.shipbridge.model.LengthUnit;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.WeightUnit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * One Cainiao {@code OpenPackageParam}: weight in whole grams and sides in whole centimetres
 * (both rounded up, never under-declared), the declared value and each item's unit price in
 * minor units of the currency (fen, cents), as {@code OpenOrderParam} documents for items.
 */
final class PackageParams {
  private PackageParams() {}

  static CainiaoWire.PackageParam of(Parcel parcel, CustomsDeclaration customs) {
    Dimensions cm = parcel.dimensions() == null ? null : parcel.dimensions().to(LengthUnit.CENTIMETRE);
    Money total = customs == null ? null : customs.totalValue();
    List<CainiaoWire.ItemParam> items = customs == null ? null : customs.items().stream()
        .map(it -> new CainiaoWire.ItemParam(it.description().strip(), it.quantity(), minor(it.unitValue()),
            minor(it.totalValue()), it.unitValue().currency().getCurrencyCode(), up(it.weight().in(WeightUnit.GRAM)),
            it.hsCode(), List.of("cf_normal"))).toList();
    return new CainiaoWire.PackageParam(up(parcel.weight().in(WeightUnit.GRAM)),
        cm == null ? null : up(cm.length()), cm == null ? null : up(cm.width()), cm == null ? null : up(cm.height()),
        total == null ? null : minor(total), total == null ? null : total.currency().getCurrencyCode(), items);
  }

  /** Rounded up to a whole number (grams, centimetres), at least 1. */
  static long up(BigDecimal v) {
    return Math.max(1, v.setScale(0, RoundingMode.CEILING).longValueExact());
  }

  static long minor(Money m) {
    int digits = Math.max(0, m.currency().getDefaultFractionDigits());
    return m.amount().movePointRight(digits).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }
}
