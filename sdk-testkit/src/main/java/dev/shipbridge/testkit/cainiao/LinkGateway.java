package dev.shipbridge.testkit.cainiao;

import static dev.shipbridge.testkit.cainiao.Wire.*;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The LINK gateway ({@code /gateway/link.do}): digest check and the LINK message types. */
final class LinkGateway {
  private final Gateway.Credentials credentials;
  private final Clock clock;
  private final Store store;

  LinkGateway(Gateway.Credentials credentials, Clock clock, Store store) {
    this.credentials = credentials;
    this.clock = clock;
    this.store = store;
  }

  ResponseDefinitionBuilder process(Map<String, String> params, String api) {
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
      return linkError("S02", Gateway.S02_MESSAGE);
    }
    String expected = Signatures.linkDigest(content, credentials.linkSecretKey(), StandardCharsets.UTF_8);
    if (!Signatures.sameSignature(expected, digest)) {
      return linkError("S02", Gateway.S02_MESSAGE);
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

  ResponseDefinitionBuilder linkCreate(Map<?, ?> payload) {
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

  ResponseDefinitionBuilder linkWaybill(Map<?, ?> payload) {
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

  Order findByOutOrderId(String outOrderId) {
    for (Order o : store.orders()) {
      if (("out:" + outOrderId).equals(o.reference)) {
        return o;
      }
    }
    return null;
  }

  ResponseDefinitionBuilder linkTracking(Map<?, ?> payload) {
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
      statuses.add(Answers.of("link-tracking-status", "mailNo", o.latestNumber(now),
          "actionCode", e.step().actionCode(), "epochMillis", e.at().toEpochMilli(),
          "beijingTime", Gateway.TOP_TIME.format(e.at().atZone(Gateway.CHINA)),
          "description", TrackingApis.eventText(o, e), "statusName", e.step().description()));
    }
    return json(200, Answers.of("link-tracking", "trackingNumber", o.latestNumber(now), "statuses", statuses));
  }

  static Map<String, Object> linkOk() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("success", "true");
    body.put("errorCode", "");
    body.put("errorMsg", "");
    return body;
  }

  static ResponseDefinitionBuilder linkError(String code, String message) {
    return json(200, Answers.of("link-error", "errorCode", code, "errorMessage", message));
  }

  static ResponseDefinitionBuilder linkBusinessError(String code, String message) {
    return json(200, Answers.of("link-business-error", "errorCode", code, "errorMessage", message));
  }

  static byte[] label(Order o) {
    return Pdfs.textPage(List.of("CAINIAO  " + o.solutionCode, "CN -> " + o.destCountry,
        "Intl no: " + o.s10, "LP: " + o.lpNumber));
  }

}
