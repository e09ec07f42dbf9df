package dev.shipbridge.testkit.usps;

import static dev.shipbridge.testkit.usps.Inputs.*;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Addresses API ({@code GET /addresses/v3/address}): standardisation with DPV answers. */
final class AddressesApi {
  Wire.Reply address(String api, Map<String, List<String>> query) {
    Problems p = new Problems();
    String street = first(query, "streetAddress");
    String state = first(query, "state");
    String city = first(query, "city");
    String zip = first(query, "ZIPCode");
    String plus4 = first(query, "ZIPPlus4");
    if (street == null || street.isBlank()) {
      p.add("010001", "Invalid Address", "The address information in the request is insufficient to match.",
          "streetAddress");
    }
    if (state == null || !Geo.isState(state.toUpperCase(Locale.ROOT))) {
      p.add("010003", "Invalid State Code", "The state code in the request is missing or invalid.", "state");
    }
    if ((city == null || city.isBlank()) && (zip == null || zip.isBlank())) {
      p.add("010004", "Invalid City", "The city in the request is missing or invalid.", "city");
    }
    if (zip != null && !zip.isBlank() && !zip.matches("^\\d{5}$")) {
      p.add("010002", "Invalid ZIP Code", "The ZIP Code in the request is invalid.", "ZIPCode");
    }
    if (plus4 != null && !plus4.isBlank() && !plus4.matches("^\\d{4}$")) {
      p.add("010002", "Invalid ZIP Code", "The ZIPPlus4 in the request is invalid.", "ZIPPlus4");
    }
    p.throwIfAny();
    state = state.toUpperCase(Locale.ROOT);
    String stdCity = city == null || city.isBlank() ? null : Addresses.city(city);
    if (zip == null || zip.isBlank()) {
      for (Geo.Place place : Geo.KNOWN_ZIPS.values()) {
        if (place.city().equals(stdCity) && place.state().equals(state)) {
          zip = place.zip();
          break;
        }
      }
      if (zip == null || zip.isBlank()) {
        zip = Geo.baseZipFor(state);
      }
    } else if (stdCity == null) {
      Geo.Place place = Geo.KNOWN_ZIPS.get(zip);
      stdCity = place != null && place.state().equals(state) ? place.city() : null;
    }
    if (!Addresses.hasPrimaryNumber(street) || zip == null || stdCity == null) {
      return Wire.error(404, api, "Address Not Found.", List.of(Wire.item("404", "010005", "Address Not Found",
          "There is no match for the address requested.", "streetAddress")));
    }
    String stdStreet = Addresses.street(street);
    String secondary = Addresses.street(first(query, "secondaryAddress"));
    String firm = first(query, "firm");
    // A building number ending in 00 without a secondary address is a multi-unit building: USPS's
    // default match (correction 32, DPV D: primary confirmed, secondary missing), no exact match.
    boolean defaultMatch = !nonEmpty(secondary) && stdStreet.matches("^\\d*00\\s.*");
    String urbanization = first(query, "urbanization");
    return Wire.json(200, Answers.of("address",
        "firm", nonEmpty(firm) ? firm.toUpperCase(Locale.ROOT) : null,
        "streetAddress", stdStreet,
        "secondaryAddress", nonEmpty(secondary) ? secondary : null,
        "city", stdCity,
        "state", state,
        "ZIPCode", zip,
        "ZIPPlus4", Addresses.plus4(stdStreet, secondary),
        "urbanization", nonEmpty(urbanization) ? urbanization.toUpperCase(Locale.ROOT) : null,
        "deliveryPoint", Addresses.deliveryPoint(stdStreet),
        "carrierRoute", Addresses.carrierRoute(zip),
        "DPVConfirmation", defaultMatch ? "D" : "Y",
        "business", nonEmpty(firm) ? "Y" : "N",
        "centralDeliveryPoint", defaultMatch ? "Y" : "N",
        "corrections", defaultMatch ? List.of(Json.obj().with("code", "32").with("text",
            "Default address: The address you entered was found but more information is needed (such as an "
                + "apartment, suite, or box number) to match to a specific address.")) : List.of(),
        "matches", defaultMatch ? List.of()
            : List.of(Json.obj().with("code", "31").with("text", "Single Response - exact match"))));
  }
}
