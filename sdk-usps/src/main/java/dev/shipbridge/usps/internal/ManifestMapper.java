package dev.shipbridge.usps.internal;

import static dev.shipbridge.usps.internal.Multipart.malformed;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.ValidationException;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Manifest;
import dev.shipbridge.model.ManifestRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure mapping of SCAN forms (PS Form 5630): {@link ManifestRequest} to {@code POST
 * /scan-forms/v3/scan-form} with the labels' tracking numbers, and the answer (multipart or
 * {@code application/vnd.usps.labels+json}) to a {@link Manifest} holding the form as PDF.
 */
public final class ManifestMapper {
  private ManifestMapper() {}

  record ImageInfo(String imageType, String labelType) {}

  record Shipment(List<String> trackingNumbers) {}

  record Request(ImageInfo imageInfo, String mailingDate, String entryFacilityZIPCode,
      String destinationEntryFacilityType, Shipment shipment, FromAddress fromAddress) {}

  /** The SCAN form's {@code fromAddress}: a US address without phone or e-mail (the spec allows neither). */
  record FromAddress(String firstName, String lastName, String firm, String streetAddress, String secondaryAddress,
      String city, String state, @JsonProperty("ZIPCode") String zip, @JsonProperty("ZIPPlus4") String zipPlus4) {
    static FromAddress of(LabelWire.UsAddress a) {
      return new FromAddress(a.firstName(), a.lastName(), a.firm(), a.streetAddress(), a.secondaryAddress(), a.city(),
          a.state(), a.zip(), a.zipPlus4());
    }
  }

  @JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
  record Metadata(String manifestNumber, List<String> trackingNumbers) {}

  static Request toWire(ManifestRequest r, LocalDate mailingDate) {
    if (!Units.isDomestic(r.from())) {
      throw ValidationException.of("from.country", "a USPS SCAN form is for labels handed over in the US (was "
          + r.from().country() + ")");
    }
    List<String> numbers = r.trackingNumbers().stream().map(ImpbNumber::stripRouting).toList();
    return new Request(new ImageInfo("PDF", "8.5X11LABEL"), mailingDate.toString(), Units.zip5(r.from().postalCode()),
        "NONE", new Shipment(numbers), FromAddress.of(AddressParts.us(r.from(), false)));
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
