package dev.shipbridge.spring.boot;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Everything under {@code shipbridge.*}: the carriers and their credentials, resilience per carrier
 * and operation, the shared Redis quota and the webhook endpoint.
 *
 * <pre>{@code
 * shipbridge.usps.client-id=${USPS_CLIENT_ID}
 * shipbridge.usps.client-secret=${USPS_CLIENT_SECRET}
 * shipbridge.usps.environment=test
 * shipbridge.resilience.carriers.usps.operations.label.max-attempts=2
 * }</pre>
 */
@ConfigurationProperties(prefix = "shipbridge")
public class ShipbridgeProperties {
  /** Whether to create the Shipbridge bean at all. */
  private boolean enabled = true;

  /**
   * Whether carriers configured through system properties or environment variables (found by
   * ServiceLoader) join the ones configured here. Off: only the carriers named here and carrier
   * beans are used.
   */
  private boolean discoverCarriers = false;

  /** How long a quote waits for each carrier before reporting it as failed (default 10s). */
  private Duration quoteTimeout;

  /** How old a signed webhook push may be before it is refused as stale (default 5m). */
  private Duration webhookReplayWindow;

  /** USPS (REST APIs v3). */
  @NestedConfigurationProperty
  private UspsProperties usps = new UspsProperties();

  /** Cainiao (AliExpress IOP and the LINK gateway). */
  @NestedConfigurationProperty
  private CainiaoProperties cainiao = new CainiaoProperties();

  /** Retries, timeouts, rate-limit waits and breakers, for all carriers or per carrier and operation. */
  @NestedConfigurationProperty
  private ResilienceProperties resilience = new ResilienceProperties();

  /** One quota and token cache for a fleet, on Redis (needs shipbridge-redis on the classpath). */
  @NestedConfigurationProperty
  private RedisProperties redis = new RedisProperties();

  /** The HTTP endpoint that receives carriers' tracking pushes (needs Spring MVC). */
  @NestedConfigurationProperty
  private WebhookProperties webhook = new WebhookProperties();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public boolean isDiscoverCarriers() {
    return discoverCarriers;
  }

  public void setDiscoverCarriers(boolean discoverCarriers) {
    this.discoverCarriers = discoverCarriers;
  }

  public Duration getQuoteTimeout() {
    return quoteTimeout;
  }

  public void setQuoteTimeout(Duration quoteTimeout) {
    this.quoteTimeout = quoteTimeout;
  }

  public Duration getWebhookReplayWindow() {
    return webhookReplayWindow;
  }

  public void setWebhookReplayWindow(Duration webhookReplayWindow) {
    this.webhookReplayWindow = webhookReplayWindow;
  }

  public UspsProperties getUsps() {
    return usps;
  }

  public void setUsps(UspsProperties usps) {
    this.usps = usps;
  }

  public CainiaoProperties getCainiao() {
    return cainiao;
  }

  public void setCainiao(CainiaoProperties cainiao) {
    this.cainiao = cainiao;
  }

  public ResilienceProperties getResilience() {
    return resilience;
  }

  public void setResilience(ResilienceProperties resilience) {
    this.resilience = resilience;
  }

  public RedisProperties getRedis() {
    return redis;
  }

  public void setRedis(RedisProperties redis) {
    this.redis = redis;
  }

  public WebhookProperties getWebhook() {
    return webhook;
  }

  public void setWebhook(WebhookProperties webhook) {
    this.webhook = webhook;
  }

  @Override
  public String toString() {
    return "ShipbridgeProperties[usps=" + usps + ", cainiao=" + cainiao + "]";
  }
}
