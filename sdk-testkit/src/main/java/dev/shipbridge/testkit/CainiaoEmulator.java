package dev.shipbridge.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.shipbridge.testkit.cainiao.Gateway;
import dev.shipbridge.testkit.cainiao.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A wire-accurate fake Cainiao on loopback: the AliExpress Open Platform (IOP) gateway with
 * HMAC-SHA256 signatures, the Cainiao LINK gateway with {@code data_digest}, and the public
 * tracking JSON, all on one WireMock server bound to {@code 127.0.0.1} on a free port.
 *
 * <p>It verifies signatures itself, exactly as Cainiao documents them, keeps orders and big-bag
 * handovers, recognises a repeated order (same {@code trade_order_id}) and moves every parcel
 * through the real Cainiao {@code action_code} journey as the {@link Clock} moves, up to the
 * handoff to USPS, where it issues a USPS IMpb number and calls the
 * {@linkplain #onLastMileHandoff handoff listener} once. It imports no SDK code. Thread-safe.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.startingAt(Instant.parse("2026-03-02T01:00:00Z"));
 * try (CainiaoEmulator cainiao = CainiaoEmulator.start(clock)) {
 *   cainiao.onLastMileHandoff((impb, at) -> usps.expectInboundParcel(impb, at));
 *   String iop = cainiao.iopBaseUrl() + "/sync";              // method-style calls
 *   String link = cainiao.linkBaseUrl();                      // .../gateway/link.do
 *   // sign with cainiao.appKey(), cainiao.appSecret(), cainiao.accessToken() ...
 *   cainiao.injectFault("cainiao.global.logistic.order.create", CainiaoEmulator.Fault.CONNECTION_RESET, 1);
 *   clock.advance(Duration.ofDays(5));                        // the parcel reaches USPS
 * }
 * }</pre>
 *
 * <p>Gateways: {@code POST|GET {iopBaseUrl}/sync?method=...} (system parameters in the query,
 * business parameters in the query or a form body), {@code {iopBaseUrl}/rest/auth/token/create}
 * and {@code /rest/auth/token/refresh} (path-style signing), {@code POST {linkBaseUrl}}
 * (form fields {@code msg_type}, {@code logistic_provider_id}, {@code logistics_interface},
 * {@code data_digest}, optional {@code to_code}), and {@code GET {iopBaseUrl}/global/detail.json?mailNos=...}.
 */
public final class CainiaoEmulator implements AutoCloseable {

  /** Default sandbox IOP app key. */
  public static final String DEFAULT_APP_KEY = "500100";
  /** Default sandbox IOP app secret. */
  public static final String DEFAULT_APP_SECRET = "sandbox-cainiao-emulator-app-secret";
  /** Default sandbox seller access token ({@code session} / {@code access_token}). */
  public static final String DEFAULT_ACCESS_TOKEN = "50000sandbox0seller0access0token";
  /** Default sandbox LINK {@code logistic_provider_id}. */
  public static final String DEFAULT_LOGISTIC_PROVIDER_ID = "sandbox-link-provider";
  /** Default sandbox LINK secret key. */
  public static final String DEFAULT_LINK_SECRET_KEY = "sandbox-link-secret-key";

  /** Faults that {@link #injectFault} can make the next matching requests suffer. */
  public enum Fault {
    /** The request is processed, then the connection is reset (TCP RST). */
    CONNECTION_RESET,
    /** The request is processed, then the connection closes with no response. */
    EMPTY_RESPONSE,
    /** The request is processed, then a broken chunked response is sent. */
    MALFORMED_CHUNK,
    /** The request is processed, then garbage is sent and the connection closes. */
    RANDOM_DATA_THEN_CLOSE,
    /** Not processed: HTTP 500, plain text. */
    HTTP_500,
    /** Not processed: HTTP 502 with the gateway's HTML error page. */
    HTTP_502_HTML,
    /** Not processed: HTTP 503 with an HTML error page. */
    HTTP_503,
    /** The request is processed, then only the first half of the JSON body is sent. */
    TRUNCATED_JSON,
    /** The request is processed; the response is sent after {@link #faultDelay(Duration)} (2 s by default). */
    DELAY,
    /** Not processed: the platform's rate-limit ban, IOP {@code code=ApiCallLimit}, type {@code ISP}, HTTP 200. */
    RATE_LIMITED,
    /** Not processed: {@code is_success "false"} with {@code need_retry true} (LINK: {@code needRetry}). */
    NEED_RETRY
  }

  /**
   * One request as received.
   *
   * @param api the IOP method name ({@code cainiao.global.logistic.order.create}), the path-style
   *     API path ({@code /auth/token/create}), the LINK {@code msg_type}, or the request path
   * @param params query parameters and form fields, decoded (UTF-8)
   * @param body the raw request body
   * @param headers request headers (first value of each)
   */
  public record RecordedCall(String api, Map<String, String> params, String body, Map<String, String> headers) {}

  /** Builder for non-default clock or credentials. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private String appKey = DEFAULT_APP_KEY;
    private String appSecret = DEFAULT_APP_SECRET;
    private String accessToken = DEFAULT_ACCESS_TOKEN;
    private String logisticProviderId = DEFAULT_LOGISTIC_PROVIDER_ID;
    private String linkSecretKey = DEFAULT_LINK_SECRET_KEY;

    private Builder() {}

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder appKey(String appKey) {
      this.appKey = Objects.requireNonNull(appKey, "appKey");
      return this;
    }

    public Builder appSecret(String appSecret) {
      this.appSecret = Objects.requireNonNull(appSecret, "appSecret");
      return this;
    }

    public Builder accessToken(String accessToken) {
      this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
      return this;
    }

    public Builder logisticProviderId(String logisticProviderId) {
      this.logisticProviderId = Objects.requireNonNull(logisticProviderId, "logisticProviderId");
      return this;
    }

    public Builder linkSecretKey(String linkSecretKey) {
      this.linkSecretKey = Objects.requireNonNull(linkSecretKey, "linkSecretKey");
      return this;
    }

    public CainiaoEmulator start() {
      return new CainiaoEmulator(this);
    }
  }

  private final Gateway.Credentials credentials;
  private final Store store = new Store();
  private final Gateway gateway;
  private final WireMockServer server;

  private CainiaoEmulator(Builder b) {
    this.credentials = new Gateway.Credentials(b.appKey, b.appSecret, b.accessToken, b.logisticProviderId, b.linkSecretKey);
    this.gateway = new Gateway(credentials, b.clock, store);
    this.server = new WireMockServer(options()
        .bindAddress("127.0.0.1")
        .dynamicPort()
        .containerThreads(128)
        .jettyAcceptors(2)
        .disableRequestJournal()
        .stubRequestLoggingDisabled(true)
        .templatingEnabled(false)
        .gzipDisabled(true)
        .mappingSource(Quiet.NO_FILE_MAPPINGS)
        .notifier(Quiet.NOTIFIER)
        .extensions(gateway));
    server.start();
    server.stubFor(any(urlPathMatching("/.*"))
        .willReturn(ResponseDefinitionBuilder.responseDefinition().withTransformers(Gateway.NAME)));
  }

  /**
   * Another app on this IOP gateway: a merchant who registered its own app (its own key and
   * secret) and authorized it with {@code accessToken}. AliExpress counts calls per app key ({@link
   * #callsByApp}).
   *
   * <pre>{@code
   * cainiao.addApp("500200", "merchant-own-secret", "50000merchant0own0token");
   * }</pre>
   */
  public CainiaoEmulator addApp(String appKey, String appSecret, String accessToken) {
    gateway.addApp(Objects.requireNonNull(appKey, "appKey"), Objects.requireNonNull(appSecret, "appSecret"),
        Objects.requireNonNull(accessToken, "accessToken"));
    return this;
  }

  /** Another seller who authorized the app {@code appKey} (the platform's: {@link #appKey()}), with its own token. */
  public CainiaoEmulator addSellerToken(String appKey, String accessToken) {
    if (!gateway.addSellerToken(Objects.requireNonNull(appKey, "appKey"), Objects.requireNonNull(accessToken, "accessToken"))) {
      throw new IllegalArgumentException("no app " + appKey + " on this emulator");
    }
    return this;
  }

  /** The IOP calls made under {@code appKey} that passed its key, signature and token checks. */
  public int callsByApp(String appKey) {
    return gateway.callsOfApp(appKey);
  }

  /** Starts an emulator on the system UTC clock with the default sandbox credentials. */
  public static CainiaoEmulator start() {
    return builder().start();
  }

  /** Starts an emulator whose parcels move with {@code clock} (typically a {@link MutableClock}). */
  public static CainiaoEmulator start(Clock clock) {
    return builder().clock(clock).start();
  }

  /** A builder for other credentials (for example the published signature test vectors). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Registers the listener called once per parcel when it is handed to USPS, with the USPS IMpb
   * number and the handoff instant. It runs on the thread of the first request (or
   * {@link #pushEvent}) that sees the clock at or past the handoff, before that request is answered.
   */
  public CainiaoEmulator onLastMileHandoff(BiConsumer<String, Instant> listener) {
    gateway.onHandoff(listener == null ? null : o -> listener.accept(o.impb, o.handoffAt()));
    return this;
  }

  /**
   * Hands every parcel over to {@code usps} for the last mile, with the city, state and ZIP Code
   * the order was addressed to: USPS then delivers it there.
   */
  public CainiaoEmulator handOffTo(UspsEmulator usps) {
    java.util.Objects.requireNonNull(usps, "usps");
    gateway.onHandoff(o -> usps.expectInboundParcel(o.impb, o.handoffAt(), o.destCity, o.destRegion, o.destZip));
    return this;
  }

  /**
   * Makes parcels created from now on also report the last-mile events Cainiao mirrors from the
   * last-mile carrier after the handoff ({@code GTMS_DO_ARRIVE}, {@code GTMS_DO_DEPART}, {@code
   * GTMS_SIGNED}, at the instants USPS scans them), as Cainiao's tracking does. Off by default (the
   * parcel's tracking then stops at the handoff) and after {@link #reset()}.
   */
  public CainiaoEmulator mirrorLastMile(boolean mirror) {
    store.mirrorLastMile = mirror;
    return this;
  }

  /** How long {@link Fault#DELAY} holds a response (default 2 s). */
  public CainiaoEmulator faultDelay(Duration delay) {
    if (delay.isNegative() || delay.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("delay out of range: " + delay);
    }
    gateway.faultDelay(delay);
    return this;
  }

  /**
   * Adds solution {@code code} to every {@code cainiao.global.solution.inquiry} answer, priced at
   * {@code feeMinorUnits} of {@code currency} (fen, cents) whatever the parcel, with an {@code
   * ESTIMATE} timing of {@code fastDays}..{@code slowestDays}, and accepts orders for it. The answer
   * has only the documented fields: nothing in it says where the solution ends, so a solution that
   * ends at US induction is one the SDK under test was told about ({@code usInduction}). Until
   * {@link #reset()}; a second call with the same code replaces the first.
   */
  public CainiaoEmulator offerSolution(String code, String name, int fastDays, int slowestDays, long feeMinorUnits,
      String currency) {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(name, "name");
    if (fastDays < 0 || slowestDays < fastDays || feeMinorUnits < 0 || currency == null || !currency.matches("[A-Z]{3}")) {
      throw new IllegalArgumentException("need 0 <= fastDays <= slowestDays, feeMinorUnits >= 0 and an ISO 4217 code");
    }
    gateway.offerSolution(code, name, fastDays, slowestDays, feeMinorUnits, currency);
    return this;
  }

  /** {@code http://127.0.0.1:<port>}: append {@code /sync} (method style) or {@code /rest/...} (path style). */
  public String iopBaseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** The LINK gateway endpoint, {@code http://127.0.0.1:<port>/gateway/link.do}. */
  public String linkBaseUrl() {
    return iopBaseUrl() + "/gateway/link.do";
  }

  public String appKey() {
    return credentials.appKey();
  }

  public String appSecret() {
    return credentials.appSecret();
  }

  public String accessToken() {
    return credentials.accessToken();
  }

  public String logisticProviderId() {
    return credentials.logisticProviderId();
  }

  public String linkSecretKey() {
    return credentials.linkSecretKey();
  }

  /**
   * Makes the next {@code times} requests for {@code apiName} (IOP method, LINK msg_type, or
   * {@code "*"} for any) suffer {@code fault}. Faults for a named API are used before {@code "*"} ones.
   */
  public void injectFault(String apiName, Fault fault, int times) {
    Objects.requireNonNull(apiName, "apiName");
    Objects.requireNonNull(fault, "fault");
    if (times < 0) {
      throw new IllegalArgumentException("times < 0");
    }
    gateway.injectFault(apiName, fault, times);
  }

  /** Requests received for {@code apiName} (faulted ones included); {@code "*"} counts all. */
  public int requestCount(String apiName) {
    return gateway.requestCount(apiName);
  }

  /** Every request received, oldest first. */
  public List<RecordedCall> requests() {
    return gateway.calls().stream()
        .map(c -> new RecordedCall(c.api(), c.params(), c.body(), c.headers()))
        .toList();
  }

  /** Distinct orders created: a repeated create with the same reference does not count. */
  public int ordersCreated() {
    return store.ordersCreated();
  }

  /**
   * A signed LINK push body ({@code application/x-www-form-urlencoded}: {@code msg_type=TRACEPUSH},
   * {@code logistic_provider_id}, {@code partner_code}, {@code logistics_interface},
   * {@code data_digest}) for the latest event of the parcel known by {@code number} (LP code,
   * logistics order id, international or USPS number).
   *
   * @throws IllegalArgumentException if no such parcel exists
   */
  public String pushEvent(String number) {
    return gateway.pushBody(number);
  }

  /** Forgets orders, handovers, recorded requests, pending faults and offered solutions. */
  public void reset() {
    gateway.reset();
  }

  @Override
  public void close() {
    server.stop();
  }

  @Override
  public String toString() {
    return "CainiaoEmulator[" + iopBaseUrl() + "]";
  }
}
