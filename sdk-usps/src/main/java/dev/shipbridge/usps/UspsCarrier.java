package dev.shipbridge.usps;

import dev.shipbridge.ConfigurationException;
import dev.shipbridge.TrackResult;
import dev.shipbridge.ValidationException;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.AddressValidation;
import dev.shipbridge.model.CancelResult;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Manifest;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.resilience.Operation;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.spi.AddressCapability;
import dev.shipbridge.spi.CancelCapability;
import dev.shipbridge.spi.Capability;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.CarrierContext;
import dev.shipbridge.spi.LabelCapability;
import dev.shipbridge.spi.ManifestCapability;
import dev.shipbridge.spi.PushCapability;
import dev.shipbridge.spi.QuoteCapability;
import dev.shipbridge.spi.TrackingCapability;
import dev.shipbridge.spi.TrackingNumberMatcher;
import dev.shipbridge.spi.support.BaseUrls;
import dev.shipbridge.spi.support.KnownSecrets;
import dev.shipbridge.usps.internal.ImpbNumber;
import dev.shipbridge.usps.internal.LabelMapper;
import dev.shipbridge.usps.internal.UspsClient;
import dev.shipbridge.usps.internal.UspsConfig;
import dev.shipbridge.usps.internal.QuoteSettings;
import dev.shipbridge.usps.internal.S10Number;
import dev.shipbridge.usps.internal.UspsCapabilities;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * USPS through its REST APIs v3 (OAuth 2.0): quotes, labels and their cancellation, tracking,
 * address checks, SCAN forms, return labels, Carrier Pickup and tracking subscriptions.
 *
 * <pre>{@code
 * UspsCarrier usps = UspsCarrier.builder()
 *     .clientId(System.getenv("USPS_CLIENT_ID"))
 *     .clientSecret(System.getenv("USPS_CLIENT_SECRET"))
 *     .environment(UspsCarrier.Environment.TEST)                       // apis-tem.usps.com
 *     .paymentAccount(UspsCarrier.PaymentAccount.eps("CRID", "MID", "MANIFESTMID", "EPSACCOUNT"))
 *     .inductionZip("90045")                                            // where parcels from abroad enter USPS
 *     .build();
 * Shipbridge shipbridge = Shipbridge.builder().carrier(usps).build();
 * }</pre>
 *
 * Or set {@code USPS_CLIENT_ID}, {@code USPS_CLIENT_SECRET} and friends (README, "USPS") and let
 * {@code Shipbridge} discover it; {@link #toString()} never shows the secret. Quotas ({@link
 * Builder#quotaPerHour}), quotes from abroad, idempotent purchases, tracking and tokens: see the
 * {@linkplain dev.shipbridge.usps package documentation}.
 */
public final class UspsCarrier implements Carrier, QuoteCapability, LabelCapability, CancelCapability,
    TrackingCapability, AddressCapability, ManifestCapability {

  /** USPS's published hosts. */
  public enum Environment {
    /** {@code https://apis.usps.com}. */
    PRODUCTION("https://apis.usps.com"),
    /** {@code https://apis-tem.usps.com}, the Testing Environment for Mailers. */
    TEST("https://apis-tem.usps.com");

    private final String baseUrl;
    Environment(String baseUrl) { this.baseUrl = baseUrl; }

    /** The host's base URL. */
    public String baseUrl() { return baseUrl; }
  }

  /** Which tracking API to use. */
  public enum TrackingApi {
    /** {@code POST /tracking/v3r2/tracking}: up to 35 numbers a call (the default). */
    V3R2_BATCH,
    /** {@code GET /tracking/v3/tracking/{n}?expand=DETAIL}: one number a call. */
    V3_DETAIL
  }

  /** The kinds of USPS payment account: an Enterprise Payment System account or a permit. */
  public enum AccountType { EPS, PERMIT }

  /**
   * The account labels are paid from and its mailer, as registered with USPS.
   *
   * @param crid Customer Registration ID, 2 to 18 characters
   * @param mid Mailer ID, 6 or 9 digits
   * @param manifestMid Mailer ID used on manifests, 6 or 9 digits
   * @param accountType EPS or PERMIT
   * @param accountNumber the EPS account number, or the permit number
   * @param permitZip the permit's ZIP code, for PERMIT only
   */
  public record PaymentAccount(String crid, String mid, String manifestMid, AccountType accountType,
      String accountNumber, String permitZip) {
    /** @throws IllegalArgumentException naming the first value USPS would refuse */
    public PaymentAccount {
      UspsConfig.checkAccount(crid, mid, manifestMid, accountType, accountNumber, permitZip);
    }

    /** An Enterprise Payment System account. */
    public static PaymentAccount eps(String crid, String mid, String manifestMid, String accountNumber) {
      return new PaymentAccount(crid, mid, manifestMid, AccountType.EPS, accountNumber, null);
    }

    /** A permit account. */
    public static PaymentAccount permit(String crid, String mid, String manifestMid, String permitNumber, String permitZip) {
      return new PaymentAccount(crid, mid, manifestMid, AccountType.PERMIT, permitNumber, permitZip);
    }

    @Override
    public String toString() {
      return "PaymentAccount[crid=" + crid + ", mid=" + mid + ", manifestMid=" + manifestMid + ", accountType="
          + accountType + ", accountNumber=" + UspsConfig.mask(accountNumber) + "]";
    }
  }

  /** USPS's quota on its default product: 60 calls an hour per API. */
  public static final int DEFAULT_QUOTA_PER_HOUR = 60;

  private static final TrackingNumberMatcher NUMBERS = n -> ImpbNumber.matches(n) || S10Number.matchesUsps(n);

  private final UspsConfig config;
  /** Connected to a facade's transport, clock and token store by {@link #bind}; null in the configured carrier. */
  private final UspsClient client;

  private UspsCarrier(UspsConfig config, UspsClient client) {
    this.config = config;
    this.client = client;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public CarrierId id() { return CarrierId.USPS; }

  @Override
  public TrackingNumberMatcher trackingNumbers() { return NUMBERS; }

  /** The carrier connected to {@code context}'s transport, clock and token store. */
  @Override
  public UspsCarrier bind(CarrierContext context) {
    return new UspsCarrier(config, new UspsClient(config, Objects.requireNonNull(context, "context")));
  }

  /** This carrier for one attempt: its token fetches and the call share {@code limits}' one deadline. */
  @Override
  public UspsCarrier forAttempt(dev.shipbridge.http.AttemptLimits limits) {
    return client == null ? this : new UspsCarrier(config, client.within(limits));
  }

  /** {@link Builder#quotaPerHour} calls an hour (default 60) per operation; your policy wins over it. */
  @Override
  public ResiliencePolicy defaultPolicy() {
    RateLimit quota = RateLimit.perHour(config.quotaPerHour());
    return ResiliencePolicy.custom().carrier(CarrierId.USPS, s -> s.rateLimit(quota)).build();
  }

  /**
   * USPS counts its quota per API (USPS staff: "each with a quota of 60 calls per hour"): label,
   * cancel, return label and reprint are all the Labels API, so they draw on one limiter, the label's.
   */
  @Override
  public Operation quotaOf(Operation operation) {
    return operation == Operation.CANCEL || operation == Operation.RETURN_LABEL ? Operation.LABEL : operation;
  }

  /** USPS counts per client application: a digest of the client id; merchants under one client id share it. */
  @Override
  public String quotaKey() { return config.quotaKey(); }

  /** The hourly quota per USPS API this carrier was configured with. */
  public int quotaPerHour() { return config.quotaPerHour(); }

  /** USPS's rules (README, "USPS"; the mailing date on the bound clock) and a payment account; builds nothing. */
  @Override
  public List<ValidationException.Violation> check(LabelRequest request) {
    List<ValidationException.Violation> found = new ArrayList<>(LabelMapper.validate(request, connected().today()));
    found.addAll(new dev.shipbridge.spi.support.Checks().account(request.account(), client.boundAccount()).violations());
    if (config.paymentAccount() == null) {
      found.add(new ValidationException.Violation("paymentAccount",
          "USPS labels need a payment account: set UspsCarrier.builder().paymentAccount(...)"));
    }
    return found;
  }

  /**
   * Also returns and reprints, Carrier Pickup, tracking subscriptions, and {@link PushCapability}
   * (notifications: bound, with each created subscription's secret or the {@link Builder#webhookSecret}).
   */
  @Override
  public <T extends Capability> Optional<T> capability(Class<T> type) {
    return UspsCapabilities.of(type, config, client, this::connected).or(() -> Carrier.super.capability(type));
  }

  /** The base URL calls go to. */
  public String baseUrl() {
    return config.baseUrl().toString();
  }

  @Override
  public List<Quote> quote(QuoteRequest request) {
    return connected().quote(request);
  }

  /** Buys the label {@link #check} accepted; every attempt under one key sends the same body. */
  @Override
  public Label label(LabelRequest request) {
    return connected().label(request);
  }

  /** True: USPS answers a repeated {@code X-Idempotency-Key} and payload with the same label, no second charge. */
  @Override
  public boolean honoursIdempotencyKey() { return true; }

  @Override
  public CancelResult cancel(String trackingNumber) {
    return connected().cancel(trackingNumber);
  }

  @Override
  public Tracking track(String trackingNumber) {
    return connected().track(trackingNumber);
  }

  @Override
  public int maxBatchSize() {
    return config.trackingApi() == TrackingApi.V3R2_BATCH ? UspsClient.MAX_TRACKING_BATCH : 1;
  }

  @Override
  public List<TrackResult> trackMany(List<String> trackingNumbers) {
    return connected().trackMany(trackingNumbers);
  }

  @Override
  public AddressValidation validateAddress(Address address) {
    return connected().validateAddress(address);
  }

  @Override
  public Manifest manifest(ManifestRequest request) {
    return connected().manifest(request);
  }

  /**
   * Revokes at USPS a merchant {@link Builder#authorization}'s refresh and access tokens and forgets
   * them and the payment token; on a bound carrier. Throws {@code IllegalStateException} under the
   * platform's own client credentials (that token serves every account).
   */
  public void revokeAuthorization() { connected().revokeAuthorization(); }

  /** The connection {@link #bind} made: a carrier is used through {@code Shipbridge}, which binds it. */
  private UspsClient connected() {
    if (client == null) throw new IllegalStateException("this UspsCarrier is not connected: use it through Shipbridge.builder().carrier(usps)");
    return client;
  }

  @Override
  public String toString() {
    return "UspsCarrier[" + config + (client == null ? "" : ", bound") + "]";
  }

  /**
   * Configures a {@link UspsCarrier}. An invalid value is recorded (a later valid one clears it);
   * {@link #build()} reports every problem and missing credential in one {@link ConfigurationException}.
   */
  public static final class Builder {
    private String clientId;
    private String clientSecret;
    private HttpUrl baseUrl = HttpUrl.get(Environment.PRODUCTION.baseUrl());
    private PaymentAccount paymentAccount;
    private String inductionZip;
    private TrackingApi trackingApi = TrackingApi.V3R2_BATCH;
    private int quotaPerHour = DEFAULT_QUOTA_PER_HOUR;
    private String webhookSecret;
    private QuoteSettings quoting = QuoteSettings.DEFAULT;
    private UspsAuthorization authorization = UspsAuthorization.clientCredentials();
    private final java.util.Map<String, String> problems = new java.util.LinkedHashMap<>();

    private Builder() {}

    /** Records the setting's problem (or clears it) and applies the value when {@code ok}. */
    private Builder set(String setting, boolean ok, String message, Runnable apply) {
      if (UspsConfig.record(problems, setting, ok, message)) apply.run();
      return this;
    }

    /** The secret of your USPS tracking subscription: {@code shipbridge.webhooks()} then verifies notifications. Never shown. */
    public Builder webhookSecret(String secret) {
      return set("webhookSecret", secret != null && !secret.isBlank(), "must not be blank", () -> {
        this.webhookSecret = secret;
        KnownSecrets.register(secret);
      });
    }

    /** The OAuth client id (the developer portal's "Consumer Key"). */
    public Builder clientId(String clientId) {
      return set("clientId", clientId != null && !clientId.isBlank(), "must not be blank",
          () -> this.clientId = clientId.strip());
    }

    /** The OAuth client secret (the "Consumer Secret"); never logged or shown. */
    public Builder clientSecret(String clientSecret) {
      return set("clientSecret", clientSecret != null && !clientSecret.isBlank(), "must not be blank",
          () -> this.clientSecret = clientSecret.strip());
    }

    /** {@link Environment#PRODUCTION} (the default) or {@link Environment#TEST}. */
    public Builder environment(Environment environment) {
      return set("environment", environment != null, "must not be null", () -> {
        problems.remove("baseUrl");
        this.baseUrl = HttpUrl.get(environment.baseUrl());
      });
    }

    /** A custom base URL (a proxy, an emulator): {@code https}, or {@code http} to a loopback address only. */
    public Builder baseUrl(String baseUrl) {
      HttpUrl url = baseUrl == null ? null : HttpUrl.parse(baseUrl.strip());
      String problem = url == null ? "is not an http(s) URL"
          : !BaseUrls.isSecureOrLoopback(url) ? "must use https (plain http only to a loopback address)"
          : url.query() != null || url.fragment() != null ? "must not have a query or fragment" : null;
      return set("baseUrl", problem == null, problem, () -> {
        problems.remove("environment");
        this.baseUrl = url;
      });
    }

    /** The account labels and SCAN forms are paid from; required for labels, cancels and SCAN forms. */
    public Builder paymentAccount(PaymentAccount paymentAccount) {
      return set("paymentAccount", paymentAccount != null, "must not be null",
          () -> this.paymentAccount = paymentAccount);
    }

    /** The five-digit US ZIP where parcels from abroad enter USPS: they are quoted from it (unset: not quoted). */
    public Builder inductionZip(String zip) {
      return set("inductionZip", zip != null && zip.strip().matches("\\d{5}"), "must be five digits",
          () -> this.inductionZip = zip.strip());
    }

    /** Which tracking API to call (default {@link TrackingApi#V3R2_BATCH}). */
    public Builder trackingApi(TrackingApi trackingApi) {
      return set("trackingApi", trackingApi != null, "must not be null",
          () -> this.trackingApi = trackingApi);
    }

    /** Calls an hour allowed per USPS API (default {@value #DEFAULT_QUOTA_PER_HOUR}); raise it when USPS granted more. */
    public Builder quotaPerHour(int quotaPerHour) {
      return set("quotaPerHour", quotaPerHour >= 1, "must be at least 1",
          () -> this.quotaPerHour = quotaPerHour);
    }

    /** Quote with Shipping Options 3.0 (default true: one call prices every class with its commitment; refused accounts fall back to the Prices APIs), or the Prices APIs only. */
    public Builder shippingOptions(boolean use) {
      this.quoting = new QuoteSettings(use, quoting.standardsTtl());
      return this;
    }

    /** How long a Service Standards answer is reused per origin ZIP3, destination ZIP3 and class (default 24 h, facade's clock); {@code Duration.ZERO}: never asked. */
    public Builder serviceStandardsCache(java.time.Duration ttl) {
      return set("serviceStandardsCache", ttl != null && !ttl.isNegative(), "must be zero or positive",
          () -> quoting = new QuoteSettings(quoting.shippingOptions(), ttl));
    }

    /** Whose authority calls run under (default: {@link UspsAuthorization#clientCredentials}, the application's default scope). */
    public Builder authorization(UspsAuthorization authorization) {
      return set("authorization", authorization != null, "must not be null", () -> this.authorization = authorization);
    }

    /** The carrier; a {@link ConfigurationException} lists every invalid and every missing setting at once. */
    public UspsCarrier build() {
      UspsConfig.throwIfAny(problems, Map.of("clientId", clientId != null, "clientSecret", clientSecret != null));
      // masked by value wherever USPS echoes them back (error bodies, TRACE logs)
      KnownSecrets.register(clientSecret, paymentAccount == null ? null : paymentAccount.accountNumber());
      return new UspsCarrier(new UspsConfig(clientId, clientSecret, baseUrl, paymentAccount, inductionZip, trackingApi,
          quotaPerHour, webhookSecret, quoting, authorization), null);
    }

    @Override
    public String toString() {
      return "UspsCarrier.Builder[baseUrl=" + baseUrl + ", clientId=" + clientId + ", clientSecret=***]";
    }
  }
}
