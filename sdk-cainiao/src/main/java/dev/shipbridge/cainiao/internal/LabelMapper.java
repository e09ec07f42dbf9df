package dev.shipbridge.cainiao.internal;

import static dev.shipbridge.cainiao.internal.CainiaoWire.orEmpty;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.shipbridge.CarrierException;
import dev.shipbridge.ValidationException;
import dev.shipbridge.spi.support.Checks;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelFormat;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.ReceiptOption;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The label flow's three calls, mapped without I/O: {@code order.create}, {@code
 * getonlinelogisticsinfo} (the order's numbers) and {@code getprintinfo} (the PDF). The label's
 * number is the LP code, Cainiao's and never changed (the international number may change on
 * relabelling; it is in {@link Label#details()}). The idempotency key travels as {@code
 * out_order_id}, which Cainiao is not documented to deduplicate: the create is {@code NON_IDEMPOTENT}.
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
  static final BigDecimal MIN_DECLARED = new BigDecimal("0.01");
  static final BigDecimal MAX_DECLARED = new BigDecimal("10000.00");
  /** {@code product_weight}: at most 2.000 kg per unit. */
  static final BigDecimal MAX_UNIT_KG = new BigDecimal("2.000");

  /**
   * Cainiao's own rules, every violation: PDF labels only; a reference that is an AliExpress trade
   * order id (digits); declared items' English descriptions of 1 to 60 characters, quantities of 1
   * to 999, unit values of 0.01 to 10000.00, at most 2 kg per unit and declared values in CNY, USD
   * or RUB (the limits of Cainiao's declaration fields in the reference); never truncated.
   */
  public static List<ValidationException.Violation> violations(LabelRequest request) {
    Checks c = new Checks();
    if (request.format().type() != LabelFormat.Type.PDF) {
      c.add("format", "Cainiao prints labels as PDF only (asked for " + request.format().type() + ")");
    }
    if (request.entryFacility() != null) {
      c.add("entryFacility", "Cainiao has no destination entry: its orders take no entry facility (Cainiao collects "
          + "or receives the parcel at its own warehouse)");
    }
    if (request.receipt() != ReceiptOption.NONE) {
      c.add("receipt", "Cainiao returns no postage receipt with a label (asked for " + request.receipt() + ")");
    }
    String ref = request.reference();
    if (ref != null && !ref.isBlank() && tradeOrderId(request) == null) {
      // sent only as a trade order id: a reference that cannot be one would be dropped silently
      c.add("reference", "Cainiao takes the AliExpress trade order id as the reference: 1 to 20 digits");
    }
    if (request.customs() != null) {
      var items = request.customs().items();
      for (int i = 0; i < items.size(); i++) {
        var it = items.get(i);
        String at = "customs.items[" + i + "].";
        int length = it.description().strip().length();
        if (length > 60) {
          c.add(at + "description", "Cainiao declarations take English descriptions of at most 60 characters (was "
              + length + ")");
        }
        if (it.quantity() > 999) {
          c.add(at + "quantity", "Cainiao declarations take at most 999 of an item (was " + it.quantity() + ")");
        }
        BigDecimal unit = it.unitValue().amount();
        if (unit.compareTo(MIN_DECLARED) < 0 || unit.compareTo(MAX_DECLARED) > 0) {
          c.add(at + "unitValue", "Cainiao declarations take a unit value of 0.01 to 10000.00 (was "
              + Checks.render(unit) + ")");
        }
        BigDecimal unitKg = it.weight().in(dev.shipbridge.model.WeightUnit.KILOGRAM)
            .divide(BigDecimal.valueOf(Math.max(1, it.quantity())), 6, java.math.RoundingMode.HALF_UP);
        if (unitKg.compareTo(MAX_UNIT_KG) > 0) {
          c.add(at + "weight", "Cainiao declarations take at most 2.000 kg per unit (was "
              + unitKg.stripTrailingZeros().toPlainString() + " kg)");
        }
      }
      String cur = items.get(0).unitValue().currency().getCurrencyCode();
      if (!Set.of("CNY", "USD", "RUB").contains(cur)) {
        c.add("customs.items", "Cainiao takes declared values in CNY, USD or RUB (was " + cur + ")");
      }
    }
    return c.violations();
  }

  /** The AliExpress trade order id: the request's reference when it is all digits. */
  static String tradeOrderId(LabelRequest request) {
    String r = request.reference();
    return r != null && DIGITS.matcher(r).matches() ? r : null;
  }

  /** The form of {@code order.create}: the order as JSON text. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record CreateForm(String orderParam, String locale) {}

  /** The lookup of {@code getonlinelogisticsinfo}: by order code, order id, trade order or number. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record InfoForm(String logisticsOrderCode, String logisticsOrderId, String orderId, String internationalLogisticsId) {
    static InfoForm ofOrder(String orderId) {
      return CainiaoNumbers.isLpCode(orderId) ? new InfoForm(orderId, null, null, null) : new InfoForm(null, orderId, null, null);
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record PrintForm(String internationalLogisticsId) {}

  static CreateForm toWire(LabelRequest request, CainiaoConfig config) {
    String trade = tradeOrderId(request);
    Address to = request.to();
    var address = new CainiaoWire.ReceiverAddress(to.country(), to.region(), to.city(), String.join(", ", to.lines()),
        to.postalCode());
    var order = new CainiaoWire.OrderParam(trade == null ? null : new CainiaoWire.TradeOrder(trade),
        request.idempotencyKey().value(),
        new CainiaoWire.SolutionParam(request.serviceCode(), List.of(new CainiaoWire.Code(
            "cainiao_pickup".equals(config.handoverType()) ? "DOOR_PICKUP" : "SELF_SEND"))),
        List.of(PackageParams.of(request.parcel(), request.customs())),
        config.topUserKey() == null ? null : new CainiaoWire.SellerInfo(config.topUserKey()),
        addressId(config.senderAddressId()), addressId(config.returnerAddressId()), addressId(config.pickupAddressId()),
        new CainiaoWire.Receiver(to.name(), to.phone(), to.phone(), to.email(), address));
    return new CreateForm(CainiaoJson.text(order), config.locale());
  }

  private static CainiaoWire.AddressId addressId(String id) {
    return id == null ? null : new CainiaoWire.AddressId(id);
  }

  /**
   * What a create answered.
   *
   * @param logisticsOrderId the order id ({@code LP...} code or numeric id), null when a duplicate
   *     answer did not name it
   * @param duplicate Cainiao said the order already exists
   */
  public record Created(String logisticsOrderId, boolean duplicate) {}

  static Created fromCreate(CainiaoWire.Reply<CainiaoWire.Created> answer, CainiaoErrors.Call call) {
    CainiaoWire.Envelope status = answer.status();
    CainiaoWire.Created body = answer.body();
    Boolean ok = status.isSuccessSnake() != null ? status.isSuccessSnake() : status.success();
    String id = body == null ? null : body.result() != null && body.result().logisticsOrderId() != null
        ? body.result().logisticsOrderId() : body.logisticsOrderId();
    CainiaoWire.ErrorInfo info = status.errorInfo();
    boolean failed = Boolean.FALSE.equals(ok) || (ok == null && id == null && info != null && info.errorCode() != null);
    if (failed) {
      String code = info != null && info.errorCode() != null ? info.errorCode() : status.errorCodeSnake();
      String msg = info != null && info.errorMsg() != null ? info.errorMsg() : status.message();
      if ((code != null && DUPLICATE.matcher(code).matches()) || (msg != null && DUPLICATE.matcher(msg).matches())) {
        return new Created(id, true);
      }
      throw CainiaoErrors.businessFailure(status, call);
    }
    if (id == null) {
      // is_success true or empty, yet no order: the order may or may not exist.
      throw CainiaoErrors.malformed(call, null, "no logistics_order_id");
    }
    return new Created(id, false);
  }

  /** One row of {@code getonlinelogisticsinfo}. */
  public record OnlineInfo(String tradeOrderId, String logisticsOrderId, String lpNumber, String latestNumber,
      String originalNumber, String solutionCode, String serviceName, String lastMileResource) {}

  static List<OnlineInfo> fromOnlineInfo(CainiaoWire.Reply<CainiaoWire.OnlineInfoAnswer> answer, CainiaoErrors.Call call) {
    CainiaoErrors.requireSuccess(answer.status(), call);
    CainiaoWire.OnlineInfoAnswer body = answer.body();
    List<CainiaoWire.OnlineRow> rows = body == null ? List.of() : body.resultList() == null && body.result() != null
        ? orEmpty(body.result().resultList()) : orEmpty(body.resultList());
    List<OnlineInfo> out = new ArrayList<>();
    for (CainiaoWire.OnlineRow row : rows) {
      if (row == null) continue;
      String service = orEmpty(row.logisticsServiceList()).stream().filter(c -> c != null && c.code() != null)
          .map(CainiaoWire.Code::code).findFirst().orElse(row.channelCode());
      out.add(new OnlineInfo(row.orderId(), row.onlineLogisticsId(), upper(row.lpNumber()),
          upper(row.internationallogisticsId()), upper(row.originalInternationalLogisticsId()), row.solutionCode(),
          service, row.lmResourceCode()));
    }
    return out;
  }

  /** The PDF bytes of a {@code getprintinfo} answer. */
  static byte[] fromPrintInfo(CainiaoWire.Reply<CainiaoWire.PrintInfo> answer, CainiaoErrors.Call call) {
    CainiaoErrors.requireSuccess(answer.status(), call);
    CainiaoWire.Document d = answer.body() == null ? null : answer.body().result();
    return pdf(d == null ? null : d.body(), call);
  }

  /** A Base64 PDF (a data URI too); anything else is a {@link CarrierException} naming the call. */
  static byte[] pdf(String b64, CainiaoErrors.Call call) {
    if (b64 == null || b64.isBlank()) throw badDocument(call, "Cainiao returned no document for " + call.api());
    int comma = b64.startsWith("data:") ? b64.indexOf(',') : -1; // a data URI: its data
    byte[] pdf;
    try {
      pdf = Base64.getMimeDecoder().decode(comma >= 0 ? b64.substring(comma + 1) : b64);
    } catch (IllegalArgumentException e) {
      throw badDocument(call, "Cainiao's document from " + call.api() + " is not Base64");
    }
    if (!isPdf(pdf)) {
      throw badDocument(call, "Cainiao's document from " + call.api() + " is not a PDF (it does not start with %PDF-; "
          + pdf.length + " bytes)");
    }
    return pdf;
  }

  private static CarrierException badDocument(CainiaoErrors.Call call, String message) {
    return CarrierException.details(call.carrier(), message).idempotencyKey(call.idempotencyKey()).build();
  }

  static boolean isPdf(byte[] b) {
    return b.length >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-';
  }

  static Label toLabel(LabelRequest request, String lpCode, OnlineInfo info, byte[] pdf, CainiaoErrors.Call call) {
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
