package dev.shipbridge.usps.internal;

import static dev.shipbridge.usps.internal.Multipart.malformed;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.ValidationException;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Manifest;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.spi.support.Checks;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Pure mapping of SCAN forms (PS Form 5630): {@link ManifestRequest} to {@code POST
 * /scan-forms/v3/scan-form} with the labels' tracking numbers, and the answer (multipart or
 * {@code application/vnd.usps.labels+json}) to a {@link Manifest} holding the form as PDF.
 */
public final class ManifestMapper {
  private ManifestMapper() {}

  record Shipment(List<String> trackingNumbers) {}

  /** The SCAN form request; its {@code fromAddress} carries no phone or e-mail (the spec allows neither). */
  record Request(LabelWire.InternationalImageInfo imageInfo, String mailingDate, String entryFacilityZIPCode,
      String destinationEntryFacilityType, Shipment shipment, LabelWire.UsAddress fromAddress) {}

  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record Metadata(String manifestNumber, List<String> trackingNumbers) {}

  /** Where labels enter USPS: a SCAN form's {@code destinationEntryFacilityType} and {@code entryFacilityZIPCode}. */
  record EntryPoint(String type, String zip) {
    @Override
    public String toString() {
      return type + " " + zip;
    }
  }

  /**
   * The SCAN form for the request's labels, or a {@link ValidationException} listing every
   * violation: USPS takes labels of one entry point (facility type and ZIP Code) per form (errors
   * 160161, 160162), so a request whose labels enter at several is refused, naming its groups. A
   * label handed over at {@code from} enters at {@code NONE} and {@code from}'s ZIP Code; a
   * destination-entry label at its entry's type (the service code's last part) and facility ZIP Code.
   */
  static Request toWire(ManifestRequest r, LocalDate mailingDate) {
    Checks c = new Checks();
    boolean domestic = Units.isDomestic(r.from());
    if (!domestic) {
      c.add("from.country", "a USPS SCAN form is for labels handed over in the US (was " + r.from().country() + ")");
    }
    Map<EntryPoint, List<String>> groups = new LinkedHashMap<>();
    for (String n : r.trackingNumbers()) {
      EntryPoint e = r.entries().containsKey(n) ? entryPoint(n, r.entries().get(n), c)
          : domestic ? new EntryPoint("NONE", Units.zip5(r.from().postalCode())) : null;
      if (e != null) groups.computeIfAbsent(e, k -> new ArrayList<>()).add(n);
    }
    if (groups.size() > 1) {
      StringBuilder sb = new StringBuilder("USPS puts the labels of one entry point (facility type and ZIP Code) on a "
          + "SCAN form: send one request per group, here " + groups.size() + ":");
      groups.forEach((e, numbers) -> sb.append(" [").append(e).append(": ").append(numbers.size()).append(" label(s) ")
          .append(String.join(", ", numbers.subList(0, Math.min(3, numbers.size()))))
          .append(numbers.size() > 3 ? ", ..." : "").append(']'));
      c.add("trackingNumbers", sb.toString());
    }
    c.throwIfAny();
    EntryPoint at = groups.keySet().iterator().next();
    List<String> numbers = r.trackingNumbers().stream().map(ImpbNumber::stripRouting).toList();
    LabelWire.UsAddress a = AddressParts.us(r.from(), false);
    return new Request(new LabelWire.InternationalImageInfo("PDF", "8.5X11LABEL"), mailingDate.toString(), at.zip(),
        at.type(), new Shipment(numbers), new LabelWire.UsAddress(a.firstName(), a.lastName(), a.firm(),
            a.streetAddress(), a.secondaryAddress(), a.city(), a.state(), a.zip(), a.zipPlus4(), null, null));
  }

  /** The entry point of a destination-entry label, or null after adding its violations. */
  private static EntryPoint entryPoint(String number, ManifestRequest.Entry entry, Checks c) {
    String path = "entries[" + number + "]";
    String type = LabelMapper.Service.parse(entry.serviceCode()).entryFacility();
    if (!LabelMapper.ENTRY_FACILITIES.contains(type)) {
      c.add(path + ".serviceCode", "'" + type + "' is not a USPS destination entry facility type; one of "
          + new TreeSet<>(LabelMapper.ENTRY_FACILITIES));
      return null;
    }
    if ("NONE".equals(type)) {
      c.add(path + ".serviceCode", "'" + entry.serviceCode() + "' is not a destination-entry service: leave the label "
          + "out of entries, it is handed over at from");
      return null;
    }
    if (!Units.isDomestic(entry.facility())) {
      c.add(path + ".facility.country", "a USPS entry facility is in the US or its territories (was "
          + entry.facility().country() + ")");
      return null;
    }
    String zip = Units.zip5(entry.facility().postalCode());
    if (zip == null || !zip.matches("\\d{5}")) {
      c.add(path + ".facility.postalCode", "USPS needs the facility's ZIP Code: 12345 or 12345-6789 (was "
          + entry.facility().postalCode() + ")");
      return null;
    }
    return new EntryPoint(type, zip);
  }

  static Manifest fromWire(String contentType, byte[] body, ManifestRequest r, JsonCodec json) {
    JsonNode meta;
    byte[] image = null;
    if (body.length > 0 && Multipart.looksMultipart(contentType, body)) {
      List<Multipart.Part> parts = Multipart.parse(contentType, body);
      Multipart.Part m = parts.stream().filter(Multipart.Part::isJson).findFirst()
          .orElseThrow(() -> malformed("a SCAN form answer without metadata"));
      meta = json.tree(CarrierId.USPS, m.content());
      image = Multipart.named(parts, "SCANFormImage")
          .or(() -> parts.stream().filter(p -> !p.isJson()).findFirst())
          .map(Multipart.Part::decoded).orElse(null);
    } else {
      JsonNode root = json.tree(CarrierId.USPS, body);
      meta = root.path("SCANFormMetaData").isObject() ? root.get("SCANFormMetaData") : root;
      JsonNode img = root.get("SCANFormImage");
      if (img != null && img.isTextual()) {
        image = Multipart.base64(img.asText(), "a SCAN form image that is not base64");
      }
    }
    if (meta == null || !meta.isObject()) throw malformed("a SCAN form answer whose metadata is not a JSON object");
    if (image != null && image.length > 0 && !LabelAnswer.matchesFormat(image, dev.shipbridge.model.LabelFormat.Type.PDF)) {
      throw malformed("a SCAN form image that is not a PDF (" + image.length + " bytes)");
    }
    Metadata md = json.convert(CarrierId.USPS, meta, Metadata.class);
    if (md.manifestNumber() == null || md.manifestNumber().isBlank()) throw malformed("a SCAN form answer without a manifestNumber");
    List<String> numbers = new ArrayList<>(md.trackingNumbers() == null || md.trackingNumbers().isEmpty()
        ? r.trackingNumbers() : md.trackingNumbers());
    numbers.removeIf(n -> n == null || n.isBlank());
    return new Manifest(CarrierId.USPS, md.manifestNumber().strip(), numbers, image);
  }
}
