package dev.shipbridge.examples;

import dev.shipbridge.spi.support.BaseUrls;
import dev.shipbridge.cainiao.CainiaoCarrier;
import dev.shipbridge.spi.CarrierProvider;
import dev.shipbridge.usps.UspsCarrier;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where an example may send requests, decided before anything is built. Money safety:
 *
 * <ul>
 *   <li>without {@code --buy}, an example runs on the embedded sandbox (loopback only), whatever
 *       credentials the environment holds;
 *   <li>with {@code --buy} and explicit credentials, it runs against the carriers' <em>test</em>
 *       environments, and every base URL it would use is resolved here, from the same variables the
 *       carriers' discovery reads. Each must be a loopback address or a known non-production host,
 *       or the run refuses with the list of offending variables. The resolved URLs are then handed
 *       to the carriers explicitly, so what is checked is what is used.
 * </ul>
 *
 * Cainiao's AliExpress Open Platform gateway has no test environment: a {@code --buy} run with IOP
 * credentials refuses unless {@code CAINIAO_IOP_URL} names a non-production gateway.
 */
final class Target {
  /** The flag that allows an example to create real orders and labels on a test environment. */
  static final String BUY = "--buy";
  /** Hosts known to be carriers' test environments (orders there cost nothing). */
  static final Set<String> TEST_HOSTS = Set.of("apis-tem.usps.com", "linkdaily.tbsandbox.com");

  static final List<String> USPS_CREDENTIALS = List.of("USPS_CLIENT_ID", "USPS_CLIENT_SECRET");
  static final List<String> IOP_CREDENTIALS = List.of("CAINIAO_APP_KEY", "CAINIAO_APP_SECRET", "CAINIAO_ACCESS_TOKEN");

  /** The decision: the sandbox, a refusal, or test environments with their resolved base URLs. */
  record Decision(boolean sandbox, List<String> refusals, Map<String, String> baseUrls, CarrierProvider.Settings settings) {
    boolean refused() {
      return !refusals.isEmpty();
    }
  }

  private Target() {}

  static boolean buy(String... args) {
    return List.of(args).contains(BUY);
  }

  /**
   * Decides the target of a run: the sandbox unless {@code --buy} was given and the USPS
   * credentials are set; then the test environments, or a refusal naming every offending setting.
   */
  static Decision decide(CarrierProvider.Settings settings, String... args) {
    boolean credentials = USPS_CREDENTIALS.stream().allMatch(v -> settings.get(v).isPresent());
    if (!buy(args) || !credentials) return new Decision(true, List.of(), Map.of(), name -> Optional.empty());
    List<String> refusals = new ArrayList<>();
    List<String> missing = IOP_CREDENTIALS.stream().filter(v -> settings.get(v).isEmpty()).toList();
    if (!missing.isEmpty()) {
      refusals.add(String.join(", ", missing) + " not set: the Cainiao leg needs AliExpress Open Platform credentials");
    }
    Map<String, String> urls = new LinkedHashMap<>();
    settings.get("USPS_ENVIRONMENT").filter(e -> !e.strip().equalsIgnoreCase("TEST"))
        .ifPresent(e -> refusals.add("USPS_ENVIRONMENT=" + e + ": this run uses USPS's test environment only (TEST)"));
    urls.put("USPS_BASE_URL", settings.get("USPS_BASE_URL").orElse(UspsCarrier.Environment.TEST.baseUrl()));
    settings.get("CAINIAO_ENVIRONMENT").filter(e -> !e.strip().equalsIgnoreCase("sandbox"))
        .ifPresent(e -> refusals.add("CAINIAO_ENVIRONMENT=" + e + ": this run uses Cainiao's sandbox only"));
    urls.put("CAINIAO_LINK_URL", settings.get("CAINIAO_LINK_URL").orElse(CainiaoCarrier.Environment.SANDBOX.linkUrl()));
    urls.put("CAINIAO_IOP_URL", settings.get("CAINIAO_IOP_URL").orElse(CainiaoCarrier.DEFAULT_IOP_URL));
    if (settings.get("CAINIAO_PUBLIC_TRACKING").map(v -> v.strip().equalsIgnoreCase("true")).orElse(false)) {
      refusals.add("CAINIAO_PUBLIC_TRACKING=true: the public tracking page (" + CainiaoCarrier.DEFAULT_PUBLIC_TRACKING_URL
          + ") is production; unset it");
    }
    urls.forEach((variable, url) -> {
      if (!isSafe(url)) {
        refusals.add(variable + " resolves to " + url + ", which is not a test environment"
            + (variable.equals("CAINIAO_IOP_URL") ? " (the AliExpress Open Platform has no test gateway: every order"
                + " there is real; set CAINIAO_IOP_URL to a non-production gateway)" : ""));
      }
    });
    Map<String, String> pinned = java.util.Collections.unmodifiableMap(urls);
    CarrierProvider.Settings resolved = name -> {
      if (pinned.containsKey(name)) return Optional.of(pinned.get(name));
      if (name.equals("USPS_ENVIRONMENT")) return Optional.of("TEST");
      if (name.equals("CAINIAO_ENVIRONMENT")) return Optional.of("sandbox");
      if (name.equals("CAINIAO_PUBLIC_TRACKING")) return Optional.of("false");
      // Only the two carriers checked above: any other provider discovery finds (Kestrel's
      // KESTREL_API_KEY / KESTREL_BASE_URL, say) sees no settings, so its unchecked URL is never reached.
      return name.startsWith("USPS_") || name.startsWith("CAINIAO_") ? settings.get(name) : Optional.empty();
    };
    return new Decision(false, List.copyOf(refusals), pinned, resolved);
  }

  /** A loopback address, or a known test host over https. */
  static boolean isSafe(String url) {
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    String host = uri.getHost();
    if (host == null) return false;
    if (isLoopback(host)) return true;
    return "https".equalsIgnoreCase(uri.getScheme()) && TEST_HOSTS.contains(host.toLowerCase(Locale.ROOT));
  }

  /** A literal loopback address or {@code localhost} (core's one rule); never resolves a name through DNS. */
  static boolean isLoopback(String host) {
    return BaseUrls.isLoopback(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
  }
}
