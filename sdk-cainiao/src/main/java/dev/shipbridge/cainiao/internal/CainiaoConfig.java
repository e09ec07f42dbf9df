package dev.shipbridge.cainiao.internal;

import dev.shipbridge.ConfigurationException;
import dev.shipbridge.model.CarrierId;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Everything a configured {@code CainiaoCarrier} knows, validated by its builder. Secrets are
 * fields here, so {@link #toString()} hides them.
 *
 * @param iopUrl IOP gateway base ({@code https://api-sg.aliexpress.com}); {@code /sync} is appended
 * @param linkUrl LINK gateway endpoint, ending {@code /gateway/link.do}
 * @param publicTrackingUrl base of the public tracking JSON ({@code https://global.cainiao.com})
 */
public record CainiaoConfig(
    CarrierId id,
    String appKey, String appSecret, String accessToken,
    String linkProviderId, String linkSecretKey, Charset linkCharset, String linkToCode, String linkTrackingMsgType,
    String iopUrl, String linkUrl, String locale,
    String senderAddressId, String returnerAddressId, String pickupAddressId, String topUserKey,
    String handoverLoginId, String handoverClient, String handoverType, int handoverDocumentType,
    boolean publicTracking, String publicTrackingUrl, Duration publicTrackingPerNumber, Duration publicTrackingSpacing) {

  public CainiaoConfig {
    // masked by value wherever Cainiao echoes them back (error bodies, TRACE logs)
    dev.shipbridge.internal.KnownSecrets.register(appSecret, accessToken, linkSecretKey);
  }

  /** App key, app secret and seller access token are all set: the IOP gateway can be called. */
  public boolean hasIop() {
    return appKey != null && appSecret != null && accessToken != null;
  }

  /** Provider id and secret key are set: the LINK gateway can be called and pushes verified. */
  public boolean hasLink() {
    return linkProviderId != null && linkSecretKey != null;
  }

  @Override
  public String toString() {
    return "CainiaoConfig[id=" + id + ", appKey=" + appKey + ", appSecret=" + mask(appSecret)
        + ", accessToken=" + mask(accessToken) + ", linkProviderId=" + linkProviderId
        + ", linkSecretKey=" + mask(linkSecretKey) + ", linkCharset=" + linkCharset + ", iopUrl=" + iopUrl
        + ", linkUrl=" + linkUrl + ", locale=" + locale + ", publicTracking=" + publicTracking + "]";
  }

  private static String mask(String secret) {
    return secret == null ? "null" : "***";
  }

  /** The builder's recorded problems, then every incomplete credential set, for one {@link ConfigurationException}. */
  public static List<ConfigurationException.Problem> problems(Map<String, String> invalid, String appKey,
      String appSecret, String accessToken, String linkProviderId, String linkSecretKey, boolean publicTracking) {
    List<ConfigurationException.Problem> problems = new ArrayList<>();
    invalid.forEach((setting, message) -> problems.add(problem(setting, message)));
    boolean anyIop = appKey != null || appSecret != null || accessToken != null;
    if (anyIop && (appKey == null || appSecret == null || accessToken == null)) {
      for (String[] s : new String[][] {{"appKey", appKey}, {"appSecret", appSecret}, {"accessToken", accessToken}}) {
        if (s[1] == null && !invalid.containsKey(s[0])) {
          problems.add(problem(s[0], "is required with the other IOP credentials (appKey, appSecret, accessToken)"));
        }
      }
    }
    String missingLink = linkProviderId == null ? "linkProviderId" : "linkSecretKey";
    if ((linkProviderId == null) != (linkSecretKey == null) && !invalid.containsKey(missingLink)) {
      problems.add(problem(missingLink, "is required with the other LINK credential (linkProviderId, linkSecretKey)"));
    }
    if (!anyIop && linkProviderId == null && linkSecretKey == null && !publicTracking && invalid.isEmpty()) {
      problems.add(problem("credentials", "configure IOP credentials, LINK credentials or publicTracking(true)"));
    }
    return problems;
  }

  private static ConfigurationException.Problem problem(String setting, String message) {
    return new ConfigurationException.Problem(setting, "cainiao builder", message);
  }

  /** A setting's value, trimmed; blank is refused. */
  public static String required(String name, String value) {
    if (value == null || value.isBlank()) throw new IllegalArgumentException(name + " must not be blank");
    return value.trim();
  }

  /** https, or http to a loopback host (a local emulator). */
  public static String checkedUrl(String name, String url) {
    HttpUrl u = HttpUrl.parse(required(name, url));
    if (u == null) throw new IllegalArgumentException(name + " is not an http(s) URL");
    if (!u.isHttps() && !isLoopback(u.host())) {
      throw new IllegalArgumentException(name + " must use https (plain http only to localhost)");
    }
    return u.toString();
  }

  private static boolean isLoopback(String host) {
    // a literal 127.x.y.z only: "127.attacker.example" is a name anyone can register
    return host.equals("localhost") || host.matches("127(\\.\\d{1,3}){3}") || host.equals("::1")
        || host.equals("0:0:0:0:0:0:0:1");
  }
}
