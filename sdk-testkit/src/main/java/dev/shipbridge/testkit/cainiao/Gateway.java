package dev.shipbridge.testkit.cainiao;

import static dev.shipbridge.testkit.cainiao.Wire.*;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.shipbridge.testkit.CainiaoEmulator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

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
  private final IopGateway iopGateway;
  private final LinkGateway linkGateway;
  private final TrackingApis tracking;
  private final OrderApis orders;

  public Gateway(Credentials credentials, Clock clock, Store store) {
    this.credentials = credentials;
    this.clock = clock;
    this.store = store;
    this.orders = new OrderApis(clock, store);
    OrderApis orders = this.orders;
    HandoverApis handovers = new HandoverApis(store);
    this.tracking = new TrackingApis(clock, store);
    this.iopGateway = new IopGateway(credentials, clock);
    iopGateway.register("cainiao.global.solution.inquiry", orders::solutionInquiry);
    iopGateway.register("cainiao.global.logistic.order.create", orders::orderCreate);
    iopGateway.register("aliexpress.logistics.redefining.getonlinelogisticsinfo", orders::onlineLogisticsInfo);
    iopGateway.register("aliexpress.logistics.redefining.getprintinfo", orders::printInfo);
    iopGateway.register("aliexpress.logistics.redefining.querytrackingresult", tracking::trackingResult);
    iopGateway.register("cainiao.global.handover.savedraft", handovers::handoverSaveDraft);
    iopGateway.register("cainiao.global.handover.commit", handovers::handoverCommit);
    iopGateway.register("cainiao.global.handover.pdf.get", handovers::handoverPdf);
    iopGateway.register("cainiao.global.handover.cancel", handovers::handoverCancel);
    this.linkGateway = new LinkGateway(credentials, clock, store);
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

  /** See {@code CainiaoEmulator.offerSolution}. */
  public void offerSolution(String code, String name, long fastDays, long slowestDays, long feeMinorUnits, String currency) {
    orders.offer(new OrderApis.Extra(code, name, fastDays, slowestDays, feeMinorUnits, currency));
  }

  public void reset() {
    synchronized (faults) {
      faults.clear();
    }
    orders.clearOffers();
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

  /** Another IOP app (a merchant's own) with one seller token authorized to it. */
  public void addApp(String appKey, String appSecret, String accessToken) {
    iopGateway.addApp(appKey, appSecret, accessToken);
  }

  /** A further seller's token authorized to a known app; false for an unknown app. */
  public boolean addSellerToken(String appKey, String accessToken) {
    return iopGateway.addSellerToken(appKey, accessToken);
  }

  /** IOP calls of an app that passed its checks. */
  public int callsOfApp(String appKey) {
    return iopGateway.callsOf(appKey);
  }

  private ResponseDefinition iop(Request request, String apiPath) {
    Map<String, String> params = params(request);
    boolean rest = apiPath != null;
    String api = rest ? apiPath : params.getOrDefault("method", "");
    record(api, params, request);
    CainiaoEmulator.Fault fault = takeFault(api);
    if (fault != null && refusesBeforeProcessing(fault)) {
      return refusal(fault, rest ? Surface.REST : Surface.SYNC).build();
    }
    return applyFault(fault, iopGateway.process(params, rest, api));
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
    return applyFault(fault, linkGateway.process(params, api));
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
    trace.put("customerizedDesc", TrackingApis.eventText(o, last));
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
          modules.add(tracking.publicModule(n.trim(), now));
        }
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", true);
    body.put("module", modules);
    return applyFault(fault, json(200, body));
  }


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
          return LinkGateway.linkError("ApiCallLimit", message);
        }
        return IopGateway.iopError(surface == Surface.REST, "ISP", "ApiCallLimit", message);
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

}
