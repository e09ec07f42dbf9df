package dev.shipbridge.testkit.usps;

import static dev.shipbridge.testkit.usps.Inputs.*;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Labels API's returns label ({@code POST /labels/v3/return-label}, idempotent per CRID and
 * {@code X-Idempotency-Key} like a label) and label reprint ({@code POST
 * /labels/v3/label-reprint/{trackingNumber}}: at most 3 per label, up to its mailing date, never a
 * cancelled one). Both need the payment token. A return label is priced and numbered as the
 * outbound class it returns by ({@link DomesticLabels}), and answered as {@code
 * returnLabelMetadata} and {@code returnLabelImage}.
 */
final class ReturnsApi {
  static final Map<String, String> OUTBOUND_CLASS = Map.of(
      "USPS_GROUND_ADVANTAGE_RETURN_SERVICE", "USPS_GROUND_ADVANTAGE",
      "GROUND_RETURN_SERVICE", "USPS_GROUND_ADVANTAGE",
      "FIRST-CLASS_PACKAGE_RETURN_SERVICE", "USPS_GROUND_ADVANTAGE",
      "PRIORITY_MAIL_RETURN_SERVICE", "PRIORITY_MAIL",
      "PRIORITY_MAIL_EXPRESS_RETURN_SERVICE", "PRIORITY_MAIL_EXPRESS");
  static final Set<String> RATE_INDICATORS = Set.of("CP", "DN", "DR", "E4", "E6", "FA", "FB", "FE", "FP", "FS", "OS",
      "P5", "P6", "P7", "P8", "P9", "PA", "PL", "PM", "Q6", "Q7", "Q8", "Q9", "Q0", "SP");
  static final Set<String> PROCESSING = Set.of("LETTERS", "FLATS", "MACHINABLE", "IRREGULAR", "NON_MACHINABLE",
      "NONSTANDARD");
  static final Set<String> REPRINT_IMAGE_TYPES = Set.of("PDF", "TIFF", "JPG", "PNG", "GIF", "SVG", "ZPL203DPI",
      "ZPL300DPI", "EPL300DPI");
  static final Set<String> LABEL_TYPES = Set.of("4X4LABEL", "4X5LABEL", "4X6LABEL", "6X4LABEL", "2X7LABEL");
  static final int REPRINT_LIMIT = 3;

  private final UspsService s;
  private final PaymentsApi payments;
  private final DomesticLabels domestic;
  private final Set<String> returns = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> reprints = new ConcurrentHashMap<>();

  ReturnsApi(UspsService s, PaymentsApi payments) {
    this.s = s;
    this.payments = payments;
    this.domestic = new DomesticLabels(s);
  }

  void reset() {
    returns.clear();
    reprints.clear();
  }

  Wire.Reply returnLabel(String api, TreeMap<String, String> headers, String body) {
    PaymentsApi.PaymentToken pt;
    try {
      pt = payments.checkPaymentToken(api, headers);
    } catch (PaymentsApi.Unauthorized u) {
      return u.reply;
    }
    String key = headers.get("X-Idempotency-Key");
    if (key != null) {
      key = key.trim();
      try {
        UUID.fromString(key);
      } catch (IllegalArgumentException e) {
        return Wire.badRequest(api, "160252", "Invalid X-Idempotency-Key", "X-Idempotency-Key must be a UUID.",
            "Header: X-Idempotency-Key");
      }
    }
    Map<String, Object> req = object(Json.parse(body), "body");
    Map<String, Object> outbound = checked(req);
    s.labelLock.lock();
    try {
      if (key != null) {
        LabelsApi.Label existing = s.byIdempotencyKey.get(pt.crid() + "|" + key);
        if (existing != null) {
          if (!existing.request().equals(req)) {
            return Wire.badRequest(api, "160252", "Idempotency key reused",
                "The X-Idempotency-Key has already been used with a different request payload.", "Header: X-Idempotency-Key");
          }
          return render(existing, true, null);
        }
      }
      LabelsApi.Label built = domestic.build(outbound, pt, key);
      LabelsApi.Label label = new LabelsApi.Label(built.parcel(), req, built.crid(), key, built.metadata(),
          built.imageType(), built.labelType(), false, built.title() + " RETURN", built.lines(), false);
      String n = label.parcel().trackingNumber;
      s.labels.put(n, label);
      s.parcels.put(n, label.parcel());
      returns.add(n);
      if (key != null) s.byIdempotencyKey.put(pt.crid() + "|" + key, label);
      s.purchased.incrementAndGet();
      return render(label, true, null);
    } finally {
      s.labelLock.unlock();
    }
  }

  /** The spec's required fields and enums of {@code ReturnLabelRequest}; the outbound request to price it as. */
  private Map<String, Object> checked(Map<String, Object> req) {
    Problems p = new Problems();
    Map<String, Object> image = optionalObject(req, "imageInfo", p);
    Map<String, Object> to = requiredObject(req, "toAddress", p);
    Map<String, Object> from = requiredObject(req, "fromAddress", p);
    Map<String, Object> pkg = requiredObject(req, "packageDescription", p);
    p.throwIfAny();
    for (String f : List.of("mailClass", "rateIndicator", "processingCategory", "weight", "length", "width", "height")) {
      if (pkg.get(f) == null) p.required("packageDescription." + f);
    }
    String mailClass = str(pkg, "mailClass");
    if (mailClass != null && !OUTBOUND_CLASS.containsKey(mailClass)) {
      p.add("160252", "Invalid mailClass", "packageDescription.mailClass " + mailClass + " is not a return mail class.",
          "packageDescription.mailClass");
    }
    enumValue(pkg, "rateIndicator", RATE_INDICATORS, p, "packageDescription.");
    enumValue(pkg, "processingCategory", PROCESSING, p, "packageDescription.");
    p.throwIfAny();
    Map<String, Object> outPkg = new LinkedHashMap<>(pkg);
    outPkg.put("mailClass", OUTBOUND_CLASS.get(mailClass));
    outPkg.put("destinationEntryFacilityType", "NONE");
    outPkg.put("mailingDate", LocalDate.now(s.clock.withZone(ZoneId.of("America/Chicago"))).toString());
    Map<String, Object> out = new LinkedHashMap<>();
    if (image != null) {
      Map<String, Object> img = new LinkedHashMap<>(image);
      img.remove("receiptOption");
      out.put("imageInfo", img);
    }
    out.put("toAddress", to);
    out.put("fromAddress", from);
    out.put("packageDescription", outPkg);
    return out;
  }

  Wire.Reply reprint(String api, TreeMap<String, String> headers, String number, String body) {
    try {
      payments.checkPaymentToken(api, headers);
    } catch (PaymentsApi.Unauthorized u) {
      return u.reply;
    }
    Map<String, Object> req = body == null || body.isBlank() ? Map.of() : object(Json.parse(body), "body");
    Problems p = new Problems();
    Map<String, Object> image = optionalObject(req, "imageInfo", p);
    for (String k : req.keySet()) {
      if (!k.equals("imageInfo")) p.add("160252", "Invalid field", k + " is not a field of a reprint request.", k);
    }
    String imageType = image == null ? null : enumValue(image, "imageType", REPRINT_IMAGE_TYPES, p, "imageInfo.");
    String labelType = image == null ? null : enumValue(image, "labelType", LABEL_TYPES, p, "imageInfo.");
    p.throwIfAny();
    String n = normalise(number);
    s.labelLock.lock();
    try {
      LabelsApi.Label label = s.labels.get(n);
      if (label == null || label.international()) {
        return Wire.badRequest(api, "160185", "Order not found", "Order not found", "trackingNumber");
      }
      if (label.parcel().canceledAt != null) {
        return Wire.badRequest(api, "160186", "Label canceled", "Canceled labels are not eligible for reprint.", "trackingNumber");
      }
      LocalDate today = LocalDate.now(s.clock.withZone(ZoneId.of("America/Chicago")));
      if (today.isAfter(label.parcel().mailingDate)) {
        return Wire.badRequest(api, "160252", "Reprint not allowed", "Labels can only be reprinted up to the mailing date.",
            "trackingNumber");
      }
      int done = reprints.getOrDefault(n, 0);
      if (done >= REPRINT_LIMIT) {
        return Wire.badRequest(api, "160252", "Reprint limit reached", "Labels can only be reprinted up to 3 times.",
            "trackingNumber");
      }
      reprints.put(n, done + 1);
      LabelsApi.Label copy = new LabelsApi.Label(label.parcel(), label.request(), label.crid(), null, label.metadata(),
          imageType == null ? "PDF" : imageType, labelType == null ? "4X6LABEL" : labelType, false, label.title(),
          label.lines(), false);
      return render(copy, returns.contains(n), Json.obj().with("reprintNumber", done + 1).with("reprintLimit", REPRINT_LIMIT));
    } finally {
      s.labelLock.unlock();
    }
  }

  /** Multipart, as the spec's {@code ReturnLabelMultiPartResponse} or {@code LabelReprintMultiPartResponse}. */
  private static Wire.Reply render(LabelsApi.Label label, boolean asReturn, Json.Obj reprintInfo) {
    String prefix = asReturn ? "returnLabel" : "label";
    List<Wire.Part> parts = new ArrayList<>();
    parts.add(new Wire.Part(prefix + "Metadata", "application/json", null, Json.write(label.metadata())));
    LabelImages.Image img = LabelImages.image(label);
    parts.add(new Wire.Part(prefix + "Image", img.contentType(), prefix + "Image." + img.extension(), img.base64()));
    if (reprintInfo != null) parts.add(new Wire.Part("reprintInfo", "application/json", null, Json.write(reprintInfo)));
    Wire.Reply reply = Wire.multipart(200, parts);
    return label.idempotencyKey() == null ? reply : Wire.withHeader(reply, "X-Idempotency-Key", label.idempotencyKey());
  }
}
