package dev.shipbridge.cainiao.internal;

import dev.shipbridge.model.CarrierId;
import java.nio.charset.Charset;
import java.time.Duration;

/**
 * Everything a configured {@code CainiaoCarrier} knows, validated by its builder. Secrets are
 * fields here, so {@link #toString()} hides them.
 *
 * @param iopUrl IOP gateway base ({@code https://api-sg.aliexpress.com}); {@code /sync} is appended
 * @param linkUrl LINK gateway endpoint, ending {@code /gateway/link.do}
 * @param publicTrackingUrl base of the public tracking JSON ({@code https://global.cainiao.com})
 * @param inductions the solutions declared to end at US induction
 */
public record CainiaoConfig(
    CarrierId id,
    String appKey, String appSecret, String accessToken,
    String linkProviderId, String linkSecretKey, Charset linkCharset, String linkToCode, String linkTrackingMsgType,
    String iopUrl, String linkUrl, String locale,
    String senderAddressId, String returnerAddressId, String pickupAddressId, String topUserKey,
    String handoverLoginId, String handoverClient, String handoverType, int handoverDocumentType,
    boolean publicTracking, String publicTrackingUrl, Duration publicTrackingPerNumber, Duration publicTrackingSpacing,
    UsInductions inductions) {

  public CainiaoConfig {
    // masked by value wherever Cainiao echoes them back (error bodies, TRACE logs)
    dev.shipbridge.spi.support.KnownSecrets.register(appSecret, accessToken, linkSecretKey);
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
}
