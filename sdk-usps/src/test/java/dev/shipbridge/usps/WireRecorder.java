package dev.shipbridge.usps;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import okio.Buffer;

/**
 * An OkHttp network interceptor that records every exchange exactly as it crossed the wire
 * (final headers included), so the tests can check both directions against USPS's specs.
 */
public final class WireRecorder implements Interceptor {
  /** One request and its response ({@code status} -1 when none came). */
  public record Exchange(String method, HttpUrl url, Headers requestHeaders, byte[] requestBody,
      String requestContentType, int status, Headers responseHeaders, byte[] responseBody) {
    public String path() {
      return url.encodedPath();
    }

    public String requestText() {
      return requestBody == null ? "" : new String(requestBody, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    byte[] body = null;
    String contentType = null;
    if (request.body() != null) {
      Buffer buffer = new Buffer();
      request.body().writeTo(buffer);
      body = buffer.readByteArray();
      contentType = request.body().contentType() == null ? null : request.body().contentType().toString();
    }
    Response response;
    try {
      response = chain.proceed(request);
    } catch (IOException e) {
      exchanges.add(new Exchange(request.method(), request.url(), request.headers(), body, contentType, -1,
          Headers.of(), new byte[0]));
      throw e;
    }
    byte[] responseBody;
    try {
      responseBody = response.peekBody(16L * 1024 * 1024).bytes();
    } catch (IOException e) {
      responseBody = new byte[0];
    }
    exchanges.add(new Exchange(request.method(), request.url(), request.headers(), body, contentType,
        response.code(), response.headers(), responseBody));
    return response;
  }

  public List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  public List<Exchange> to(String pathPrefix) {
    return exchanges.stream().filter(e -> e.path().startsWith(pathPrefix)).toList();
  }

  public void clear() {
    exchanges.clear();
  }
}
