package dev.shipbridge.model;

import dev.shipbridge.spi.support.Checks;
import java.util.regex.Pattern;

/**
 * One line of a customs declaration.
 *
 * <pre>{@code
 * CustomsItem item = new CustomsItem("Cotton T-shirt", 2, Money.of("9.50", "USD"),
 *     Weight.grams(400), "610910", "CN");
 * }</pre>
 *
 * @param description what it is, in English (carriers cap the length; see their adapters)
 * @param quantity at least 1
 * @param unitValue value of one unit, greater than 0
 * @param weight the line's total weight (all units)
 * @param hsCode Harmonized System code of 6, 8 or 10 digits: the 6-digit HS subheading, or an 8- or
 *     10-digit national tariff line (EU CN, US HTS / Schedule B, China's tariff); 7 or 9 digits are
 *     refused (no tariff has them); dots and spaces are dropped
 * @param originCountry ISO 3166-1 alpha-2 country of manufacture
 */
public record CustomsItem(
    String description, int quantity, Money unitValue, Weight weight, String hsCode, String originCountry) {
  private static final Pattern HS = Pattern.compile("\\d{6}|\\d{8}|\\d{10}");

  public CustomsItem {
    hsCode = hsCode == null ? null : hsCode.replace(".", "").replace(" ", "");
    Checks c = new Checks();
    c.notBlank("description", description, 256);
    if (quantity < 1) c.add("quantity", "must be at least 1 (was " + quantity + ")");
    if (c.notNull("unitValue", unitValue) && !unitValue.isPositive()) {
      c.add("unitValue", "must be greater than 0");
    }
    c.notNull("weight", weight);
    if (hsCode == null || hsCode.isBlank()) c.add("hsCode", "is required");
    else if (!HS.matcher(hsCode).matches()) c.add("hsCode", "must be 6, 8 or 10 digits (was " + hsCode.length() + " characters)");
    c.country("originCountry", originCountry);
    c.throwIfAny();
  }

  /** {@code unitValue x quantity}. */
  public Money totalValue() {
    return unitValue.times(quantity);
  }
}
