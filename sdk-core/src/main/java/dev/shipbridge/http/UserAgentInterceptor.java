package dev.shipbridge.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sets {@code User-Agent: shipbridge/<version> java/<version>} on every request that has none,
 * so carriers can tell Shipbridge's traffic apart (and support can see the version).
 */
public final class UserAgentInterceptor implements Interceptor {
  /** The Shipbridge version, from the build ({@code "unknown"} when run from unfiltered sources). */
  public static final String VERSION = loadVersion();
  /** The value sent. */
  public static final String USER_AGENT = "shipbridge/" + VERSION + " java/" + System.getProperty("java.version", "unknown");

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request r = chain.request();
    if (r.header("User-Agent") != null) return chain.proceed(r);
    return chain.proceed(r.newBuilder().header("User-Agent", USER_AGENT).build());
  }

  private static String loadVersion() {
    try (InputStream in = UserAgentInterceptor.class.getResourceAsStream("/dev/shipbridge/shipbridge-version.properties")) {
      if (in == null) return "unknown";
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown").trim();
      return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
