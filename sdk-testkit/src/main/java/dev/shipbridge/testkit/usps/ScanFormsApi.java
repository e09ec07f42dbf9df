package dev.shipbridge.testkit.usps;

import static dev.shipbridge.testkit.usps.Inputs.*;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The SCAN Forms API ({@code POST /scan-forms/v3/scan-form}): PS Form 5630 for today's labels. As
 * the spec's label eligibility rules say, every label on a form has the form's {@code
 * entryFacilityZIPCode} (the label's sender ZIP Code, or its destination entry facility's) and
 * {@code destinationEntryFacilityType}: a listed label that does not is refused with 160161 or
 * 160162; a form by MID takes only the labels that match.
 */
final class ScanFormsApi {
  /** The spec's {@code DestinationEntryFacilityType} enum. */
  static final java.util.Set<String> ENTRY_TYPES = java.util.Set.of("NONE", "DESTINATION_NETWORK_DISTRIBUTION_CENTER",
      "DESTINATION_REGIONAL_PROCESSING_DISTRIBUTION_CENTER", "DESTINATION_SECTIONAL_CENTER_FACILITY",
      "DESTINATION_DELIVERY_UNIT", "DESTINATION_SERVICE_HUB");

  private final Map<String, LabelsApi.Label> labels;
  private final AtomicLong serial;
  private final ReentrantLock labelLock;

  ScanFormsApi(UspsService s) {
    this.labels = s.labels;
    this.serial = s.serial;
    this.labelLock = s.labelLock;
  }

  Wire.Reply scanForm(String api, TreeMap<String, String> headers, String body) {
    Map<String, Object> req = object(Json.parse(body), "body");
    Problems p = new Problems();
    String mailingDate = date(req, "mailingDate", p);
    if (mailingDate == null) {
      p.required("mailingDate");
    }
    String entryZip = str(req, "entryFacilityZIPCode");
    if (entryZip == null || !entryZip.matches("^\\d{5}$")) {
      p.required("entryFacilityZIPCode");
    }
    String entryType = str(req, "destinationEntryFacilityType");
    if (entryType == null) {
      p.required("destinationEntryFacilityType");
    } else if (!ENTRY_TYPES.contains(entryType)) {
      p.add("160015", "Invalid destinationEntryFacilityType", "destinationEntryFacilityType " + entryType
          + " is not one of " + ENTRY_TYPES, "destinationEntryFacilityType");
    }
    Map<String, Object> shipment = requiredObject(req, "shipment", p);
    Map<String, Object> from = requiredObject(req, "fromAddress", p);
    p.throwIfAny();
    domesticAddress(from, "fromAddress", p);
    p.throwIfAny();
    List<String> numbers = new ArrayList<>();
    labelLock.lock();
    try {
      if (shipment.get("trackingNumbers") instanceof List) {
        for (Object o : (List<?>) shipment.get("trackingNumbers")) {
          String n = normalise(String.valueOf(o));
          LabelsApi.Label l = labels.get(n);
          if (l == null) {
            p.add("160039", "Barcode not found", "barcode " + o + " does not exist", "barcode");
          } else if (l.parcel().canceledAt != null) {
            p.add("160397", "Barcode canceled",
                "barcode " + n + " has been canceled and is not eligible to be added to a SCAN Form", "barcode");
          } else if (l.parcel().scanFormNumber != null) {
            p.add("160040", "Barcode already on a SCAN Form", "barcode " + n
                + " is already part of another SCAN Form with efn " + l.parcel().scanFormNumber, "scanFormEfn");
          } else if (!entryZip.equals(l.parcel().entryZip)) {
            p.add("160161", "Entry facility ZIP mismatch", "barcode " + n + " with zip " + l.parcel().entryZip
                + " does not match SCAN Form request zip " + entryZip, "entryFacilityZipCode");
          } else if (!entryType.equals(l.parcel().destinationEntryFacilityType)) {
            p.add("160162", "Entry facility type mismatch", "barcode " + n + " with facility type "
                + l.parcel().destinationEntryFacilityType + " does not match SCAN Form request facility type "
                + entryType, "destinationEntryFacilityType");
          } else {
            numbers.add(n);
          }
        }
      } else {
        String mid = str(shipment, "MID");
        String manifestMid = str(shipment, "manifestMID");
        if (mid == null && manifestMid == null) {
          p.required("shipment.trackingNumbers");
        }
        for (LabelsApi.Label l : labels.values()) {
          Parcel parcel = l.parcel();
          boolean owner = mid != null ? mid.equals(parcel.mid) : manifestMid.equals(parcel.mid);
          if (owner && parcel.canceledAt == null && parcel.scanFormNumber == null
              && parcel.mailingDate.toString().equals(mailingDate) && entryZip.equals(parcel.entryZip)
              && entryType.equals(parcel.destinationEntryFacilityType)) {
            numbers.add(parcel.trackingNumber);
          }
        }
      }
      p.throwIfAny();
      if (numbers.isEmpty()) {
        return Wire.badRequest(api, "160037", "No eligible labels",
            "The SCAN Form could not be created because no labels met the given criteria",
            "mailingDate,entryFacilityZIPCode,destinationEntryFacilityType,shipment");
      }
      String efn = TrackingNumbers.impb("750", DEFAULT_MID, serial.incrementAndGet());
      for (String n : numbers) {
        labels.get(n).parcel().scanFormNumber = efn;
      }
      Json.Obj fromOut = Json.obj();
      for (String f : List.of("firstName", "lastName", "firm", "streetAddress", "secondaryAddress", "city", "state",
          "ZIPCode", "ZIPPlus4")) {
        String v = str(from, f);
        fromOut.with(f, nonEmpty(v) ? v.toUpperCase(Locale.ROOT) : null);
      }
      Map<String, Object> image = req.get("imageInfo") instanceof Map ? object(req.get("imageInfo"), "imageInfo") : null;
      Json.Obj meta = Answers.of("scan-form",
          "imageType", image != null && str(image, "imageType") != null ? str(image, "imageType") : "PDF",
          "labelType", image != null && str(image, "labelType") != null ? str(image, "labelType") : "8.5X11LABEL",
          "mailingDate", mailingDate, "overwriteMailingDate", Boolean.TRUE.equals(req.get("overwriteMailingDate")),
          "entryFacilityZIPCode", entryZip, "destinationEntryFacilityType", entryType, "shipment", shipment,
          "fromAddress", fromOut, "manifestNumber", efn, "trackingNumbers", numbers);
      List<String> lines = new ArrayList<>();
      lines.add("PS FORM 5630 - SHIPMENT CONFIRMATION ACCEPTANCE NOTICE");
      lines.add("EFN " + efn + "  MAILING DATE " + mailingDate + "  ENTRY ZIP " + entryZip);
      lines.add(numbers.size() + " PACKAGE(S):");
      lines.addAll(numbers.size() > 30 ? numbers.subList(0, 30) : numbers);
      String pdf = Base64.getEncoder().encodeToString(Documents.pdf("USPS SCAN FORM", lines, efn, 8.5, 11));
      if (headers.getOrDefault("Accept", "").toLowerCase(Locale.ROOT).contains(Wire.VENDOR_JSON)) {
        Json.Obj out = Json.obj();
        out.putAll(meta);
        out.with("SCANFormImage", pdf);
        return Wire.json(200, out, Wire.VENDOR_JSON);
      }
      return Wire.multipart(200, List.of(
          new Wire.Part("SCANFormMetaData", "application/json", null, Json.write(meta)),
          new Wire.Part("SCANFormImage", "application/pdf", "SCANFormImage.pdf", pdf)));
    } finally {
      labelLock.unlock();
    }
  }
}
