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
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelFormat;
import dev.shipbridge.model.LabelRequest;
import java.math.BigDecimal;
import java.util.Arrays;
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
   * What was asked for, to read the answer against: the service, the file format and the key (null
   * for a reprint, which buys nothing).
   */
  record Asked(String serviceCode, LabelFormat format, IdempotencyKey key) {
    Asked(LabelRequest r) {
      this(r.serviceCode(), r.format(), r.idempotencyKey());
    }
  }

  /**
   * The label from a 2xx answer of any Labels API call: a label, a return label ({@code
   * returnLabelMetadata}, {@code returnLabelImage}, {@code returnReceiptImage}) or a reprint of
   * either. The purchase has happened when this runs: an answer whose bytes are damaged (not JSON, a
   * broken multipart, an image that is not base64) goes to core's rules for a purchase under a key
   * (the key returns the same label, so it may be asked again); an intact answer this module cannot
   * represent is outcome-unknown and not retryable, saying what was wrong and carrying the key: the
   * caller reconciles, nobody asks again.
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
      JsonNode labelMeta = root.path("labelMetadata").isObject() ? root.get("labelMetadata")
          : root.get("returnLabelMetadata");
      meta = labelMeta != null && labelMeta.isObject() ? labelMeta : root;
      image = base64(first(root, meta, "labelImage", "returnLabelImage"), "a label image that is not base64");
      receipt = base64(first(root, meta, "receiptImage", "returnReceiptImage"), "a receipt image that is not base64");
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

  /** {@code root.name}, else {@code root.returnName}, else {@code meta.name} (null when none is there). */
  private static JsonNode first(JsonNode root, JsonNode meta, String name, String returnName) {
    return root.hasNonNull(name) ? root.get(name) : root.hasNonNull(returnName) ? root.get(returnName) : meta.get(name);
  }

  /** A JSON image's bytes; null when absent, not text or blank. */
  private static byte[] base64(JsonNode image, String what) {
    if (image == null || !image.isTextual() || image.asText().isBlank()) return null;
    return bytes(() -> Multipart.base64(image.asText(), what));
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
   * a ZPL command ({@code ^} or {@code ~} after leading whitespace). Reads the first bytes only.
   */
  static boolean matchesFormat(byte[] image, LabelFormat.Type type) {
    return switch (type) {
      case PDF -> startsWith(image, PDF);
      case PNG -> startsWith(image, PNG);
      case ZPL -> {
        int i = 0;
        while (i < image.length && (image[i] == ' ' || image[i] == '\t' || image[i] == '\r' || image[i] == '\n')) i++;
        yield i < image.length && (image[i] == '^' || image[i] == '~');
      }
    };
  }

  private static final byte[] PDF = {'%', 'P', 'D', 'F'};
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private static boolean startsWith(byte[] image, byte[] prefix) {
    return image.length >= prefix.length && Arrays.equals(image, 0, prefix.length, prefix, 0, prefix.length);
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
}
