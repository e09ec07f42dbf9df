package dev.shipbridge.micrometer.internal;

import dev.shipbridge.micrometer.ShipbridgeMicrometer;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One observation per HTTP attempt, with the OpenTelemetry HTTP client names: {@code
 * http.request.method}, {@code server.address}, {@code
 * http.response.status_code} and {@code error.type} (the status code from 400 on, else the
 * exception's class). The URL's path and query (which may hold a tracking number) are never tags.
 * The carrier is taken from the enclosing carrier-call observation when there is one.
 */
public final class HttpObservationInterceptor implements Interceptor {
  private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
  private final ObservationRegistry registry;

  public HttpObservationInterceptor(ObservationRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String method = KNOWN_METHODS.contains(request.method()) ? request.method() : "_OTHER";
    Observation parent = registry.getCurrentObservation();
    String carrier = "unknown";
    if (parent != null) {
      KeyValue kv = parent.getContextView().getLowCardinalityKeyValue("carrier");
      if (kv != null) carrier = kv.getValue();
    }
    Observation o = Observation.createNotStarted(ShipbridgeMicrometer.HTTP_OBSERVATION, registry)
        .contextualName(method)
        .lowCardinalityKeyValue("http.request.method", method)
        .lowCardinalityKeyValue("server.address", request.url().host().toLowerCase(Locale.ROOT))
        .lowCardinalityKeyValue("carrier", carrier)
        .start();
    try (Observation.Scope ignored = o.openScope()) {
      Response response = chain.proceed(request);
      int status = response.code();
      o.lowCardinalityKeyValue("http.response.status_code", Integer.toString(status))
          .lowCardinalityKeyValue("http.response.status_class", Tags.statusClass(status))
          .lowCardinalityKeyValue("error.type", status >= 400 ? Integer.toString(status) : "none");
      return response;
    } catch (IOException | RuntimeException e) {
      o.lowCardinalityKeyValue("http.response.status_code", "none")
          .lowCardinalityKeyValue("http.response.status_class", "none")
          .lowCardinalityKeyValue("error.type", e.getClass().getName());
      o.error(e);
      throw e;
    } finally {
      o.stop();
    }
  }
}
