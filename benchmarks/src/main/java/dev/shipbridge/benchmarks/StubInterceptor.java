package dev.shipbridge.benchmarks;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * An OkHttp application interceptor that answers every call with a canned response recorded from
 * the emulator, without a socket (the AWS SDK's {@code MockHttpClient} pattern). It still writes the
 * request body, as a real transport would, so serialisation is measured.
 */
final class StubInterceptor implements Interceptor {
  private record Canned(int status, MediaType type, byte[] body) {}

  private final Map<String, Canned> byPath = new HashMap<>();

  StubInterceptor(Fixtures.Recording recording) {
    for (Fixtures.Exchange e : recording.byPath().values()) {
      byPath.put(e.path(), new Canned(e.status(), MediaType.get(e.contentType()), e.responseBody()));
    }
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (request.body() != null) {
      Buffer sink = new Buffer();
      request.body().writeTo(sink);
      sink.clear();
    }
    Canned c = byPath.get(request.url().encodedPath());
    if (c == null) throw new IOException("no canned response for " + request.url().encodedPath());
    return new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(c.status).message("OK")
        .header("Content-Type", c.type.toString())
        .body(ResponseBody.create(c.body, c.type)).build();
  }
}
