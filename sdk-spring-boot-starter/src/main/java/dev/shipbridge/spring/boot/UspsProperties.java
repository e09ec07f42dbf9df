package dev.shipbridge.spring.boot;

/**
 * {@code shipbridge.usps.*}. The USPS carrier is created when {@code client-id} is set and
 * shipbridge-usps is on the classpath. The environment defaults to {@code test}: production is
 * only ever reached when it is named.
 */
public class UspsProperties {
  /** The USPS hosts: test (apis-tem.usps.com, the default here) or production (apis.usps.com). */
  public enum Environment {
    /** USPS's Testing Environment for Mailers. */
    TEST,
    /** USPS production: labels bought there are paid for. */
    PRODUCTION
  }

  /** Whether to create the USPS carrier when its credentials are set. */
  private boolean enabled = true;

  /** The OAuth client id (the "Consumer Key"). */
  private String clientId;

  /** The OAuth client secret (the "Consumer Secret"); never logged. */
  private String clientSecret;

  /** Which USPS hosts to call. */
  private Environment environment = Environment.TEST;

  /** A base URL instead of the environment's (a proxy; http only to loopback). */
  private String baseUrl;

  /** The secret given to USPS when subscribing to tracking pushes; never logged. */
  private String webhookSecret;

  /** Calls an hour per USPS API (default 60). */
  private Integer quotaPerHour;

  /** The ZIP code where parcels from abroad enter the USPS network (prices the last mile). */
  private String inductionZip;

  /** The payment account labels are paid from (an EPS account or a permit). */
  @org.springframework.boot.context.properties.NestedConfigurationProperty
  private PaymentAccountProperties paymentAccount = new PaymentAccountProperties();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getClientId() {
    return clientId;
  }

  public void setClientId(String clientId) {
    this.clientId = clientId;
  }

  public String getClientSecret() {
    return clientSecret;
  }

  public void setClientSecret(String clientSecret) {
    this.clientSecret = clientSecret;
  }

  public Environment getEnvironment() {
    return environment;
  }

  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  public String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public String getWebhookSecret() {
    return webhookSecret;
  }

  public void setWebhookSecret(String webhookSecret) {
    this.webhookSecret = webhookSecret;
  }

  public Integer getQuotaPerHour() {
    return quotaPerHour;
  }

  public void setQuotaPerHour(Integer quotaPerHour) {
    this.quotaPerHour = quotaPerHour;
  }

  public String getInductionZip() {
    return inductionZip;
  }

  public void setInductionZip(String inductionZip) {
    this.inductionZip = inductionZip;
  }

  public PaymentAccountProperties getPaymentAccount() {
    return paymentAccount;
  }

  public void setPaymentAccount(PaymentAccountProperties paymentAccount) {
    this.paymentAccount = paymentAccount;
  }

  @Override
  public String toString() {
    return "UspsProperties[" + environment + (clientId == null ? ", no credentials" : ", credentials set") + "]";
  }

  /** {@code shipbridge.usps.payment-account.*}: set crid, mid and account-number (EPS) or permit-number and permit-zip. */
  public static class PaymentAccountProperties {
    /** The Customer Registration ID. */
    private String crid;
    /** The Mailer ID on labels. */
    private String mid;
    /** The Mailer ID on SCAN forms (default: mid). */
    private String manifestMid;
    /** The Enterprise Payment System account number. */
    private String accountNumber;
    /** The permit number, for a permit account instead of EPS. */
    private String permitNumber;
    /** The ZIP code of the permit's post office. */
    private String permitZip;

    public String getCrid() {
      return crid;
    }

    public void setCrid(String crid) {
      this.crid = crid;
    }

    public String getMid() {
      return mid;
    }

    public void setMid(String mid) {
      this.mid = mid;
    }

    public String getManifestMid() {
      return manifestMid;
    }

    public void setManifestMid(String manifestMid) {
      this.manifestMid = manifestMid;
    }

    public String getAccountNumber() {
      return accountNumber;
    }

    public void setAccountNumber(String accountNumber) {
      this.accountNumber = accountNumber;
    }

    public String getPermitNumber() {
      return permitNumber;
    }

    public void setPermitNumber(String permitNumber) {
      this.permitNumber = permitNumber;
    }

    public String getPermitZip() {
      return permitZip;
    }

    public void setPermitZip(String permitZip) {
      this.permitZip = permitZip;
    }

    @Override
    public String toString() {
      return "PaymentAccountProperties[" + (crid == null ? "unset" : "set") + "]";
    }
  }
}
