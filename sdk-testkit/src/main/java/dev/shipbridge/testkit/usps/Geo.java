package dev.shipbridge.testkit.usps;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/** Just enough US geography for the emulator: time zones, zones, a few known ZIP Codes. */
final class Geo {
  private Geo() {}

  record Place(String city, String state, String zip) {}

  static final Map<String, Place> KNOWN_ZIPS = new LinkedHashMap<>();

  static {
    for (String row : new String[] {
        "02108 BOSTON MA", "10001 NEW YORK NY", "11430 JAMAICA NY", "19103 PHILADELPHIA PA",
        "20500 WASHINGTON DC", "20260 WASHINGTON DC", "30303 ATLANTA GA", "33101 MIAMI FL", "48226 DETROIT MI",
        "55401 MINNEAPOLIS MN", "60601 CHICAGO IL", "63104 SAINT LOUIS MO", "63116 SAINT LOUIS MO",
        "63118 SAINT LOUIS MO", "73108 OKLAHOMA CITY OK", "75201 DALLAS TX", "78701 AUSTIN TX",
        "80202 DENVER CO", "85004 PHOENIX AZ", "90001 LOS ANGELES CA", "94105 SAN FRANCISCO CA",
        "97201 PORTLAND OR", "98101 SEATTLE WA"}) {
      String zip = row.substring(0, 5);
      String rest = row.substring(6);
      String state = rest.substring(rest.length() - 2);
      KNOWN_ZIPS.put(zip, new Place(rest.substring(0, rest.length() - 3), state, zip));
    }
  }

  /** Destinations picked (deterministically) for inbound parcels whose address the emulator never saw. */
  static final Place[] INBOUND_DESTINATIONS = {
    new Place("LOS ANGELES", "CA", "90001"), new Place("CHICAGO", "IL", "60601"),
    new Place("DALLAS", "TX", "75201"), new Place("MIAMI", "FL", "33101"),
    new Place("SEATTLE", "WA", "98101"), new Place("BOSTON", "MA", "02108"),
    new Place("DENVER", "CO", "80202"), new Place("ATLANTA", "GA", "30303")
  };

  /** A plausible local time zone for a ZIP Code. */
  static ZoneId zoneOf(String zip) {
    if (zip == null || zip.length() < 3 || !Character.isDigit(zip.charAt(0))) {
      return ZoneId.of("America/New_York");
    }
    int z3 = Integer.parseInt(zip.substring(0, 3));
    if (z3 >= 967 && z3 <= 968) {
      return ZoneId.of("Pacific/Honolulu");
    }
    if (z3 >= 995) {
      return ZoneId.of("America/Anchorage");
    }
    if (z3 >= 850 && z3 <= 865) {
      return ZoneId.of("America/Phoenix");
    }
    if (z3 >= 889 && z3 <= 899) {
      return ZoneId.of("America/Los_Angeles");
    }
    if (z3 >= 900) {
      return ZoneId.of("America/Los_Angeles");
    }
    if (z3 >= 800 || (z3 >= 590 && z3 <= 599)) {
      return ZoneId.of("America/Denver");
    }
    if (z3 >= 500) {
      return ZoneId.of("America/Chicago");
    }
    return ZoneId.of("America/New_York");
  }

  /** A USPS-like zone (1..8) from the distance between the 3-digit ZIP prefixes. */
  static int zone(String fromZip, String toZip) {
    int a = Integer.parseInt(fromZip.substring(0, 3));
    int b = Integer.parseInt(toZip.substring(0, 3));
    return Math.max(1, Math.min(8, 1 + Math.abs(a - b) / 110));
  }

  /** A representative ZIP Code for a state, for addresses given with a city but no ZIP. */
  static String baseZipFor(String state) {
    switch (state) {
      case "CA": return "90012";
      case "NY": return "10007";
      case "TX": return "75201";
      case "FL": return "32301";
      case "IL": return "60601";
      case "WA": return "98101";
      case "MO": return "63101";
      case "DC": return "20001";
      case "MA": return "02108";
      case "GA": return "30303";
      case "CO": return "80202";
      case "AZ": return "85004";
      case "PA": return "19103";
      case "OR": return "97201";
      case "MI": return "48226";
      case "MN": return "55401";
      case "OH": return "43215";
      case "NJ": return "07102";
      case "VA": return "23219";
      case "NC": return "27601";
      default: return null;
    }
  }

  static final String STATES = "AA|AE|AL|AK|AP|AS|AZ|AR|CA|CO|CT|DE|DC|FM|FL|GA|GU|HI|ID|IL|IN|IA|KS|KY|LA|ME|MH|MD"
      + "|MA|MI|MN|MS|MO|MP|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PW|PA|PR|RI|SC|SD|TN|TX|UT|VT|VI|VA|WA|WV|WI|WY";

  static boolean isState(String s) {
    return s != null && s.matches("^(" + STATES + ")$");
  }
}
