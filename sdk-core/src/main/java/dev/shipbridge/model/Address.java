package dev.shipbridge.model;

import dev.shipbridge.spi.support.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A postal address with the contact at it. Validated on construction; {@link #toString()} hides
 * the personal parts (name, street lines, phone, e-mail) so an address can be logged safely.
 *
 * <pre>{@code
 * Address to = Address.builder()
 *     .name("Ada Lovelace").line("1600 Pennsylvania Ave NW")
 *     .city("Washington").region("DC").postalCode("20500").country("US")
 *     .build();
 * }</pre>
 *
 * <p>US postal codes are a ZIP or ZIP+4 and US regions a USPS state code; CN postal codes are six
 * digits and a two-letter CN region an ISO 3166-2:CN code (or the province's name). Printed text
 * must hold a letter or digit and no emoji, control or format characters (see {@code Checks}).
 *
 * @param name the recipient or sender, required
 * @param company optional
 * @param lines street lines, one to three
 * @param city required
 * @param region state or province code or name; required for US (two-letter state code)
 * @param postalCode required for US and CN
 * @param country ISO 3166-1 alpha-2 code, uppercase
 * @param phone optional
 * @param email optional
 * @param residential whether it is a home (carriers price residential delivery differently)
 */
public record Address(
    String name,
    String company,
    List<String> lines,
    String city,
    String region,
    String postalCode,
    String country,
    String phone,
    String email,
    boolean residential) {

  private static final Pattern US_ZIP = Pattern.compile("\\d{5}(-\\d{4})?");
  private static final Pattern CN_POSTCODE = Pattern.compile("\\d{6}");
  private static final Pattern US_STATE = Pattern.compile("[A-Z]{2}");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{5,25}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

  /**
   * USPS state codes: the 50 states, DC, the territories and freely associated states USPS
   * serves (AS, FM, GU, MH, MP, PR, PW, VI) and the armed forces codes (AA, AE, AP).
   */
  private static final Set<String> US_STATES = Set.of(
      "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY",
      "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND",
      "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC",
      "AS", "FM", "GU", "MH", "MP", "PR", "PW", "VI", "AA", "AE", "AP");

  /** ISO 3166-2:CN (2017 letter codes): provinces, autonomous regions, municipalities, SARs and TW. */
  private static final Set<String> CN_PROVINCES = Set.of(
      "AH", "BJ", "CQ", "FJ", "GD", "GS", "GX", "GZ", "HA", "HB", "HE", "HI", "HK", "HL", "HN", "JL", "JS",
      "JX", "LN", "MO", "NM", "NX", "QH", "SC", "SD", "SH", "SN", "SX", "TJ", "TW", "XJ", "XZ", "YN", "ZJ");

  public Address {
    // Copied with nulls kept, so that a null line is reported like a blank one, not as a NullPointerException.
    lines = lines == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(lines));
    Checks c = new Checks();
    c.printable("name", name, 100, true);
    c.printable("company", company, 100, false);
    if (lines.isEmpty() || lines.size() > 3) {
      c.add("lines", "must have 1 to 3 street lines (had " + lines.size() + ")");
    }
    for (int i = 0; i < lines.size(); i++) {
      c.printable("lines[" + i + "]", lines.get(i), 100, true);
    }
    c.printable("city", city, 64, true);
    c.text("region", region, 64);
    boolean knownCountry = c.country("country", country);
    c.text("postalCode", postalCode, 12);
    if (knownCountry) {
      checkPostalRules(c, country, region, postalCode);
    }
    if (phone != null && (c.text("phone", phone, 25) && !PHONE.matcher(phone).matches())) {
      c.add("phone", "is not a phone number");
    }
    if (email != null && (c.text("email", email, 254) && !EMAIL.matcher(email).matches())) {
      c.add("email", "is not an e-mail address");
    }
    c.throwIfAny();
    lines = List.copyOf(lines);
  }

  private static void checkPostalRules(Checks c, String country, String region, String postalCode) {
    switch (country) {
      case "US" -> {
        if (postalCode == null || postalCode.isBlank()) c.add("postalCode", "is required for US addresses");
        else if (!US_ZIP.matcher(postalCode).matches()) c.add("postalCode", "must be a ZIP (12345) or ZIP+4 (12345-6789)");
        if (region == null || region.isBlank()) c.add("region", "is required for US addresses (two-letter state code)");
        else if (!US_STATES.contains(region)) {
          c.add("region", "is not a US state, district, territory or military code USPS accepts (two letters, e.g. NY, DC, PR, AE)");
        }
      }
      case "CN" -> {
        if (postalCode == null || postalCode.isBlank()) c.add("postalCode", "is required for CN addresses");
        else if (!CN_POSTCODE.matcher(postalCode).matches()) c.add("postalCode", "must be six digits for CN");
        if (region != null && US_STATE.matcher(region.strip().replaceFirst("^CN-", "")).matches()
            && !CN_PROVINCES.contains(region.strip().replaceFirst("^CN-", ""))) {
          c.add("region", "is not an ISO 3166-2:CN province code (e.g. GD, SH, ZJ); give the code or the province's name");
        }
      }
      default -> { }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this address's values, to derive a variant. */
  public Builder toBuilder() {
    Builder b = new Builder().name(name).company(company).city(city).region(region)
        .postalCode(postalCode).country(country).phone(phone).email(email).residential(residential);
    b.lines.addAll(lines);
    return b;
  }

  /** Whether this address is outside {@code otherCountry}. */
  public boolean isInternationalFrom(Address other) {
    return !country.equals(other.country);
  }

  /** Redacted: only the city, region, postal code prefix and country are shown. */
  @Override
  public String toString() {
    String pc = postalCode == null ? null : postalCode.length() <= 3 ? "***" : postalCode.substring(0, 3) + "***";
    return "Address[name=***, lines=***, city=" + city + ", region=" + region + ", postalCode=" + pc
        + ", country=" + country + ", residential=" + residential + "]";
  }

  /** Builds an {@link Address}; {@link #build()} validates everything at once. */
  public static final class Builder {
    private String name;
    private String company;
    private final List<String> lines = new ArrayList<>();
    private String city;
    private String region;
    private String postalCode;
    private String country;
    private String phone;
    private String email;
    private boolean residential;

    private Builder() {}

    public Builder name(String name) { this.name = name; return this; }
    public Builder company(String company) { this.company = company; return this; }
    /** Adds a street line (up to three). */
    public Builder line(String line) { this.lines.add(line); return this; }
    public Builder lines(List<String> lines) { this.lines.clear(); this.lines.addAll(lines); return this; }
    public Builder city(String city) { this.city = city; return this; }
    public Builder region(String region) { this.region = region; return this; }
    public Builder postalCode(String postalCode) { this.postalCode = postalCode; return this; }
    public Builder country(String country) { this.country = country; return this; }
    public Builder phone(String phone) { this.phone = phone; return this; }
    public Builder email(String email) { this.email = email; return this; }
    public Builder residential(boolean residential) { this.residential = residential; return this; }

    public Address build() {
      return new Address(name, company, lines, city, region, postalCode, country, phone, email, residential);
    }
  }
}
