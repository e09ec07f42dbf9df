package dev.shipbridge.usps.internal;

import static dev.shipbridge.usps.internal.Multipart.malformed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.CarrierException;
import dev.shipbridge.ValidationException;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.http.RequestSafety;
import dev.shipbridge.model.CancelResult;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelFormat;
import dev.shipbridge.model.LabelRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Pure reading of the Labels APIs' answers: the bought label (multipart or {@code
 * application/vnd.usps.labels+json}, flat or with a nested {@code labelMetadata}) as a {@link
 * Label}, and a cancellation as a {@link CancelResult}. No I/O.
 */
final class LabelAnswer {
  private LabelAnswer() {}


  /**
   * The bought label from a 2xx answer. The purchase has happened when this runs: an answer whose
   * bytes are damaged (not JSON, a broken multipart, an image that is not base64) goes to core's
   * rules for a purchase under a key (the key returns the same label, so it may be asked again);
   * an intact answer this module cannot represent is outcome-unknown and not retryable, saying
   * what was wrong and carrying the key: the caller reconciles, nobody asks again.
   */
  static Label fromWire(HttpResult result, LabelRequest r, String idempotencyUuid, JsonCodec json) {
    return fromWire(result, new Asked(r.serviceCode(), r.format(), r.idempotencyKey()), idempotencyUuid, json);
  }

  /**
   * What was asked for, to read the answer against: the service, the file format and the key (null
   * for a reprint, which buys nothing).
   */
  record Asked(String serviceCode, dev.shipbridge.model.LabelFormat format, dev.shipbridge.model.IdempotencyKey key) {}

  /**
   * {@link #fromWire(HttpResult, LabelRequest, String, JsonCodec)} for any Labels API answer: a
   * label, a return label ({@code returnLabelMetadata}, {@code returnLabelImage}, {@code
   * returnReceiptImage}) or a reprint of either.
   */
  static Label fromWire(HttpResult result, Asked r, String idempotencyUuid, JsonCodec json) {
    String key = r.key() == null ? null : r.key().value();
    try {
      return read(result.contentType(), result.body(), r, idempotencyUuid, json);
    } catch (Damaged e) {
      throw json.unreadable(CarrierId.USPS, result, e.getCause(), RequestSafety.IDEMPOTENT_WITH_KEY, key);
    } catch (CarrierException e) {
      throw new CarrierException(e.toDetails().httpStatus(result.status()).requestId(result.requestId())
          .outcomeUnknown(true).retryable(false).idempotencyKey(key));
    } catch (ValidationException e) { // a value the model refuses (an absurd tracking number, say): the carrier's fault
      throw new CarrierException(UspsClient.unrepresentable("label", e).httpStatus(result.status())
          .requestId(result.requestId()).outcomeUnknown(true).retryable(false).idempotencyKey(key));
    }
  }

  /** Bytes that do not form the answer's format: the answer was damaged on its way. */
  static final class Damaged extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Damaged(Throwable cause) {
      super(null, cause, false, false);
    }
  }

  /** Runs a parse of the answer's bytes; its failure is {@link Damaged}. */
  static <T> T bytes(java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (CarrierException e) {
      throw new Damaged(e);
    }
  }

  private static Label read(String contentType, byte[] body, Asked r, String uuid, JsonCodec json) {
    JsonNode meta;
    byte[] image;
    byte[] receipt;
    if (body.length > 0 && Multipart.looksMultipart(contentType, body)) {
      List<Multipart.Part> parts = bytes(() -> Multipart.parse(contentType, body));
      Multipart.Part m = Multipart.named(parts, "labelMetadata")
          .or(() -> Multipart.named(parts, "returnLabelMetadata"))
          .or(() -> parts.stream().filter(Multipart.Part::isJson).findFirst())
          .orElseThrow(() -> malformed("a multipart label answer without labelMetadata"));
      meta = bytes(() -> json.tree(CarrierId.USPS, m.content()));
      image = Multipart.named(parts, "labelImage")
          .or(() -> Multipart.named(parts, "returnLabelImage"))
          .or(() -> parts.stream().filter(p -> !p.isJson()).findFirst())
          .map(Multipart.Part::decoded).orElse(null);
      receipt = Multipart.named(parts, "receiptImage").or(() -> Multipart.named(parts, "returnReceiptImage")).map(Multipart.Part::decoded).orElse(null);
    } else {
      JsonNode root = bytes(() -> json.tree(CarrierId.USPS, body));
      meta = root.path("labelMetadata").isObject() ? root.get("labelMetadata")
          : root.path("returnLabelMetadata").isObject() ? root.get("returnLabelMetadata") : root;
      JsonNode img = root.hasNonNull("labelImage") ? root.get("labelImage")
          : root.hasNonNull("returnLabelImage") ? root.get("returnLabelImage") : meta.get("labelImage");
      image = img != null && img.isTextual() ? bytes(() -> Multipart.base64(img.asText(), "a label image that is not base64")) : null;
      JsonNode rec = root.hasNonNull("receiptImage") ? root.get("receiptImage")
          : root.hasNonNull("returnReceiptImage") ? root.get("returnReceiptImage") : meta.get("receiptImage");
      receipt = rec != null && rec.isTextual() && !rec.asText().isBlank()
          ? bytes(() -> Multipart.base64(rec.asText(), "a receipt image that is not base64")) : null;
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
        r.key(), details.build(), LabelCharges.charges(md), Units.blank(md.zone()),
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
    String s = new String(image, StandardCharsets.ISO_8859_1); // one char per byte
    return switch (type) {
      case PDF -> s.startsWith("%PDF");
      case PNG -> s.startsWith("\u0089PNG\r\n\u001A\n");
      case ZPL -> ZPL_START.matcher(s).lookingAt();
    };
  }

  private static final java.util.regex.Pattern ZPL_START = java.util.regex.Pattern.compile("[ \t\r\n]*[\\^~]");


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
}
