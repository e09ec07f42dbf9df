package dev.shipbridge.http;

import java.io.IOException;
import java.util.Objects;
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
 * Redaction} at every level: DEBUG gets method, URL (redacted query), status, latency, request id
 * and sizes; TRACE adds headers and bodies, secrets and personal data masked. Nothing is logged
 * when both levels are off, and bodies are never read unless TRACE is on.
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
    String target = request.method() + " " + redaction.url(request.url());
    if (log.isTraceEnabled()) {
      log.trace("--> {}{}\n{}", target, redaction.headers(request.headers()), requestBody(request.body()));
    } else {
      log.debug("--> {}", target);
    }
    long start = System.nanoTime();
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      log.debug("<-- FAILED {} after {} ms: {}", target, (System.nanoTime() - start) / 1_000_000, e.getClass().getSimpleName());
      throw e;
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    String requestId = response.header("X-Request-ID");
    if (log.isTraceEnabled()) {
      log.trace("<-- {} {} ({} ms{}){}\n{}", response.code(), target, ms, requestId == null ? "" : ", request-id " + requestId,
          redaction.headers(response.headers()), responseBody(response));
    } else {
      log.debug("<-- {} {} ({} ms{})", response.code(), target, ms, requestId == null ? "" : ", request-id " + requestId);
    }
    return response;
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
