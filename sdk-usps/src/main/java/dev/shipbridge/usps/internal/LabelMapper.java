package dev.shipbridge.usps.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.CarrierException;
import dev.shipbridge.spi.support.Checks;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.model.CancelResult;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.CustomsItem;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelFormat;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Money;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Pure mapping of labels and cancellations: {@link LabelRequest} to the domestic or international
 * label request (with the customs form), the answer (multipart or {@code
 * application/vnd.usps.labels+json}, flat or with a nested {@code labelMetadata}) to a {@link
 * Label}, and the cancel answer to a {@link CancelResult}. No I/O.
 */
public final class LabelMapper {
  static final Set<String> DOMESTIC_CLASSES = Set.of("PARCEL_SELECT", "PARCEL_SELECT_LIGHTWEIGHT",
      "USPS_CONNECT_LOCAL", "USPS_CONNECT_REGIONAL", "USPS_CONNECT_MAIL", "USPS_GROUND_ADVANTAGE",
      "PRIORITY_MAIL_EXPRESS", "PRIORITY_MAIL", "FIRST-CLASS_PACKAGE_SERVICE", "LIBRARY_MAIL", "MEDIA_MAIL",
      "BOUND_PRINTED_MATTER");
  static final Set<String> INTERNATIONAL_CLASSES = Set.of("FIRST-CLASS_PACKAGE_INTERNATIONAL_SERVICE",
      "PRIORITY_MAIL_INTERNATIONAL", "PRIORITY_MAIL_EXPRESS_INTERNATIONAL");
  /** Descriptions USPS rejects on a customs form (error 160050). */
  static final Set<String> VAGUE_DESCRIPTIONS = Set.of("none", "not applicable", "n/a", "null", "gift", "merchandise");
  /** Above this value per Schedule B (HS) line, US export rules require an AES filing (ITN). */
  static final BigDecimal AES_THRESHOLD = new BigDecimal("2500");
  /** The AES exemption for shipments at or below the threshold. */
  static final String AES_EXEMPTION = "NO EEI 30.37(a)";

  private LabelMapper() {}

  /** The request to send: API, body and the UUID for {@code X-Idempotency-Key}. */
  record Call(UspsApi api, Object body, String idempotencyUuid) {}

  /**
   * The service code split: mail class, rate indicator, processing category and, optionally,
   * destination entry facility ({@code MAIL_CLASS:RATE_INDICATOR:PROCESSING_CATEGORY[:ENTRY]}).
   * A missing rate indicator or category defaults to single-piece machinable, except for the mail
   * classes whose offers differ by entry point ({@link #BY_ENTRY_POINT}) and for a code naming a
   * destination entry: there it is {@link #ambiguous}.
   */
  record Service(String mailClass, String rateIndicator, String processingCategory, String entryFacility,
      boolean ambiguous) {
    static Service parse(String code) {
      String[] p = code.strip().toUpperCase(Locale.ROOT).split(":");
      boolean stated = p.length > 2 && !p[1].isBlank() && !p[2].isBlank();
      String entry = p.length > 3 && !p[3].isBlank() ? p[3] : "NONE";
      return new Service(p[0], p.length > 1 && !p[1].isBlank() ? p[1] : "SP",
          p.length > 2 && !p[2].isBlank() ? p[2] : "MACHINABLE", entry,
          !stated && (BY_ENTRY_POINT.contains(p[0]) || !"NONE".equals(entry)));
    }
  }

  /** Mail classes whose DDU, DNDC, DSCF and single-piece offers share the class: the rate indicator decides. */
  static final Set<String> BY_ENTRY_POINT = Set.of("PARCEL_SELECT", "PARCEL_SELECT_LIGHTWEIGHT");
  static final Set<String> ENTRY_FACILITIES = Set.of("NONE", "DESTINATION_NETWORK_DISTRIBUTION_CENTER",
      "DESTINATION_SECTIONAL_CENTER_FACILITY", "DESTINATION_DELIVERY_UNIT", "DESTINATION_SERVICE_HUB",
      "DESTINATION_REGIONAL_PROCESSING_DISTRIBUTION_CENTER");

  /** USPS's own rules for a label request, checked without any call: every violation, or none. */
  public static List<dev.shipbridge.ValidationException.Violation> check(LabelRequest r, UspsSettings s, java.time.Clock clock) {
    try {
      toWire(r, s, Units.mailingDate(r.shipDate(), clock), Units.mailingDate(null, clock));
      return List.of();
    } catch (dev.shipbridge.ValidationException e) {
      return e.violations();
    }
  }

  static Call toWire(LabelRequest r, UspsSettings s, LocalDate mailingDate) {
    return toWire(r, s, mailingDate, null);
  }

  /** {@code today}: USPS's today on the bound clock, to check the mailing date against; null skips that check. */
  static Call toWire(LabelRequest r, UspsSettings s, LocalDate mailingDate, LocalDate today) {
    Checks c = new Checks();
    boolean international = !Units.isDomestic(r.to());
    FieldLimits.label(r, international, c);
    if (today != null && (mailingDate.isBefore(today) || mailingDate.isAfter(today.plusDays(FieldLimits.MAILING_DAYS_AHEAD)))) {
      c.add("shipDate", "USPS takes a mailing date from today to today + " + FieldLimits.MAILING_DAYS_AHEAD
          + " days (" + today + " to " + today.plusDays(FieldLimits.MAILING_DAYS_AHEAD) + "; was " + mailingDate + ")");
    }
    Service service = Service.parse(r.serviceCode());
    if (!Units.isDomestic(r.from())) {
      c.add("from.country", "USPS labels need a US sender address (was " + r.from().country()
          + "); a parcel from abroad is labelled for its US leg from the US address where it enters USPS");
    }
    if (international && !INTERNATIONAL_CLASSES.contains(service.mailClass())) {
      c.add("serviceCode", "'" + service.mailClass() + "' is not a USPS international mail class; one of "
          + new java.util.TreeSet<>(INTERNATIONAL_CLASSES));
    }
    if (!international && !DOMESTIC_CLASSES.contains(service.mailClass())) {
      c.add("serviceCode", "'" + service.mailClass() + "' is not a USPS domestic mail class; one of "
          + new java.util.TreeSet<>(DOMESTIC_CLASSES));
    }
    if (service.ambiguous()) {
      c.add("serviceCode", "'" + service.mailClass() + "' offers differ by entry point: give the quote's serviceCode "
          + "MAIL_CLASS:RATE_INDICATOR:PROCESSING_CATEGORY[:ENTRY_FACILITY] (a label would otherwise fall back to single-piece)");
    }
    if (!ENTRY_FACILITIES.contains(service.entryFacility())) {
      c.add("serviceCode", "'" + service.entryFacility() + "' is not a USPS destination entry facility type; one of "
          + new java.util.TreeSet<>(ENTRY_FACILITIES));
    }
    if (r.parcel().dimensions() == null) {
      c.add("parcel.dimensions", "USPS labels need the parcel's length, width and height (each greater than 0)");
    }
    LabelFormat f = r.format();
    if (f.pageSize() == LabelFormat.PageSize.LETTER) c.add("format.pageSize", "USPS prints labels on 4x6 or 4x4 stock");
    if (international && f.type() == LabelFormat.Type.PNG) c.add("format.type", "USPS international labels come as PDF or ZPL");
    if (international && f.pageSize() != LabelFormat.PageSize.FOUR_BY_SIX) {
      c.add("format.pageSize", "USPS international labels are 4x6 only");
    }
    CustomsForm customs = international && r.customs() != null ? customs(r.customs(), c) : null;
    c.throwIfAny();

    String uuid = idempotencyUuid(r.idempotencyKey(), s);
    BigDecimal[] in = Units.inches(r.parcel());
    BigDecimal weight = Units.pounds(r.parcel().weight());
    List<LabelWire.Reference> refs = r.reference() == null ? null
        : List.of(new LabelWire.Reference(Units.truncate(r.reference(), 30), true));
    String date = mailingDate.toString();
    if (international) {
      return new Call(UspsApi.INTERNATIONAL_LABELS, new LabelWire.InternationalRequest(
          new LabelWire.InternationalImageInfo(imageType(f), "4X6LABEL"),
          AddressParts.foreign(r.to()), AddressParts.us(r.from(), true),
          new LabelWire.InternationalPackage(service.mailClass(), service.rateIndicator(), service.processingCategory(),
              "NONE", "lb", weight, "in", in[0], in[1], in[2], date, refs),
          customs.form()), uuid);
    }
    return new Call(UspsApi.DOMESTIC_LABELS, new LabelWire.DomesticRequest(
        new LabelWire.DomesticImageInfo(imageType(f), labelType(f), "NONE"),
        AddressParts.us(r.to(), false), AddressParts.us(r.from(), false),
        new LabelWire.DomesticPackage(service.mailClass(), service.rateIndicator(), service.processingCategory(),
            service.entryFacility(), "lb", weight, "in", in[0], in[1], in[2], date, refs)), uuid);
  }

  static String imageType(LabelFormat f) {
    return switch (f.type()) {
      case PDF -> "PDF";
      case PNG -> "PNG";
      case ZPL -> f.dpi() == 203 ? "ZPL203DPI" : "ZPL300DPI";
    };
  }

  static String labelType(LabelFormat f) {
    return f.pageSize() == LabelFormat.PageSize.FOUR_BY_FOUR ? "4X4LABEL" : "4X6LABEL";
  }

  /**
   * The UUID sent as {@code X-Idempotency-Key}: the key itself when it is a UUID, else a
   * name-based UUID of the CRID and the key, so the same key always gives the same UUID (and every
   * retry of a purchase is recognised by USPS) while different keys never collide.
   */
  static String idempotencyUuid(IdempotencyKey key, UspsSettings s) {
    String v = key.value();
    if (v.length() == 36) {
      try {
        return UUID.fromString(v).toString();
      } catch (IllegalArgumentException notAUuid) {
        // fall through to a derived UUID
      }
    }
    String crid = s.payment() == null ? "" : s.payment().crid();
    return UUID.nameUUIDFromBytes(("shipbridge:usps:" + crid + ":" + v).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private record CustomsForm(LabelWire.CustomsForm form) {}

  private static CustomsForm customs(CustomsDeclaration d, Checks c) {
    if (!"USD".equals(d.items().get(0).unitValue().currency().getCurrencyCode())) {
      c.add("customs.items", "USPS customs forms are in USD (was " + d.items().get(0).unitValue().currency() + ")");
      return null;
    }
    if (d.items().size() > 30) c.add("customs.items", "USPS customs forms take at most 30 items (had " + d.items().size() + ")");
    List<LabelWire.CustomsItem> items = new ArrayList<>();
    Map<String, BigDecimal> perHs = new LinkedHashMap<>();
    for (int i = 0; i < d.items().size(); i++) {
      CustomsItem it = d.items().get(i);
      String desc = it.description().strip();
      if (desc.length() > 30) {
        c.add("customs.items[" + i + "].description", "USPS customs descriptions are at most 30 characters (was "
            + desc.length() + ")");
      }
      if (it.quantity() > 9999) {
        c.add("customs.items[" + i + "].quantity", "USPS customs forms take at most 9999 of an item (was " + it.quantity() + ")");
      }
      if (VAGUE_DESCRIPTIONS.contains(desc.toLowerCase(Locale.ROOT))) {
        c.add("customs.items[" + i + "].description", "'" + desc + "' is too vague for USPS customs; say what the item is");
      }
      perHs.merge(it.hsCode(), it.totalValue().amount(), BigDecimal::add);
      items.add(new LabelWire.CustomsItem(desc, it.quantity(), it.totalValue().amount(), Units.pounds(it.weight()),
          "lb", it.hsCode(), it.originCountry()));
    }
    if (d.invoiceNumber() != null && d.invoiceNumber().strip().length() > 15) {
      c.add("customs.invoiceNumber", "USPS customs invoice numbers are at most 15 characters");
    }
    String itn = d.exportFilingNumber();
    boolean needsItn = perHs.values().stream().anyMatch(v -> v.compareTo(AES_THRESHOLD) > 0);
    if (itn == null && needsItn) {
      c.add("customs.exportFilingNumber", "an AES ITN is required: a line's value exceeds USD " + AES_THRESHOLD);
    }
    String contentType = switch (d.contentType()) {
      case MERCHANDISE -> "MERCHANDISE";
      case GIFT -> "GIFT";
      case DOCUMENTS -> "DOCUMENT";
      case SAMPLE -> "COMMERCIAL_SAMPLE";
      case RETURNED_GOODS -> "RETURNED_GOODS";
      case OTHER -> "OTHER";
    };
    String comments = d.contentType() == CustomsDeclaration.ContentType.OTHER
        ? Units.truncate(d.items().get(0).description(), 25) : null;
    return new CustomsForm(new LabelWire.CustomsForm(contentType, comments, itn == null ? AES_EXEMPTION : itn,
        Units.truncate(d.invoiceNumber(), 15), items));
  }

  // ------------------------------------------------------------------ answer

  /**
   * The bought label. The purchase has happened when this runs, so an answer that cannot be read
   * is outcome-unknown: the caller must reconcile with the idempotency key, not buy again.
   */
  static Label fromWire(String contentType, byte[] body, LabelRequest r, String idempotencyUuid, JsonCodec json) {
    try {
      return read(contentType, body, r, idempotencyUuid, json);
    } catch (CarrierException e) {
      throw new CarrierException(e.toDetails().outcomeUnknown(true).retryable(false)
          .idempotencyKey(r.idempotencyKey().value()));
    } catch (dev.shipbridge.ValidationException e) {
      // A value of the answer the model refuses (an absurd tracking number, say): the carrier's
      // fault, not the caller's, and the label may have been bought.
      throw new CarrierException(UspsService.unrepresentable("label", e).toDetails().outcomeUnknown(true)
          .retryable(false).idempotencyKey(r.idempotencyKey().value()));
    }
  }

  private static Label read(String contentType, byte[] body, LabelRequest r, String uuid, JsonCodec json) {
    JsonNode meta;
    byte[] image;
    byte[] receipt;
    if (body.length > 0 && Multipart.looksMultipart(contentType, body)) {
      List<Multipart.Part> parts = Multipart.parse(contentType, body);
      Multipart.Part m = Multipart.named(parts, "labelMetadata")
          .or(() -> parts.stream().filter(Multipart.Part::isJson).findFirst())
          .orElseThrow(() -> malformed("a multipart label answer without labelMetadata"));
      meta = json.tree(CarrierId.USPS, m.content());
      image = Multipart.named(parts, "labelImage")
          .or(() -> parts.stream().filter(p -> !p.isJson()).findFirst())
          .map(Multipart.Part::decoded).orElse(null);
      receipt = Multipart.named(parts, "receiptImage").map(Multipart.Part::decoded).orElse(null);
    } else {
      JsonNode root = json.tree(CarrierId.USPS, body);
      meta = root.path("labelMetadata").isObject() ? root.get("labelMetadata") : root;
      JsonNode img = root.hasNonNull("labelImage") ? root.get("labelImage") : meta.get("labelImage");
      image = img != null && img.isTextual() ? Multipart.base64(img.asText(), "a label image that is not base64") : null;
      JsonNode rec = root.hasNonNull("receiptImage") ? root.get("receiptImage") : meta.get("receiptImage");
      receipt = rec != null && rec.isTextual() && !rec.asText().isBlank()
          ? Multipart.base64(rec.asText(), "a receipt image that is not base64") : null;
    }
    if (meta == null || !meta.isObject()) throw malformed("a label answer whose metadata is not a JSON object");
    LabelWire.Metadata md = json.convert(CarrierId.USPS, meta, LabelWire.Metadata.class);
    String tracking = md.trackingNumber() != null && !md.trackingNumber().isBlank()
        ? md.trackingNumber() : md.internationalTrackingNumber();
    if (tracking == null || tracking.isBlank()) throw malformed("a label answer without a tracking number");
    if (!TRACKING_FORM.matcher(tracking.strip()).matches()) {
      throw malformed("a label answer whose tracking number is not 6 to 40 letters and digits");
    }
    if (image == null || image.length == 0) throw malformed("a label answer without a label image");
    if (!matchesFormat(image, r.format().type())) {
      throw malformed("a label image that is not " + r.format().type() + " (" + image.length + " bytes)");
    }
    dev.shipbridge.spi.support.Details details = new dev.shipbridge.spi.support.Details()
        .put("routingInformation", md.routingInformation())
        .put("zone", md.zone())
        .put("priceGroup", md.internationalPriceGroup())
        .put("sku", md.sku())
        .put("constructCode", md.constructCode())
        .put("labelBrokerID", md.labelBrokerID());
    if (md.commitment() != null) {
      details.put("commitment", md.commitment().name())
          .put("scheduledDeliveryDate", md.commitment().scheduleDeliveryDate())
          .put("expectedDeliveryDate", md.commitment().expectedDeliveryDate());
    }
    details.put("idempotencyUuid", uuid);
    return new Label(CarrierId.USPS, tracking.strip(), r.serviceCode(), r.format(), image, LabelCharges.total(md),
        r.idempotencyKey(), details.build(), LabelCharges.charges(md), LabelCharges.blank(md.zone()),
        LabelCharges.commitment(md.commitment()), receipt);
  }

  /** A price USPS could mean: not negative, at most 18 integer digits and 18 decimals (checked before any arithmetic). */
  static boolean plausible(BigDecimal amount) {
    return amount.signum() >= 0 && representable(amount);
  }

  /** An amount {@link Money} can hold: at most 18 integer digits and 18 decimals. */
  static boolean representable(BigDecimal amount) {
    return (long) amount.precision() - amount.scale() <= 18 && amount.scale() <= 18;
  }

  /** What a tracking number looks like to Shipbridge (and so what {@code track} accepts). */
  static final java.util.regex.Pattern TRACKING_FORM = java.util.regex.Pattern.compile("[A-Za-z0-9]{6,40}");

  /**
   * Whether {@code image} starts as the requested type does: {@code %PDF}, the PNG signature, or
   * a ZPL command ({@code ^} or {@code ~} after leading whitespace).
   */
  static boolean matchesFormat(byte[] image, LabelFormat.Type type) {
    return switch (type) {
      case PDF -> image.length >= 4 && image[0] == '%' && image[1] == 'P' && image[2] == 'D' && image[3] == 'F';
      case PNG -> image.length >= 8 && (image[0] & 0xFF) == 0x89 && image[1] == 'P' && image[2] == 'N' && image[3] == 'G'
          && image[4] == '\r' && image[5] == '\n' && image[6] == 0x1A && image[7] == '\n';
      case ZPL -> {
        int i = 0;
        while (i < image.length && (image[i] == ' ' || image[i] == '\t' || image[i] == '\r' || image[i] == '\n')) i++;
        yield i < image.length && (image[i] == '^' || image[i] == '~');
      }
    };
  }


  // ------------------------------------------------------------------ cancel

  static CancelResult cancelFromWire(LabelWire.CancelResponse c, String trackingNumber) {
    String status = c.status() == null ? "" : c.status().strip().toUpperCase(Locale.ROOT);
    return switch (status) {
      case "CANCELED", "CANCELLED" -> new CancelResult(CarrierId.USPS, trackingNumber, CancelResult.Status.CANCELED,
          "label canceled");
      case "DISPUTED" -> new CancelResult(CarrierId.USPS, trackingNumber, CancelResult.Status.PENDING,
          "refund requested" + (c.disputeId() == null ? "" : ", dispute " + c.disputeId()));
      default -> new CancelResult(CarrierId.USPS, trackingNumber, CancelResult.Status.PENDING,
          "USPS answered status '" + (c.status() == null ? "" : Units.truncate(c.status(), 40)) + "'");
    };
  }

  /**
   * The refusals USPS sends as 400 that are answers, not errors: a refund that "cannot be
   * submitted" (REJECTED) or that "has already been submitted today" (PENDING).
   */
  static Optional<CancelResult> cancelFromRefusal(String message, String trackingNumber) {
    if (message == null) return Optional.empty();
    String m = message.toLowerCase(Locale.ROOT);
    if (m.contains("already been submitted")) {
      return Optional.of(new CancelResult(CarrierId.USPS, trackingNumber, CancelResult.Status.PENDING, message));
    }
    if (m.contains("cannot be submitted")) {
      return Optional.of(new CancelResult(CarrierId.USPS, trackingNumber, CancelResult.Status.REJECTED, message));
    }
    return Optional.empty();
  }


  private static CarrierException malformed(String what) {
    return Multipart.malformed(what);
  }
}
