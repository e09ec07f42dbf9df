package dev.shipbridge.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.shipbridge.testkit.usps.UspsService;
import dev.shipbridge.testkit.usps.UspsTransformer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A wire-accurate fake of the USPS REST APIs v3 on loopback, built on WireMock.
 *
 * <p>It speaks the formats of USPS's published OpenAPI specs: OAuth 2.0, payment tokens, prices,
 * Shipping Options, Service Standards, labels (multipart or JSON; valid IMpb / S10 numbers, real
 * images, {@code X-Idempotency-Key}), cancellation, tracking v3 and v3r2, addresses, SCAN forms,
 * returns, pickups and subscriptions, with USPS's error envelopes. Time (token expiry, tracking
 * progress, quotas) comes from the {@link Clock} it is given, so a test moves a parcel forward
 * without sleeping:
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-02T15:00:00Z"));
 * try (UspsEmulator usps = UspsEmulator.start(clock)) {
 *   // point the USPS adapter at usps.baseUrl() with usps.clientId() / usps.clientSecret()
 *   usps.injectFault("/labels/v3", UspsEmulator.Fault.CONNECTION_RESET, 1); // next label call breaks
 *   usps.rateLimit(60, Duration.ofHours(1));                                 // USPS's default quota
 *   usps.expectInboundParcel("9200190132607600833457", clock.instant());    // handed over at JFK
 *   clock.advance(Duration.ofDays(3));                                       // ... now DELIVERED
 *   assertThat(usps.labelsPurchased()).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>Thread-safe; starts in well under a second. Where USPS's behaviour is not documented the
 * emulator picks one behaviour and says so in the method docs.
 */
public final class UspsEmulator implements AutoCloseable {
  /** The instant {@link #start()}'s own (fixed) clock stands at. */
  public static final Instant DEFAULT_INSTANT = Instant.parse("2026-03-02T15:00:00Z");
  /** How long {@link Fault#DELAY} holds a response unless {@link #injectDelay} says otherwise. */
  public static final Duration DEFAULT_DELAY = Duration.ofSeconds(3);

  private static final String CLIENT_ID = "sandbox-client-id";
  private static final String CLIENT_SECRET = "sandbox-client-secret";

  /**
   * Faults for {@link #injectFault}. HTTP status faults answer <em>instead of</em> the API (no effect);
   * the others break the response <em>after</em> the request took effect (a label is bought).
   */
  public enum Fault {
    /** TCP reset instead of a response. */
    CONNECTION_RESET,
    /** The connection closes without a byte. */
    EMPTY_RESPONSE,
    /** A chunked response with a broken chunk. */
    MALFORMED_CHUNK,
    /** Garbage bytes, then the connection closes. */
    RANDOM_DATA_THEN_CLOSE,
    /** 500 with USPS's error envelope. */
    HTTP_500,
    /** 502 with an HTML body, as a gateway sends it. */
    HTTP_502_HTML,
    /** 503 with USPS's error envelope. */
    HTTP_503,
    /** 429 with USPS's quota body and {@code Retry-After: 1}. */
    HTTP_429,
    /** The normal status and headers, but only the first half of the body. */
    TRUNCATED_JSON,
    /** The normal response, held back for {@link #DEFAULT_DELAY} (or the {@link #injectDelay} duration). */
    DELAY
  }

  /** One request the emulator received. Header names keep the client's spelling. */
  public record RecordedCall(String method, String path, String query, Map<String, List<String>> headers,
      String body) {
    /** The first value of a header, matched case-insensitively, or null. */
    public String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  private final WireMockServer server;
  private final UspsService service;
  private final UspsTransformer transformer;

  private UspsEmulator(Clock clock) {
    this.service = new UspsService(clock, CLIENT_ID, CLIENT_SECRET);
    this.transformer = new UspsTransformer(service, clock);
    this.server = new WireMockServer(WireMockConfiguration.options()
        .bindAddress("127.0.0.1")
        .dynamicPort()
        .containerThreads(96)
        .notifier(Quiet.NOTIFIER)
        .disableRequestJournal()
        .stubRequestLoggingDisabled(true)
        .gzipDisabled(true)
        .templatingEnabled(false)
        .globalTemplating(false)
        .extensionScanningEnabled(false)
        .mappingSource(Quiet.NO_FILE_MAPPINGS)
        .extensions(transformer));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
  }

  /** Starts an emulator whose clock stands still at {@link #DEFAULT_INSTANT}. */
  public static UspsEmulator start() {
    return start(Clock.fixed(DEFAULT_INSTANT, ZoneOffset.UTC));
  }

  /** Starts an emulator that reads time from {@code clock} (typically a {@link MutableClock}). */
  public static UspsEmulator start(Clock clock) {
    return new UspsEmulator(Objects.requireNonNull(clock, "clock"));
  }

  /** {@code http://127.0.0.1:<port>}, to use in place of {@code https://apis.usps.com}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  public int port() {
    return server.port();
  }

  /** The client id ("Consumer Key") the token endpoint accepts: {@code sandbox-client-id}. */
  public String clientId() {
    return CLIENT_ID;
  }

  /** The client secret ("Consumer Secret") the token endpoint accepts: {@code sandbox-client-secret}. */
  public String clientSecret() {
    return CLIENT_SECRET;
  }

  /**
   * Announces a cross-border parcel handed over to USPS at JFK (JAMAICA NY 11430) at {@code
   * handoffTime}: trackable from then on, delivered about 58 hours later. Throws {@code
   * IllegalArgumentException} unless an IMpb or S10 number with a valid check digit.
   */
  public void expectInboundParcel(String impbTrackingNumber, Instant handoffTime) {
    service.expectInboundParcel(Objects.requireNonNull(impbTrackingNumber, "impbTrackingNumber"),
        Objects.requireNonNull(handoffTime, "handoffTime"));
  }

  /** As {@link #expectInboundParcel(String, Instant)}, to this destination (nulls: the emulator picks). */
  public void expectInboundParcel(String impbTrackingNumber, Instant handoffTime, String city, String state,
      String zip) {
    service.expectInboundParcel(Objects.requireNonNull(impbTrackingNumber, "impbTrackingNumber"),
        Objects.requireNonNull(handoffTime, "handoffTime"), city, state, zip);
  }

  /**
   * Breaks the next {@code times} requests whose path starts with {@code pathPrefix} ({@code "any"}
   * matches every path). Faults queue in the order injected.
   */
  public void injectFault(String pathPrefix, Fault fault, int times) {
    injectFault(pathPrefix, fault, DEFAULT_DELAY, times);
  }

  /** Holds the next {@code times} matching responses back for {@code delay} (real time). */
  public void injectDelay(String pathPrefix, Duration delay, int times) {
    injectFault(pathPrefix, Fault.DELAY, delay, times);
  }

  private void injectFault(String pathPrefix, Fault fault, Duration delay, int times) {
    Objects.requireNonNull(pathPrefix, "pathPrefix");
    Objects.requireNonNull(fault, "fault");
    if (times <= 0) {
      throw new IllegalArgumentException("times must be positive");
    }
    transformer.injectFault(pathPrefix, fault, delay, times);
  }

  /**
   * Holds the next response to a path starting with {@code pathPrefix}, once processed, until {@link
   * Hold#release()}: to act while a call is in flight, without timing.
   *
   * <pre>{@code
   * UspsEmulator.Hold hold = usps.holdNext("/oauth2/v3/token");
   * pool.submit(() -> shipbridge.validateAddress(address)); // its token refresh is held
   * hold.awaitArrival();
   * // ... act while the refresh is in flight ...
   * hold.release();
   * }</pre>
   */
  public Hold holdNext(String pathPrefix) {
    Objects.requireNonNull(pathPrefix, "pathPrefix");
    Hold h = new Hold();
    transformer.hold(pathPrefix, h.arrived, h.released);
    return h;
  }

  /** A response held back by {@link #holdNext}. */
  public static final class Hold {
    private final java.util.concurrent.CountDownLatch arrived = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

    private Hold() {}

    /** Blocks until the held request was processed (at most a minute, then throws). */
    public void awaitArrival() {
      try {
        if (!arrived.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
          throw new IllegalStateException("no request arrived to hold");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** Sends the held response. */
    public void release() {
      released.countDown();
    }

    @Override
    public String toString() {
      return "Hold[arrived=" + (arrived.getCount() == 0) + ", released=" + (released.getCount() == 0) + "]";
    }
  }

  /**
   * Allows {@code callsPerWindow} calls per API (base path, e.g. {@code /labels/v3}) per fixed window
   * of the emulator's clock; beyond it, 429 with {@code Retry-After} (the window's seconds left).
   */
  public void rateLimit(int callsPerWindow, Duration window) {
    if (callsPerWindow <= 0 || window == null || window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("callsPerWindow and window must be positive");
    }
    transformer.rateLimit(callsPerWindow, window);
  }

  /**
   * A merchant's authorization of the platform in the USPS Business Portal: returns the
   * single-use authorization code USPS would redirect to {@code redirectUri}, valid ten minutes,
   * for the {@code scopes} the merchant consented to (tokens from it reach no other API: 403).
   */
  public String authorizeMerchant(String merchant, String redirectUri, String... scopes) {
    return service.authorizeMerchant(Objects.requireNonNull(merchant, "merchant"),
        Objects.requireNonNull(redirectUri, "redirectUri"), List.of(scopes));
  }

  /**
   * Whose token a request carried (its {@code Authorization: Bearer} header, or the token itself):
   * the merchant it was issued for under an authorization-code or refresh grant, {@link #clientId()}
   * for a client-credentials token; empty for none or a token this emulator never issued.
   *
   * <pre>{@code
   * assertThat(usps.tokenOwner(call.header("Authorization"))).contains("merchant-42");
   * }</pre>
   */
  public Optional<String> tokenOwner(String authorization) {
    if (authorization == null) return Optional.empty();
    String token = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : authorization;
    return Optional.ofNullable(service.tokenOwner(token));
  }

  /** Calls answered 429 because the {@link #rateLimit} quota (per API, as USPS counts) was spent. */
  public int quotaRefusals() {
    return transformer.quotaRefusals();
  }

  /** Refresh-token grants that were answered with new tokens (a refused one does not count). */
  public int refreshGrants() {
    return service.refreshGrants();
  }

  /** Authorization codes exchanged for tokens. */
  public int codeGrants() {
    return service.codeGrants();
  }

  /**
   * The client application's API products: a client-credentials grant holds only these of the scopes
   * asked, and its {@code scope} says so (RFC 6749 section 3.3). Unset, every scope asked is granted.
   */
  public void applicationProducts(String... scopes) {
    service.applicationProducts(Set.of(scopes));
  }

  /** Whether {@code merchant} still holds a live refresh token (not revoked, rotated away or expired). */
  public boolean merchantAuthorized(String merchant) {
    return service.merchantAuthorized(merchant);
  }

  /**
   * Refuses every call to one API with 403, as USPS does when your app's product lacks it: for
   * example {@code denyApi("/shipments/v3")} for an account without Shipping Options. Lifted by
   * {@link #reset()}.
   */
  public void denyApi(String basePath) {
    service.denyApi(Objects.requireNonNull(basePath, "basePath"));
  }

  /**
   * Enforces USPS's tracking access rule (since 2026-04-01): tracking goes only to a caller (the
   * client application, or a merchant's token) authorized for the Mailer ID in the barcode: the
   * labels it bought, and MIDs {@link #allowTrackingMid allowed}. A partner's parcel ({@link
   * #expectInboundParcel}) carries the partner's MID. A refusal is a 403 naming the MID (v3), or one
   * {@code FailureResponse} per number in v3r2's 207. Off by default and after {@link #reset()}.
   *
   * <pre>{@code
   * usps.enforceTrackingAccess(true);
   * usps.allowTrackingMid(usps.clientId(), UspsEmulator.mailerIdOf(impb)); // the shipper authorized the platform
   * }</pre>
   */
  public void enforceTrackingAccess(boolean on) {
    service.enforceTrackingAccess(on);
  }

  /**
   * Lets {@code caller} (this emulator's {@link #clientId()}, or a merchant named in {@link
   * #authorizeMerchant}) see the tracking of parcels whose barcode carries {@code mid}, as when the
   * MID's owner authorized the platform in the USPS Business Portal.
   */
  public void allowTrackingMid(String caller, String mid) {
    service.allowTrackingMid(Objects.requireNonNull(caller, "caller"), Objects.requireNonNull(mid, "mid"));
  }

  /** The Mailer ID in an IMpb barcode (9 digits when it starts with 9, else 6), or null for another number. */
  public static String mailerIdOf(String trackingNumber) {
    return dev.shipbridge.testkit.usps.UspsService.mailerIdOf(Objects.requireNonNull(trackingNumber, "trackingNumber"));
  }

  /**
   * Offers Parcel Select's destination-entry rates (DDU, DSCF, and DNDC before 2026-01-18) as to an
   * enrolled account; their labels need {@code destinationEntryFacilityAddress} (DDU at the
   * destination's ZIP, SCF in its first three digits). Off by default and after {@link #reset()}.
   */
  public void offerDestinationEntry(boolean offer) {
    service.offerDestinationEntry(offer);
  }

  /**
   * Answers Carrier Pickup's eligibility query for addresses in this ZIP code as not eligible (400,
   * "Invalid pickup location."). Lifted by {@link #reset()}.
   */
  public void pickupIneligible(String zip) {
    service.pickupIneligible(Objects.requireNonNull(zip, "zip"));
  }

  /** A tracking notification as USPS posts it to a subscription's listener: the JSON body and its headers. */
  public record Notification(String body, Map<String, String> headers) {
    @Override
    public String toString() {
      return "Notification[" + body.length() + " chars, signed=" + headers.containsKey("X-HMAC") + "]";
    }
  }

  /**
   * The notification subscription {@code subscriptionId} would receive now about {@code
   * trackingNumber} (a label or parcel the emulator knows), signed with the subscription's secret
   * ({@code X-HMAC}: Base64 HMAC-SHA256 of timestamp + payload). Nothing is sent anywhere.
   */
  public Notification notification(String subscriptionId, String trackingNumber) {
    Map.Entry<String, Map<String, String>> n = service.notification(subscriptionId, trackingNumber);
    return new Notification(n.getKey(), Map.copyOf(n.getValue()));
  }

  /** How many requests with this method ({@code "*"} for any) and path prefix the emulator received. */
  public int requestCount(String method, String pathPrefix) {
    return transformer.requestCount(method, pathPrefix);
  }

  /** Every request received since start or the last {@link #reset()}, oldest first. */
  public List<RecordedCall> requests() {
    return transformer.requests();
  }

  /** How many distinct labels (domestic and international) were bought; replays of an idempotency key do not count. */
  public int labelsPurchased() {
    return service.labelsPurchased();
  }

  /** Forgets tokens, labels, parcels, idempotency keys, faults, the rate limit and the recorded requests. */
  public void reset() {
    transformer.reset();
    service.reset();
  }

  @Override
  public void close() {
    server.stop();
  }
}
