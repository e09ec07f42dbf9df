package dev.shipbridge.model;

import java.util.Set;

/** The subdivision codes an {@link Address} region is checked against. */
final class Subdivisions {
  /**
   * USPS state codes: the 50 states, DC, the territories and freely associated states USPS
   * serves (AS, FM, GU, MH, MP, PR, PW, VI) and the armed forces codes (AA, AE, AP).
   */
  static final Set<String> US = Set.of(
      "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
      "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
      "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC",
      "AS", "FM", "GU", "MH", "MP", "PR", "PW", "VI", "AA", "AE", "AP");

  /** ISO 3166-2:CN (2017 letter codes): provinces, autonomous regions, municipalities, SARs and TW. */
  static final Set<String> CN = Set.of(
      "AH", "BJ", "CQ", "FJ", "GD", "GS", "GX", "GZ", "HA", "HB", "HE", "HI", "HK", "HL", "HN", "JL", "JS", "JX",
      "LN", "MO", "NM", "NX", "QH", "SC", "SD", "SH", "SN", "SX", "TJ", "TW", "XJ", "XZ", "YN", "ZJ");

  private Subdivisions() {}
}
