package dev.shipbridge.usps.internal;

import dev.shipbridge.CarrierException;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.TrackResult;
import dev.shipbridge.ValidationException;
import dev.shipbridge.http.AttemptLimits;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.http.HttpTransport;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.http.RequestSafety;
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
import dev.shipbridge.spi.CarrierContext;
import dev.shipbridge.usps.UspsCarrier.PaymentAccount;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code UspsCarrier} connected to a facade: each operation maps out, makes one exchange and maps
 * in. It is the only class of the adapter that does I/O: it adds the host, the OAuth bearer token,
 * the payment token and the idempotency key to a {@link Call}, sends it once through the facade's
 * {@link HttpTransport}, and on a 401 refreshes the tokens and replays the call once. It never
 * retries otherwise (the core's resilience loop does). Non-2xx answers become exceptions through
 * {@link UspsErrors}; 2xx answers are read once, bytes to wire records, classified by the call's
 * {@link RequestSafety} when unreadable.
 *
 * <p>Logs carry the method and path only: never tokens, bodies or query strings (which hold
 * street addresses).
 */
public final class UspsClient {
  private static final Logger LOG = LoggerFactory.getLogger(UspsClient.class);
  private static final MediaType JSON = MediaType.get("application/json");

  /** Numbers one {@code POST /tracking/v3r2/tracking} may carry. */
  public static final int MAX_TRACKING_BATCH = 35;

  private final HttpUrl baseUrl;
  private final HttpTransport http;
  private final Clock clock;
  private final TokenCache access;
  private final String accessKey;
  private final MerchantTokens merchant;
  private final UspsOAuth oauth;
  private final String merchantId;
  /** Null without a payment account. */
  private final String paymentKey;
  private final TokenCache payment;
  private final String crid;
  /** The CRID and bound account, naming the account in idempotency UUIDs ({@link LabelMapper#scope}). */
  private final String idempotencyScope;
  /** The account the carrier is bound for ({@code CarrierContext.account()}). */
  private final Optional<dev.shipbridge.account.AccountId> boundAccount;
  private final boolean trackingV3Detail;
  private final UspsQuoting quoting;
  private final MailingDates mailingDates;
  /** The attempt this view sends for ({@link #within}); null in the bound client: the HTTP client's own timeouts. */
  private final AttemptLimits limits;
  /** The secrets of the subscriptions created through this client (shared by its views), for its notification check. */
  private final SubscriptionSecrets subscriptionSecrets;

  /** The client of {@code config}, connected to {@code context}'s transport, clock and token store. */
  public UspsClient(UspsConfig config, CarrierContext context) {
    this.baseUrl = config.baseUrl();
    this.http = context.transport();
    this.clock = context.clock();
    PaymentAccount account = config.paymentAccount();
    String clientId = config.clientId();
    this.crid = account == null ? null : account.crid();
    this.trackingV3Detail = config.trackingApi() == dev.shipbridge.usps.UspsCarrier.TrackingApi.V3_DETAIL;
    this.boundAccount = context.account();
    this.idempotencyScope = LabelMapper.scope(crid, boundAccount);
    this.mailingDates = MailingDates.of(context);
    this.accessKey = MerchantTokens.accessKey(config);
    this.oauth = new UspsOAuth(config, http, clock);
    this.merchant = new MerchantTokens(config, context.tokenStore(), clock, oauth);
    this.access = new TokenCache(context.tokenStore(), accessKey, clock, config.authorization().merchantId() == null
        ? l -> oauth.clientCredentials(config.authorization().scopes(), l) : merchant::fetch);
    this.merchantId = config.authorization().merchantId();
    this.paymentKey = account == null ? null : TokenCache.key("payment", baseUrl.toString(), clientId, account.crid(),
        account.mid(), account.manifestMid(), account.accountType().name(), account.accountNumber(), account.permitZip(),
        merchantId); // got with the merchant's access token: never another merchant's
    this.payment = account == null ? null : new TokenCache(context.tokenStore(), paymentKey, clock, l -> UspsTokens.payment(within(l).ok(Call.search(
            UspsApi.PAYMENTS, json().write(UspsTokens.paymentRequest(account)), "payment-authorization")), clock, json()));
    this.quoting = new UspsQuoting(account, config.inductionZip(), config.quoting(), this);
    this.limits = null;
    this.subscriptionSecrets = SubscriptionSecrets.of(context);
  }

  private UspsClient(UspsClient bound, AttemptLimits limits) {
    this.baseUrl = bound.baseUrl;
    this.http = bound.http;
    this.clock = bound.clock;
    this.access = bound.access;
    this.payment = bound.payment;
    this.crid = bound.crid;
    this.idempotencyScope = bound.idempotencyScope;
    this.boundAccount = bound.boundAccount;
    this.trackingV3Detail = bound.trackingV3Detail;
    this.quoting = bound.quoting;
    this.mailingDates = bound.mailingDates;
    this.limits = limits;
    this.subscriptionSecrets = bound.subscriptionSecrets;
    this.accessKey = bound.accessKey;
    this.merchant = bound.merchant;
    this.merchantId = bound.merchantId;
    this.oauth = bound.oauth;
    this.paymentKey = bound.paymentKey;
  }

  /**
   * This client for one attempt: every exchange it makes (token fetches, the call, a 401's replay,
   * v3 tracking's one GET per number) shares {@code limits}' one deadline. Shares the tokens and
   * caches.
   */
  public UspsClient within(AttemptLimits limits) {
    return new UspsClient(this, limits);
  }

  /**
   * Revokes a merchant's tokens at USPS (refresh and access) and forgets them with its payment token;
   * refused under the application's own client credentials, whose token every account shares.
   */
  public void revokeAuthorization() {
    if (merchantId == null) {
      throw new IllegalStateException("revokeAuthorization() ends a merchant's authorization (UspsAuthorization.merchant): "
          + "this carrier uses the platform's own client credentials, whose token every account shares; nothing was revoked");
    }
    merchant.revoke(accessKey, paymentKey);
  }

  /** An account's removal: a merchant's tokens revoked and forgotten; false under the application's own credentials. */
  public boolean revokeMerchantAuthorization() {
    return merchantId != null && merchant.revoke(accessKey, paymentKey);
  }

  /** Preflight: this configuration's access token, fetched unless cached (nothing bought); the scopes granted, if named. */
  public Optional<List<String>> accessToken() {
    access.get(limits);
    return oauth.granted();
  }

  /** Preflight: a payment authorization token (not a purchase); false without a payment account. */
  public boolean paymentToken() {
    if (payment == null) return false;
    payment.get(limits);
    return true;
  }

  /** USPS's today on the bound clock. */
  public LocalDate today() {
    return Units.today(clock);
  }

  /** Every mail class: see {@link UspsQuoting} for which APIs answer. */
  public List<Quote> quote(QuoteRequest request) {
    return quoting.quote(request, this);
  }

  /**
   * Buys the label a {@link LabelMapper#validate} accepted, under {@code X-Idempotency-Key} (a
   * UUID): the mailing date is fixed at the purchase's first attempt ({@link MailingDates}), so
   * every attempt under one key sends the same body, and USPS returns the existing label for it.
   */
  public Label label(LabelRequest request) {
    LabelMapper.Call c = LabelMapper.toWire(request, idempotencyScope, mailingDates.of(request));
    return labelCall(c.api(), c.body(), new LabelAnswer.Asked(request), c.idempotencyUuid(),
        c.api() == UspsApi.DOMESTIC_LABELS ? "label" : "international-label");
  }

  /**
   * A Labels API POST of {@code body} with the payment token, read by {@link LabelAnswer}: a purchase
   * under {@code uuid} as {@code X-Idempotency-Key}, or a reprint ({@code uuid} null), safe to repeat.
   */
  Label labelCall(UspsApi api, Object body, LabelAnswer.Asked asked, String uuid, String... path) {
    if (asked.key() != null) java.util.Objects.requireNonNull(uuid, "a purchase needs its idempotency uuid");
    RequestSafety safety = asked.key() == null ? RequestSafety.IDEMPOTENT : RequestSafety.IDEMPOTENT_WITH_KEY;
    HttpResult r = ok(Call.paid(api, "POST", json().write(body), safety, asked.key() == null ? null
        : asked.key().value(), uuid, path));
    return LabelAnswer.fromWire(r, asked, uuid, json());
  }

  /** Cancels (or asks a refund for) a label; S10 numbers ending {@code US} go to the international API. */
  public CancelResult cancel(String trackingNumber) {
    Call call = S10Number.matches(trackingNumber)
        ? Call.cancel(UspsApi.INTERNATIONAL_LABELS, "international-label", trackingNumber)
        : Call.cancel(UspsApi.DOMESTIC_LABELS, "label", ImpbNumber.stripRouting(trackingNumber));
    HttpResult r = send(call);
    if (r.status() == 400) {
      Optional<CancelResult> refusal = LabelAnswer.cancelFromRefusal(UspsErrorBody.read(r).message(), trackingNumber);
      if (refusal.isPresent()) return refusal.get();
    }
    LabelWire.CancelResponse wire = read(call, r, LabelWire.CancelResponse.class);
    return mapped("cancellation", () -> LabelAnswer.cancelFromWire(wire, trackingNumber));
  }

  public Tracking track(String trackingNumber) {
    if (trackingV3Detail) return trackV3(trackingNumber);
    TrackResult r = trackMany(List.of(trackingNumber)).get(0);
    if (r.failure() != null) throw r.failure();
    return r.tracking();
  }

  /**
   * Up to {@value #MAX_TRACKING_BATCH} numbers in one v3r2 call (200 or
   * 207 multi-status), one result per number; with the v3 API configured, one GET per number.
   */
  public List<TrackResult> trackMany(List<String> numbers) {
    if (numbers.isEmpty()) return List.of();
    if (numbers.size() > MAX_TRACKING_BATCH) { // a carrier used through bind() is called directly
      throw new IllegalArgumentException("at most " + MAX_TRACKING_BATCH + " numbers per USPS tracking call");
    }
    if (trackingV3Detail) {
      return numbers.stream().map(n -> {
        try {
          return TrackResult.success(n, trackV3(n));
        } catch (NotFoundException | dev.shipbridge.TrackingAccessDeniedException e) {
          return TrackResult.failure(n, CarrierId.USPS, e);
        }
      }).toList();
    }
    HttpResult r = ok(Call.search(UspsApi.TRACKING_V3R2, json().write(TrackMapper.toWire(numbers)), "tracking"));
    TrackWire.Batch answer = json().read(CarrierId.USPS, r, TrackWire.Batch.class, RequestSafety.IDEMPOTENT, null);
    return mapped("tracking", () -> TrackMapper.fromBatch(answer, numbers, r.requestId(), clock));
  }

  private Tracking trackV3(String trackingNumber) {
    Call call = Call.get(UspsApi.TRACKING_V3, Map.of("expand", "DETAIL"), "tracking",
        ImpbNumber.stripRouting(trackingNumber));
    HttpResult r = send(call);
    if (!r.isSuccessful()) throw UspsErrors.map(r, call.api(), clock, call.safety(), null, trackingNumber);
    TrackWire.Detail wire = read(call, r, TrackWire.Detail.class);
    return mapped("tracking", () -> TrackMapper.fromDetail(wire, trackingNumber));
  }

  public AddressValidation validateAddress(Address address) {
    AddressWire.Response wire = read(Call.get(UspsApi.ADDRESSES, AddressMapper.toWire(address), "address"),
        AddressWire.Response.class);
    return mapped("address", () -> AddressMapper.fromWire(wire, address));
  }

  public Manifest manifest(ManifestRequest request) {
    ManifestMapper.Request body = ManifestMapper.toWire(request, Units.mailingDate(request.shipDate(), clock));
    Call call = Call.paid(UspsApi.SCAN_FORMS, "POST", json().write(body), RequestSafety.NON_IDEMPOTENT, null, null,
        "scan-form");
    HttpResult r = ok(call);
    try {
      return mapped("SCAN form", () -> ManifestMapper.fromWire(r.contentType(), r.body(), request, json()));
    } catch (CarrierException e) { // an answer it cannot read: classified by core's rules for the call's safety
      if (e.getClass() != CarrierException.class || e.retryable() || e.outcomeUnknown()) throw e;
      throw json().unreadable(CarrierId.USPS, r, e.getCause() != null ? e.getCause() : e, call.safety(), null);
    }
  }

  public Clock clock() {
    return clock;
  }

  public SubscriptionSecrets subscriptionSecrets() {
    return subscriptionSecrets;
  }

  /** The CRID and bound account: they name the account in idempotency UUIDs. */
  String idempotencyScope() {
    return idempotencyScope;
  }

  /** The account this client was bound for; a request naming another is refused ({@code check}). */
  public Optional<dev.shipbridge.account.AccountId> boundAccount() {
    return boundAccount;
  }

  public JsonCodec json() {
    return http.json();
  }

  /** The 2xx answer to {@code call} read as {@code type}; anything else thrown as a typed {@link CarrierException}. */
  <T> T read(Call call, Class<T> type) {
    return read(call, send(call), type);
  }

  /** The answer {@code r} to {@code call} read as {@code type} when 2xx; else thrown as by {@link #ok(Call)}. */
  <T> T read(Call call, HttpResult r, Class<T> type) {
    return json().read(CarrierId.USPS, ok(call, r), type, call.safety(), call.idempotencyKey());
  }

  /** Sends {@code call} and returns a 2xx answer; anything else is thrown as mapped by {@link UspsErrors}. */
  HttpResult ok(Call call) {
    return ok(call, send(call));
  }

  /**
   * {@link #ok(Call)} with {@code If-Match: etag}, the ETag a PUT or DELETE of {@code what} needs; a
   * {@link CarrierException} when USPS sent none with it.
   */
  HttpResult ok(Call call, String etag, String what) {
    if (etag == null) {
      throw new CarrierException(CarrierException.details(CarrierId.USPS,
          "USPS sent no ETag with " + what + ": it cannot be changed or removed"));
    }
    return ok(call, send(call, etag));
  }

  /** {@code r} when 2xx; anything else thrown as mapped by {@link UspsErrors}. */
  HttpResult ok(Call call, HttpResult r) {
    if (!r.isSuccessful()) throw UspsErrors.map(r, call.api(), clock, call.safety(), call.idempotencyKey());
    return r;
  }

  /** Sends {@code call} with tokens; a 401 refreshes them and replays once. Returns any status. */
  HttpResult send(Call call) {
    return send(call, null);
  }

  /** {@link #send(Call)} with {@code If-Match: ifMatch} when not null (the ETag a PUT or DELETE needs). */
  HttpResult send(Call call, String ifMatch) {
    if (call.paymentToken() && payment == null) {
      throw ValidationException.of("paymentAccount",
          "USPS labels and SCAN forms need a payment account: set UspsCarrier.builder().paymentAccount(...)");
    }
    String token = access.get(limits);
    String pay = call.paymentToken() ? payment.get(limits) : null;
    HttpResult r = execute(call, token, pay, ifMatch);
    if (r.status() == 401) {
      LOG.debug("USPS {} answered 401: refreshing the access token and replaying once", call.describe());
      access.invalidate(token);
      if (pay != null) payment.invalidate(pay);
      r = execute(call, access.get(limits), pay == null ? null : payment.get(limits), ifMatch);
    }
    return r;
  }

  private HttpResult execute(Call call, String token, String paymentToken, String ifMatch) {
    HttpUrl.Builder url = baseUrl.newBuilder().addPathSegments(call.api().basePath());
    call.path().forEach(url::addPathSegment);
    call.query().forEach(url::addQueryParameter);
    Request.Builder rb = new Request.Builder().url(url.build())
        .header("Authorization", "Bearer " + token)
        .header("Accept", call.accept()); // the User-Agent is HttpTransport's, as for every carrier
    if (paymentToken != null) rb.header("X-Payment-Authorization-Token", paymentToken);
    if (call.idempotencyUuid() != null) rb.header("X-Idempotency-Key", call.idempotencyUuid());
    if (ifMatch != null) rb.header("If-Match", ifMatch);
    rb.method(call.method(), call.body() == null ? null : RequestBody.create(call.body(), JSON));
    return http.execute(CarrierId.USPS, rb.build(), call.safety(), call.idempotencyKey(), limits);
  }

  /**
   * Runs a mapping of an answer: a value the model refuses (an address that is not one, an
   * absurd number) is the carrier's fault, so it becomes a {@link CarrierException} naming the
   * refused fields, never a {@link ValidationException} that would blame the caller.
   */
  public static <T> T mapped(String what, Supplier<T> mapping) {
    try {
      return mapping.get();
    } catch (ValidationException e) {
      throw new CarrierException(unrepresentable(what, e));
    }
  }

  /** The failure for an answer holding values the model refuses; names the fields, never the values. */
  static CarrierException.Details unrepresentable(String what, ValidationException e) {
    Set<String> fields = new TreeSet<>(e.violations().stream().map(ValidationException.Violation::path).toList());
    return CarrierException.details(CarrierId.USPS,
        "the carrier answered with a " + what + " Shipbridge cannot represent (" + String.join(", ", fields) + ")");
  }
}
