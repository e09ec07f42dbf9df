package dev.shipbridge.model;

/**
 * Where a tracking event happened; every part may be null (carriers often give only a city or a
 * facility name).
 */
public record EventLocation(String city, String region, String postalCode, String country, String facility) {
  public static final EventLocation UNKNOWN = new EventLocation(null, null, null, null, null);

  public static EventLocation of(String city, String region, String postalCode, String country) {
    return new EventLocation(city, region, postalCode, country, null);
  }

  /** "CITY, ST 12345, US" with the known parts. */
  public String display() {
    StringBuilder sb = new StringBuilder();
    if (city != null && !city.isBlank()) sb.append(city);
    if (region != null && !region.isBlank()) sb.append(sb.length() > 0 ? ", " : "").append(region);
    if (postalCode != null && !postalCode.isBlank()) sb.append(sb.length() > 0 ? " " : "").append(postalCode);
    if (country != null && !country.isBlank()) sb.append(sb.length() > 0 ? ", " : "").append(country);
    if (sb.length() == 0 && facility != null) sb.append(facility);
    return sb.toString();
  }
}
