package dev.shipbridge.cainiao.internal;

import static dev.shipbridge.cainiao.internal.WireJson.bool;
import static dev.shipbridge.cainiao.internal.WireJson.first;
import static dev.shipbridge.cainiao.internal.WireJson.list;
import static dev.shipbridge.cainiao.internal.WireJson.object;
import static dev.shipbridge.cainiao.internal.WireJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.CarrierException;
import dev.shipbridge.ValidationException;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelFormat;
import dev.shipbridge.model.LabelRequest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The label flow's three calls, mapped without I/O:
 *
 * <ol>
 *   <li>{@code cainiao.global.logistic.order.create}: the request to {@code order_param}; the
 *       answer to the logistics order id ({@link Created}). {@code is_success} may be a boolean,
 *       a string or empty; {@code need_retry} makes a failure retryable; an answer saying the
 *       order already exists is {@link Created#duplicate()}, resolved by the caller to the
 *       existing order.
 *   <li>{@code aliexpress.logistics.redefining.getonlinelogisticsinfo}: rows of LP code, latest and
 *       original international numbers ({@link OnlineInfo}).
 *   <li>{@code aliexpress.logistics.redefining.getprintinfo}: the label PDF, Base64 either raw or
 *       wrapped in JSON ({@code {"body": "..."}}, as text or as an object); anything that does not
 *       decode to a PDF is refused with a clear {@link CarrierException}.
 * </ol>
 *
 * <p>The label's tracking number is the LP code: the one number that is always Cainiao's, is
 * known as soon as the order exists and never changes (the international number can change on
 * relabelling and may belong to the last-mile carrier). The international numbers are in {@link
 * Label#details()}.
 *
 * <p>The request's idempotency key is sent as {@code order_param.out_order_id}. The reference
 * documents no deduplication by that field for this API (only {@code outOrderId} "unique" on a
 * LINK API), so the create is sent as {@code NON_IDEMPOTENT}: a failure after sending is
 * outcome-unknown, never retried by the core. A repeated create that Cainiao recognises (same
 * trade order) resolves to the existing order.
 */
public final class LabelMapper {
  public static final String CREATE = "cainiao.global.logistic.order.create";
  public static final String ONLINE_INFO = "aliexpress.logistics.redefining.getonlinelogisticsinfo";
  public static final String PRINT = "aliexpress.logistics.redefining.getprintinfo";

  private static final Pattern DIGITS = Pattern.compile("\\d{1,20}");
  private static final Pattern DUPLICATE = Pattern.compile(
      "(?i).*(duplicate|repeat|already[ _-]?exist|exists|重复|已存在).*");

  private LabelMapper() {}

  /** {@code product_declare_amount}: 0.01 to 10000.00 per unit. */
  static final java.math.BigDecimal MIN_DECLARED = new java.math.BigDecimal("0.01");
  static final java.math.BigDecimal MAX_DECLARED = new java.math.BigDecimal("10000.00");
  /** {@code product_weight}: at most 2.000 kg per unit. */
  static final java.math.BigDecimal MAX_UNIT_KG = new java.math.BigDecimal("2.000");

  /** Refusals before any call: Cainiao labels come as PDF only. */
  public static void check(LabelRequest request) {
    List<ValidationException.Violation> v = violations(request);
    if (!v.isEmpty()) throw new ValidationException(v);
  }

  /**
   * Cainiao's own rules, every violation: PDF labels only; a reference that is an AliExpress trade
   * order id (digits); declared items' English descriptions of 1 to 60 characters, quantities of 1
   * to 999, unit values of 0.01 to 10000.00, at most 2 kg per unit and declared values in CNY, USD
   * or RUB (the limits of Cainiao's declaration fields in the reference); never truncated.
   */
  public static List<ValidationException.Violation> violations(LabelRequest request) {
    List<ValidationException.Violation> out = new java.util.ArrayList<>();
    if (request.format().type() != LabelFormat.Type.PDF) {
      out.add(new ValidationException.Violation("format", "Cainiao prints labels as PDF only (asked for " + request.format().type() + ")"));
    }
    String ref = request.reference();
    if (ref != null && !ref.isBlank() && tradeOrderId(request) == null) {
      // sent only as a trade order id: a reference that cannot be one would be dropped silently
      out.add(new ValidationException.Violation("reference",
          "Cainiao takes the AliExpress trade order id as the reference: 1 to 20 digits"));
    }
    if (request.customs() != null) {
      var items = request.customs().items();
      for (int i = 0; i < items.size(); i++) {
        var it = items.get(i);
        if (it.description().strip().length() > 60) {
          out.add(new ValidationException.Violation("customs.items[" + i + "].description",
              "Cainiao declarations take English descriptions of at most 60 characters (was " + it.description().strip().length() + ")"));
        }
        if (it.quantity() > 999) {
          out.add(new ValidationException.Violation("customs.items[" + i + "].quantity",
              "Cainiao declarations take at most 999 of an item (was " + it.quantity() + ")"));
        }
        java.math.BigDecimal unit = it.unitValue().amount();
        if (unit.compareTo(MIN_DECLARED) < 0 || unit.compareTo(MAX_DECLARED) > 0) {
          out.add(new ValidationException.Violation("customs.items[" + i + "].unitValue",
              "Cainiao declarations take a unit value of 0.01 to 10000.00 (was "
                  + dev.shipbridge.spi.support.Checks.render(unit) + ")"));
        }
        java.math.BigDecimal unitKg = it.weight().in(dev.shipbridge.model.WeightUnit.KILOGRAM)
            .divide(java.math.BigDecimal.valueOf(Math.max(1, it.quantity())), 6, java.math.RoundingMode.HALF_UP);
        if (unitKg.compareTo(MAX_UNIT_KG) > 0) {
          out.add(new ValidationException.Violation("customs.items[" + i + "].weight",
              "Cainiao declarations take at most 2.000 kg per unit (was " + unitKg.stripTrailingZeros().toPlainString() + " kg)"));
        }
      }
      String cur = items.get(0).unitValue().currency().getCurrencyCode();
      if (!Set.of("CNY", "USD", "RUB").contains(cur)) {
        out.add(new ValidationException.Violation("customs.items", "Cainiao takes declared values in CNY, USD or RUB (was " + cur + ")"));
      }
    }
    return out;
  }

  /** The AliExpress trade order id: the request's reference when it is all digits. */
  public static String tradeOrderId(LabelRequest request) {
    String r = request.reference();
    return r != null && DIGITS.matcher(r).matches() ? r : null;
  }

  public static Map<String, String> toWire(LabelRequest request, CainiaoConfig config) {
    Map<String, Object> order = new LinkedHashMap<>();
    String trade = tradeOrderId(request);
    if (trade != null) order.put("trade_order_param", Map.of("trade_order_id", trade));
    order.put("out_order_id", request.idempotencyKey().value());
    Map<String, Object> solution = new LinkedHashMap<>();
    solution.put("solution_code", request.serviceCode());
    solution.put("service_params", List.of(Map.of("code",
        "cainiao_pickup".equals(config.handoverType()) ? "DOOR_PICKUP" : "SELF_SEND")));
    order.put("solution_param", solution);
    order.put("package_params", List.of(PackageParams.of(request.parcel(), request.customs())));
    if (config.topUserKey() != null) order.put("seller_info_param", Map.of("top_user_key", config.topUserKey()));
    addressId(order, "sender_param", config.senderAddressId());
    addressId(order, "returner_param", config.returnerAddressId());
    addressId(order, "pickup_info_param", config.pickupAddressId());
    order.put("receiver_param", receiver(request.to()));
    Map<String, String> p = new LinkedHashMap<>();
    p.put("order_param", QuoteMapper.json(order));
    p.put("locale", config.locale());
    return p;
  }

  private static void addressId(Map<String, Object> order, String key, String id) {
    if (id != null) order.put(key, Map.of("seller_address_id", id));
  }

  private static Map<String, Object> receiver(Address to) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("country_code", to.country());
    if (to.region() != null) a.put("province", to.region());
    a.put("city", to.city());
    a.put("detail_address", String.join(", ", to.lines()));
    if (to.postalCode() != null) a.put("zip_code", to.postalCode());
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("name", to.name());
    if (to.phone() != null) {
      r.put("mobile_phone", to.phone());
      r.put("telephone", to.phone());
    }
    if (to.email() != null) r.put("email", to.email());
    r.put("address_param", a);
    return r;
  }

  /**
   * What a create answered.
   *
   * @param logisticsOrderId the order id ({@code LP...} code or numeric id), null when a duplicate
   *     answer did not name it
   * @param duplicate Cainiao said the order already exists
   */
  public record Created(String logisticsOrderId, boolean duplicate) {}

  public static Created fromCreate(JsonNode answer, CainiaoErrors.Call call) {
    Boolean ok = bool(answer, "is_success", "success");
    JsonNode result = object(answer, "result");
    String id = text(result, "logistics_order_id", "logistics_order_code", "lp_number", "order_code");
    if (id == null) id = text(answer, "logistics_order_id");
    boolean failed = Boolean.FALSE.equals(ok)
        || (ok == null && id == null && text(object(answer, "error_info"), "error_code") != null);
    if (failed) {
      JsonNode info = object(answer, "error_info");
      String code = WireJson.firstNonNull(text(info, "error_code"), text(answer, "error_code"));
      String msg = WireJson.firstNonNull(text(info, "error_msg"), text(answer, "error_msg", "error_desc"));
      if ((code != null && DUPLICATE.matcher(code).matches()) || (msg != null && DUPLICATE.matcher(msg).matches())) {
        return new Created(id, true);
      }
      throw CainiaoErrors.businessFailure(answer, call);
    }
    if (id == null) {
      // is_success true or empty, yet no order: the order may or may not exist.
      throw CainiaoErrors.malformed(call, null, "no logistics_order_id");
    }
    return new Created(id, false);
  }

  /** One row of {@code getonlinelogisticsinfo}. */
  public record OnlineInfo(String tradeOrderId, String logisticsOrderId, String lpNumber, String latestNumber,
      String originalNumber, String solutionCode, String serviceName, String lastMileResource, String status) {}

  public static List<OnlineInfo> fromOnlineInfo(JsonNode answer, CainiaoErrors.Call call) {
    CainiaoErrors.requireSuccess(answer, call);
    JsonNode holder = object(answer, "result").isObject() && first(answer, "result_list").isMissingNode()
        ? object(answer, "result") : answer;
    List<OnlineInfo> out = new ArrayList<>();
    for (JsonNode row : list(holder, "result_list")) {
      String service = null;
      for (JsonNode s : list(row, "logistics_service_list")) {
        service = text(s, "code");
        if (service != null) break;
      }
      out.add(new OnlineInfo(text(row, "order_id"), text(row, "online_logistics_id", "logistics_order_id"),
          upper(text(row, "lp_number", "logistics_order_code", "out_order_code")),
          upper(text(row, "internationallogistics_id", "international_logistics_id")),
          upper(text(row, "original_international_logistics_id")),
          text(row, "solution_code"), service != null ? service : text(row, "channel_code"),
          text(row, "lm_resource_code"), text(row, "logistics_status")));
    }
    return out;
  }

  /** The PDF bytes of a {@code getprintinfo} answer. */
  public static byte[] fromPrintInfo(JsonNode answer, CainiaoErrors.Call call) {
    CainiaoErrors.requireSuccess(answer, call);
    return pdf(first(answer, "result", "body", "data"), call);
  }

  /** A Base64 PDF given raw, as JSON text holding {@code body}, or as an object holding it. */
  static byte[] pdf(JsonNode result, CainiaoErrors.Call call) {
    String b64 = null;
    if (result.isTextual()) {
      String t = result.asText().trim();
      JsonNode wrapped = WireJson.parseEmbedded(t);
      b64 = wrapped.isObject() ? text(wrapped, "body", "Body", "data", "pdf") : t;
    } else if (result.isObject()) {
      b64 = text(result, "body", "Body", "data", "pdf");
    }
    if (b64 == null || b64.isBlank()) {
      throw CarrierException.details(call.carrier(), "Cainiao returned no document for " + call.api())
          .idempotencyKey(call.idempotencyKey()).build();
    }
    byte[] pdf;
    try {
      pdf = Base64.getMimeDecoder().decode(stripDataUri(b64));
    } catch (IllegalArgumentException e) {
      throw CarrierException.details(call.carrier(), "Cainiao's document from " + call.api() + " is not Base64")
          .idempotencyKey(call.idempotencyKey()).build();
    }
    if (!isPdf(pdf)) {
      throw CarrierException.details(call.carrier(), "Cainiao's document from " + call.api()
          + " is not a PDF (it does not start with %PDF-; " + pdf.length + " bytes)").idempotencyKey(call.idempotencyKey()).build();
    }
    return pdf;
  }

  private static String stripDataUri(String s) {
    int comma = s.startsWith("data:") ? s.indexOf(',') : -1;
    return comma >= 0 ? s.substring(comma + 1) : s;
  }

  static boolean isPdf(byte[] b) {
    return b.length >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-';
  }

  public static Label toLabel(LabelRequest request, String lpCode, OnlineInfo info, byte[] pdf, CainiaoErrors.Call call) {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("lpNumber", lpCode);
    if (info != null) {
      QuoteMapper.putIfPresent(d, "logisticsOrderId", info.logisticsOrderId());
      QuoteMapper.putIfPresent(d, "internationalTrackingNumber", info.latestNumber());
      QuoteMapper.putIfPresent(d, "originalInternationalTrackingNumber",
          info.originalNumber() != null ? info.originalNumber() : info.latestNumber());
      QuoteMapper.putIfPresent(d, "tradeOrderId", info.tradeOrderId());
      QuoteMapper.putIfPresent(d, "solutionCode", info.solutionCode());
    }
    return new Label(call.carrier(), lpCode, request.serviceCode(), request.format(), pdf, null,
        request.idempotencyKey(), d);
  }

  static String upper(String s) {
    return s == null ? null : s.replace(" ", "").toUpperCase(Locale.ROOT);
  }

}
