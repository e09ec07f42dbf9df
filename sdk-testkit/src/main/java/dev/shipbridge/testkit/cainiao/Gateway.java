package dev.shipbridge.testkit.cainiao;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.shipbridge.testkit.CainiaoEmulator;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The WireMock extension that answers every request of the Cainiao emulator: the IOP gateway
 * ({@code /sync}, {@code /rest/...}), the LINK gateway ({@code /gateway/link.do}) and the public
 * tracking JSON ({@code /global/detail.json}). Internal; use {@link CainiaoEmulator}.
 */
public final class Gateway implements ResponseDefinitionTransformerV2 {
  public static final String NAME = "shipbridge-cainiao-gateway";

  /** IOP timestamps must be within this window of the platform's clock (AE-120691). */
  public static final Duration IOP_TIMESTAMP_WINDOW = Duration.ofSeconds(7200);

  static final ZoneId CHINA = ZoneId.of("GMT+08:00");
  static final DateTimeFormatter TOP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
  static final String S02_MESSAGE = "验签或加密失败:digist sign check not pass";

  /** Credentials the gateway accepts. */
  public record Credentials(String appKey, String appSecret, String accessToken, String logisticProviderId,
      String linkSecretKey) {}

  /** One request as received. */
  public record Call(String api, Map<String, String> params, String body, Map<String, String> headers) {}

  private final Credentials credentials;
  private final Clock clock;
  private final Store store;
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Integer> callCounts = new ConcurrentHashMap<>();
  private final Map<String, List<CainiaoEmulator.Fault>> faults = new LinkedHashMap<>();
  private final AtomicReference<Consumer<Order>> handoffListener = new AtomicReference<>();
  private volatile Duration faultDelay = Duration.ofSeconds(2);
  private final Map<String, Function<Map<String, String>, Map<String, Object>>> iopMethods = new LinkedHashMap<>();

  public Gateway(Credentials credentials, Clock clock, Store store) {
    this.credentials = credentials;
    this.clock = clock;
    this.store = store;
    iopMethods.put("cainiao.global.solution.inquiry", this::solutionInquiry);
    iopMethods.put("cainiao.global.logistic.order.create", this::orderCreate);
    iopMethods.put("aliexpress.logistics.redefining.getonlinelogisticsinfo", this::onlineLogisticsInfo);
    iopMethods.put("aliexpress.logistics.redefining.getprintinfo", this::printInfo);
    iopMethods.put("aliexpress.logistics.redefining.querytrackingresult", this::trackingResult);
    iopMethods.put("cainiao.global.handover.savedraft", this::handoverSaveDraft);
    iopMethods.put("cainiao.global.handover.commit", this::handoverCommit);
    iopMethods.put("cainiao.global.handover.pdf.get", this::handoverPdf);
    iopMethods.put("cainiao.global.handover.cancel", this::handoverCancel);
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  // ---------------------------------------------------------------- emulator controls

  public void onHandoff(Consumer<Order> listener) {
    handoffListener.set(listener);
  }

  public void faultDelay(Duration delay) {
    this.faultDelay = delay;
  }

  public void injectFault(String api, CainiaoEmulator.Fault fault, int times) {
    synchronized (faults) {
      List<CainiaoEmulator.Fault> queue = faults.computeIfAbsent(api, k -> new ArrayList<>());
      for (int i = 0; i < times; i++) {
        queue.add(fault);
      }
    }
  }

  private CainiaoEmulator.Fault takeFault(String api) {
    synchronized (faults) {
      for (String key : new String[] {api, "*"}) {
        List<CainiaoEmulator.Fault> queue = faults.get(key);
        if (queue != null && !queue.isEmpty()) {
          return queue.remove(0);
        }
      }
      return null;
    }
  }

  public int requestCount(String api) {
    if ("*".equals(api)) {
      return callCounts.values().stream().mapToInt(Integer::intValue).sum();
    }
    return callCounts.getOrDefault(api, 0);
  }

  public List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  public void reset() {
    synchronized (faults) {
      faults.clear();
    }
    calls.clear();
    callCounts.clear();
    store.clear();
  }

  /** Fires due handoffs now; the emulator also does this on every request. */
  public void fireDueHandoffs() {
    store.notifyHandoffs(clock.instant(), handoffListener.get());
  }

  // ---------------------------------------------------------------- dispatch

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    fireDueHandoffs();
    String url = request.getUrl();
    int q = url.indexOf('?');
    String path = q < 0 ? url : url.substring(0, q);
    try {
      if (path.equals("/sync")) {
        return iop(request, null);
      }
      if (path.startsWith("/rest/")) {
        return iop(request, path.substring("/rest".length()));
      }
      if (path.equals("/gateway/link.do") || path.equals("/gateway/pac_message_receiver.do")) {
        return link(request);
      }
      if (path.equals("/global/detail.json")) {
        return publicTracking(request);
      }
      record(path, Map.of(), request);
      return json(404, Map.of("success", false, "errorMsg", "no such path: " + path)).build();
    } catch (RuntimeException e) {
      return json(500, Map.of("type", "SYSTEM", "code", "InternalError", "message",
          "emulator error: " + e, "request_id", requestId())).build();
    }
  }

  private void record(String api, Map<String, String> params, Request request) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (HttpHeader h : request.getHeaders().all()) {
      headers.put(h.key(), h.firstValue());
    }
    calls.add(new Call(api, Map.copyOf(params), request.getBodyAsString(), Collections.unmodifiableMap(headers)));
    callCounts.merge(api, 1, Integer::sum);
  }

  // ---------------------------------------------------------------- IOP gateway

  private ResponseDefinition iop(Request request, String apiPath) {
    Map<String, String> params = params(request);
    boolean rest = apiPath != null;
    String api = rest ? apiPath : params.getOrDefault("method", "");
    record(api, params, request);
    CainiaoEmulator.Fault fault = takeFault(api);
    if (fault != null && refusesBeforeProcessing(fault)) {
      return refusal(fault, rest ? Surface.REST : Surface.SYNC).build();
    }
    return applyFault(fault, iopProcess(params, rest, api));
  }

  private ResponseDefinitionBuilder iopProcess(Map<String, String> params, boolean rest, String api) {
    String appKey = params.get("app_key");
    if (isBlank(appKey)) {
      return iopError(rest, "ISV", "MissingParameter", missing("app_key"));
    }
    if (!appKey.equals(credentials.appKey())) {
      return iopError(rest, "ISV", "InvalidAppKey", "The specified app key is invalid");
    }
    for (String required : new String[] {"sign_method", "timestamp", "sign"}) {
      if (isBlank(params.get(required))) {
        return iopError(rest, "ISV", "MissingParameter", missing(required));
      }
    }
    String signMethod = params.get("sign_method");
    if (!signMethod.equals("sha256") && !signMethod.equalsIgnoreCase("HmacSHA256")) {
      return iopError(rest, "ISV", "IncompleteSignature", "Unsupported sign_method: " + signMethod);
    }
    Instant timestamp = parseTimestamp(params.get("timestamp"));
    if (timestamp == null || !fresh(timestamp)) {
      return iopError(rest, "ISV", "InvalidTimestamp",
          "The timestamp is invalid or more than 7200 seconds away from the platform time");
    }
    String prefix = rest ? api : "";
    String sign = params.get("sign");
    if (!Signatures.sameSignature(Signatures.iopSign(prefix, params, credentials.appSecret(), true), sign)
        && !Signatures.sameSignature(Signatures.iopSign(prefix, params, credentials.appSecret(), false), sign)) {
      return iopError(rest, "ISV", "IncompleteSignature", "The request signature does not conform to platform standards");
    }
    if (rest) {
      return restApi(api, params);
    }
    if (isBlank(api)) {
      return iopError(false, "ISV", "MissingParameter", missing("method"));
    }
    Function<Map<String, String>, Map<String, Object>> handler = iopMethods.get(api);
    if (handler == null) {
      return iopError(false, "ISV", "InvalidApiPath", "The specified API path is invalid");
    }
    String token = firstNonBlank(params.get("session"), params.get("access_token"));
    if (token == null) {
      return iopError(false, "ISV", "MissingParameter", missing("access_token"));
    }
    if (!token.equals(credentials.accessToken())) {
      return iopError(false, "ISV", "IllegalAccessToken", "The specified access token is invalid or expired");
    }
    Map<String, Object> body;
    try {
      body = handler.apply(params);
    } catch (TopBusinessError e) {
      Map<String, Object> err = new LinkedHashMap<>();
      err.put("code", 15);
      err.put("msg", "Remote service error");
      err.put("sub_code", e.subCode);
      err.put("sub_msg", e.getMessage());
      err.put("request_id", requestId());
      return json(200, Map.of("error_response", err));
    }
    body.put("request_id", requestId());
    if ("true".equals(params.get("simplify"))) {
      return json(200, body);
    }
    return json(200, Map.of(api.replace('.', '_') + "_response", body));
  }

  private ResponseDefinitionBuilder restApi(String api, Map<String, String> params) {
    if (api.equals("/auth/token/create") || api.equals("/auth/token/refresh")) {
      String grant = api.endsWith("create") ? "code" : "refresh_token";
      if (isBlank(params.get(grant))) {
        return iopError(true, "ISV", "MissingParameter", missing(grant));
      }
      long now = clock.millis();
      Map<String, Object> token = new LinkedHashMap<>();
      token.put("access_token", credentials.accessToken());
      token.put("refresh_token", "refresh-" + credentials.accessToken());
      token.put("expires_in", 2_592_000L);
      token.put("refresh_expires_in", 5_184_000L);
      token.put("expire_time", now + 2_592_000_000L);
      token.put("refresh_token_valid_time", now + 5_184_000_000L);
      token.put("user_id", "2000000000");
      token.put("seller_id", "2000000000");
      token.put("account", "sandbox-seller@example.com");
      token.put("account_platform", "seller_center");
      token.put("sp", "ae");
      token.put("locale", "en_US");
      token.put("code", "0");
      token.put("request_id", requestId());
      return json(200, token);
    }
    return iopError(true, "ISV", "InvalidApiPath", "The specified API path is invalid");
  }

  private ResponseDefinitionBuilder iopError(boolean rest, String type, String code, String message) {
    Map<String, Object> err = new LinkedHashMap<>();
    err.put("type", type);
    err.put("code", code);
    err.put(rest ? "message" : "msg", message);
    err.put("request_id", requestId());
    return json(200, rest ? err : Map.of("error_response", err));
  }

  private boolean fresh(Instant timestamp) {
    Instant emulated = clock.instant();
    Instant real = Instant.now();
    return within(timestamp, emulated) || within(timestamp, real);
  }

  private static boolean within(Instant a, Instant b) {
    return Duration.between(a, b).abs().compareTo(IOP_TIMESTAMP_WINDOW) <= 0;
  }

  static Instant parseTimestamp(String value) {
    if (value == null) {
      return null;
    }
    try {
      if (value.matches("\\d{10,15}")) {
        return Instant.ofEpochMilli(Long.parseLong(value));
      }
      if (value.matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
        return Instant.parse(value);
      }
      if (value.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")) {
        return LocalDateTime.parse(value, TOP_TIME).atZone(CHINA).toInstant();
      }
    } catch (RuntimeException e) {
      return null;
    }
    return null;
  }

  // ---------------------------------------------------------------- IOP business methods

  private Map<String, Object> solutionInquiry(Map<String, String> params) {
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
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("usable_solution_list", solutions);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("is_success", true);
    body.put("result", result);
    return body;
  }

  private static Map<String, Object> solution(String code, String name, int recommend, long fast, long slow, long fen) {
    Map<String, Object> timing = new LinkedHashMap<>();
    timing.put("timing_type", "ESTIMATE");
    timing.put("fast_timing", fast);
    timing.put("slowest_timing", slow);
    timing.put("display_text", fast + "-" + slow + " days");
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("fee_detail_type", "normal_delivery_fee");
    detail.put("fee", fen);
    detail.put("fee_currency", "CNY");
    detail.put("paid_fee", fen);
    detail.put("paid_fee_currency", "CNY");
    Map<String, Object> fee = new LinkedHashMap<>();
    fee.put("fee_type", "POST_ESTIMATED_COST");
    fee.put("total_fee", fen);
    fee.put("currency", "CNY");
    fee.put("fee_detail_list", List.of(detail));
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("code", code);
    s.put("name", name);
    s.put("recommend_index", recommend);
    s.put("timing_list", List.of(timing));
    s.put("fee_list", List.of(fee));
    return s;
  }

  /** The solutions {@code solution.inquiry} offers; a create naming another is refused. */
  static final java.util.Set<String> SOLUTION_CODES = java.util.Set.of("CAINIAO_STANDARD", "CAINIAO_PREMIUM", "CAINIAO_ECONOMY");
  private final java.util.concurrent.atomic.AtomicLong anonymousCreates = new java.util.concurrent.atomic.AtomicLong();

  private Map<String, Object> orderCreate(Map<String, String> params) {
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
    if (!SOLUTION_CODES.contains(solutionCode)) {
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
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("logistics_order_id", created.logisticsOrderId);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("is_success", "true");
    body.put("need_retry", false);
    body.put("result", result);
    return body;
  }

  private static Map<String, Object> createFailure(String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("is_success", "false");
    body.put("need_retry", false);
    body.put("error_info", Map.of("error_code", code, "error_msg", message));
    return body;
  }

  private Map<String, Object> onlineLogisticsInfo(Map<String, String> params) {
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
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("is_success", true);
    body.put("current_page", 1);
    body.put("total_page", 1);
    body.put("result_list", rows);
    return body;
  }

  private Map<String, Object> onlineRow(Order o, Instant now) {
    List<Order.Event> events = o.events(now);
    int done = events.size();
    Map<String, Object> row = new LinkedHashMap<>();
    if (o.tradeOrderId != null && o.tradeOrderId.matches("\\d{1,18}")) {
      row.put("order_id", Long.parseLong(o.tradeOrderId));
    }
    row.put("online_logistics_id", o.logisticsOrderId);
    row.put("lp_number", o.lpNumber);
    row.put("internationallogistics_id", o.latestNumber(now));
    row.put("original_international_logistics_id", o.s10);
    row.put("international_logistics_type", o.solutionCode);
    row.put("solution_code", o.solutionCode);
    row.put("logistics_status", done <= 1 ? "INIT" : done <= 2 ? "PICKUP" : "WAREHOUSE");
    if (o.handedOff(now)) {
      row.put("lm_resource_code", "USPS");
    }
    row.put("logistics_service_list", List.of(Map.of("code", o.solutionCode, "resource_code", "CAINIAO")));
    return row;
  }

  private Map<String, Object> printInfo(Map<String, String> params) {
    String number = params.get("international_logistics_id");
    if (isBlank(number)) {
      throw new TopBusinessError("isv.missing-parameter", missing("international_logistics_id"));
    }
    Order o = store.find(number);
    if (o == null) {
      throw new TopBusinessError("isv.logistics-order-not-found", "No logistics order for " + number);
    }
    byte[] pdf = Pdfs.textPage(List.of("CAINIAO  " + o.solutionCode, "CN -> " + o.destCountry,
        "Intl no: " + o.s10, "LP: " + o.lpNumber, "Created: " + o.createdAt));
    Map<String, Object> wrapped = new LinkedHashMap<>();
    wrapped.put("body", Base64.getEncoder().encodeToString(pdf));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("result", compact(wrapped));
    return body;
  }

  private Map<String, Object> trackingResult(Map<String, String> params) {
    String number = params.get("logistics_no");
    Map<String, Object> body = new LinkedHashMap<>();
    if (isBlank(number)) {
      body.put("result_success", false);
      body.put("error_desc", missing("logistics_no"));
      return body;
    }
    Order o = store.find(number);
    if (o == null) {
      body.put("result_success", false);
      body.put("error_desc", "No tracking information found for " + number);
      return body;
    }
    Instant now = clock.instant();
    List<Object> details = new ArrayList<>();
    List<Order.Event> events = o.events(now);
    for (int i = events.size() - 1; i >= 0; i--) {
      Order.Event e = events.get(i);
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("event_date", TOP_TIME.format(e.at().atZone(CHINA)));
      d.put("event_desc", eventText(o, e));
      d.put("address", e.step().address());
      d.put("signed_name", "");
      d.put("action_code", e.step().actionCode());
      d.put("status", e.step().actionCode());
      details.add(d);
    }
    body.put("result_success", true);
    body.put("official_website", "https://global.cainiao.com/");
    body.put("details", details);
    return body;
  }

  private static String eventText(Order o, Order.Event e) {
    String text = "[" + e.step().address() + "] " + e.step().description();
    if (Timeline.HANDOFF_CODE.equals(e.step().actionCode())) {
      text += ", tracking number " + o.impb;
    }
    return text;
  }

  private Map<String, Object> handoverSaveDraft(Map<String, String> params) {
    List<String> codes = stringList(params.get("order_code_list"));
    if (codes == null || codes.isEmpty()) {
      return hsf(false, "PARAM_ERROR", "order_code_list is required", null);
    }
    if (codes.size() > 200) {
      return hsf(false, "PARAM_ERROR", "order_code_list holds more than 200 parcels", null);
    }
    String unknown = firstUnknown(codes);
    if (unknown != null) {
      return hsf(false, "ORDER_NOT_FOUND", "Unknown parcel order code: " + unknown, null);
    }
    Store.Handover h = store.saveDraft(codes);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("handover_order_id", h.handoverOrderId);
    data.put("handover_content_id", h.handoverContentId);
    return hsf(true, null, null, data);
  }

  private Map<String, Object> handoverCommit(Map<String, String> params) {
    String type = params.get("type");
    if (!List.of("cainiao_pickup", "self_post", "self_send").contains(String.valueOf(type))) {
      return hsf(false, "PARAM_ERROR", "type must be cainiao_pickup, self_post or self_send", null);
    }
    if ("self_post".equals(type)
        && (isBlank(params.get("domestic_tracking_no")) || (isBlank(params.get("domestic_logistics_company"))
            && isBlank(params.get("domestic_logistics_company_id"))))) {
      return hsf(false, "PARAM_ERROR", "self_post requires domestic_tracking_no and domestic_logistics_company", null);
    }
    List<String> codes = stringList(params.get("order_code_list"));
    Store.Handover h;
    if (!isBlank(params.get("handover_order_id"))) {
      h = store.handoverByOrderId(parseLong(params.get("handover_order_id")));
      if (h == null || h.cancelled) {
        return hsf(false, "HANDOVER_NOT_FOUND", "Unknown handover_order_id", null);
      }
      if (codes != null && !codes.isEmpty()) {
        h.orderCodes = List.copyOf(codes);
      }
    } else {
      if (codes == null || codes.isEmpty()) {
        return hsf(false, "PARAM_ERROR", "order_code_list or handover_order_id is required", null);
      }
      h = store.saveDraft(codes);
    }
    if (h.orderCodes.size() > 1000) {
      return hsf(false, "PARAM_ERROR", "order_code_list holds more than 1000 parcels", null);
    }
    String unknown = firstUnknown(h.orderCodes);
    if (unknown != null) {
      return hsf(false, "ORDER_NOT_FOUND", "Unknown parcel order code: " + unknown, null);
    }
    synchronized (h) {
      if (h.handoverContentCode == null) {
        h.handoverContentCode = store.newBigBagCode();
      }
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("handover_content_code", h.handoverContentCode);
    data.put("handover_content_id", h.handoverContentId);
    data.put("handover_order_id", h.handoverOrderId);
    return hsf(true, null, null, data);
  }

  private Map<String, Object> handoverPdf(Map<String, String> params) {
    Store.Handover h = isBlank(params.get("handover_content_id")) ? null
        : store.handoverByContentId(parseLong(params.get("handover_content_id")));
    if (h == null || h.cancelled || h.handoverContentCode == null) {
      return hsf(false, "HANDOVER_NOT_FOUND", "Unknown or uncommitted handover_content_id", null);
    }
    String type = String.valueOf(params.get("type"));
    String title;
    switch (type) {
      case "1" -> title = "BIG BAG WAYBILL LABEL";
      case "4" -> title = "BIG BAG SHIPPING LABEL";
      case "512" -> title = "HANDOVER LIST";
      default -> {
        return hsf(false, "PARAM_ERROR", "type must be 1 (waybill label), 4 (shipping label) or 512 (handover list)", null);
      }
    }
    List<String> lines = new ArrayList<>(List.of(title, "Big bag: " + h.handoverContentCode,
        "Handover order: " + h.handoverOrderId, "Parcels: " + h.orderCodes.size()));
    if ("512".equals(type)) {
      lines.addAll(h.orderCodes);
    }
    return hsf(true, null, null, Base64.getEncoder().encodeToString(Pdfs.textPage(lines)));
  }

  private Map<String, Object> handoverCancel(Map<String, String> params) {
    Store.Handover h = null;
    if (!isBlank(params.get("handover_order_id"))) {
      h = store.handoverByOrderId(parseLong(params.get("handover_order_id")));
    } else if (!isBlank(params.get("handover_content_id"))) {
      h = store.handoverByContentId(parseLong(params.get("handover_content_id")));
    } else if (!isBlank(params.get("tracking_number"))) {
      h = store.handoverByContentCode(params.get("tracking_number"));
    }
    if (h == null || h.cancelled) {
      return hsf(false, "HANDOVER_NOT_FOUND", "Unknown or already cancelled handover", Map.of("result", false));
    }
    h.cancelled = true;
    return hsf(true, null, null, Map.of("result", true));
  }

  private String firstUnknown(List<String> codes) {
    for (String c : codes) {
      if (store.find(c) == null) {
        return c;
      }
    }
    return null;
  }

  private static Map<String, Object> hsf(boolean success, String code, String message, Object data) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("success", success);
    if (code != null) {
      result.put("error_code", code);
      result.put("error_msg", message);
    }
    if (data != null) {
      result.put("data", data);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("result", result);
    return body;
  }

  /** A TOP-style business error ({@code error_response} with code 15 and a sub_code). */
  private static final class TopBusinessError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String subCode;

    TopBusinessError(String subCode, String message) {
      super(message);
      this.subCode = subCode;
    }
  }

  // ---------------------------------------------------------------- LINK gateway

  private ResponseDefinition link(Request request) {
    Map<String, String> params = params(request);
    String api = params.getOrDefault("msg_type", "");
    record(api, params, request);
    CainiaoEmulator.Fault fault = takeFault(api);
    if (fault != null && refusesBeforeProcessing(fault)) {
      return refusal(fault, Surface.LINK).build();
    }
    return applyFault(fault, linkProcess(params, api));
  }

  private ResponseDefinitionBuilder linkProcess(Map<String, String> params, String api) {
    if (isBlank(api)) {
      return linkError("S12", "request param api can not be null");
    }
    String from = params.get("logistic_provider_id");
    if (isBlank(from)) {
      return linkError("S12", "request param fromCode can not be null");
    }
    String digest = params.get("data_digest");
    if (isBlank(digest)) {
      return linkError("S12", "request param DataDigest can not be null");
    }
    String content = params.get("logistics_interface");
    if (content == null) {
      return linkError("S12", "request param content can not be null");
    }
    if (!from.equals(credentials.logisticProviderId())) {
      return linkError("S02", S02_MESSAGE);
    }
    String expected = Signatures.linkDigest(content, credentials.linkSecretKey(), StandardCharsets.UTF_8);
    if (!Signatures.sameSignature(expected, digest)) {
      return linkError("S02", S02_MESSAGE);
    }
    Object payload = parseJson(content);
    if (!(payload instanceof Map<?, ?> map)) {
      return linkError("S12", "logistics_interface is not a JSON object");
    }
    switch (api) {
      case "CN_OVERSEA_DL_CREATE_PACKAGE":
        return linkCreate(map);
      case "CN_OVERSEA_DL_GET_WAYBILL":
        return linkWaybill(map);
      case "CN_OVERSEA_LOGISTICS_INQUIRY_TRACKING":
        return linkTracking(map);
      default:
        return linkError("S16", "service route failed: " + api);
    }
  }

  private ResponseDefinitionBuilder linkCreate(Map<?, ?> payload) {
    String outOrderId = text(payload.get("outOrderId"));
    if (outOrderId == null) {
      return linkBusinessError("PARAM_ERROR", "outOrderId is required");
    }
    String solution = firstNonBlank(text(path(payload, "solutionParam", "solutionCode")), "CAINIAO_STANDARD");
    String country = firstNonBlank(text(path(payload, "receiverParam", "address", "country")), "US");
    Order o = store.createOrder("out:" + outOrderId, null, solution, country, clock.instant(),
        text(path(payload, "receiverParam", "address", "city")), text(path(payload, "receiverParam", "address", "province")),
        text(path(payload, "receiverParam", "address", "zipCode")));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("mailNo", o.s10);
    result.put("logisticOrderCode", o.lpNumber);
    if ("true".equals(text(payload.get("syncGetAwb")))) {
      result.put("fileStr", Base64.getEncoder().encodeToString(label(o)));
    }
    Map<String, Object> body = linkOk();
    body.put("orderCreateResult", result);
    return json(200, body);
  }

  private ResponseDefinitionBuilder linkWaybill(Map<?, ?> payload) {
    Order o = store.find(firstNonBlank(text(payload.get("logisticOrderCode")), text(payload.get("mailNo"))));
    if (o == null && text(payload.get("clientOrderId")) != null) {
      o = findByOutOrderId(text(payload.get("clientOrderId")));
    }
    if (o == null) {
      return linkBusinessError("P-011-0201-00-00-502", "query logisticOrder by mailNo error");
    }
    Map<String, Object> body = linkOk();
    body.put("fileStr", Base64.getEncoder().encodeToString(label(o)));
    body.put("printDataList", List.of());
    return json(200, body);
  }

  private Order findByOutOrderId(String outOrderId) {
    for (Order o : store.orders()) {
      if (("out:" + outOrderId).equals(o.reference)) {
        return o;
      }
    }
    return null;
  }

  private ResponseDefinitionBuilder linkTracking(Map<?, ?> payload) {
    String mailNo = text(payload.get("mailNo"));
    Order o = store.find(mailNo);
    if (o == null) {
      return linkBusinessError("P-011-0201-00-00-502", "query logisticOrder by mailNo error");
    }
    Instant now = clock.instant();
    List<Object> statuses = new ArrayList<>();
    List<Order.Event> events = o.events(now);
    for (int i = events.size() - 1; i >= 0; i--) {
      Order.Event e = events.get(i);
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("mailNo", o.latestNumber(now));
      s.put("actionCode", e.step().actionCode());
      s.put("opCode", e.step().actionCode());
      s.put("opTimestamp", e.at().toEpochMilli());
      s.put("datetime", TOP_TIME.format(e.at().atZone(CHINA)) + " UTC+8");
      s.put("description", eventText(o, e));
      s.put("statusName", e.step().description());
      statuses.add(s);
    }
    Map<String, Object> pkg = new LinkedHashMap<>();
    pkg.put("trackingNumber", o.latestNumber(now));
    Map<String, Object> body = linkOk();
    body.put("packageParam", pkg);
    body.put("statuses", statuses);
    return json(200, body);
  }

  private static Map<String, Object> linkOk() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", "true");
    body.put("errorCode", "");
    body.put("errorMsg", "");
    return body;
  }

  private ResponseDefinitionBuilder linkError(String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", false);
    body.put("errorCode", code);
    body.put("errorMsg", message);
    return json(200, body);
  }

  private ResponseDefinitionBuilder linkBusinessError(String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", "false");
    body.put("errorCode", code);
    body.put("errorMsg", message);
    return json(200, body);
  }

  private static byte[] label(Order o) {
    return Pdfs.textPage(List.of("CAINIAO  " + o.solutionCode, "CN -> " + o.destCountry,
        "Intl no: " + o.s10, "LP: " + o.lpNumber));
  }

  /** A signed LINK push (form-encoded, like Cainiao's TRACEPUSH) for the parcel's latest event. */
  public String pushBody(String number) {
    fireDueHandoffs();
    Order o = store.find(number);
    if (o == null) {
      throw new IllegalArgumentException("unknown parcel: " + number);
    }
    Instant now = clock.instant();
    List<Order.Event> events = o.events(now);
    Order.Event last = events.get(events.size() - 1);
    Map<String, Object> trace = new LinkedHashMap<>();
    trace.put("actionCode", last.step().actionCode());
    trace.put("time", TOP_TIME.format(last.at().atZone(CHINA)));
    trace.put("timeZone", "GMT+8");
    trace.put("standardDesc", last.step().description());
    trace.put("customerizedDesc", eventText(o, last));
    trace.put("location", last.step().address());
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("mailNo", o.latestNumber(now));
    content.put("logisticsOrderCode", o.lpNumber);
    content.put("traceDetail", trace);
    String json = compact(content);
    String digest = Signatures.linkDigest(json, credentials.linkSecretKey(), StandardCharsets.UTF_8);
    return "msg_type=TRACEPUSH"
        + "&logistic_provider_id=" + enc(credentials.logisticProviderId())
        + "&partner_code=" + enc(credentials.logisticProviderId())
        + "&logistics_interface=" + enc(json)
        + "&data_digest=" + enc(digest);
  }

  // ---------------------------------------------------------------- public tracking JSON

  private ResponseDefinition publicTracking(Request request) {
    Map<String, String> params = params(request);
    record("/global/detail.json", params, request);
    CainiaoEmulator.Fault fault = takeFault("/global/detail.json");
    if (fault != null && refusesBeforeProcessing(fault)) {
      return refusal(fault, Surface.PUBLIC).build();
    }
    String numbers = firstNonBlank(params.get("mailNos"), params.get("mailNoList"));
    List<Object> modules = new ArrayList<>();
    Instant now = clock.instant();
    if (numbers != null) {
      for (String n : numbers.split(",")) {
        if (!n.isBlank()) {
          modules.add(publicModule(n.trim(), now));
        }
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("module", modules);
    return applyFault(fault, json(200, body));
  }

  private Map<String, Object> publicModule(String number, Instant now) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mailNo", number);
    Order o = store.find(number);
    if (o == null) {
      m.put("mailNoSource", "EXTERNAL");
      m.put("detailList", List.of());
      return m;
    }
    List<Order.Event> events = o.events(now);
    List<Object> detail = new ArrayList<>();
    for (int i = events.size() - 1; i >= 0; i--) {
      detail.add(publicEvent(o, events.get(i)));
    }
    String code = events.get(events.size() - 1).step().actionCode();
    String status = o.handedOff(now) ? "DELIVERING" : code.startsWith("CC_HO") || code.startsWith("CC_IM")
        ? "CLEAR_CUSTOMS" : "TRANSITING";
    m.put("mailNoSource", "AE");
    m.put("originCountry", "Mainland China");
    m.put("destCountry", "US".equals(o.destCountry) ? "USA" : o.destCountry);
    m.put("status", status);
    m.put("statusDesc", "DELIVERING".equals(status) ? "Out for delivery"
        : "CLEAR_CUSTOMS".equals(status) ? "At customs" : "In transit");
    if (o.handedOff(now)) {
      m.put("realMailNo", "Latest Tracking Number:\t" + o.impb);
      m.put("copyRealMailNo", o.impb);
      Map<String, Object> cp = new LinkedHashMap<>();
      cp.put("cpName", "USPS");
      cp.put("cpCode", "USPS");
      cp.put("url", "https://tools.usps.com/go/TrackConfirmAction?tLabels=" + o.impb);
      m.put("destCpInfo", cp);
    }
    m.put("latestTrace", detail.get(0));
    m.put("detailList", detail);
    long days = Duration.between(o.createdAt, now).toDays();
    m.put("daysNumber", days + "\tday(s)");
    return m;
  }

  private static Map<String, Object> publicEvent(Order o, Order.Event e) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("time", e.at().toEpochMilli());
    d.put("timeStr", TOP_TIME.format(e.at().atZone(CHINA)));
    // as the real page: timeStr is Beijing wall time but the zone label may say anything; time (epoch ms) is the instant
    d.put("timeZone", "GMT+0");
    d.put("desc", eventText(o, e));
    d.put("standerdDesc", e.step().description());
    d.put("actionCode", e.step().actionCode());
    return d;
  }

  // ---------------------------------------------------------------- faults

  private enum Surface { SYNC, REST, LINK, PUBLIC }

  private static boolean refusesBeforeProcessing(CainiaoEmulator.Fault f) {
    return switch (f) {
      case HTTP_500, HTTP_502_HTML, HTTP_503, RATE_LIMITED, NEED_RETRY -> true;
      default -> false;
    };
  }

  private ResponseDefinitionBuilder refusal(CainiaoEmulator.Fault fault, Surface surface) {
    switch (fault) {
      case HTTP_500:
        return plain(500, "text/plain", "Internal Server Error");
      case HTTP_502_HTML:
        return plain(502, "text/html", tengine("502 Bad Gateway"));
      case HTTP_503:
        return plain(503, "text/html", tengine("503 Service Temporarily Unavailable"));
      case RATE_LIMITED: {
        String message = "The request has exceeded the limit. This ban will last for 1 more seconds";
        if (surface == Surface.LINK || surface == Surface.PUBLIC) {
          return linkError("ApiCallLimit", message);
        }
        return iopError(surface == Surface.REST, "ISP", "ApiCallLimit", message);
      }
      case NEED_RETRY: {
        if (surface == Surface.LINK || surface == Surface.PUBLIC) {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("success", "false");
          body.put("needRetry", true);
          body.put("errorCode", "SYSTEM_BUSY");
          body.put("errorMsg", "System busy, please retry");
          return json(200, body);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("is_success", "false");
        body.put("need_retry", true);
        body.put("error_info", Map.of("error_code", "SYSTEM_BUSY", "error_msg", "System busy, please retry"));
        body.put("request_id", requestId());
        return json(200, body);
      }
      default:
        throw new IllegalStateException(fault.name());
    }
  }

  private ResponseDefinition applyFault(CainiaoEmulator.Fault fault, ResponseDefinitionBuilder ok) {
    if (fault == null) {
      return ok.build();
    }
    ResponseDefinition built = ok.build();
    switch (fault) {
      case CONNECTION_RESET:
        return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
      case EMPTY_RESPONSE:
        return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.EMPTY_RESPONSE).build();
      case MALFORMED_CHUNK:
        return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.MALFORMED_RESPONSE_CHUNK).build();
      case RANDOM_DATA_THEN_CLOSE:
        return ResponseDefinitionBuilder.responseDefinition().withFault(Fault.RANDOM_DATA_THEN_CLOSE).build();
      case TRUNCATED_JSON: {
        String body = built.getBody();
        return plain(200, "application/json;charset=UTF-8", body.substring(0, Math.max(1, body.length() / 2))).build();
      }
      case DELAY:
        return ResponseDefinitionBuilder.like(built).withFixedDelay((int) faultDelay.toMillis()).build();
      default:
        return built;
    }
  }

  private static String tengine(String title) {
    return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
        + "</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n";
  }

  // ---------------------------------------------------------------- helpers

  private static ResponseDefinitionBuilder json(int status, Object body) {
    return plain(status, "application/json;charset=UTF-8", compact(body));
  }

  private static ResponseDefinitionBuilder plain(int status, String contentType, String body) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", contentType)
        .withBody(body);
  }

  static String compact(Object value) {
    try {
      return Json.getObjectMapper().writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  static Object parseJson(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Json.getObjectMapper().readValue(text, Object.class);
    } catch (Exception e) {
      return null;
    }
  }

  private static List<String> stringList(String text) {
    Object parsed = parseJson(text);
    if (parsed instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (Object o : list) {
        if (o != null) {
          out.add(o.toString());
        }
      }
      return out;
    }
    if (text != null && !text.isBlank()) {
      List<String> out = new ArrayList<>();
      for (String s : text.split(",")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
      return out;
    }
    return null;
  }

  private static Object path(Object root, String... keys) {
    Object cur = root;
    for (String k : keys) {
      if (cur instanceof String s && s.trim().startsWith("{")) {
        cur = parseJson(s);
      }
      if (!(cur instanceof Map<?, ?> m)) {
        return null;
      }
      cur = m.get(k);
    }
    return cur;
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String s = value.toString();
    return s.isBlank() ? null : s;
  }

  private static long longField(Object map, String key, long dflt) {
    Object v = path(map, key);
    if (v instanceof Number n) {
      return n.longValue();
    }
    try {
      return v == null ? dflt : (long) Double.parseDouble(v.toString());
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean matches(String filter, String value) {
    return isBlank(filter) || filter.equals(value);
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (!isBlank(v)) {
        return v;
      }
    }
    return null;
  }

  private static String missing(String name) {
    return "The input parameter \u201c" + name + "\u201d that is mandatory for processing this request is not supplied";
  }

  private static String requestId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return String.format("21%08x%013d", r.nextInt(), r.nextLong(1_000_000_000_000L, 9_999_999_999_999L));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Query parameters and form fields (UTF-8), query first; the first value of a name wins. */
  static Map<String, String> params(Request request) {
    Map<String, String> out = new LinkedHashMap<>();
    String url = request.getUrl();
    int q = url.indexOf('?');
    if (q >= 0) {
      decodeInto(url.substring(q + 1), out);
    }
    String contentType = request.getHeader("Content-Type");
    if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("application/x-www-form-urlencoded")) {
      decodeInto(new String(request.getBody(), StandardCharsets.UTF_8), out);
    }
    return out;
  }

  private static void decodeInto(String encoded, Map<String, String> out) {
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        out.putIfAbsent(k, v);
      }
    }
  }
}
