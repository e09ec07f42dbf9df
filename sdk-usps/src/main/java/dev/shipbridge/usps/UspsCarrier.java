package dev.shipbridge.usps;

import dev.shipbridge.ConfigurationException;
import dev.shipbridge.ValidationException;
import dev.shipbridge.WebhookException;
import dev.shipbridge.WebhookRequest;
import dev.shipbridge.model.PushedTracking;
import dev.shipbridge.spi.Capability;
import dev.shipbridge.spi.PushCapability;
import dev.shipbridge.usps.internal.UspsNotifications;
import java.util.Optional;
import dev.shipbridge.TrackResult;
import dev.shipbridge.http.HttpTransport;
import dev.shipbridge.spi.support.BaseUrls;
import dev.shipbridge.spi.support.InMemoryTokenStore;
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
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.spi.AddressCapability;
import dev.shipbridge.spi.CancelCapability;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.CarrierContext;
import dev.shipbridge.spi.LabelCapability;
import dev.shipbridge.spi.ManifestCapability;
import dev.shipbridge.spi.QuoteCapability;
import dev.shipbridge.spi.TokenStore;
import dev.shipbridge.spi.TrackingCapability;
import dev.shipbridge.spi.TrackingNumberMatcher;
import dev.shipbridge.usps.internal.ImpbNumber;
import dev.shipbridge.usps.internal.S10Number;
import dev.shipbridge.usps.internal.QuoteSettings;
import dev.shipbridge.usps.internal.UspsService;
import dev.shipbridge.usps.internal.UspsSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * USPS through its REST APIs v3 (OAuth 2.0): quotes, labels and their cancellation, tracking,
 * address checks and SCAN forms.
 *
 * <h2>Configure</h2>
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
 * Or set {@code USPS_CLIENT_ID}, {@code USPS_CLIENT_SECRET} and friends (see README, "USPS")
 * and let {@code Shipbridge} discover it. {@link #toString()} never shows the secret.
 *
 * <h2>Tokens</h2>
 *
 * The OAuth access token is cached in the {@code Shipbridge}'s token store, one per credential,
 * refreshed before it expires (a tenth of its lifetime early, at most 30 minutes) and fetched by
 * one thread however many need it at once; a 401 refreshes it and replays the call once. Labels,
 * cancellations and SCAN forms also send a payment authorization token (roles {@code PAYER} and
 * {@code LABEL_OWNER} of the {@link PaymentAccount}), cached for its eight-hour lifetime.
 *
 * <h2>Quotes</h2>
 *
 * One {@code POST /shipments/v3/options/search} (Shipping Options 3.0) prices every mail class,
 * domestic ones with their delivery commitment; an account refused it (403/404) is quoted with the
 * Prices APIs, and domestic days then come from Service Standards, cached per ZIP3 pair ({@link
 * Builder#shippingOptions}, {@link Builder#serviceStandardsCache}).
 *
 * <h2>Quotes from abroad</h2>
 *
 * USPS carries the US part of a journey. A parcel from outside the US to a US address (China to
 * the US through Cainiao) is priced with domestic prices from the {@link Builder#inductionZip
 * induction ZIP}, the US ZIP where the parcel enters the USPS network (a gateway or the
 * consolidator's facility); such quotes cover only {@link dev.shipbridge.model.Leg#LAST_MILE}.
 * Without an induction ZIP, USPS declines to quote them (a {@code ValidationException} in the
 * quote result's failures). Labels always need a US sender address.
 *
 * <h2>Idempotent label purchases</h2>
 *
 * The label request's {@link dev.shipbridge.model.IdempotencyKey} is sent as {@code
 * X-Idempotency-Key}. The Labels and International Labels specs say that "when the same
 * idempotency key is resubmitted with an identical request payload, the API will return the
 * existing label without creating a duplicate or charging additional postage", so label purchases
 * are sent as {@link dev.shipbridge.http.RequestSafety#IDEMPOTENT_WITH_KEY}: a purchase whose
 * answer was lost may be retried with the same key. USPS wants a UUID: a key that is one is sent
 * as is, any other key as a name-based UUID derived from the CRID and the key (the same key always
 * gives the same UUID). The UUID is in {@code label.details().get("idempotencyUuid")}.
 *
 * <h2>Tracking</h2>
 *
 * By default numbers are tracked with {@code POST /tracking/v3r2/tracking}, up to 35 a call
 * ({@link #maxBatchSize()}); {@link Builder#trackingApi(TrackingApi)} switches to {@code GET
 * /tracking/v3/tracking/{n}?expand=DETAIL}, one call per number. IMpb numbers (with or without
 * the {@code 420}+ZIP routing prefix) and S10 numbers ending {@code US} are recognised by their
 * check digits.
 *
 * <h2>Quotas</h2>
 *
 * USPS grants 60 calls an hour per API on its default product; see {@link Builder#quotaPerHour}.
 */
public final class UspsCarrier implements Carrier, QuoteCapability, LabelCapability, CancelCapability,
    TrackingCapability, AddressCapability, ManifestCapability, PushCapability {

  /** USPS's published hosts. */
  public enum Environment {
    /** {@code https://apis.usps.com}. */
    PRODUCTION("https://apis.usps.com"),
    /** {@code https://apis-tem.usps.com}, the Testing Environment for Mailers. */
    TEST("https://apis-tem.usps.com");

    private final String baseUrl;

    Environment(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    public String baseUrl() {
      return baseUrl;
    }
  }

  /** Which tracking API to use. */
  public enum TrackingApi {
    /** {@code POST /tracking/v3r2/tracking}: up to 35 numbers a call (the default). */
    V3R2_BATCH,
    /** {@code GET /tracking/v3/tracking/{n}?expand=DETAIL}: one number a call. */
    V3_DETAIL
  }

  /** The kinds of USPS payment account. */
  public enum AccountType { EPS, PERMIT }

  /**
   * The account labels are paid from and the mailer they belong to, as registered with USPS
   * (Customer Registration ID, Mailer IDs, and an Enterprise Payment System account or a permit).
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
    private static final Pattern MID = Pattern.compile("\\d{6}|\\d{9}");

    public PaymentAccount {
      if (crid == null || crid.isBlank() || crid.length() < 2 || crid.length() > 18) {
        throw new IllegalArgumentException("crid must be 2 to 18 characters");
      }
      if (mid == null || !MID.matcher(mid).matches()) throw new IllegalArgumentException("mid must be 6 or 9 digits");
      if (manifestMid == null || !MID.matcher(manifestMid).matches()) {
        throw new IllegalArgumentException("manifestMid must be 6 or 9 digits");
      }
      Objects.requireNonNull(accountType, "accountType");
      if (accountNumber == null || accountNumber.isBlank()) throw new IllegalArgumentException("accountNumber is required");
      if (accountType == AccountType.PERMIT && (permitZip == null || !permitZip.matches("\\d{5}"))) {
        throw new IllegalArgumentException("a PERMIT account needs a five-digit permitZip");
      }
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
          + accountType + ", accountNumber=" + UspsSettings.mask(accountNumber) + "]";
    }
  }

  /** USPS's quota on its default product: 60 calls an hour per API. */
  public static final int DEFAULT_QUOTA_PER_HOUR = 60;

  private static final TrackingNumberMatcher NUMBERS = n -> ImpbNumber.matches(n) || S10Number.matchesUsps(n);

  private final Builder config;
  private final UspsSettings settings;
  private final UspsService service; // null until bound
  private volatile UspsService standalone;

  private UspsCarrier(Builder b, UspsService service) {
    this.config = b.copy();
    this.settings = b.settings();
    this.service = service;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public CarrierId id() {
    return CarrierId.USPS;
  }

  @Override
  public TrackingNumberMatcher trackingNumbers() {
    return NUMBERS;
  }

  /** The carrier connected to {@code context}'s transport, clock and token store. */
  @Override
  public UspsCarrier bind(CarrierContext context) {
    return new UspsCarrier(config, new UspsService(settings, config.quoting, context));
  }

  /**
   * USPS's quota as Shipbridge's default for this carrier: {@link Builder#quotaPerHour} calls an
   * hour (60 unless configured) for each operation, each operation calling its own USPS API
   * (quote: Shipping Options or Prices, label and cancel: Labels, track: Tracking, address: Addresses, manifest: SCAN
   * Forms). Your {@code ResiliencePolicy} wins over it.
   */
  @Override
  public ResiliencePolicy defaultPolicy() {
    RateLimit quota = RateLimit.perHour(config.quotaPerHour);
    return ResiliencePolicy.custom().carrier(CarrierId.USPS, s -> s.rateLimit(quota)).build();
  }

  /** The hourly quota per USPS API this carrier was configured with. */
  public int quotaPerHour() {
    return config.quotaPerHour;
  }

  /**
   * USPS's own rules, before any call: a US sender, a mail class that fits the destination, the
   * parcel's dimensions, and for customs forms descriptions of at most 30 characters (not "Gift",
   * "Merchandise", "N/A", ...), at most 30 items of at most 9999 each, values in USD, and an AES
   * ITN when a tariff line is worth more than USD 2,500; every USPS field limit (first and last
   * name, firm and street lines 50, city 28, reference 30, foreign province 40 and postal code 11,
   * invoice number 15, an OTHER content's comment 25) as a violation, never truncated; a mailing
   * date of today to today + 7 days (USPS time) on the bound clock.
   */
  @Override
  public List<ValidationException.Violation> check(LabelRequest request) {
    return dev.shipbridge.usps.internal.LabelMapper.check(request, settings,
        service == null ? java.time.Clock.systemUTC() : service.clock());
  }

  /** Pushed tracking is available only when a {@link Builder#webhookSecret webhook secret} is set. */
  @Override
  public <T extends Capability> Optional<T> capability(Class<T> type) {
    if (type == PushCapability.class && config.webhookSecret == null) return Optional.empty();
    return Carrier.super.capability(type);
  }

  /**
   * A tracking-subscription notification: JSON with {@code timestamp} or {@code subscriptionId}
   * and {@code payload}, signed or not (an unsigned one is then refused as {@code UNSIGNED}).
   */
  @Override
  public boolean recognises(WebhookRequest request) {
    return config.webhookSecret != null && UspsNotifications.recognises(request);
  }

  /**
   * Verifies {@code X-HMAC} = Base64(HMAC-SHA256(secret, timestamp + payload)) in constant time and
   * reads the payload's tracking events; the notification's identity is a digest of exactly
   * {@code timestamp + payload}. This SPI step applies no replay rule: receive notifications
   * through {@link dev.shipbridge.Shipbridge#webhooks()}, which refuses replays.
   */
  @Override
  public PushedTracking verify(WebhookRequest request) {
    if (config.webhookSecret == null) {
      throw new WebhookException(WebhookException.Reason.BAD_SIGNATURE, "no USPS webhook secret is configured");
    }
    return new UspsNotifications(config.webhookSecret).verify(request);
  }

  /** The base URL calls go to. */
  public String baseUrl() {
    return settings.baseUrl().toString();
  }

  @Override
  public List<Quote> quote(QuoteRequest request) {
    return service().quote(request);
  }

  @Override
  public Label label(LabelRequest request) {
    return service().label(request);
  }

  /**
   * True: USPS deduplicates label purchases by {@code X-Idempotency-Key} (same key and payload,
   * same label, no second charge), so the core may retry a purchase whose answer was lost.
   */
  @Override
  public boolean honoursIdempotencyKey() {
    return true;
  }

  @Override
  public CancelResult cancel(String trackingNumber) {
    return service().cancel(trackingNumber);
  }

  @Override
  public Tracking track(String trackingNumber) {
    return service().track(trackingNumber);
  }

  @Override
  public int maxBatchSize() {
    return config.trackingApi == TrackingApi.V3R2_BATCH ? UspsService.MAX_TRACKING_BATCH : 1;
  }

  @Override
  public List<TrackResult> trackMany(List<String> trackingNumbers) {
    return service().trackMany(trackingNumbers);
  }

  @Override
  public AddressValidation validateAddress(Address address) {
    return service().validateAddress(address);
  }

  @Override
  public Manifest manifest(ManifestRequest request) {
    return service().manifest(request);
  }

  /**
   * The bound service; an unbound carrier used directly connects itself once to its own HTTP
   * client, the system clock and an in-memory token store.
   */
  private UspsService service() {
    if (service != null) return service;
    UspsService s = standalone;
    if (s == null) {
      synchronized (this) {
        s = standalone;
        if (s == null) {
          OkHttpClient client = new OkHttpClient.Builder().retryOnConnectionFailure(false)
              .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(30)).build();
          Clock clock = Clock.systemUTC();
          TokenStore tokens = new InMemoryTokenStore(clock);
          HttpTransport transport = new HttpTransport(client);
          s = new UspsService(settings, config.quoting, new CarrierContext() {
            public HttpTransport transport() { return transport; }
            public Clock clock() { return clock; }
            public TokenStore tokenStore() { return tokens; }
          });
          standalone = s;
        }
      }
    }
    return s;
  }

  @Override
  public String toString() {
    return "UspsCarrier[baseUrl=" + settings.baseUrl() + ", clientId=" + settings.clientId() + ", clientSecret=***"
        + ", paymentAccount=" + config.paymentAccount + ", inductionZip=" + config.inductionZip
        + ", trackingApi=" + config.trackingApi + ", quotaPerHour=" + config.quotaPerHour
        + (config.webhookSecret == null ? "" : ", webhookSecret=***")
        + (service == null ? "" : ", bound") + "]";
  }

  /**
   * Configures a {@link UspsCarrier}. A setter given an invalid value records the problem (a later
   * valid value for the same setting clears it); {@link #build()} reports every recorded problem
   * and every missing credential at once in one {@link ConfigurationException}. Not thread-safe.
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
    private final java.util.Map<String, String> problems = new java.util.LinkedHashMap<>();

    private Builder() {}

    /** Records a problem with {@code setting} (false) or clears it (true); returns {@code ok}. */
    private boolean check(String setting, boolean ok, String message) {
      if (ok) problems.remove(setting);
      else problems.put(setting, message);
      return ok;
    }

    /**
     * The secret given to USPS when subscribing to tracking notifications ({@code
     * subscriptions-tracking/v3r2}); with it, {@code shipbridge.webhooks()} verifies USPS
     * notifications. Never logged or shown.
     */
    public Builder webhookSecret(String secret) {
      if (!check("webhookSecret", secret != null && !secret.isBlank(), "must not be blank")) return this;
      this.webhookSecret = secret;
      dev.shipbridge.spi.support.KnownSecrets.register(secret);
      return this;
    }

    /** The OAuth client id (the developer portal's "Consumer Key"). */
    public Builder clientId(String clientId) {
      if (!check("clientId", clientId != null && !clientId.isBlank(), "must not be blank")) return this;
      this.clientId = clientId.strip();
      return this;
    }

    /** The OAuth client secret (the "Consumer Secret"); never logged or shown. */
    public Builder clientSecret(String clientSecret) {
      if (!check("clientSecret", clientSecret != null && !clientSecret.isBlank(), "must not be blank")) return this;
      this.clientSecret = clientSecret.strip();
      return this;
    }

    /** {@link Environment#PRODUCTION} (the default) or {@link Environment#TEST}. */
    public Builder environment(Environment environment) {
      if (!check("environment", environment != null, "must not be null")) return this;
      problems.remove("baseUrl");
      this.baseUrl = HttpUrl.get(environment.baseUrl());
      return this;
    }

    /**
     * A custom base URL (a proxy, or an emulator in tests): {@code https} only, except {@code
     * http} to a loopback address ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}).
     */
    public Builder baseUrl(String baseUrl) {
      HttpUrl url = baseUrl == null ? null : HttpUrl.parse(baseUrl.strip());
      if (!check("baseUrl", url != null, "is not an http(s) URL")) return this;
      if (!check("baseUrl", BaseUrls.isSecureOrLoopback(url),
          "must use https (plain http only to a loopback address)")) return this;
      if (!check("baseUrl", url.query() == null && url.fragment() == null, "must not have a query or fragment")) return this;
      problems.remove("environment");
      this.baseUrl = url;
      return this;
    }

    /** The account labels and SCAN forms are paid from; required for labels, cancels and SCAN forms. */
    public Builder paymentAccount(PaymentAccount paymentAccount) {
      if (!check("paymentAccount", paymentAccount != null, "must not be null")) return this;
      this.paymentAccount = paymentAccount;
      return this;
    }

    /**
     * The five-digit US ZIP where parcels from outside the US enter the USPS network: quotes for
     * such parcels are domestic prices from this ZIP. Unset: USPS does not quote them.
     */
    public Builder inductionZip(String zip) {
      if (!check("inductionZip", zip != null && zip.strip().matches("\\d{5}"), "must be five digits")) return this;
      this.inductionZip = zip.strip();
      return this;
    }

    /** Which tracking API to call (default {@link TrackingApi#V3R2_BATCH}). */
    public Builder trackingApi(TrackingApi trackingApi) {
      if (!check("trackingApi", trackingApi != null, "must not be null")) return this;
      this.trackingApi = trackingApi;
      return this;
    }

    /**
     * Calls an hour allowed per USPS API (default {@value #DEFAULT_QUOTA_PER_HOUR}, USPS's
     * default product); raise it when USPS granted you more.
     */
    public Builder quotaPerHour(int quotaPerHour) {
      if (!check("quotaPerHour", quotaPerHour >= 1, "must be at least 1")) return this;
      this.quotaPerHour = quotaPerHour;
      return this;
    }

    /**
     * Quote with Shipping Options 3.0 (default true: one USPS call prices every mail class with its
     * delivery commitment; refused accounts fall back to the Prices APIs by themselves), or with
     * the Prices APIs only ({@code false}).
     */
    public Builder shippingOptions(boolean use) {
      this.quoting = new QuoteSettings(use, quoting.standardsTtl(), quoting.optionsRefusalMemory());
      return this;
    }

    /**
     * How long a Service Standards answer (the days of quotes that came without a commitment) is
     * reused for the same origin ZIP3, destination ZIP3 and mail class (default 24 h, on the
     * facade's clock); {@code Duration.ZERO} never asks Service Standards.
     */
    public Builder serviceStandardsCache(java.time.Duration ttl) {
      this.quoting = new QuoteSettings(quoting.shippingOptions(), ttl, quoting.optionsRefusalMemory());
      return this;
    }

    /**
     * The carrier; a {@link ConfigurationException} lists every invalid value given to a setter
     * and every missing setting at once.
     */
    public UspsCarrier build() {
      java.util.List<ConfigurationException.Problem> found = new java.util.ArrayList<>();
      problems.forEach((setting, message) -> found.add(new ConfigurationException.Problem(setting, "usps builder", message)));
      if (clientId == null && !problems.containsKey("clientId")) {
        found.add(new ConfigurationException.Problem("clientId", "usps builder", "is required"));
      }
      if (clientSecret == null && !problems.containsKey("clientSecret")) {
        found.add(new ConfigurationException.Problem("clientSecret", "usps builder", "is required"));
      }
      if (!found.isEmpty()) throw new ConfigurationException(found);
      return new UspsCarrier(this, null);
    }

    private UspsSettings settings() {
      UspsSettings.Payment p = paymentAccount == null ? null : new UspsSettings.Payment(paymentAccount.crid(),
          paymentAccount.mid(), paymentAccount.manifestMid(), paymentAccount.accountType().name(),
          paymentAccount.accountNumber(), paymentAccount.permitZip());
      return new UspsSettings(clientId, clientSecret, baseUrl, p, inductionZip, trackingApi == TrackingApi.V3_DETAIL);
    }

    private Builder copy() {
      Builder b = new Builder();
      b.clientId = clientId;
      b.clientSecret = clientSecret;
      b.baseUrl = baseUrl;
      b.paymentAccount = paymentAccount;
      b.inductionZip = inductionZip;
      b.trackingApi = trackingApi;
      b.quotaPerHour = quotaPerHour;
      b.webhookSecret = webhookSecret;
      b.quoting = quoting;
      return b;
    }

    @Override
    public String toString() {
      return "UspsCarrier.Builder[baseUrl=" + baseUrl + ", clientId=" + clientId + ", clientSecret=***]";
    }
  }
}
