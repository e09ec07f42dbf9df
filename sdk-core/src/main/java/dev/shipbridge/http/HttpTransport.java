package dev.shipbridge.http;

import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.model.CarrierId;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Objects;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
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
 */
public final class HttpTransport {
  /** Largest response body read, in bytes; larger answers are refused, not buffered. */
  public static final long MAX_BODY_BYTES = 16L * 1024 * 1024;

  private static final String[] REQUEST_ID_HEADERS = {"X-Request-ID", "X-Request-Id", "x-amzn-RequestId",
      "X-Correlation-ID", "EagleEye-TraceId", "X-B3-TraceId"};

  private final OkHttpClient client;
  private final JsonCodec json;

  public HttpTransport(OkHttpClient client) {
    this.client = Objects.requireNonNull(client, "client");
    this.json = JsonCodec.standard();
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
    boolean sent = false;
    try (Response response = client.newCall(request).execute()) {
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
      throw failure(carrier, e, sent || !beforeSend(e), safety, idempotencyKey);
    }
  }

  /** True for failures that prove the request never left: connect, DNS, route, TLS handshake. */
  static boolean beforeSend(IOException e) {
    return e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException
        || e instanceof SSLHandshakeException || e instanceof SSLPeerUnverifiedException
        || (e instanceof java.net.SocketTimeoutException && String.valueOf(e.getMessage()).contains("connect"));
  }

  private static CarrierException failure(CarrierId carrier, IOException e, boolean mayHaveBeenSent,
      RequestSafety safety, String idempotencyKey) {
    boolean timeout = e instanceof InterruptedIOException;
    String what = timeout ? "timed out" : "failed (" + e.getClass().getSimpleName() + ")";
    CarrierException.Details d = CarrierException.details(carrier, "the call " + what).cause(e)
        .idempotencyKey(idempotencyKey);
    if (!mayHaveBeenSent) {
      return new CarrierUnavailableException(d.retryable(true));
    }
    return switch (safety) {
      case IDEMPOTENT, IDEMPOTENT_WITH_KEY -> new CarrierUnavailableException(d.retryable(true));
      case NON_IDEMPOTENT -> new CarrierUnavailableException(d.retryable(false).outcomeUnknown(true));
    };
  }

  private static String requestId(Response r) {
    for (String h : REQUEST_ID_HEADERS) {
      String v = r.header(h);
      if (v != null && !v.isBlank() && v.length() <= 200) return v;
    }
    return null;
  }
}
