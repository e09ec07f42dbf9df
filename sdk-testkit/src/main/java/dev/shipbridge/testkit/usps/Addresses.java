package dev.shipbridge.testkit.usps;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** USPS-style address standardisation: upper case, Publication 28 abbreviations, ZIP+4. */
final class Addresses {
  private Addresses() {}

  private static final Map<String, String> WORDS = Map.ofEntries(
      Map.entry("STREET", "ST"), Map.entry("AVENUE", "AVE"), Map.entry("ROAD", "RD"),
      Map.entry("BOULEVARD", "BLVD"), Map.entry("DRIVE", "DR"), Map.entry("LANE", "LN"),
      Map.entry("COURT", "CT"), Map.entry("PLACE", "PL"), Map.entry("SQUARE", "SQ"),
      Map.entry("PARKWAY", "PKWY"), Map.entry("HIGHWAY", "HWY"), Map.entry("TERRACE", "TER"),
      Map.entry("CIRCLE", "CIR"), Map.entry("NORTH", "N"), Map.entry("SOUTH", "S"), Map.entry("EAST", "E"),
      Map.entry("WEST", "W"), Map.entry("NORTHWEST", "NW"), Map.entry("NORTHEAST", "NE"),
      Map.entry("SOUTHWEST", "SW"), Map.entry("SOUTHEAST", "SE"), Map.entry("SUITE", "STE"),
      Map.entry("APARTMENT", "APT"), Map.entry("FLOOR", "FL"), Map.entry("ROOM", "RM"),
      Map.entry("BUILDING", "BLDG"), Map.entry("DEPARTMENT", "DEPT"));

  /** Upper case, punctuation dropped, street words abbreviated. */
  static String street(String s) {
    if (s == null) {
      return null;
    }
    String u = s.toUpperCase(Locale.ROOT).replaceAll("[.,]", " ").replace("#", " # ").trim();
    List<String> out = new ArrayList<>();
    for (String w : u.split("\\s+")) {
      if (!w.isEmpty()) {
        out.add(WORDS.getOrDefault(w, w));
      }
    }
    return String.join(" ", out);
  }

  static String city(String s) {
    if (s == null) {
      return null;
    }
    String u = s.toUpperCase(Locale.ROOT).replaceAll("[.,]", " ").trim().replaceAll("\\s+", " ");
    if (u.startsWith("ST ")) {
      u = "SAINT " + u.substring(3);
    } else if (u.startsWith("FT ")) {
      u = "FORT " + u.substring(3);
    }
    return u;
  }

  /** Whether the street line starts with a (non-zero) primary number, which the emulator needs to "find" it. */
  static boolean hasPrimaryNumber(String street) {
    return street != null && street.trim().matches("^[1-9][0-9A-Za-z-]*\\s+\\S.*");
  }

  /** A stable ZIP+4 add-on for a standardised street line. */
  static String plus4(String standardisedStreet, String secondary) {
    int h = Math.floorMod((standardisedStreet + "|" + (secondary == null ? "" : secondary)).hashCode(), 9000);
    return Integer.toString(1000 + h);
  }

  static String deliveryPoint(String standardisedStreet) {
    String digits = standardisedStreet.replaceAll("^(\\d+).*", "$1");
    if (!digits.matches("\\d+")) {
      return "99";
    }
    String two = "0" + digits;
    return two.substring(two.length() - 2);
  }

  static String carrierRoute(String zip) {
    return "C0" + String.format("%02d", Math.floorMod(zip.hashCode(), 90) + 10);
  }
}
