package dev.shipbridge.http;

import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.model.CarrierId;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Call;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The one way adapters talk HTTP. One per {@code Shipbridge}: it owns (or borrows from the user)
 * the single {@link OkHttpClient} and so the connection pool.
 *
 * <p>{@link #execute} sends exactly one attempt: it never retries (the resilience layer decides
 * that) and returns every answer with a status, for the adapter's error mapper. Failures without
 * an answer become {@link CarrierException}s classified by {@link RequestSafety}: a failure before
 * the request left (connect, DNS, TLS) is retryable for any request; a failure after it left is
 * retryable only for requests that are idempotent, and outcome-unknown otherwise.
 *
 * <pre>{@code
 * HttpResult r = transport.execute(CarrierId.USPS, request, RequestSafety.IDEMPOTENT_WITH_KEY, key);
 * if (!r.isSuccessful()) throw UspsErrors.map(r);
 * }</pre>
 *
 * <h2>What it adds to the client</h2>
 *
 * A {@code User-Agent: shipbridge/<version> java/<version>} ({@link UserAgentInterceptor}), logging
 * through a {@link Redaction} ({@link RedactingLoggingInterceptor}) and {@code
 * retryOnConnectionFailure(false)}: OkHttp never resends anything on its own, and never follows a
 * redirect. Derived clients share
 * the given client's connection pool and dispatcher.
 *
 * <h2>Timeouts</h2>
 *
 * The {@link AttemptLimits} given to {@code execute} set the exchange's connect and read timeouts
 * and, as OkHttp's call timeout, what is left of the attempt's deadline: every exchange of one
 * attempt (a token fetch, then the call) shares that one deadline. An exchange still running at
 * the deadline is cancelled, even when the server keeps every read just inside the read timeout,
 * and fails as a timeout; one that would start after it is not sent (a retryable timeout). Without
 * limits, the client's own timeouts apply.
 *
 * <h2>TLS when first needed</h2>
 *
 * Setting TLS up (the platform's trust store and an {@code SSLContext}) is most of what building
 * an {@code OkHttpClient} costs. Given a client without a TLS connection spec (Shipbridge's own
 * default client is built {@link ConnectionSpec#CLEARTEXT} only), the transport sends plain-http
 * requests (loopback emulators) through it as it is and builds, on the first {@code https}
 * request, one twin with OkHttp's default TLS specs and the platform's trust store, sharing the
 * client's connection pool, dispatcher and interceptors. A client with a TLS spec is used as given
 * for both schemes.
 */
public final class HttpTransport {
  /** Largest response body read, in bytes; larger answers are refused, not buffered. */
  public static final long MAX_BODY_BYTES = 16L * 1024 * 1024;

  private static final String[] REQUEST_ID_HEADERS = {"X-Request-ID", "X-Request-Id", "x-amzn-RequestId",
      "X-Correlation-ID", "EagleEye-TraceId", "X-B3-TraceId"};

  private final OkHttpClient client;
  private final JsonCodec json;
  private final Redaction redaction;
  /** The client for https requests: {@link #client} if it speaks TLS, else its TLS twin; built on the first one. */
  private final AtomicReference<OkHttpClient> tls = new AtomicReference<>();

  /** A transport over {@code client} (its pool shared), logging with {@link Redaction#defaults()}. */
  public HttpTransport(OkHttpClient client) {
    this(Objects.requireNonNull(client, "client"), Redaction.defaults());
  }

  private HttpTransport(OkHttpClient base, Redaction redaction) {
    this.redaction = redaction;
    this.client = base.newBuilder()
        .retryOnConnectionFailure(false)
        // A carrier API never redirects; following one would resend the call (and its body)
        // somewhere else, possibly over plain HTTP. A 3xx is an answer like any other.
        .followRedirects(false)
        .followSslRedirects(false)
        .addInterceptor(new LimitsInterceptor())
        .addInterceptor(new UserAgentInterceptor())
        .addInterceptor(new RedactingLoggingInterceptor(redaction))
        .addNetworkInterceptor(new OnTheWire())
        .build();
    this.json = JsonCodec.standard();
  }

  /**
   * A transport sharing this one's connection pool whose logs hide {@code redaction}'s names too:
   * adapters extend {@link #redaction()} with their carrier's secret and personal fields.
   */
  public HttpTransport withRedaction(Redaction redaction) {
    return new HttpTransport(baseOf(client), Objects.requireNonNull(redaction, "redaction"));
  }

  /** Shorthand for {@code withRedaction(redaction().withFields(fields))}. */
  public HttpTransport withRedactedFields(String... fields) {
    return withRedaction(redaction.withFields(fields));
  }

  /** What this transport's logs hide. */
  public Redaction redaction() {
    return redaction;
  }

  private static OkHttpClient baseOf(OkHttpClient c) {
    OkHttpClient.Builder b = c.newBuilder();
    b.interceptors().removeIf(i -> i instanceof UserAgentInterceptor || i instanceof RedactingLoggingInterceptor
        || i instanceof LimitsInterceptor);
    b.networkInterceptors().removeIf(i -> i instanceof OnTheWire);
    return b.build();
  }

  /** Sets the connect, read and write timeouts of the attempt's {@link AttemptLimits}, when it has them. */
  private static final class LimitsInterceptor implements okhttp3.Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
      AttemptLimits limits = chain.request().tag(AttemptLimits.class);
      if (limits == null) return chain.proceed(chain.request());
      int connect = millis(limits.connectTimeout());
      int read = millis(limits.readTimeout());
      return chain.withConnectTimeout(connect, TimeUnit.MILLISECONDS).withReadTimeout(read, TimeUnit.MILLISECONDS)
          .withWriteTimeout(read, TimeUnit.MILLISECONDS).proceed(chain.request());
    }
  }

  private static int millis(java.time.Duration d) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
  }

  private OkHttpClient tlsClient() {
    OkHttpClient t = tls.get();
    if (t != null) return t;
    boolean speaksTls = client.connectionSpecs().stream().anyMatch(ConnectionSpec::isTls);
    // Two racing first calls may each build a twin; one is kept, both share the pool and dispatcher.
    tls.compareAndSet(null, speaksTls ? client : client.newBuilder()
        .connectionSpecs(List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT))
        .sslSocketFactory(PlatformTls.FACTORY, PlatformTls.TRUST).build());
    return tls.get();
  }

  /** The platform's default trust store and TLS context, set up once per JVM, when a first twin needs them. */
  private static final class PlatformTls {
    static final javax.net.ssl.X509TrustManager TRUST;
    static final javax.net.ssl.SSLSocketFactory FACTORY;

    static {
      try {
        javax.net.ssl.TrustManagerFactory f =
            javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        f.init((java.security.KeyStore) null);
        TRUST = (javax.net.ssl.X509TrustManager) java.util.Arrays.stream(f.getTrustManagers())
            .filter(javax.net.ssl.X509TrustManager.class::isInstance).findFirst()
            .orElseThrow(() -> new IllegalStateException("the platform has no X509TrustManager"));
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {TRUST}, null);
        FACTORY = context.getSocketFactory();
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException("the platform's TLS cannot be set up", e);
      }
    }
  }

  /** The client plain-http requests go through (with this transport's interceptors). */
  public OkHttpClient client() {
    return client;
  }

  public JsonCodec json() {
    return json;
  }

  /**
   * Sends one request under the client's own timeouts and reads the whole answer. Inside an
   * attempt, pass its {@link AttemptLimits} to {@link #execute(CarrierId, Request, RequestSafety,
   * String, AttemptLimits)} instead.
   *
   * @param idempotencyKey the key sent with a state-changing request, carried into an
   *     outcome-unknown exception; null for reads
   */
  public HttpResult execute(CarrierId carrier, Request request, RequestSafety safety, String idempotencyKey) {
    return execute(carrier, request, safety, idempotencyKey, null);
  }

  /**
   * Sends one request under {@code limits} (null: the client's own timeouts) and reads the whole
   * answer: within what is left of the attempt's deadline, or not at all when nothing is left.
   *
   * @param idempotencyKey the key sent with a state-changing request, carried into an
   *     outcome-unknown exception; null for reads
   */
  public HttpResult execute(CarrierId carrier, Request request, RequestSafety safety, String idempotencyKey,
      AttemptLimits limits) {
    long left = limits == null ? 0 : limits.remainingNanos();
    if (limits != null && left <= 0) {
      throw failure(carrier, new NotSent(new InterruptedIOException("timeout (the attempt's deadline passed before this exchange)")), false,
          safety, idempotencyKey);
    }
    OnTheWire.Mark wire = new OnTheWire.Mark();
    Request.Builder tagged = request.newBuilder().tag(OnTheWire.Mark.class, wire);
    if (limits != null) tagged.tag(AttemptLimits.class, limits);
    Call call = (request.isHttps() ? tlsClient() : client).newCall(tagged.build());
    if (limits != null) call.timeout().timeout(left, TimeUnit.NANOSECONDS);
    boolean sent = false;
    try (Response response = call.execute()) {
      sent = true;
      ResponseBody body = response.body();
      long declared = body.contentLength();
      if (declared > MAX_BODY_BYTES) {
        throw new CarrierException(CarrierException.details(carrier, "the answer is too large (" + declared + " bytes)")
            .httpStatus(response.code()).requestId(requestId(response)));
      }
      okio.BufferedSource source = body.source();
      if (!source.request(MAX_BODY_BYTES + 1) || source.getBuffer().size() <= MAX_BODY_BYTES) {
        byte[] bytes = source.readByteArray();
        String ct = response.header("Content-Type");
        return new HttpResult(response.code(), response.headers(), bytes, ct, requestId(response));
      }
      throw new CarrierException(CarrierException.details(carrier, "the answer is larger than " + MAX_BODY_BYTES + " bytes")
          .httpStatus(response.code()).requestId(requestId(response)));
    } catch (IOException e) {
      IOException why = call.isCanceled() && !(e instanceof InterruptedIOException) ? timedOut(e) : e;
      // not sent: the connection (or its TLS handshake) failed before the request was handed to it
      if (!sent && !wire.reached && !beforeSend(why)) why = new NotSent(why);
      throw failure(carrier, why, sent || !beforeSend(why), safety, idempotencyKey);
    }
  }

  /** Marks a call once a connection is ready and its request is about to be written. */
  private static final class OnTheWire implements okhttp3.Interceptor {
    static final class Mark {
      volatile boolean reached;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
      Mark m = chain.request().tag(Mark.class);
      if (m != null) m.reached = true;
      return chain.proceed(chain.request());
    }
  }

  /** A failure before the request was handed to a connection (a reset in the TLS handshake, say). */
  private static final class NotSent extends IOException {
    private static final long serialVersionUID = 1L;

    NotSent(IOException cause) {
      super("the connection failed before the request was sent", cause);
    }
  }

  /** The cancellation of an attempt past its timeout, as the timeout it is. */
  private static IOException timedOut(IOException cancelled) {
    InterruptedIOException t = new InterruptedIOException("timeout (the attempt timeout passed)");
    t.initCause(cancelled);
    return t;
  }

  /** True for failures that prove the request never left: connect, DNS, route, TLS handshake. */
  static boolean beforeSend(IOException e) {
    return e instanceof NotSent || e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException
        || e instanceof SSLHandshakeException || e instanceof SSLPeerUnverifiedException
        || (e instanceof java.net.SocketTimeoutException
            && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect"));
  }

  /**
   * True when {@code failure} (or a cause of it) is a transport failure that proves the request
   * never reached the carrier: refused or timed-out connect, unknown host, no route, TLS
   * handshake. Such a failure may be retried even for a purchase.
   */
  public static boolean provablyNotSent(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException io && beforeSend(io)) return true;
    }
    return false;
  }

  private static CarrierException failure(CarrierId carrier, IOException e, boolean mayHaveBeenSent,
      RequestSafety safety, String idempotencyKey) {
    boolean timeout = e instanceof InterruptedIOException || e.getCause() instanceof InterruptedIOException;
    String what = timeout ? "timed out" : "failed (" + e.getClass().getSimpleName() + ")";
    CarrierException.Details d = CarrierException.details(carrier, "the call " + what).cause(e)
        .idempotencyKey(idempotencyKey);
    FailureRules.classify(d, mayHaveBeenSent ? FailureRules.Fault.LOST : FailureRules.Fault.NOT_SENT, safety);
    return new CarrierUnavailableException(d);
  }

  private static String requestId(Response r) {
    for (String h : REQUEST_ID_HEADERS) {
      String v = r.header(h);
      if (v != null && !v.isBlank() && v.length() <= 200) return v;
    }
    return null;
  }
}
