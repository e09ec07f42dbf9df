package dev.shipbridge.http;

import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.model.CarrierId;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import dev.shipbridge.internal.CallScope;
import dev.shipbridge.internal.Watchdog;
import dev.shipbridge.resilience.OperationPolicy;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Call;
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
 * Inside a carrier call run by the resilience layer, each attempt gets that operation's connect and
 * read timeouts, and is cancelled once the attempt timeout (shortened to what is left of the
 * whole-call deadline, {@link CallScope}) has passed, even when the server keeps every read just
 * inside the read timeout; it then fails as a timeout. (A shared watchdog thread does this, within
 * 20 ms, instead of OkHttp's call timeout, which costs a thread wake-up per call.) Outside one, the
 * client's own timeouts apply.
 */
public final class HttpTransport {
  /** Largest response body read, in bytes; larger answers are refused, not buffered. */
  public static final long MAX_BODY_BYTES = 16L * 1024 * 1024;

  private static final String[] REQUEST_ID_HEADERS = {"X-Request-ID", "X-Request-Id", "x-amzn-RequestId",
      "X-Correlation-ID", "EagleEye-TraceId", "X-B3-TraceId"};

  private final OkHttpClient client;
  private final JsonCodec json;
  private final Redaction redaction;
  private final Map<Long, OkHttpClient> byTimeouts = new ConcurrentHashMap<>();

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
    b.interceptors().removeIf(i -> i instanceof UserAgentInterceptor || i instanceof RedactingLoggingInterceptor);
    b.networkInterceptors().removeIf(i -> i instanceof OnTheWire);
    return b.build();
  }

  private Call newCall(Request request, CallScope scope) {
    if (scope == null) return client.newCall(request);
    OperationPolicy p = scope.policy();
    long connect = p.connectTimeout().toMillis();
    long read = p.readTimeout().toMillis();
    OkHttpClient c = byTimeouts.computeIfAbsent((connect << 32) ^ read, k -> client.newBuilder()
        .connectTimeout(connect, TimeUnit.MILLISECONDS)
        .readTimeout(read, TimeUnit.MILLISECONDS)
        .writeTimeout(read, TimeUnit.MILLISECONDS)
        .build());
    return c.newCall(request); // its attempt timeout is the Watchdog's, not OkHttp's call timeout
  }

  public OkHttpClient client() {
    return client;
  }

  public JsonCodec json() {
    return json;
  }

  /**
   * Sends one request and reads the whole answer.
   *
   * @param idempotencyKey the key sent with a state-changing request, carried into an
   *     outcome-unknown exception; null for reads
   */
  public HttpResult execute(CarrierId carrier, Request request, RequestSafety safety, String idempotencyKey) {
    CallScope scope = CallScope.current();
    OnTheWire.Mark wire = new OnTheWire.Mark();
    Call call = newCall(request.newBuilder().tag(OnTheWire.Mark.class, wire).build(), scope);
    Watchdog.Watch watch = scope == null ? null : Watchdog.watch(scope.attemptTimeout().toNanos(), call::cancel);
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
      IOException why = watch != null && watch.expired() ? timedOut(e) : e;
      // not sent: the connection (or its TLS handshake) failed before the request was handed to it
      if (!sent && !wire.reached && !beforeSend(why)) why = new NotSent(why);
      throw failure(carrier, why, sent || !beforeSend(why), safety, idempotencyKey);
    } finally {
      if (watch != null) watch.done();
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
    boolean timeout = e instanceof InterruptedIOException;
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
