package dev.shipbridge;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;

/** What a {@link Shipbridge} creates for itself when none is given: its HTTP client and threads. */
final class FacadeDefaults {
  private FacadeDefaults() {}

  /**
   * Cleartext only: building TLS is most of an {@code OkHttpClient}'s cost, and a loopback
   * emulator needs none; {@link dev.shipbridge.http.HttpTransport} adds a TLS twin on the first https request.
   */
  static OkHttpClient httpClient() {
    return new OkHttpClient.Builder() // HttpTransport turns OkHttp's own retries off
        .connectionSpecs(List.of(okhttp3.ConnectionSpec.CLEARTEXT))
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(30))
        .build();
  }

  static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "shipbridge-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
