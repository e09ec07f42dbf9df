package dev.shipbridge.cainiao.internal;

import dev.shipbridge.CarrierException;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.http.AttemptLimits;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.http.HttpTransport;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.http.RequestSafety;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The only class of the Cainiao adapter that does I/O: one signed request per call through the shared
 * {@link HttpTransport}, the answer read by {@link CainiaoErrors}. IOP: {@code POST {iop}/sync}, the
 * access token ({@code session}) in the form body, never in a URL. LINK: a form in the configured
 * charset. The public page: {@code GET}, limited by {@link PublicTrackingLimiter}.
 */
public final class CainiaoTransport {
  static final String PUBLIC = "global/detail.json";
  private static final com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, String>> FORM =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};

  private final CainiaoConfig config;
  private final HttpTransport http;
  private final Clock clock;
  private final PublicTrackingLimiter publicLimiter;
  /** The attempt this view sends for ({@link #within}); null in the bound transport: the HTTP client's own timeouts. */
  private final AttemptLimits limits;

  public CainiaoTransport(CainiaoConfig config, HttpTransport http, Clock clock) {
    this(config, http, clock, new PublicTrackingLimiter(config.publicTrackingPerNumber(), config.publicTrackingSpacing()),
        null);
  }

  private CainiaoTransport(CainiaoConfig config, HttpTransport http, Clock clock, PublicTrackingLimiter publicLimiter,
      AttemptLimits limits) {
    this.config = config;
    this.http = http;
    this.clock = clock;
    this.publicLimiter = publicLimiter;
    this.limits = limits;
  }

  /** This transport for one attempt: all its exchanges (a label's create, info and print) share {@code limits}' deadline. */
  public CainiaoTransport within(AttemptLimits limits) {
    return new CainiaoTransport(config, http, clock, publicLimiter, limits);
  }

  /** What is being called, for classifying a failure. */
  CainiaoErrors.Call call(String api, boolean changesState, String idempotencyKey) {
    return new CainiaoErrors.Call(config.id(), api, changesState, idempotencyKey, clock);
  }

  /**
   * Calls an IOP method; returns its answer as {@code type} (envelope errors already thrown).
   *
   * @param params the business parameters: a record of form fields (complex ones already JSON
   *     text), written by Jackson
   */
  public <T> CainiaoWire.Reply<T> iop(String method, Object params, Class<T> type, RequestSafety safety,
      String idempotencyKey) {
    Map<String, String> system = new LinkedHashMap<>();
    system.put("app_key", config.appKey());
    system.put("method", method);
    system.put("timestamp", Long.toString(clock.millis()));
    system.put("sign_method", "sha256");
    system.put("format", "json");
    system.put("v", "2.0");
    system.put("simplify", "true");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("session", config.accessToken());
    JsonCodec.standard().mapper().convertValue(params, FORM).forEach((k, v) -> {
      if (v != null && !v.isBlank()) form.put(k, v);
    });
    Map<String, String> all = new LinkedHashMap<>(system);
    all.putAll(form);
    system.put("sign", Signers.iop(all, config.appSecret()));

    HttpUrl.Builder url = HttpUrl.get(config.iopUrl()).newBuilder().addPathSegment("sync");
    system.forEach(url::addQueryParameter);
    Request request = new Request.Builder().url(url.build())
        .header("Accept", "application/json")
        .post(form(form, StandardCharsets.UTF_8)).build();
    HttpResult r = http.execute(config.id(), request, safety, idempotencyKey, limits);
    return CainiaoErrors.readIop(r, call(method, safety == RequestSafety.NON_IDEMPOTENT, idempotencyKey), type);
  }

  /**
   * Calls a LINK message type with {@code query} as its JSON content; returns the answer as {@code
   * type} (envelope errors already thrown). The digest signs the very content sent.
   */
  public <T> CainiaoWire.Reply<T> link(String msgType, Object query, Class<T> type, RequestSafety safety) {
    Charset cs = config.linkCharset();
    String content = CainiaoJson.text(query);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("msg_type", msgType);
    form.put("logistic_provider_id", config.linkProviderId());
    form.put("logistics_interface", content);
    form.put("data_digest", Signers.linkDigest(content, config.linkSecretKey(), cs));
    if (config.linkToCode() != null) form.put("to_code", config.linkToCode());
    form.put("msg_id", UUID.randomUUID().toString());
    Request request = new Request.Builder().url(config.linkUrl())
        .header("Accept", "application/json")
        .post(form(form, cs)).build();
    HttpResult r = http.execute(config.id(), request, safety, null, limits);
    return CainiaoErrors.readLink(r, call(msgType, safety == RequestSafety.NON_IDEMPOTENT, null), type);
  }

  /**
   * The public tracking JSON for one number. Refused on the client side, with a {@link
   * RateLimitedException} and no request, when the number was fetched less than the configured
   * interval ago or any number less than the spacing ago.
   */
  public CainiaoWire.PublicAnswer publicDetail(String number) {
    Duration wait = publicLimiter.acquire(number, clock.instant());
    CainiaoErrors.Call call = call(PUBLIC, false, null);
    if (!wait.isZero()) {
      throw new RateLimitedException(CarrierException.details(config.id(),
          "the public Cainiao tracking page is limited on purpose (it answers with a captcha under load); "
              + "try again later").carrierCode("CLIENT_LIMIT").retryable(false), wait);
    }
    HttpUrl url = HttpUrl.get(config.publicTrackingUrl()).newBuilder()
        .addPathSegments("global/detail.json")
        .addQueryParameter("mailNos", number)
        .addQueryParameter("lang", "en-US")
        .build();
    Request request = new Request.Builder().url(url).get().header("Accept", "application/json").build();
    HttpResult r = http.execute(config.id(), request, RequestSafety.IDEMPOTENT, null, limits);
    String body = r.bodyText();
    String lower = body.toLowerCase(Locale.ROOT);
    if (r.status() == 429 || lower.contains("rgv587_flag") || lower.contains("captcha") || lower.contains("punish")) {
      throw new RateLimitedException(CarrierException.details(config.id(),
              "the public Cainiao tracking page asked for a captcha; it is throttled, try again much later")
          .httpStatus(r.status()).carrierCode("CAPTCHA").retryable(false), Duration.ofMinutes(15));
    }
    if (!r.isSuccessful()) throw CainiaoErrors.http(r, null, null, call);
    CainiaoWire.PublicAnswer answer = CainiaoJson.read(CainiaoJson.tree(r.body()), CainiaoWire.PublicAnswer.class);
    if (answer == null) throw CainiaoErrors.malformed(call, r, "a body that is not a JSON object (a captcha page?)");
    if (Boolean.FALSE.equals(answer.success())) {
      throw CainiaoErrors.business(call, answer.errorCode(), answer.errorMsg(), false, r.requestId());
    }
    return answer;
  }

  static RequestBody form(Map<String, String> fields, Charset charset) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : fields.entrySet()) {
      if (e.getValue() == null) continue;
      if (sb.length() > 0) sb.append('&');
      sb.append(URLEncoder.encode(e.getKey(), charset)).append('=').append(URLEncoder.encode(e.getValue(), charset));
    }
    MediaType type = MediaType.get("application/x-www-form-urlencoded;charset=" + charset.name());
    return RequestBody.create(sb.toString().getBytes(StandardCharsets.US_ASCII), type);
  }

}
