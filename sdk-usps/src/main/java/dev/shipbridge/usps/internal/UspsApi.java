package dev.shipbridge.usps.internal;

/** The USPS APIs the adapter calls, each with its base path and its own hourly quota. */
public enum UspsApi {
  OAUTH("oauth2/v3"),
  PAYMENTS("payments/v3"),
  DOMESTIC_PRICES("prices/v3"),
  INTERNATIONAL_PRICES("international-prices/v3"),
  DOMESTIC_LABELS("labels/v3"),
  INTERNATIONAL_LABELS("international-labels/v3"),
  TRACKING_V3("tracking/v3"),
  TRACKING_V3R2("tracking/v3r2"),
  ADDRESSES("addresses/v3"),
  SCAN_FORMS("scan-forms/v3"),
  SHIPPING_OPTIONS("shipments/v3"),
  SERVICE_STANDARDS("service-standards/v3"),
  CARRIER_PICKUP("pickup/v3"),
  SUBSCRIPTIONS("subscriptions-tracking/v3r2");

  private final String basePath;

  UspsApi(String basePath) {
    this.basePath = basePath;
  }

  /** The path under the host, without leading slash ({@code labels/v3}). */
  public String basePath() {
    return basePath;
  }
}
