package dev.shipbridge.spring.boot;

/**
 * {@code shipbridge.cainiao.*}. The Cainiao carrier is created when {@code app-key} is set and
 * shipbridge-cainiao is on the classpath. The environment defaults to {@code sandbox}: production
 * is used only when named ({@code shipbridge.cainiao.environment=production}). Cainiao's Open
 * Platform (quotes, labels, manifests) has one gateway for every environment, where labels are
 * paid for, so outside production {@code iop-base-url} must be named too.
 */
public class CainiaoProperties {
  /** Which LINK gateway pushes are checked against (IOP is one gateway for all). */
  public enum Environment {
    /** link.cainiao.com. */
    PRODUCTION,
    /** prelink.cainiao.com. */
    PRE_PRODUCTION,
    /** Cainiao's daily sandbox. */
    SANDBOX
  }

  /** Whether to create the Cainiao carrier when its credentials are set. */
  private boolean enabled = true;

  /** The IOP app key. */
  private String appKey;

  /** The IOP app secret; never logged. */
  private String appSecret;

  /** The seller's IOP access token; never logged. */
  private String accessToken;

  /** The LINK environment (default sandbox; production only when named). */
  private Environment environment = Environment.SANDBOX;

  /** The IOP base URL; required outside production (http only to loopback). */
  private String iopBaseUrl;

  /** A LINK base URL instead of the environment's. */
  private String linkBaseUrl;

  /** The LINK logistic provider id. */
  private String linkProviderId;

  /** The LINK secret key that signs pushes (the webhook secret); never logged. */
  private String linkSecretKey;

  /** The language of tracking descriptions, e.g. en_US. */
  private String locale;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getAppKey() {
    return appKey;
  }

  public void setAppKey(String appKey) {
    this.appKey = appKey;
  }

  public String getAppSecret() {
    return appSecret;
  }

  public void setAppSecret(String appSecret) {
    this.appSecret = appSecret;
  }

  public String getAccessToken() {
    return accessToken;
  }

  public void setAccessToken(String accessToken) {
    this.accessToken = accessToken;
  }

  public Environment getEnvironment() {
    return environment;
  }

  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  public String getIopBaseUrl() {
    return iopBaseUrl;
  }

  public void setIopBaseUrl(String iopBaseUrl) {
    this.iopBaseUrl = iopBaseUrl;
  }

  public String getLinkBaseUrl() {
    return linkBaseUrl;
  }

  public void setLinkBaseUrl(String linkBaseUrl) {
    this.linkBaseUrl = linkBaseUrl;
  }

  public String getLinkProviderId() {
    return linkProviderId;
  }

  public void setLinkProviderId(String linkProviderId) {
    this.linkProviderId = linkProviderId;
  }

  public String getLinkSecretKey() {
    return linkSecretKey;
  }

  public void setLinkSecretKey(String linkSecretKey) {
    this.linkSecretKey = linkSecretKey;
  }

  public String getLocale() {
    return locale;
  }

  public void setLocale(String locale) {
    this.locale = locale;
  }

  @Override
  public String toString() {
    return "CainiaoProperties[" + (appKey == null ? "no credentials" : "credentials set") + "]";
  }
}
