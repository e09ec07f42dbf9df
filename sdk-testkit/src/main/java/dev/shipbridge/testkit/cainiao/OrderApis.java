package dev.shipbridge.testkit.cainiao;

import static dev.shipbridge.testkit.cainiao.Wire.*;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The IOP order APIs: solution inquiry, order create, online logistics info and print info. */
final class OrderApis {
  private final Clock clock;
  private final Store store;
  /** Solutions a test added to every inquiry answer ({@code CainiaoEmulator.offerSolution}), oldest first. */
  private final List<Extra> extras = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** A solution a test configured: a fixed fee in minor units of {@code currency}. */
  record Extra(String code, String name, long fastDays, long slowestDays, long feeMinorUnits, String currency) {}

  OrderApis(Clock clock, Store store) {
    this.clock = clock;
    this.store = store;
  }

  Map<String, Object> solutionInquiry(Map<String, String> params) {
    long grams = 0;
    Object packages = parseJson(params.get("package_params"));
    if (packages instanceof List<?> list) {
      for (Object p : list) {
        grams += longField(p, "weight", 0);
      }
    } else if (packages instanceof Map<?, ?> single) {
      grams += longField(single, "weight", 0);
    }
    if (grams <= 0) {
      grams = 500;
    }
    List<Object> solutions = new ArrayList<>();
    solutions.add(solution("CAINIAO_STANDARD", "Cainiao Standard Shipping", 90, 7, 15, 1500 + grams * 9 / 10));
    solutions.add(solution("CAINIAO_PREMIUM", "Cainiao Premium Shipping", 70, 5, 10, 3500 + grams * 15 / 10));
    solutions.add(solution("CAINIAO_ECONOMY", "Cainiao Saver Shipping", 50, 15, 30, 800 + grams * 6 / 10));
    for (Extra e : extras) {
      solutions.add(solution(e.code(), e.name(), 60, e.fastDays(), e.slowestDays(), e.feeMinorUnits(), e.currency()));
    }
    return Answers.of("solution-inquiry", "solutions", solutions);
  }

  static Map<String, Object> solution(String code, String name, int recommend, long fast, long slow, long fen) {
    return Answers.of("solution", "code", code, "name", name, "recommendIndex", recommend, "fastDays", fast,
        "slowestDays", slow, "feeFen", fen);
  }

  /** The canonical solution (fees in CNY) with its fee and fee detail in {@code currency} instead. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> solution(String code, String name, int recommend, long fast, long slow, long fee,
      String currency) {
    Map<String, Object> s = solution(code, name, recommend, fast, slow, fee);
    for (Object f : (List<Object>) s.get("fee_list")) {
      Map<String, Object> feeEntry = (Map<String, Object>) f;
      feeEntry.put("currency", currency);
      for (Object d : (List<Object>) feeEntry.get("fee_detail_list")) {
        ((Map<String, Object>) d).put("fee_currency", currency);
        ((Map<String, Object>) d).put("paid_fee_currency", currency);
      }
    }
    return s;
  }

  /** Adds {@code e} to every inquiry answer (replacing one with its code) and accepts orders for it. */
  void offer(Extra e) {
    extras.removeIf(x -> x.code().equals(e.code()));
    extras.add(e);
  }

  void clearOffers() {
    extras.clear();
  }


  /** The solutions {@code solution.inquiry} offers; a create naming another is refused. */
  static final java.util.Set<String> SOLUTION_CODES = java.util.Set.of("CAINIAO_STANDARD", "CAINIAO_PREMIUM", "CAINIAO_ECONOMY");
  private final java.util.concurrent.atomic.AtomicLong anonymousCreates = new java.util.concurrent.atomic.AtomicLong();

  Map<String, Object> orderCreate(Map<String, String> params) {
    Object orderParam = parseJson(params.get("order_param"));
    if (!(orderParam instanceof Map<?, ?> order)) {
      return createFailure("PARAM_ERROR", "order_param is missing or is not a JSON object");
    }
    String tradeOrderId = text(path(order, "trade_order_param", "trade_order_id"));
    String outOrderId = firstNonBlank(text(order.get("out_order_id")), text(order.get("outOrderId")));
    // As the real service: a repeated trade order is recognised; out_order_id is not a deduplication
    // key (the reference documents none for this API), so each create without a trade order is a new order.
    String reference = tradeOrderId != null ? "trade:" + tradeOrderId
        : "create:" + anonymousCreates.incrementAndGet() + (outOrderId == null ? "" : ":" + outOrderId);
    String solutionCode = text(path(order, "solution_param", "solution_code"));
    if (solutionCode == null) {
      return createFailure("PARAM_ERROR", "solution_param.solution_code is required");
    }
    if (!SOLUTION_CODES.contains(solutionCode) && extras.stream().noneMatch(e -> e.code().equals(solutionCode))) {
      return createFailure("SOLUTION_NOT_EXIST", "solution_code " + solutionCode + " is not a solution of this seller");
    }
    Object packages = order.get("package_params");
    if (!(packages instanceof List<?> list) || list.isEmpty()) {
      return createFailure("PARAM_ERROR", "package_params must list at least one package");
    }
    String country = firstNonBlank(text(path(order, "receiver_param", "address_param", "country_code")), "US");
    Order created = store.createOrder(reference, tradeOrderId, solutionCode, country, clock.instant(),
        text(path(order, "receiver_param", "address_param", "city")),
        text(path(order, "receiver_param", "address_param", "province")),
        text(path(order, "receiver_param", "address_param", "zip_code")));
    return Answers.of("order-create", "logisticsOrderId", created.logisticsOrderId);
  }

  static Map<String, Object> createFailure(String code, String message) {
    return Answers.of("order-create-failure", "errorCode", code, "errorMessage", message);
  }

  Map<String, Object> onlineLogisticsInfo(Map<String, String> params) {
    Instant now = clock.instant();
    List<Object> rows = new ArrayList<>();
    for (Order o : store.orders()) {
      if (matches(params.get("logistics_order_id"), Long.toString(o.logisticsOrderId))
          && matches(params.get("logistics_order_code"), o.lpNumber)
          && matches(params.get("order_id"), o.tradeOrderId)
          && (isBlank(params.get("international_logistics_id"))
              || params.get("international_logistics_id").equals(o.s10)
              || params.get("international_logistics_id").equals(o.latestNumber(now)))) {
        rows.add(onlineRow(o, now));
      }
    }
    return Answers.of("online-logistics-info", "rows", rows);
  }

  Map<String, Object> onlineRow(Order o, Instant now) {
    List<Order.Event> events = o.events(now);
    int done = events.size();
    return Answers.of("online-logistics-row",
        "orderId", o.tradeOrderId != null && o.tradeOrderId.matches("\\d{1,18}") ? Long.parseLong(o.tradeOrderId) : null,
        "onlineLogisticsId", o.logisticsOrderId, "lpNumber", o.lpNumber,
        "internationalLogisticsId", o.latestNumber(now), "originalInternationalLogisticsId", o.s10,
        "solutionCode", o.solutionCode, "logisticsStatus", done <= 1 ? "INIT" : done <= 2 ? "PICKUP" : "WAREHOUSE",
        "lastMileResourceCode", o.handedOff(now) ? "USPS" : null);
  }

  Map<String, Object> printInfo(Map<String, String> params) {
    String number = params.get("international_logistics_id");
    if (isBlank(number)) {
      throw new IopGateway.TopBusinessError("isv.missing-parameter", missing("international_logistics_id"));
    }
    Order o = store.find(number);
    if (o == null) {
      throw new IopGateway.TopBusinessError("isv.logistics-order-not-found", "No logistics order for " + number);
    }
    byte[] pdf = Pdfs.textPage(List.of("CAINIAO  " + o.solutionCode, "CN -> " + o.destCountry,
        "Intl no: " + o.s10, "LP: " + o.lpNumber, "Created: " + o.createdAt));
    Map<String, Object> wrapped = new LinkedHashMap<>();
    wrapped.put("body", Base64.getEncoder().encodeToString(pdf));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("result", compact(wrapped));
    return body;
  }
}
