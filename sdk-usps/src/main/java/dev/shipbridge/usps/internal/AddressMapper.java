package dev.shipbridge.usps.internal;

import static dev.shipbridge.usps.internal.Units.blank;

import dev.shipbridge.CarrierException;
import dev.shipbridge.ValidationException;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.AddressValidation;
import dev.shipbridge.model.CarrierId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pure mapping of address checks: {@link Address} to the query of {@code GET
 * /addresses/v3/address}, the answer to an {@link AddressValidation}. An address is deliverable
 * when USPS confirms its delivery point ({@code DPVConfirmation} Y, or S/D: primary confirmed,
 * secondary missing or unconfirmed).
 */
public final class AddressMapper {
  private static final java.util.regex.Pattern ZIP4 = java.util.regex.Pattern.compile("\\d{4}");
  static final Set<String> DELIVERABLE = Set.of("Y", "S", "D");

  private AddressMapper() {}

  /** Query parameters, in the spec's order; only US addresses can be checked. */
  static Map<String, String> toWire(Address a) {
    if (!Units.isDomestic(a)) {
      throw ValidationException.of("country", "USPS checks US addresses only (was " + a.country() + ")");
    }
    Map<String, String> q = new LinkedHashMap<>();
    if (a.company() != null) q.put("firm", Units.truncate(a.company(), 50));
    q.put("streetAddress", a.lines().get(0));
    String secondary = AddressParts.secondary(a.lines());
    if (secondary != null) q.put("secondaryAddress", secondary);
    q.put("city", a.city());
    q.put("state", a.region());
    String zip = Units.zip5(a.postalCode());
    if (zip != null && zip.length() == 5) q.put("ZIPCode", zip);
    String plus4 = Units.zipPlus4(a.postalCode());
    if (plus4 != null) q.put("ZIPPlus4", plus4);
    return q;
  }

  static AddressValidation fromWire(AddressWire.Response r, Address asked) {
    AddressWire.Standardized s = r.address();
    if (s == null || s.streetAddress() == null || s.city() == null || s.state() == null) {
      throw new CarrierException(CarrierException.details(CarrierId.USPS,
          "the carrier answered with an address answer without a standardized address"));
    }
    List<String> lines = new ArrayList<>();
    lines.add(s.streetAddress());
    if (s.secondaryAddress() != null && !s.secondaryAddress().isBlank()) lines.add(s.secondaryAddress());
    String zip = s.zip() == null ? asked.postalCode()
        : s.zipPlus4() != null && ZIP4.matcher(s.zipPlus4()).matches() ? s.zip() + "-" + s.zipPlus4() : s.zip();
    boolean business = r.additionalInfo() != null && "Y".equalsIgnoreCase(r.additionalInfo().business());
    Address standardized = asked.toBuilder()
        .company(r.firm() != null && !r.firm().isBlank() ? r.firm() : asked.company())
        .lines(lines).city(s.city()).region(s.state()).postalCode(zip).country("US")
        .residential(!business && asked.residential())
        .build();
    String dpv = r.additionalInfo() == null ? null : blank(r.additionalInfo().dpvConfirmation());
    List<AddressValidation.Code> carrierCorrections = codes(r.corrections());
    List<String> corrections = new ArrayList<>(carrierCorrections.stream()
        .map(c -> c.text() == null ? c.code() : c.code() + ": " + c.text()).toList());
    if (r.corrections() != null) { // a text without a code is kept as a text
      r.corrections().stream().filter(c -> c != null && blank(c.code()) == null && blank(c.text()) != null)
          .forEach(c -> corrections.add(c.text().strip()));
    }
    if (r.warnings() != null) r.warnings().stream().filter(w -> w != null && !w.isBlank()).forEach(corrections::add);
    return new AddressValidation(standardized, dpv != null && DELIVERABLE.contains(dpv.toUpperCase(java.util.Locale.ROOT)),
        dpv, corrections, changes(asked, s), carrierCorrections, codes(r.matches()), deliveryPoint(r.additionalInfo()));
  }

  /** Code entries; one with an empty code means "none" and is left out. */
  static List<AddressValidation.Code> codes(List<AddressWire.CodeText> wire) {
    if (wire == null) return List.of();
    return wire.stream().filter(c -> c != null && blank(c.code()) != null)
        .map(c -> new AddressValidation.Code(c.code().strip(), blank(c.text()))).toList();
  }

  /** What differs between the address asked and USPS's answer: ZIP, ZIP+4, city, state, street. */
  static List<AddressValidation.Change> changes(Address asked, AddressWire.Standardized s) {
    List<AddressValidation.Change> out = new ArrayList<>();
    String zip = Units.zip5(asked.postalCode());
    compare(out, "ZIP", zip, blank(s.zip()));
    compare(out, "ZIP+4", Units.zipPlus4(asked.postalCode()), blank(s.zipPlus4()));
    compare(out, "city", asked.city(), blank(s.city()));
    compare(out, "state", asked.region(), blank(s.state()));
    compare(out, "street", asked.lines().get(0), blank(s.streetAddress()));
    return out;
  }

  private static void compare(List<AddressValidation.Change> out, String field, String asked, String answer) {
    if (answer == null) return;
    if (!normal(asked).equals(normal(answer))) out.add(new AddressValidation.Change(field, blank(asked), answer));
  }

  /** Upper case, letters and digits only, single-spaced: "St. Louis" and "ST LOUIS" are the same. */
  private static String normal(String s) {
    if (s == null) return "";
    return s.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", " ").strip();
  }

  static AddressValidation.DeliveryPoint deliveryPoint(AddressWire.AdditionalInfo i) {
    if (i == null) return null;
    return new AddressValidation.DeliveryPoint(blank(i.dpvConfirmation()), yes(i.business()), yes(i.vacant()),
        yes(i.dpvCmra()), yes(i.centralDeliveryPoint()), blank(i.carrierRoute()), blank(i.deliveryPoint()));
  }

  private static Boolean yes(String yn) {
    String s = blank(yn);
    if (s == null) return null;
    return switch (s.toUpperCase(java.util.Locale.ROOT)) {
      case "Y", "YES", "TRUE" -> Boolean.TRUE;
      case "N", "NO", "FALSE" -> Boolean.FALSE;
      default -> null;
    };
  }
}
