package dev.shipbridge.usps.internal;

import dev.shipbridge.http.HttpResult;
import dev.shipbridge.http.HttpTransport;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.http.RequestSafety;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.spi.CarrierContext;
import java.time.Clock;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only class of the USPS adapter that does I/O. It adds the host, the OAuth bearer token, the
 * payment token and the idempotency key to each {@link ApiCall}, sends it once through the shared
 * {@link HttpTransport}, and on a 401 refreshes the tokens and replays the call once. It never
 * retries otherwise: that is the core's resilience layer's job.
 *
 * <p>Logs carry the method, path and status only: never tokens, bodies or query strings (which
 * hold street addresses).
 */
public final class UspsTransport {
  private static final Logger LOG = LoggerFactory.getLogger(UspsTransport.class);
  private static final MediaType JSON = MediaType.get("application/json");

  private final UspsSettings settings;
  private final HttpTransport http;
  private final Clock clock;
  private final AuthTokenSource auth;
  private final PaymentTokenSource payment;
  /**
   * URLs of POST calls, built once: their paths are fixed (prices, labels, tracking v3r2), and
   * building an {@link HttpUrl} per call was a good part of a quote's allocation. Bounded.
   */
  private final java.util.concurrent.ConcurrentHashMap<UspsApi, java.util.concurrent.ConcurrentHashMap<java.util.List<String>, HttpUrl>>
      postUrls = new java.util.concurrent.ConcurrentHashMap<>();
  private static final int MAX_CACHED_URLS = 32;
  /** The last {@code Authorization} value and its token: a token is reused for many calls, so is its header. */
  private volatile Bearer lastBearer = new Bearer("", "Bearer ");

  private record Bearer(String token, String header) {}

  public UspsTransport(UspsSettings settings, CarrierContext context) {
    this.settings = settings;
    this.http = context.transport();
    this.clock = context.clock();
    this.auth = new AuthTokenSource(context.tokenStore(), clock, http.json(), settings, this::fetchAccessToken);
    this.payment = new PaymentTokenSource(context.tokenStore(), clock, http.json(), settings, body -> ok(
        ApiCall.post(UspsApi.PAYMENTS, body, "payment-authorization").safety(RequestSafety.IDEMPOTENT)));
  }

  public Clock clock() {
    return clock;
  }

  public JsonCodec json() {
    return http.json();
  }

  /** Sends {@code call} and returns a 2xx answer; anything else is thrown as mapped by {@link UspsErrors}. */
  HttpResult ok(ApiCall call) {
    HttpResult r = send(call);
    if (!r.isSuccessful()) throw UspsErrors.map(r, call.api, clock, call.safety, call.idempotencyKey);
    return r;
  }

  /** Sends {@code call} with tokens; a 401 refreshes them and replays once. Returns any status. */
  HttpResult send(ApiCall call) {
    String token = auth.token();
    String pay = call.paymentToken ? payment.token() : null;
    HttpResult r = execute(call, token, pay);
    if (r.status() == 401) {
      LOG.debug("USPS {} answered 401: refreshing the access token and replaying once", call.describe());
      auth.invalidate(token);
      if (pay != null) payment.invalidate(pay);
      r = execute(call, auth.token(), call.paymentToken ? payment.token() : null);
    }
    return r;
  }

  private HttpUrl url(ApiCall call) {
    boolean fixed = "POST".equals(call.method) && call.query.isEmpty();
    var cached = fixed ? postUrls.computeIfAbsent(call.api, a -> new java.util.concurrent.ConcurrentHashMap<>()) : null;
    HttpUrl u = cached != null ? cached.get(call.segments) : null;
    if (u != null) return u;
    HttpUrl.Builder url = settings.baseUrl().newBuilder().addPathSegments(call.api.basePath());
    for (String s : call.segments) url.addPathSegment(s);
    call.query.forEach(url::addQueryParameter);
    u = url.build();
    if (cached != null && cached.size() < MAX_CACHED_URLS) cached.putIfAbsent(call.segments, u); // immutable
    return u;
  }

  private HttpResult execute(ApiCall call, String token, String paymentToken) {
    Request.Builder rb = new Request.Builder().url(url(call))
        .header("Authorization", bearer(token))
        .header("Accept", call.accept); // the User-Agent is HttpTransport's, as for every carrier
    if (paymentToken != null) rb.header("X-Payment-Authorization-Token", paymentToken);
    if (call.idempotencyUuid != null) rb.header("X-Idempotency-Key", call.idempotencyUuid);
    RequestBody body = call.body == null ? null : RequestBody.create(call.body, JSON);
    rb.method(call.method, body);
    HttpResult r = http.execute(CarrierId.USPS, rb.build(), call.safety, call.idempotencyKey);
    return r;
  }

  private String bearer(String token) {
    Bearer b = lastBearer;
    if (java.util.Objects.equals(b.token(), token)) return b.header();
    b = new Bearer(token, "Bearer " + token);
    lastBearer = b;
    return b.header();
  }

  private HttpResult fetchAccessToken() {
    HttpUrl url = settings.baseUrl().newBuilder().addPathSegments(UspsApi.OAUTH.basePath()).addPathSegment("token").build();
    RequestBody form = new FormBody.Builder()
        .add("grant_type", "client_credentials")
        .add("client_id", settings.clientId())
        .add("client_secret", settings.clientSecret())
        .build();
    Request request = new Request.Builder().url(url).post(form)
        .header("Accept", "application/json").build();
    HttpResult r = http.execute(CarrierId.USPS, request, RequestSafety.IDEMPOTENT, null);
    return r;
  }
}
