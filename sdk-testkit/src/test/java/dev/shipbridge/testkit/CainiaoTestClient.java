package dev.shipbridge.testkit;

import com.github.tomakehurst.wiremock.common.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A tiny Cainiao client for the tests; signs on its own, without the emulator's code. */
final class CainiaoTestClient {
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final CainiaoEmulator emulator;
  private final Clock clock;

  CainiaoTestClient(CainiaoEmulator emulator, Clock clock) {
    this.emulator = emulator;
    this.clock = clock;
  }

  static String hmacSha256Hex(String text, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().withUpperCase().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static String iopSign(String prefix, Map<String, String> params, String secret) {
    StringBuilder b = new StringBuilder(prefix);
    new TreeMap<>(params).forEach((k, v) -> {
      if (!k.equals("sign")) {
        b.append(k).append(v);
      }
    });
    return hmacSha256Hex(b.toString(), secret);
  }

  static String md5Base64(String text) {
    try {
      return Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  /** System parameters as the official SDK sends them (simplify on). */
  Map<String, String> systemParams(String method) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("app_key", emulator.appKey());
    p.put("v", "2.0");
    p.put("timestamp", Long.toString(clock.millis()));
    p.put("method", method);
    p.put("format", "json");
    p.put("session", emulator.accessToken());
    p.put("partner_id", "shipbridge-test");
    p.put("sign_method", "sha256");
    p.put("simplify", "true");
    return p;
  }

  /** Signs and POSTs a method-style call: system parameters in the query, business ones in the body. */
  HttpResponse<String> sync(String method, Map<String, String> business) {
    Map<String, String> system = systemParams(method);
    return sync(system, business);
  }

  HttpResponse<String> sync(Map<String, String> system, Map<String, String> business) {
    Map<String, String> all = new LinkedHashMap<>(system);
    all.putAll(business);
    system.put("sign", iopSign("", all, emulator.appSecret()));
    return rawPost(emulator.iopBaseUrl() + "/sync?" + form(system), form(business));
  }

  Map<String, Object> syncJson(String method, Map<String, String> business) {
    HttpResponse<String> r = sync(method, business);
    if (r.statusCode() != 200) {
      throw new AssertionError("HTTP " + r.statusCode() + ": " + r.body());
    }
    return json(r.body());
  }

  HttpResponse<String> link(String msgType, String content, String digest) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("msg_type", msgType);
    fields.put("logistic_provider_id", emulator.logisticProviderId());
    fields.put("logistics_interface", content);
    fields.put("data_digest", digest);
    return rawPost(emulator.linkBaseUrl(), form(fields));
  }

  HttpResponse<String> link(String msgType, String content) {
    return link(msgType, content, md5Base64(content + emulator.linkSecretKey()));
  }

  static HttpResponse<String> rawPost(String url, String formBody) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url))
          .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
          .POST(HttpRequest.BodyPublishers.ofString(formBody, StandardCharsets.UTF_8))
          .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  static HttpResponse<String> get(String url) {
    try {
      return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String body) {
    return Json.read(body, Map.class);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object o) {
    return (List<Map<String, Object>>) o;
  }

  static String orderParam(String tradeOrderId) {
    return "{\"trade_order_param\":{\"trade_order_id\":" + tradeOrderId + "},"
        + "\"solution_param\":{\"solution_code\":\"CAINIAO_STANDARD\",\"service_params\":[{\"code\":\"DOOR_PICKUP\"}]},"
        + "\"package_params\":[{\"weight\":350,\"length\":20,\"width\":15,\"height\":5,\"price\":1999,\"currency\":\"USD\","
        + "\"item_params\":[{\"item_id\":1005000000000000,\"english_name\":\"Phone case\",\"local_name\":\"手机壳\","
        + "\"quantity\":1,\"unit_price\":1999,\"currency\":\"USD\",\"weight\":300,\"item_features\":[\"cf_normal\"]}]}],"
        + "\"sender_param\":{\"seller_address_id\":123456},\"returner_param\":{\"seller_address_id\":123456},"
        + "\"pickup_info_param\":{\"seller_address_id\":123456},"
        + "\"receiver_param\":{\"name\":\"John Doe\",\"mobile_phone\":\"+1 5551234567\",\"address_param\":"
        + "{\"country_code\":\"US\",\"province\":\"NY\",\"city\":\"New York\",\"detail_address\":\"123 Main St\",\"zip_code\":\"10001\"}}}";
  }

  /** Creates an order and returns its getonlinelogisticsinfo row. */
  Map<String, Object> createOrder(String tradeOrderId) {
    Map<String, Object> created = syncJson("cainiao.global.logistic.order.create",
        Map.of("order_param", orderParam(tradeOrderId), "locale", "en_US"));
    if (!"true".equals(created.get("is_success"))) {
      throw new AssertionError("create failed: " + created);
    }
    Object id = map(created.get("result")).get("logistics_order_id");
    Map<String, Object> info = syncJson("aliexpress.logistics.redefining.getonlinelogisticsinfo",
        Map.of("logistics_order_id", id.toString()));
    return list(info.get("result_list")).get(0);
  }
}
