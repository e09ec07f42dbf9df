package dev.shipbridge.spi.support;

import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * The one base-URL rule of every adapter: a carrier's base URL uses {@code https}, except plain
 * {@code http} to a loopback host (a local emulator or WireMock in tests). A loopback host is
 * {@code localhost}, an IPv4 literal {@code 127.x.y.z} or the IPv6 literal {@code ::1} (in any of
 * its spellings); a name is never resolved here, so {@code 127.attacker.example} is not loopback.
 *
 * <pre>{@code
 * HttpUrl url = HttpUrl.parse(baseUrl);
 * if (url == null || !BaseUrls.isSecureOrLoopback(url)) {
 *   problems.add("baseUrl", "must use https (plain http only to a loopback address)");
 * }
 * }</pre>
 */
public final class BaseUrls {
  private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

  private BaseUrls() {}

  /**
   * Whether {@code host} (as {@link HttpUrl#host()} gives it: no brackets around IPv6) names this
   * machine without a name lookup.
   */
  public static boolean isLoopback(String host) {
    if (host == null || host.isEmpty()) return false;
    if (host.equalsIgnoreCase("localhost")) return true;
    if (IPV4_LOOPBACK.matcher(host).matches()) return true;
    if (host.indexOf(':') < 0 || !IPV6.matcher(host).matches()) return false;
    HttpUrl parsed = HttpUrl.parse("http://[" + host + "]/"); // canonical form of the literal, no lookup
    if (parsed == null) return false;
    String h = parsed.host();
    return h.equals("::1") || IPV4_LOOPBACK.matcher(h).matches() // OkHttp writes ::ffff:127.0.0.1 as 127.0.0.1
        || (h.startsWith("::ffff:") && IPV4_LOOPBACK.matcher(h.substring("::ffff:".length())).matches());
  }

  /** Whether {@code url} may be a carrier base URL: {@code https}, or {@code http} to a {@link #isLoopback loopback} host. */
  public static boolean isSecureOrLoopback(HttpUrl url) {
    return url != null && (url.isHttps() || isLoopback(url.host()));
  }
}
