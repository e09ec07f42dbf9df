package dev.shipbridge.cainiao;

import dev.shipbridge.ConfigurationException;
import dev.shipbridge.AuthenticationException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.WebhookException;
import dev.shipbridge.WebhookRequest;
import dev.shipbridge.model.PushedTracking;
import dev.shipbridge.spi.PushCapability;
import dev.shipbridge.cainiao.internal.CainiaoClient;
import dev.shipbridge.cainiao.internal.CainiaoConfig;
import dev.shipbridge.cainiao.internal.CainiaoNumbers;
import dev.shipbridge.cainiao.internal.CainiaoTransport;
import dev.shipbridge.http.HttpTransport;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Manifest;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.spi.Capability;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.CarrierContext;
import dev.shipbridge.spi.LabelCapability;
import dev.shipbridge.spi.ManifestCapability;
import dev.shipbridge.spi.QuoteCapability;
import dev.shipbridge.spi.TrackingCapability;
import dev.shipbridge.spi.TrackingNumberMatcher;
import dev.shipbridge.spi.support.BaseUrls;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Cainiao for AliExpress sellers shipping from China: quotes, labels, tracking and big-bag
 * handovers through the AliExpress Open Platform (IOP) gateway, tracking through the Cainiao LINK
 * gateway, and verified LINK tracking pushes ({@link #push()}).
 *
 * <h2>Configure</h2>
 *
 * <pre>{@code
 * CainiaoCarrier cainiao = CainiaoCarrier.builder()
 *     .appKey(appKey).appSecret(appSecret).accessToken(sellerAccessToken)   // IOP
 *     .linkProviderId(providerId).linkSecretKey(linkSecret)                 // LINK (optional)
 *     .environment(CainiaoCarrier.Environment.PRODUCTION)
 *     .build();
 * Shipbridge shipbridge = Shipbridge.builder().carrier(cainiao).build();
 * }</pre>
 *
 * <p>With IOP credentials the carrier quotes ({@code cainiao.global.solution.inquiry}), buys labels
 * ({@code cainiao.global.logistic.order.create}, then the international number and the PDF),
 * tracks ({@code aliexpress.logistics.redefining.querytrackingresult}) and hands over big bags
 * ({@code cainiao.global.handover.*}). With LINK credentials only, it tracks through LINK. {@link
 * Builder#publicTracking(boolean)} opts in to the undocumented public tracking page as a fallback;
 * it is off by default.
 *
 * <h2>Numbers</h2>
 *
 * A label's tracking number is its Cainiao LP code ({@code LP00123456789012}): Cainiao's own,
 * assigned with the order, never changed. The international number (often a China Post S10
 * {@code ...CN} number) and the original one are in {@link Label#details()}. The carrier
 * recognises LP codes, S10 numbers ending {@code CN} with a valid check digit, and Cainiao lane
 * numbers ({@code CNUSUP...}); never a USPS number.
 *
 * <h2>Labels and retries</h2>
 *
 * The create is sent as non-idempotent: a failure after it was sent is outcome-unknown and is not
 * retried. The request's idempotency key travels as the order's {@code out_order_id}, and a
 * repeated create Cainiao recognises (same AliExpress trade order, given as the request's
 * reference) resolves to the existing order. A label call retried in the same JVM after its order
 * was created resumes from that order.
 *
 * <p>{@link #toString()} never shows a secret. Instances are immutable and thread-safe.
 */
public final class CainiaoCarrier implements Carrier, QuoteCapability, LabelCapability, TrackingCapability,
    ManifestCapability, PushCapability {

  /** Where the LINK gateway is. The IOP gateway is {@code https://api-sg.aliexpress.com} in all of them. */
  public enum Environment {
    PRODUCTION("https://link.cainiao.com/gateway/link.do"),
    PRE_PRODUCTION("https://prelink.cainiao.com/gateway/link.do"),
    SANDBOX("https://linkdaily.tbsandbox.com/gateway/link.do");

    private final String linkUrl;

    Environment(String linkUrl) {
      this.linkUrl = linkUrl;
    }

    /** The LINK gateway endpoint of this environment. */
    public String linkUrl() {
      return linkUrl;
    }
  }

  /** How parcels reach Cainiao: Cainiao collects them, or the seller brings them. */
  public enum HandoverType {
    CAINIAO_PICKUP("cainiao_pickup"),
    SELF_SEND("self_send");

    private final String wire;

    HandoverType(String wire) {
      this.wire = wire;
    }
  }

  /** The documents of a big-bag handover ({@code cainiao.global.handover.pdf.get} types). */
  public enum HandoverDocument {
    WAYBILL_LABEL(1),
    SHIPPING_LABEL(4),
    HANDOVER_LIST(512);

    private final int type;

    HandoverDocument(int type) {
      this.type = type;
    }

    /** The wire value of {@code type}. */
    public int type() {
      return type;
    }
  }

  public static final String DEFAULT_IOP_URL = "https://api-sg.aliexpress.com";
  public static final String DEFAULT_PUBLIC_TRACKING_URL = "https://global.cainiao.com";

  /** Form fields the logs must hide beyond Shipbridge's defaults: the IOP access token travels as {@code session}. */
  private static final String[] REDACTED_FIELDS = {"session"};

  private final CainiaoConfig config;
  private final CainiaoClient client;
  private final Object lazyLock = new Object();
  private volatile CainiaoClient lazyClient;
  private final Clock clock;
  private volatile CainiaoPush push;

  private CainiaoCarrier(CainiaoConfig config, CainiaoClient client) {
    this(config, client, Clock.systemUTC());
  }

  private CainiaoCarrier(CainiaoConfig config, CainiaoClient client, Clock clock) {
    this.config = config;
    this.client = client;
    this.clock = clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public CarrierId id() {
    return config.id();
  }

  /**
   * Quote, label and manifest need IOP credentials; tracking needs IOP or LINK credentials, or the
   * public tracking page enabled.
   */
  @Override
  public <T extends Capability> Optional<T> capability(Class<T> type) {
    boolean has;
    if (type == QuoteCapability.class || type == LabelCapability.class || type == ManifestCapability.class) {
      has = config.hasIop();
    } else if (type == TrackingCapability.class) {
      has = config.hasIop() || config.hasLink() || config.publicTracking();
    } else if (type == PushCapability.class) {
      has = config.linkSecretKey() != null;
    } else {
      has = type.isInstance(this);
    }
    return has && type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
  }

  /**
   * Cainiao publishes no quota numbers (AliExpress limits calls per app per day, per API and per
   * API per app, and bans an app that exceeds its daily count until 24:00 Beijing time), so no
   * rate limit is imposed by default; set one with {@code ResiliencePolicy} once your console shows
   * yours. Timeouts follow the official IOP SDK: connect 15 s, read 30 s.
   */
  @Override
  public ResiliencePolicy defaultPolicy() {
    return ResiliencePolicy.custom()
        .carrier(config.id(), s -> s.connectTimeout(Duration.ofSeconds(15)).readTimeout(Duration.ofSeconds(30)))
        .build();
  }

  @Override
  public TrackingNumberMatcher trackingNumbers() {
    return CainiaoNumbers.INSTANCE;
  }

  /** This carrier on the shared transport and clock of the {@code Shipbridge} being built. */
  @Override
  public Carrier bind(CarrierContext context) {
    return new CainiaoCarrier(config, new CainiaoClient(config, new CainiaoTransport(config,
        context.transport().withRedactedFields(REDACTED_FIELDS), context.clock())), context.clock());
  }

  @Override
  public List<Quote> quote(QuoteRequest request) {
    return client().quote(request);
  }

  @Override
  public Label label(LabelRequest request) {
    return client().label(request);
  }

  /** Cainiao's own rules, before any call: PDF labels; item descriptions of at most 60 characters, quantities up to 999, values in CNY, USD or RUB. */
  @Override
  public java.util.List<dev.shipbridge.ValidationException.Violation> check(LabelRequest request) {
    return dev.shipbridge.cainiao.internal.LabelMapper.violations(request);
  }

  @Override
  public Tracking track(String trackingNumber) {
    return client().track(trackingNumber);
  }

  /** A big-bag handover of the labels' LP codes, with its {@link Builder#handoverDocument handover document}. */
  @Override
  public Manifest manifest(ManifestRequest request) {
    return client().manifest(request);
  }

  /** Another document of a handover ({@link Manifest#manifestId()} is its handover content id). */
  public byte[] handoverDocument(String manifestId, HandoverDocument document) {
    return client().handoverDocument(Objects.requireNonNull(manifestId, "manifestId"), document.type());
  }

  /** Cancels a big-bag handover; true when Cainiao confirmed. */
  public boolean cancelHandover(String manifestId) {
    return client().cancelHandover(Objects.requireNonNull(manifestId, "manifestId"));
  }

  /**
   * The verifier and parser of the LINK pushes sent to your endpoint, keyed by this carrier's LINK
   * secret key and charset: one per carrier, so its in-memory replay memory holds across calls
   * (give it a shared store with {@link CainiaoPush#withReplayStore}).
   *
   * @throws IllegalStateException when no LINK secret key is configured
   */
  public CainiaoPush push() {
    if (config.linkSecretKey() == null) {
      throw new IllegalStateException("verifying Cainiao pushes needs the LINK secret key: set linkSecretKey(...)");
    }
    CainiaoPush p = push;
    if (p == null) {
      synchronized (lazyLock) {
        p = push;
        if (p == null) push = p = CainiaoPush.of(config.linkSecretKey(), config.linkCharset()).withClock(clock);
      }
    }
    return p;
  }

  /**
   * A LINK push: a form body carrying {@code logistics_interface}, signed or not (an unsigned one
   * is then refused as {@code UNSIGNED}). Used by {@link dev.shipbridge.WebhookHandler}.
   */
  @Override
  public boolean recognises(WebhookRequest request) {
    return (request.mediaType().isEmpty() || request.mediaType().equals("application/x-www-form-urlencoded"))
        && request.bodyText().contains("logistics_interface=");
  }

  /**
   * Verifies a LINK push's {@code data_digest} over its {@code logistics_interface} and reads it;
   * its identity is a digest of that signed content alone (unsigned form fields never count).
   * This SPI step applies no replay rule: receive pushes through {@link
   * dev.shipbridge.Shipbridge#webhooks()} or {@link #push()}, which refuse replays.
   */
  @Override
  public PushedTracking verify(WebhookRequest request) {
    if (config.linkSecretKey() == null) {
      throw new WebhookException(WebhookException.Reason.BAD_SIGNATURE, "no Cainiao LINK secret key is configured");
    }
    return CainiaoPush.verifyOnly(request.bodyText(), config.linkSecretKey(), config.linkCharset(), id());
  }

  private CainiaoClient client() {
    if (client != null) return client;
    CainiaoClient c = lazyClient;
    if (c == null) {
      synchronized (lazyLock) {
        c = lazyClient;
        if (c == null) {
          // Used outside a Shipbridge: its own transport, without OkHttp's silent retries.
          OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false)
              .connectTimeout(Duration.ofSeconds(15)).readTimeout(Duration.ofSeconds(30)).build();
          c = new CainiaoClient(config, new CainiaoTransport(config,
              new HttpTransport(http).withRedactedFields(REDACTED_FIELDS), Clock.systemUTC()));
          lazyClient = c;
        }
      }
    }
    return c;
  }

  @Override
  public String toString() {
    return "CainiaoCarrier[" + config + "]";
  }

  /**
   * Configures a {@link CainiaoCarrier}. A setter given an invalid value records the problem (a
   * later valid value for the same setting clears it); {@link #build()} reports every recorded
   * problem and every incomplete credential set at once in one {@link ConfigurationException}.
   * Not thread-safe.
   */
  public static final class Builder {
    private static final Set<String> LOCALES = Set.of("en_US", "zh_CN", "ru_RU");
    private final java.util.Map<String, String> invalid = new java.util.LinkedHashMap<>();

    private CarrierId id = CarrierId.CAINIAO;
    private String appKey;
    private String appSecret;
    private String accessToken;
    private String linkProviderId;
    private String linkSecretKey;
    private Charset linkCharset = StandardCharsets.UTF_8;
    private String linkToCode;
    private String linkTrackingMsgType = "CN_OVERSEA_LOGISTICS_INQUIRY_TRACKING";
    private Environment environment = Environment.PRODUCTION;
    private String iopUrl = DEFAULT_IOP_URL;
    private String linkUrl;
    private String locale = "en_US";
    private String senderAddressId;
    private String returnerAddressId;
    private String pickupAddressId;
    private String topUserKey;
    private String handoverLoginId;
    private String handoverClient = "ISV-Shipbridge";
    private HandoverType handoverType = HandoverType.SELF_SEND;
    private HandoverDocument handoverDocument = HandoverDocument.HANDOVER_LIST;
    private boolean publicTracking;
    private String publicTrackingUrl = DEFAULT_PUBLIC_TRACKING_URL;
    private Duration publicTrackingPerNumber = Duration.ofMinutes(10);
    private Duration publicTrackingSpacing = Duration.ofSeconds(10);

    private Builder() {}

    /** The carrier id (default {@code cainiao}); another one lets two Cainiao accounts coexist. */
    public Builder id(CarrierId id) {
      return check("id", () -> this.id = Objects.requireNonNull(id, "id"));
    }

    /** IOP app key. */
    public Builder appKey(String appKey) {
      return check("appKey", () -> this.appKey = required("appKey", appKey));
    }

    /** IOP app secret (HMAC-SHA256 key); never logged. */
    public Builder appSecret(String appSecret) {
      return check("appSecret", () -> this.appSecret = required("appSecret", appSecret));
    }

    /** The seller's IOP access token (sent as {@code session}); never logged. */
    public Builder accessToken(String accessToken) {
      return check("accessToken", () -> this.accessToken = required("accessToken", accessToken));
    }

    /** LINK {@code logistic_provider_id}: your app key, or the merchant token when calling for a merchant. */
    public Builder linkProviderId(String providerId) {
      return check("linkProviderId", () -> this.linkProviderId = required("linkProviderId", providerId));
    }

    /** LINK secret key ({@code data_digest}); never logged. */
    public Builder linkSecretKey(String secretKey) {
      return check("linkSecretKey", () -> this.linkSecretKey = required("linkSecretKey", secretKey));
    }

    /** The charset the LINK APIs are configured with in the Cainiao console: UTF-8 (default) or GBK. */
    public Builder linkCharset(Charset charset) {
      return check("linkCharset", () -> this.linkCharset = Objects.requireNonNull(charset, "charset"));
    }

    /** LINK {@code to_code} (resource code) when your APIs need one ({@code CNL_EU}, ...). */
    public Builder linkToCode(String toCode) {
      return check("linkToCode", () -> this.linkToCode = required("linkToCode", toCode));
    }

    /** The LINK tracking {@code msg_type} (default {@code CN_OVERSEA_LOGISTICS_INQUIRY_TRACKING}). */
    public Builder linkTrackingMsgType(String msgType) {
      return check("linkTrackingMsgType", () -> this.linkTrackingMsgType = required("linkTrackingMsgType", msgType));
    }

    /** The LINK environment (default production); a {@link #linkBaseUrl} wins over it. */
    public Builder environment(Environment environment) {
      return check("environment", () -> this.environment = Objects.requireNonNull(environment, "environment"));
    }

    /** IOP gateway base URL (default {@code https://api-sg.aliexpress.com}); https, or http on loopback. */
    public Builder iopBaseUrl(String url) {
      return check("iopBaseUrl", () -> this.iopUrl = checkedUrl("iopBaseUrl", url));
    }

    /** LINK gateway URL; {@code /gateway/link.do} is added unless the URL already has a path. */
    public Builder linkBaseUrl(String url) {
      return check("linkBaseUrl", () -> {
        String u = checkedUrl("linkBaseUrl", url);
        HttpUrl parsed = HttpUrl.get(u);
        this.linkUrl = parsed.encodedPath().length() > 1 ? u : parsed.newBuilder().encodedPath("/gateway/link.do").build().toString();
      });
    }

    /** Language of Cainiao's texts: {@code en_US} (default), {@code zh_CN} or {@code ru_RU}. */
    public Builder locale(Locale locale) {
      return locale == null ? check("locale", () -> Objects.requireNonNull(locale, "locale"))
          : locale(locale.getLanguage() + "_" + locale.getCountry());
    }

    public Builder locale(String locale) {
      return check("locale", () -> {
        if (!LOCALES.contains(locale)) throw new IllegalArgumentException("locale must be one of " + LOCALES);
        this.locale = locale;
      });
    }

    /** The seller's AliExpress address ids for the sender, return and pickup addresses of orders. */
    public Builder sellerAddressIds(String senderId, String returnerId, String pickupId) {
      this.senderAddressId = senderId;
      this.returnerAddressId = returnerId;
      this.pickupAddressId = pickupId;
      return this;
    }

    /** The merchant key used at order creation ({@code top_user_key}), when Cainiao asks for one. */
    public Builder topUserKey(String topUserKey) {
      return check("topUserKey", () -> this.topUserKey = required("topUserKey", topUserKey));
    }

    /** The seller's login id, required by handovers ({@code user_info.login_id}). */
    public Builder handoverLoginId(String loginId) {
      return check("handoverLoginId", () -> this.handoverLoginId = required("handoverLoginId", loginId));
    }

    /** The {@code client} of handovers: {@code ISV-<name>} or {@code SELLER-<name>} (default {@code ISV-Shipbridge}). */
    public Builder handoverClient(String client) {
      return check("handoverClient", () -> {
        String c = required("handoverClient", client);
        if (!c.startsWith("ISV-") && !c.startsWith("SELLER-")) {
          throw new IllegalArgumentException("handoverClient must start with ISV- or SELLER-");
        }
        this.handoverClient = c;
      });
    }

    /** How parcels reach Cainiao (default {@link HandoverType#SELF_SEND}); also the orders' first-mile service. */
    public Builder handoverType(HandoverType type) {
      return check("handoverType", () -> this.handoverType = Objects.requireNonNull(type, "type"));
    }

    /** The document a {@link CainiaoCarrier#manifest} returns (default the handover list). */
    public Builder handoverDocument(HandoverDocument document) {
      return check("handoverDocument", () -> this.handoverDocument = Objects.requireNonNull(document, "document"));
    }

    /**
     * Opts in to the public tracking page ({@code global.cainiao.com/global/detail.json}) as a
     * fallback when IOP knows no events, or as the only source without credentials. It is
     * undocumented and answers with a captcha under load, so it is off by default and limited on
     * the client side: each number at most once per {@link #publicTrackingLimits interval}
     * (default 10 minutes), any two calls at least 10 seconds apart.
     */
    public Builder publicTracking(boolean enabled) {
      this.publicTracking = enabled;
      return this;
    }

    public Builder publicTrackingUrl(String url) {
      return check("publicTrackingUrl", () -> this.publicTrackingUrl = checkedUrl("publicTrackingUrl", url));
    }

    /** How often one number, and any number, may be fetched from the public page. */
    public Builder publicTrackingLimits(Duration perNumber, Duration spacing) {
      return check("publicTrackingLimits", () -> {
        if (perNumber == null || spacing == null) throw new IllegalArgumentException("limits must not be null");
        if (perNumber.isNegative() || spacing.isNegative()) throw new IllegalArgumentException("limits must not be negative");
        this.publicTrackingPerNumber = perNumber;
        this.publicTrackingSpacing = spacing;
      });
    }

    /** The carrier; a {@link ConfigurationException} lists every missing or incomplete setting at once. */
    public CainiaoCarrier build() {
      List<ConfigurationException.Problem> problems = new ArrayList<>();
      invalid.forEach((setting, message) -> problems.add(problem(setting, message)));
      boolean anyIop = appKey != null || appSecret != null || accessToken != null;
      boolean iop = appKey != null && appSecret != null && accessToken != null;
      if (anyIop && !iop) {
        for (String[] s : new String[][] {{"appKey", appKey}, {"appSecret", appSecret}, {"accessToken", accessToken}}) {
          if (s[1] == null && !invalid.containsKey(s[0])) problems.add(problem(s[0], "is required with the other IOP credentials (appKey, appSecret, accessToken)"));
        }
      }
      if ((linkProviderId == null) != (linkSecretKey == null)
          && !invalid.containsKey(linkProviderId == null ? "linkProviderId" : "linkSecretKey")) {
        problems.add(problem(linkProviderId == null ? "linkProviderId" : "linkSecretKey",
            "is required with the other LINK credential (linkProviderId, linkSecretKey)"));
      }
      if (!anyIop && linkProviderId == null && linkSecretKey == null && !publicTracking && invalid.isEmpty()) {
        problems.add(problem("credentials", "configure IOP credentials, LINK credentials or publicTracking(true)"));
      }
      if (!problems.isEmpty()) throw new ConfigurationException(problems);
      CainiaoConfig config = new CainiaoConfig(id, appKey, appSecret, accessToken, linkProviderId, linkSecretKey,
          linkCharset, linkToCode, linkTrackingMsgType, trimSlash(iopUrl), linkUrl != null ? linkUrl : environment.linkUrl(),
          locale, senderAddressId, returnerAddressId, pickupAddressId, topUserKey, handoverLoginId, handoverClient,
          handoverType.wire, handoverDocument.type(), publicTracking, trimSlash(publicTrackingUrl),
          publicTrackingPerNumber, publicTrackingSpacing);
      return new CainiaoCarrier(config, null);
    }

    /** Applies a setter; what it refuses is recorded for {@link #build()} (a later valid value clears it). */
    private Builder check(String setting, Runnable apply) {
      try {
        apply.run();
        invalid.remove(setting);
      } catch (IllegalArgumentException | NullPointerException e) {
        String m = String.valueOf(e.getMessage());
        if (e instanceof NullPointerException) m = "must not be null";
        else if (m.startsWith(setting + " ")) m = m.substring(setting.length() + 1);
        invalid.put(setting, m);
      }
      return this;
    }

    private static ConfigurationException.Problem problem(String setting, String message) {
      return new ConfigurationException.Problem(setting, "cainiao builder", message);
    }

    private static String required(String name, String value) {
      if (value == null || value.isBlank()) throw new IllegalArgumentException(name + " must not be blank");
      return value.trim();
    }

    private static String trimSlash(String url) {
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** https, or http to a loopback host (a local emulator). */
    static String checkedUrl(String name, String url) {
      HttpUrl u = HttpUrl.parse(required(name, url));
      if (u == null) throw new IllegalArgumentException(name + " is not an http(s) URL");
      if (!BaseUrls.isSecureOrLoopback(u)) {
        throw new IllegalArgumentException(name + " must use https (plain http only to localhost)");
      }
      return u.toString();
    }
  }
}
