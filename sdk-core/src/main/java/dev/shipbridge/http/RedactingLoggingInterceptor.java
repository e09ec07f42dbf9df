package dev.shipbridge.http;

import java.io.IOException;
import dev.shipbridge.internal.HumanDuration;
import java.time.Duration;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each HTTP exchange on SLF4J logger {@code dev.shipbridge.http}, through a {@link
 * Redaction}. DEBUG: one line per exchange when it ends; TRACE adds the headers and bodies (read
 * only then), secrets and personal data masked:
 *
 * <pre>
 * usps LABEL attempt 1: POST apis.usps.com /labels/v3/label -&gt; 200 in 312 ms, request-id 5f1c...
 * </pre>
 */
public final class RedactingLoggingInterceptor implements Interceptor {
  /** Largest body rendered at TRACE; larger ones are logged by size only. */
  public static final int MAX_LOGGED_BODY = 64 * 1024;

  private final Logger log;
  private final Redaction redaction;

  public RedactingLoggingInterceptor(Redaction redaction) {
    this(redaction, LoggerFactory.getLogger("dev.shipbridge.http"));
  }

  /** Logging to {@code log} (tests capture it). */
  RedactingLoggingInterceptor(Redaction redaction, Logger log) {
    this.redaction = Objects.requireNonNull(redaction, "redaction");
    this.log = Objects.requireNonNull(log, "log");
  }

  public Redaction redaction() {
    return redaction;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!log.isDebugEnabled()) return chain.proceed(request);
    String target = target(request, redaction);
    if (log.isTraceEnabled()) {
      log.trace("{} request{}\n{}", target, redaction.headers(request.headers()), requestBody(request.body()));
    }
    long start = System.nanoTime();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      log.debug("{} -> failed ({}) after {}", target, e.getClass().getSimpleName(), elapsed(start));
      throw e;
    }
    String took = elapsed(start);
    String requestId = requestId(response);
    log.debug("{} -> {} in {}{}", target, response.code(), took, requestId == null ? "" : ", request-id " + requestId);
    if (log.isTraceEnabled()) {
      log.trace("{} response {}{}\n{}", target, response.code(), redaction.headers(response.headers()), responseBody(response));
    }
    return response;
  }

  /**
   * {@code usps LABEL attempt 1: POST apis.usps.com /labels/v3/label?a=b}: the carrier, operation
   * and attempt of the call in progress (when there is one), the method, host and path, and the
   * query with secret values masked; values are shown decoded, so the mask reads as itself.
   */
  static String target(Request request, Redaction redaction) {
    StringBuilder sb = new StringBuilder(96);
    AttemptLimits limits = request.tag(AttemptLimits.class);
    if (limits != null && limits.label() != null) sb.append(limits.label()).append(": ");
    HttpUrl url = request.url();
    sb.append(request.method()).append(' ').append(url.host());
    if (url.port() != HttpUrl.defaultPort(url.scheme())) sb.append(':').append(url.port());
    sb.append(' ').append(url.encodedPath());
    for (int i = 0; i < url.querySize(); i++) {
      String name = url.queryParameterName(i);
      String value = url.queryParameterValue(i);
      sb.append(i == 0 ? '?' : '&').append(name);
      if (value != null) sb.append('=').append(redaction.isRedactedField(name) ? Redaction.MASK : redaction.text(value));
    }
    return dev.shipbridge.spi.support.KnownSecrets.mask(sb.toString()); // a known secret in the path or an unnamed parameter
  }

  private static String elapsed(long startNanos) {
    return HumanDuration.format(Duration.ofNanos(System.nanoTime() - startNanos));
  }

  private static String requestId(Response response) {
    for (String h : new String[] {"X-Request-ID", "x-amzn-RequestId", "X-Correlation-ID", "EagleEye-TraceId"}) {
      String v = response.header(h);
      if (v != null && !v.isBlank()) return v.length() > 100 ? v.substring(0, 100) : v;
    }
    return null;
  }

  private String requestBody(RequestBody body) {
    try {
      if (body == null) return "(no body)";
      if (body.isOneShot() || body.isDuplex()) return "(streamed body)";
      long length = body.contentLength();
      if (length > MAX_LOGGED_BODY) return "(" + length + " bytes)";
      Buffer buffer = new Buffer();
      body.writeTo(buffer);
      return redaction.body(buffer.readByteArray(), body.contentType() == null ? null : body.contentType().toString());
    } catch (IOException | RuntimeException e) {
      return "(unreadable body)";
    }
  }

  private String responseBody(Response response) {
    try {
      ResponseBody peek = response.peekBody(MAX_LOGGED_BODY);
      String ct = response.header("Content-Type");
      return redaction.body(peek.bytes(), ct);
    } catch (IOException | RuntimeException e) {
      return "(unreadable body: " + e.getClass().getSimpleName() + ")";
    }
  }
}
