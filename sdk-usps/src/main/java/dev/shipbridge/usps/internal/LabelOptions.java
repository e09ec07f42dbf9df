package dev.shipbridge.usps.internal;

import dev.shipbridge.model.Address;
import dev.shipbridge.model.LabelFormat;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.ReceiptOption;
import dev.shipbridge.spi.support.Checks;
import java.time.LocalDate;
import java.util.Set;

/**
 * A label request's destination entry facility and receipt, checked and mapped as the Labels spec
 * ({@code domestic-labels.yaml} 3.9.13) states them: the facility ({@code DomesticAddress}: street 1
 * to 50, city 1 to 28, state, 5-digit ZIP; errors 160113 to 160116) is required for destination entry
 * and refused elsewhere, never dropped; no DNDC Parcel Select from 2026-01-18; {@code
 * USPS_CONNECT_MAIL} takes DDU only. Receipts: ZPL takes no {@code SAME_PAGE} (160009), 4x4 ZPL no
 * {@code SEPARATE_PAGE} (160370), international labels none.
 */
final class LabelOptions {
  /** From this mailing date USPS no longer takes DNDC entry for Parcel Select (Labels and Shipping Options specs). */
  static final LocalDate DNDC_PARCEL_SELECT_END = LocalDate.of(2026, 1, 18);
  private static final java.util.regex.Pattern STATE = java.util.regex.Pattern.compile(
      "AA|AE|AL|AK|AP|AS|AZ|AR|CA|CO|CT|DE|DC|FM|FL|GA|GU|HI|ID|IL|IN|IA|KS|KY|LA|ME|MH|MD|MA|MI|MN|MS|MO|MP|MT|NE|NV|NH"
      + "|NJ|NM|NY|NC|ND|OH|OK|OR|PW|PA|PR|RI|SC|SD|TN|TX|UT|VT|VI|VA|WA|WV|WI|WY"); // the spec's State pattern
  private static final java.util.regex.Pattern ZIP = java.util.regex.Pattern.compile("\\d{5}(-?\\d{4})?");
  private static final Set<String> PARCEL_SELECT = Set.of("PARCEL_SELECT", "PARCEL_SELECT_LIGHTWEIGHT");

  private LabelOptions() {}

  /** The violations of the entry facility and the receipt option; {@code entryType} is the service code's entry ({@code NONE} when none). */
  static void validate(LabelRequest r, String mailClass, String entryType, boolean international, LocalDate mailingDate,
      Checks c) {
    // an entry type USPS does not know is refused as a service code (LabelMapper), not asked a facility for
    boolean destinationEntry = !international && !"NONE".equals(entryType)
        && LabelMapper.ENTRY_FACILITIES.contains(entryType);
    Address f = r.entryFacility();
    if (destinationEntry && f == null) {
      c.add("entryFacility", "'" + r.serviceCode() + "' is a destination-entry service (" + entryType
          + "): give the address of the facility where the parcel is handed in (USPS destinationEntryFacilityAddress)");
    }
    if (!destinationEntry && f != null) {
      c.add("entryFacility", "'" + r.serviceCode() + "' is not a destination-entry service: USPS takes an entry "
          + "facility only with a quote naming one (MAIL_CLASS:RATE_INDICATOR:PROCESSING_CATEGORY:ENTRY_FACILITY)");
    }
    if (f != null) facility(f, c);
    if (destinationEntry && PARCEL_SELECT.contains(mailClass)
        && "DESTINATION_NETWORK_DISTRIBUTION_CENTER".equals(entryType) && !mailingDate.isBefore(DNDC_PARCEL_SELECT_END)) {
      c.add("serviceCode", "USPS takes no DNDC entry for Parcel Select from " + DNDC_PARCEL_SELECT_END
          + " (mailing date " + mailingDate + ")");
    }
    if (!international && "USPS_CONNECT_MAIL".equals(mailClass) && !"DESTINATION_DELIVERY_UNIT".equals(entryType)) {
      c.add("serviceCode", "USPS Connect Mail is entered at the destination delivery unit only (DESTINATION_DELIVERY_UNIT)");
    }
    receipt(r, international, c);
  }

  private static void facility(Address f, Checks c) {
    if (!Units.isDomestic(f)) {
      c.add("entryFacility.country", "a USPS entry facility is in the US or its territories (was " + f.country() + ")");
      return;
    }
    FieldLimits.streetAndCity("entryFacility", f, c);
    if (f.region() == null || !STATE.matcher(f.region()).matches()) {
      c.add("entryFacility.region", "USPS needs the facility's two-letter USPS state code (was " + f.region() + ")");
    }
    if (f.postalCode() == null || !ZIP.matcher(f.postalCode().strip()).matches()) {
      c.add("entryFacility.postalCode", "USPS needs the facility's ZIP Code: 12345 or 12345-6789 (was " + f.postalCode() + ")");
    }
  }

  private static void receipt(LabelRequest r, boolean international, Checks c) {
    ReceiptOption receipt = r.receipt();
    if (receipt == ReceiptOption.NONE) return;
    if (international) {
      c.add("receipt", "USPS international labels come without a receipt (the request has no receiptOption)");
      return;
    }
    LabelFormat f = r.format();
    if (f.type() == LabelFormat.Type.ZPL && receipt == ReceiptOption.SAME_PAGE) {
      c.add("receipt", "USPS prints no same-page receipt on a ZPL label (error 160009): ask for SEPARATE_DOCUMENT or PDF/PNG");
    }
    if (f.type() == LabelFormat.Type.ZPL && receipt == ReceiptOption.SEPARATE_DOCUMENT
        && f.pageSize() == LabelFormat.PageSize.FOUR_BY_FOUR) {
      c.add("receipt", "USPS gives no separate receipt with a 4x4 ZPL label (error 160370): use 4x6 or PDF/PNG");
    }
  }

  /** {@code imageInfo.receiptOption} for a domestic label. */
  static String receiptOption(ReceiptOption receipt) {
    return receipt == ReceiptOption.SEPARATE_DOCUMENT ? "SEPARATE_PAGE" : receipt.name(); // NONE, SAME_PAGE
  }

  /** {@code packageDescription.destinationEntryFacilityAddress}, or null when the request has no facility. */
  static LabelWire.FacilityAddress facilityAddress(Address f) {
    if (f == null) return null;
    return new LabelWire.FacilityAddress(f.lines().get(0).strip(), AddressParts.secondary(f.lines()),
        f.city().strip(), f.region(), Units.zip5(f.postalCode()), Units.zipPlus4(f.postalCode()));
  }
}
