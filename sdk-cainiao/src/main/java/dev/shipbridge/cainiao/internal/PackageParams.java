package dev.shipbridge.cainiao.internal;

import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.CustomsItem;
import dev.shipbridge.model.Dimensions;
import dev.shipbridge.model.LengthUnit;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.WeightUnit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Cainiao {@code OpenPackageParam}: weight in whole grams and sides in whole centimetres
 * (both rounded up, never under-declared), the declared value and each item's unit price in
 * minor units of the currency (fen, cents), as {@code OpenOrderParam} documents for items.
 */
final class PackageParams {
  private PackageParams() {}

  static Map<String, Object> of(Parcel parcel, CustomsDeclaration customs) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("weight", up(parcel.weight().in(WeightUnit.GRAM)));
    Dimensions d = parcel.dimensions();
    if (d != null) {
      Dimensions cm = d.to(LengthUnit.CENTIMETRE);
      p.put("length", up(cm.length()));
      p.put("width", up(cm.width()));
      p.put("height", up(cm.height()));
    }
    if (customs != null) {
      Money total = customs.totalValue();
      p.put("price", minor(total));
      p.put("currency", total.currency().getCurrencyCode());
      List<Map<String, Object>> items = new ArrayList<>();
      for (CustomsItem it : customs.items()) {
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("english_name", it.description().strip());
        i.put("quantity", it.quantity());
        i.put("unit_price", minor(it.unitValue()));
        i.put("total_price", minor(it.totalValue()));
        i.put("currency", it.unitValue().currency().getCurrencyCode());
        i.put("weight", up(it.weight().in(WeightUnit.GRAM)));
        i.put("hs_code", it.hsCode());
        i.put("item_features", List.of("cf_normal"));
        items.add(i);
      }
      p.put("item_params", items);
    }
    return p;
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
