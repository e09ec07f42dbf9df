package dev.shipbridge.redis;

import dev.shipbridge.AuthenticationException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.http.HttpTransport;
import dev.shipbridge.http.RequestSafety;
import dev.shipbridge.http.WireErrors;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.CarrierContext;
import dev.shipbridge.spi.TokenStore;
import dev.shipbridge.spi.TrackingCapability;
import dev.shipbridge.spi.TrackingNumberMatcher;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.Request;

/**
 * A small carrier for the fleet tests, calling a loopback server through the real {@link
 * HttpTransport}. Plain mode: {@code GET /track/<n>} with {@code X-Instance}. Token mode (against
 * the USPS emulator): an OAuth token from the {@link TokenStore} ({@code getOrFetch}, fetched with
 * {@code POST /oauth2/v3/token}), then an authorised {@code GET /addresses/v3/address}.
 */
final class FleetCarrier implements Carrier, TrackingCapability {
  static final CarrierId ID = CarrierId.of("fleet");

  private final String baseUrl;
  private final String instance;
  private final String clientId;
  private final String clientSecret;
  private final HttpTransport transport;
  private final Clock clock;
  private final TokenStore tokens;

  private FleetCarrier(String baseUrl, String instance, String clientId, String clientSecret, HttpTransport transport,
      Clock clock, TokenStore tokens) {
    this.baseUrl = baseUrl;
    this.instance = instance;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.transport = transport;
    this.clock = clock;
    this.tokens = tokens;
  }

  static FleetCarrier plain(String baseUrl, String instance) {
    return new FleetCarrier(baseUrl, instance, null, null, null, null, null);
  }

  static FleetCarrier withToken(String baseUrl, String instance, String clientId, String clientSecret) {
    return new FleetCarrier(baseUrl, instance, clientId, clientSecret, null, null, null);
  }

  @Override
  public CarrierId id() {
    return ID;
  }

  @Override
  public Carrier bind(CarrierContext context) {
    return new FleetCarrier(baseUrl, instance, clientId, clientSecret,
        context.transport().withRedactedFields("client_secret", "access_token"), context.clock(), context.tokenStore());
  }

  @Override
  public TrackingNumberMatcher trackingNumbers() {
    return n -> n.startsWith("FL");
  }

  @Override
  public Tracking track(String trackingNumber) {
    Request.Builder r;
    if (clientId == null) {
      r = new Request.Builder().url(baseUrl + "/track/" + trackingNumber);
    } else {
      String token = tokens.getOrFetch("fleet:oauth:" + clientId, this::fetchToken).value();
      r = new Request.Builder().url(baseUrl + "/addresses/v3/address?streetAddress=1+Main+St&city=Denver&state=CO")
          .header("Authorization", "Bearer " + token);
    }
    HttpResult result = transport.execute(ID, r.header("X-Instance", instance).get().build(), RequestSafety.IDEMPOTENT, null);
    if (!result.isSuccessful()) throw WireErrors.forUnreadableError(ID, result, clock, RequestSafety.IDEMPOTENT, null);
    return Tracking.of(trackingNumber, ID, List.of(), null, null, Map.of());
  }

  private TokenStore.Token fetchToken() {
    Request r = new Request.Builder().url(baseUrl + "/oauth2/v3/token").header("X-Instance", instance)
        .post(new FormBody.Builder().add("grant_type", "client_credentials").add("client_id", clientId)
            .add("client_secret", clientSecret).build())
        .build();
    HttpResult result = transport.execute(ID, r, RequestSafety.IDEMPOTENT, null);
    if (!result.isSuccessful()) {
      throw new AuthenticationException(CarrierException.details(ID, "token request failed").httpStatus(result.status()));
    }
    var json = transport.json().tree(ID, result.body());
    return new TokenStore.Token(json.path("access_token").asText(),
        clock.instant().plus(Duration.ofSeconds(json.path("expires_in").asLong())));
  }
}
