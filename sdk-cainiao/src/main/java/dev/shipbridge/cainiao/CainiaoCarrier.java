package dev.shipbridge.cainiao;

import dev.shipbridge.ConfigurationException;
import dev.shipbridge.ValidationException;
import dev.shipbridge.WebhookException;
import dev.shipbridge.WebhookRequest;
import dev.shipbridge.cainiao.internal.CainiaoConfig;
import dev.shipbridge.cainiao.internal.CainiaoNumbers;
import dev.shipbridge.cainiao.internal.CainiaoOrders;
import dev.shipbridge.cainiao.internal.CainiaoPreflight;
import dev.shipbridge.cainiao.internal.CainiaoTransport;
import dev.shipbridge.cainiao.internal.LabelMapper;
import dev.shipbridge.cainiao.internal.ManifestMapper;
import dev.shipbridge.cainiao.internal.QuoteMapper;
import dev.shipbridge.cainiao.internal.TrackMapper;
import dev.shipbridge.http.AttemptLimits;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Manifest;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.model.PushedTracking;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.spi.Capability;
import dev.shipbridge.spi.PreflightCapability;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.CarrierContext;
import dev.shipbridge.spi.LabelCapability;
import dev.shipbridge.spi.ManifestCapability;
import dev.shipbridge.spi.PushCapability;
import dev.shipbridge.spi.QuoteCapability;
import dev.shipbridge.spi.TrackingCapability;
import dev.shipbridge.spi.TrackingNumberMatcher;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 * <p>Numbers, labels and retries: see the {@linkplain dev.shipbridge.cainiao package}.
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

  /** How parcels reach Cainiao: Cainiao collects them, or the seller brings them (sent in lower case). */
  public enum HandoverType { CAINIAO_PICKUP, SELF_SEND }

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
  /** Null until bound: a carrier works only once a {@code Shipbridge} (or {@link #bind}) gave it a transport. */
  private final CainiaoTransport transport;
  private final CainiaoOrders orders;
  /** One per carrier, so its in-memory replay memory holds across calls; null without a LINK secret key. */
  private final CainiaoPush push;

  private CainiaoCarrier(CainiaoConfig config, CainiaoTransport transport, CarrierContext context) {
    this(config, transport, context == null ? null : new CainiaoOrders(config, context),
        config.linkSecretKey() == null ? null : CainiaoPush.of(config.linkSecretKey(), config.linkCharset())
            .withClock(context == null ? Clock.systemUTC() : context.clock()));
  }

  private CainiaoCarrier(CainiaoConfig config, CainiaoTransport transport, CainiaoOrders orders, CainiaoPush push) {
    this.config = config;
    this.transport = transport;
    this.orders = orders;
    this.push = push;
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
   * public tracking page enabled. The preflight (a signed tracking read) is always offered.
   */
  @Override
  public <T extends Capability> Optional<T> capability(Class<T> type) {
    if (type == PreflightCapability.class) {
      return Optional.of(type.cast(new CainiaoPreflight(config, this::track)));
    }
    boolean has = type == QuoteCapability.class || type == LabelCapability.class || type == ManifestCapability.class
        ? config.hasIop()
        : type == TrackingCapability.class ? config.hasIop() || config.hasLink() || config.publicTracking()
        : type != PushCapability.class || config.linkSecretKey() != null;
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

  /** AliExpress counts calls per app: a digest of the app key; accounts under one app share its limiters. */
  @Override
  public String quotaKey() {
    return CainiaoPreflight.quotaKey(config);
  }

  @Override
  public TrackingNumberMatcher trackingNumbers() {
    return CainiaoNumbers.INSTANCE;
  }

  /**
   * The working carrier: this configuration on the shared transport and clock of the {@code
   * Shipbridge} being built. A carrier that was not bound makes no call (it has no transport):
   * give it to {@code Shipbridge.builder().carrier(...)}.
   */
  @Override
  public CainiaoCarrier bind(CarrierContext context) {
    return new CainiaoCarrier(config, new CainiaoTransport(config,
        context.transport().withRedactedFields(REDACTED_FIELDS), context.clock()), context);
  }

  /** This carrier for one attempt: every exchange of it shares {@code limits}' one deadline; orders and pushes are shared. */
  @Override
  public CainiaoCarrier forAttempt(AttemptLimits limits) {
    return transport == null ? this : new CainiaoCarrier(config, transport.within(limits), orders, push);
  }

  @Override
  public List<Quote> quote(QuoteRequest request) {
    return QuoteMapper.quote(transport(), config, request);
  }

  /** The US induction facility of a quote for a solution declared with {@link Builder#usInduction}. */
  @Override
  public Optional<Address> handoverPoint(Quote quote) {
    return config.inductions().handover(config.id(), quote);
  }

  /** Buys a label; the request was checked by {@link #check} (the facade calls it first). */
  @Override
  public Label label(LabelRequest request) {
    return orders.label(request, transport());
  }

  /** Cainiao's own rules, before any call and without building anything: PDF labels; item descriptions of at most 60 characters, quantities up to 999, values in CNY, USD or RUB. */
  @Override
  public List<ValidationException.Violation> check(LabelRequest request) {
    List<ValidationException.Violation> v = new java.util.ArrayList<>(LabelMapper.violations(request));
    v.addAll(new dev.shipbridge.spi.support.Checks()
        .account(request.account(), orders == null ? Optional.empty() : orders.account()).violations());
    v.addAll(config.inductions().violations(request));
    return v;
  }

  @Override
  public Tracking track(String trackingNumber) {
    return TrackMapper.track(transport(), config, trackingNumber);
  }

  /** A big-bag handover of the labels' LP codes, with its {@link Builder#handoverDocument handover document}. */
  @Override
  public Manifest manifest(ManifestRequest request) {
    return ManifestMapper.manifest(transport(), config, request);
  }

  /** Another document of a handover ({@link Manifest#manifestId()} is its handover content id); a bound carrier only. */
  public byte[] handoverDocument(String manifestId, HandoverDocument document) {
    return ManifestMapper.document(transport(), config, Objects.requireNonNull(manifestId, "manifestId"), document.type());
  }

  /** Cancels a big-bag handover; true when Cainiao confirmed. A bound carrier only. */
  public boolean cancelHandover(String manifestId) {
    return ManifestMapper.cancel(transport(), config, Objects.requireNonNull(manifestId, "manifestId"));
  }

  private CainiaoTransport transport() {
    if (transport == null) {
      throw new IllegalStateException("this CainiaoCarrier is not bound: give it to Shipbridge.builder().carrier(...)"
          + " and call it through the Shipbridge, or use the carrier bind(context) returns");
    }
    return transport;
  }

  /**
   * The verifier and parser of the LINK pushes sent to your endpoint, keyed by this carrier's LINK
   * secret key and charset: one per carrier, so its in-memory replay memory holds across calls
   * (give it a shared store with {@link CainiaoPush#withReplayStore}).
   *
   * @throws IllegalStateException when no LINK secret key is configured
   */
  public CainiaoPush push() {
    if (push == null) {
      throw new IllegalStateException("verifying Cainiao pushes needs the LINK secret key: set linkSecretKey(...)");
    }
    return push;
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
  public static final class Builder extends CainiaoSettings {
    private Builder() {}

    /** The carrier; a {@link ConfigurationException} lists every missing or incomplete setting at once. */
    public CainiaoCarrier build() {
      return new CainiaoCarrier(config(), null, null);
    }
  }
}
