package dev.shipbridge.testkit.usps;

import java.time.Instant;
import java.time.LocalDate;

/** One trackable item the emulator knows: a label it sold, an inbound parcel, or a test number. */
final class Parcel {
  enum Kind { DOMESTIC_LABEL, INTERNATIONAL_LABEL, INBOUND, TEST_NUMBER }

  final String trackingNumber;
  final Kind kind;
  final Rates.Product product;
  final Geo.Place origin;
  /** US destination, or (for international labels) the foreign city with a null state/zip. */
  final Geo.Place destination;
  final String destinationCountry;
  final Instant start;
  final LocalDate mailingDate;
  /** For test numbers: how the fixed story ends (see {@link Tracking}). */
  final String testEnding;
  final String mid;
  final String entryZip;
  final String destinationEntryFacilityType;

  volatile Instant canceledAt;
  volatile String scanFormNumber;

  Parcel(String trackingNumber, Kind kind, Rates.Product product, Geo.Place origin, Geo.Place destination,
      String destinationCountry, Instant start, LocalDate mailingDate, String testEnding, String mid,
      String entryZip, String destinationEntryFacilityType) {
    this.trackingNumber = trackingNumber;
    this.kind = kind;
    this.product = product;
    this.origin = origin;
    this.destination = destination;
    this.destinationCountry = destinationCountry;
    this.start = start;
    this.mailingDate = mailingDate;
    this.testEnding = testEnding;
    this.mid = mid;
    this.entryZip = entryZip;
    this.destinationEntryFacilityType = destinationEntryFacilityType;
  }

  boolean isLabel() {
    return kind == Kind.DOMESTIC_LABEL || kind == Kind.INTERNATIONAL_LABEL;
  }
}
