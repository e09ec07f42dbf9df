package dev.shipbridge.spring.boot;

/** {@code shipbridge.webhook.*}: the endpoint that feeds carriers' pushes to {@code shipbridge.webhooks()}. */
public class WebhookProperties {
  /** Whether to register the webhook endpoint (a RouterFunction on Spring MVC). */
  private boolean enabled = false;

  /** The path the endpoint answers POSTs on. */
  private String path = "/shipbridge/webhooks";

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }
}
