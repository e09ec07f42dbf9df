package dev.shipbridge.testkit.cainiao;

import static dev.shipbridge.testkit.cainiao.Wire.*;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The IOP gateway ({@code /sync}, {@code /rest/...}): app key, signature, timestamp and access
 * token checks, the TOP envelope, and dispatch to the business APIs. Several apps may call it
 * (the platform's, and a merchant's own), each with its secret and the seller tokens authorized to
 * it; calls are counted per app key, as AliExpress counts them.
 */
final class IopGateway {
  private final Gateway.Credentials credentials;
  private final Clock clock;

  private final Map<String, Function<Map<String, String>, Map<String, Object>>> iopMethods = new LinkedHashMap<>();

  /** One app: its secret and the seller access tokens authorized to it. */
  private record App(String secret, Set<String> tokens) {}

  private final Map<String, App> apps = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();

  IopGateway(Gateway.Credentials credentials, Clock clock) {
    this.credentials = credentials;
    this.clock = clock;
    addApp(credentials.appKey(), credentials.appSecret(), credentials.accessToken());
  }

  /** Another app (its own key and secret) with one seller token authorized to it. */
  void addApp(String appKey, String appSecret, String accessToken) {
    apps.computeIfAbsent(appKey, k -> new App(appSecret, ConcurrentHashMap.newKeySet())).tokens().add(accessToken);
  }

  /** A further seller's token authorized to an app already known; false for an unknown app. */
  boolean addSellerToken(String appKey, String accessToken) {
    App app = apps.get(appKey);
    if (app == null) return false;
    app.tokens().add(accessToken);
    return true;
  }

  /** IOP calls of an app that passed its key, signature and token checks. */
  int callsOf(String appKey) {
    AtomicInteger n = accepted.get(appKey);
    return n == null ? 0 : n.get();
  }

  void register(String method, Function<Map<String, String>, Map<String, Object>> handler) {
    iopMethods.put(method, handler);
  }

  ResponseDefinitionBuilder process(Map<String, String> params, boolean rest, String api) {
    String appKey = params.get("app_key");
    if (isBlank(appKey)) {
      return iopError(rest, "ISV", "MissingParameter", missing("app_key"));
    }
    App app = apps.get(appKey);
    if (app == null) {
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
    if (!Signatures.sameSignature(Signatures.iopSign(prefix, params, app.secret(), true), sign)
        && !Signatures.sameSignature(Signatures.iopSign(prefix, params, app.secret(), false), sign)) {
      return iopError(rest, "ISV", "IncompleteSignature", "The request signature does not conform to platform standards");
    }
    if (rest) {
      accepted.computeIfAbsent(appKey, k -> new AtomicInteger()).incrementAndGet();
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
    if (!app.tokens().contains(token)) {
      return iopError(false, "ISV", "IllegalAccessToken", "The specified access token is invalid or expired");
    }
    accepted.computeIfAbsent(appKey, k -> new AtomicInteger()).incrementAndGet();
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

  ResponseDefinitionBuilder restApi(String api, Map<String, String> params) {
    if (api.equals("/auth/token/create") || api.equals("/auth/token/refresh")) {
      String grant = api.endsWith("create") ? "code" : "refresh_token";
      if (isBlank(params.get(grant))) {
        return iopError(true, "ISV", "MissingParameter", missing(grant));
      }
      long now = clock.millis();
      return json(200, Answers.of("iop-token", "accessToken", credentials.accessToken(),
          "expireTime", now + 2_592_000_000L, "refreshTokenValidTime", now + 5_184_000_000L,
          "requestId", requestId()));
    }
    return iopError(true, "ISV", "InvalidApiPath", "The specified API path is invalid");
  }

  static ResponseDefinitionBuilder iopError(boolean rest, String type, String code, String message) {
    return json(200, Answers.of(rest ? "iop-error-rest" : "iop-error-sync", "type", type, "code", code,
        "message", message, "requestId", requestId()));
  }

  boolean fresh(Instant timestamp) {
    Instant emulated = clock.instant();
    Instant real = Instant.now();
    return within(timestamp, emulated) || within(timestamp, real);
  }

  static boolean within(Instant a, Instant b) {
    return Duration.between(a, b).abs().compareTo(Gateway.IOP_TIMESTAMP_WINDOW) <= 0;
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
        return LocalDateTime.parse(value, Gateway.TOP_TIME).atZone(Gateway.CHINA).toInstant();
      }
    } catch (RuntimeException e) {
      return null;
    }
    return null;
  }

  // ---------------------------------------------------------------- business errors

  /** A TOP-style business error ({@code error_response} with code 15 and a sub_code). */
  static final class TopBusinessError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String subCode;

    TopBusinessError(String subCode, String message) {
      super(message);
      this.subCode = subCode;
    }
  }

}
