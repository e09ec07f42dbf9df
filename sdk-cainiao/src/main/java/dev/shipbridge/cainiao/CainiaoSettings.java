package dev.shipbridge.cainiao;

import dev.shipbridge.spi.support.BaseUrls;
import dev.shipbridge.ConfigurationException;
import dev.shipbridge.cainiao.internal.CainiaoConfig;
import dev.shipbridge.cainiao.internal.UsInductions;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.CarrierId;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * What a {@link CainiaoCarrier.Builder} collects and checks: its settings, each validated when set,
 * and the one {@code CainiaoConfig} they become. Its setters are the builder's (documented there).
 */
abstract sealed class CainiaoSettings permits CainiaoCarrier.Builder {
  private static final Set<String> LOCALES = Set.of("en_US", "zh_CN", "ru_RU");
  private final Map<String, String> invalid = new LinkedHashMap<>();

  private CarrierId id = CarrierId.CAINIAO;
  private String appKey;
  private String appSecret;
  private String accessToken;
  private String linkProviderId;
  private String linkSecretKey;
  private Charset linkCharset = StandardCharsets.UTF_8;
  private String linkToCode;
  private String linkTrackingMsgType = "CN_OVERSEA_LOGISTICS_INQUIRY_TRACKING";
  private CainiaoCarrier.Environment environment = CainiaoCarrier.Environment.PRODUCTION;
  private String iopUrl = CainiaoCarrier.DEFAULT_IOP_URL;
  private String linkUrl;
  private String locale = "en_US";
  private String senderAddressId;
  private String returnerAddressId;
  private String pickupAddressId;
  private String topUserKey;
  private String handoverLoginId;
  private String handoverClient = "ISV-Shipbridge";
  private CainiaoCarrier.HandoverType handoverType = CainiaoCarrier.HandoverType.SELF_SEND;
  private CainiaoCarrier.HandoverDocument handoverDocument = CainiaoCarrier.HandoverDocument.HANDOVER_LIST;
  private boolean publicTracking;
  private String publicTrackingUrl = CainiaoCarrier.DEFAULT_PUBLIC_TRACKING_URL;
  private Duration publicTrackingPerNumber = Duration.ofMinutes(10);
  private Duration publicTrackingSpacing = Duration.ofSeconds(10);
  private final Map<String, Address> usInductions = new LinkedHashMap<>();

  /** The carrier id (default {@code cainiao}); another one lets two Cainiao accounts coexist. */
  public CainiaoCarrier.Builder id(CarrierId id) {
    return check("id", () -> this.id = Objects.requireNonNull(id, "id"));
  }

  /** IOP app key. */
  public CainiaoCarrier.Builder appKey(String appKey) {
    return check("appKey", () -> this.appKey = required("appKey", appKey));
  }

  /** IOP app secret (HMAC-SHA256 key); never logged. */
  public CainiaoCarrier.Builder appSecret(String appSecret) {
    return check("appSecret", () -> this.appSecret = required("appSecret", appSecret));
  }

  /** The seller's IOP access token (sent as {@code session}); never logged. */
  public CainiaoCarrier.Builder accessToken(String accessToken) {
    return check("accessToken", () -> this.accessToken = required("accessToken", accessToken));
  }

  /** LINK {@code logistic_provider_id}: your app key, or the merchant token when calling for a merchant. */
  public CainiaoCarrier.Builder linkProviderId(String providerId) {
    return check("linkProviderId", () -> this.linkProviderId = required("linkProviderId", providerId));
  }

  /** LINK secret key ({@code data_digest}); never logged. */
  public CainiaoCarrier.Builder linkSecretKey(String secretKey) {
    return check("linkSecretKey", () -> this.linkSecretKey = required("linkSecretKey", secretKey));
  }

  /** The charset the LINK APIs are configured with in the Cainiao console: UTF-8 (default) or GBK. */
  public CainiaoCarrier.Builder linkCharset(Charset charset) {
    return check("linkCharset", () -> this.linkCharset = Objects.requireNonNull(charset, "charset"));
  }

  /** LINK {@code to_code} (resource code) when your APIs need one ({@code CNL_EU}, ...). */
  public CainiaoCarrier.Builder linkToCode(String toCode) {
    return check("linkToCode", () -> this.linkToCode = required("linkToCode", toCode));
  }

  /** The LINK tracking {@code msg_type} (default {@code CN_OVERSEA_LOGISTICS_INQUIRY_TRACKING}). */
  public CainiaoCarrier.Builder linkTrackingMsgType(String msgType) {
    return check("linkTrackingMsgType", () -> this.linkTrackingMsgType = required("linkTrackingMsgType", msgType));
  }

  /** The LINK environment (default production); a {@code linkBaseUrl} wins over it. */
  public CainiaoCarrier.Builder environment(CainiaoCarrier.Environment environment) {
    return check("environment", () -> this.environment = Objects.requireNonNull(environment, "environment"));
  }

  /** IOP gateway base URL (default {@code https://api-sg.aliexpress.com}); https, or http on loopback. */
  public CainiaoCarrier.Builder iopBaseUrl(String url) {
    return check("iopBaseUrl", () -> this.iopUrl = checkedUrl("iopBaseUrl", url));
  }

  /** LINK gateway URL; {@code /gateway/link.do} is added unless the URL already has a path. */
  public CainiaoCarrier.Builder linkBaseUrl(String url) {
    return check("linkBaseUrl", () -> {
      String u = checkedUrl("linkBaseUrl", url);
      HttpUrl parsed = HttpUrl.get(u);
      this.linkUrl = parsed.encodedPath().length() > 1 ? u : parsed.newBuilder().encodedPath("/gateway/link.do").build().toString();
    });
  }

  /** Language of Cainiao's texts: {@code en_US} (default), {@code zh_CN} or {@code ru_RU}. */
  public CainiaoCarrier.Builder locale(String locale) {
    return check("locale", () -> {
      if (!LOCALES.contains(locale)) throw new IllegalArgumentException("locale must be one of " + LOCALES);
      this.locale = locale;
    });
  }

  /** The seller's AliExpress address ids for the sender, return and pickup addresses of orders. */
  public CainiaoCarrier.Builder sellerAddressIds(String senderId, String returnerId, String pickupId) {
    this.senderAddressId = senderId;
    this.returnerAddressId = returnerId;
    this.pickupAddressId = pickupId;
    return self();
  }

  /** The merchant key used at order creation ({@code top_user_key}), when Cainiao asks for one. */
  public CainiaoCarrier.Builder topUserKey(String topUserKey) {
    return check("topUserKey", () -> this.topUserKey = required("topUserKey", topUserKey));
  }

  /** The seller's login id, required by handovers ({@code user_info.login_id}). */
  public CainiaoCarrier.Builder handoverLoginId(String loginId) {
    return check("handoverLoginId", () -> this.handoverLoginId = required("handoverLoginId", loginId));
  }

  /** The {@code client} of handovers: {@code ISV-<name>} or {@code SELLER-<name>} (default {@code ISV-Shipbridge}). */
  public CainiaoCarrier.Builder handoverClient(String client) {
    return check("handoverClient", () -> {
      String c = required("handoverClient", client);
      if (!c.startsWith("ISV-") && !c.startsWith("SELLER-")) {
        throw new IllegalArgumentException("handoverClient must start with ISV- or SELLER-");
      }
      this.handoverClient = c;
    });
  }

  /** How parcels reach Cainiao (default {@link CainiaoCarrier.HandoverType#SELF_SEND}); also the orders' first-mile service. */
  public CainiaoCarrier.Builder handoverType(CainiaoCarrier.HandoverType type) {
    return check("handoverType", () -> this.handoverType = Objects.requireNonNull(type, "type"));
  }

  /** The document a {@code manifest} returns (default the handover list). */
  public CainiaoCarrier.Builder handoverDocument(CainiaoCarrier.HandoverDocument document) {
    return check("handoverDocument", () -> this.handoverDocument = Objects.requireNonNull(document, "document"));
  }

  /**
   * Opts in to the public tracking page ({@code global.cainiao.com/global/detail.json}) as a
   * fallback when IOP knows no events, or as the only source without credentials. It is
   * undocumented and answers with a captcha under load, so it is off by default and limited on
   * the client side: each number at most once per interval ({@code publicTrackingLimits})
   * (default 10 minutes), any two calls at least 10 seconds apart.
   */
  public CainiaoCarrier.Builder publicTracking(boolean enabled) {
    this.publicTracking = enabled;
    return self();
  }

  public CainiaoCarrier.Builder publicTrackingUrl(String url) {
    return check("publicTrackingUrl", () -> this.publicTrackingUrl = checkedUrl("publicTrackingUrl", url));
  }

  /** How often one number, and any number, may be fetched from the public page. */
  public CainiaoCarrier.Builder publicTrackingLimits(Duration perNumber, Duration spacing) {
    return check("publicTrackingLimits", () -> {
      if (perNumber.isNegative() || spacing.isNegative()) throw new IllegalArgumentException("limits must not be negative");
      this.publicTrackingPerNumber = perNumber;
      this.publicTrackingSpacing = spacing;
    });
  }

  /**
   * Declares that Cainiao solution {@code solutionCode} ends at US induction: Cainiao carries the
   * parcel to {@code facility} (a US address: the facility's ZIP is where USPS prices the last mile
   * from) and USPS carries it on. Cainiao's documented inquiry answer does not say where a solution
   * ends, so only solutions declared here are read that way; a quote for one of them to a US address
   * covers the legs up to import customs, and the facade offers it with the USPS last mile as a
   * {@link dev.shipbridge.model.CombinedOffer}. A label for such a solution to a US address is refused.
   *
   * <pre>{@code
   * CainiaoCarrier.builder()...
   *     .usInduction("CAINIAO_LINE_LAX", Address.builder().name("LAX gateway").line("5600 W Century Blvd")
   *         .city("Los Angeles").region("CA").postalCode("90045").country("US").build())
   *     .build();
   * }</pre>
   */
  public CainiaoCarrier.Builder usInduction(String solutionCode, Address facility) {
    return check("usInduction", () -> {
      String code = required("usInduction", solutionCode);
      if (!"US".equals(Objects.requireNonNull(facility, "facility").country())) {
        throw new IllegalArgumentException("usInduction facility must be in the US (was " + facility.country() + ")");
      }
      usInductions.put(code, facility);
    });
  }

  /** Every problem at once, or the configuration. */
  final CainiaoConfig config() {
    List<ConfigurationException.Problem> problems = problems();
    if (!problems.isEmpty()) throw new ConfigurationException(problems);
    return new CainiaoConfig(id, appKey, appSecret, accessToken, linkProviderId, linkSecretKey,
        linkCharset, linkToCode, linkTrackingMsgType, trimSlash(iopUrl), linkUrl != null ? linkUrl : environment.linkUrl(),
        locale, senderAddressId, returnerAddressId, pickupAddressId, topUserKey, handoverLoginId, handoverClient,
        handoverType.name().toLowerCase(Locale.ROOT), handoverDocument.type(), publicTracking, trimSlash(publicTrackingUrl),
        publicTrackingPerNumber, publicTrackingSpacing, new UsInductions(usInductions));
  }

  private CainiaoCarrier.Builder self() {
    return (CainiaoCarrier.Builder) this;
  }

  /** Applies a setter; what it refuses is recorded for {@code build()} (a later valid value clears it). */
  private CainiaoCarrier.Builder check(String setting, Runnable apply) {
    try {
      apply.run();
      invalid.remove(setting);
    } catch (IllegalArgumentException | NullPointerException e) {
      String m = String.valueOf(e.getMessage());
      if (e instanceof NullPointerException) m = "must not be null";
      else if (m.startsWith(setting + " ")) m = m.substring(setting.length() + 1);
      invalid.put(setting, m);
    }
    return self();
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The builder's recorded problems, then every incomplete credential set, for one {@link ConfigurationException}. */
  private List<ConfigurationException.Problem> problems() {
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
  private static String required(String name, String value) {
    if (value == null || value.isBlank()) throw new IllegalArgumentException(name + " must not be blank");
    return value.trim();
  }

  /** https, or http to a loopback host (a local emulator). */
  private static String checkedUrl(String name, String url) {
    HttpUrl u = HttpUrl.parse(required(name, url));
    if (u == null) throw new IllegalArgumentException(name + " is not an http(s) URL");
    if (!BaseUrls.isSecureOrLoopback(u)) {
      throw new IllegalArgumentException(name + " must use https (plain http only to localhost)");
    }
    return u.toString();
  }
}
