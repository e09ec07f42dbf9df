package dev.shipbridge.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.CarrierException;
import dev.shipbridge.http.AttemptLimits;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.http.HttpTransport;
import dev.shipbridge.http.RequestSafety;
import dev.shipbridge.http.WireErrors;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelFormat;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.CarrierContext;
import dev.shipbridge.spi.LabelCapability;
import dev.shipbridge.spi.QuoteCapability;
import dev.shipbridge.spi.TrackingCapability;
import dev.shipbridge.spi.TrackingNumberMatcher;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * A small carrier for the fault matrix: quote, label and track over the real {@link HttpTransport}
 * against WireMock, with one error mapper, as a real adapter would have.
 */
final class WireCarrier implements Carrier, QuoteCapability, LabelCapability, TrackingCapability {
  static final CarrierId ID = CarrierId.of("wire");
  static final String KEY_HEADER = "Idempotency-Key";
  private static final MediaType JSON = MediaType.get("application/json");

  private final String baseUrl;
  private final boolean honoursKey;
  private final ResiliencePolicy defaults;
  private final HttpTransport transport;
  private final Clock clock;
  /** The attempt's limits, in the view {@link #forAttempt} returns; null in the bound carrier. */
  private final AttemptLimits limits;

  WireCarrier(String baseUrl, boolean honoursKey, ResiliencePolicy defaults) {
    this(baseUrl, honoursKey, defaults, null, null, null);
  }

  private WireCarrier(String baseUrl, boolean honoursKey, ResiliencePolicy defaults, HttpTransport transport, Clock clock,
      AttemptLimits limits) {
    this.baseUrl = baseUrl;
    this.honoursKey = honoursKey;
    this.defaults = defaults;
    this.transport = transport;
    this.clock = clock;
    this.limits = limits;
  }

  @Override
  public Carrier forAttempt(AttemptLimits limits) {
    return new WireCarrier(baseUrl, honoursKey, defaults, transport, clock, limits);
  }

  record QuoteWire(List<Service> services) {
    record Service(String code, BigDecimal amount, String currency) {}
  }

  record LabelWire(String trackingNumber, String pdf) {}

  record TrackWire(String trackingNumber, String status) {}

  @Override
  public CarrierId id() {
    return ID;
  }

  @Override
  public Carrier bind(CarrierContext context) {
    return new WireCarrier(baseUrl, honoursKey, defaults,
        context.transport().withRedactedFields("wire_secret"), context.clock(), null);
  }

  @Override
  public ResiliencePolicy defaultPolicy() {
    return defaults;
  }

  @Override
  public TrackingNumberMatcher trackingNumbers() {
    return n -> n.startsWith("WR");
  }

  @Override
  public boolean honoursIdempotencyKey() {
    return honoursKey;
  }

  @Override
  public List<Quote> quote(QuoteRequest request) {
    Request r = new Request.Builder().url(baseUrl + "/quote")
        .post(RequestBody.create("{\"grams\":850,\"wire_secret\":\"s3cr3t\"}", JSON)).build();
    HttpResult result = transport.execute(ID, r, RequestSafety.IDEMPOTENT, null, limits);
    if (!result.isSuccessful()) throw error(result, RequestSafety.IDEMPOTENT, null);
    QuoteWire wire = transport.json().read(ID, result, QuoteWire.class, RequestSafety.IDEMPOTENT, null);
    if (wire.services() == null) throw shape(result, null);
    List<Quote> out = new ArrayList<>();
    for (QuoteWire.Service s : wire.services()) {
      if (s == null || s.code() == null || s.amount() == null || s.currency() == null) throw shape(result, null);
      out.add(Quote.builder(ID, s.code(), Money.of(s.amount(), s.currency())).build());
    }
    return out;
  }

  @Override
  public Label label(LabelRequest request) {
    String key = request.idempotencyKey().value();
    RequestSafety safety = honoursKey ? RequestSafety.IDEMPOTENT_WITH_KEY : RequestSafety.NON_IDEMPOTENT;
    Request r = new Request.Builder().url(baseUrl + "/label").header(KEY_HEADER, key)
        .post(RequestBody.create("{\"service\":\"" + request.serviceCode() + "\",\"receiver_name\":\"Ada Lovelace\"}", JSON))
        .build();
    HttpResult result = transport.execute(ID, r, safety, key, limits);
    if (!result.isSuccessful()) throw error(result, safety, key);
    LabelWire wire = transport.json().read(ID, result, LabelWire.class, safety, key);
    if (wire.trackingNumber() == null || wire.pdf() == null) throw shape(result, key);
    return new Label(ID, wire.trackingNumber(), request.serviceCode(), LabelFormat.PDF_4X6,
        wire.pdf().getBytes(StandardCharsets.UTF_8), null, request.idempotencyKey(), Map.of());
  }

  @Override
  public Tracking track(String trackingNumber) {
    Request r = new Request.Builder().url(baseUrl + "/track/" + trackingNumber).get().build();
    HttpResult result = transport.execute(ID, r, RequestSafety.IDEMPOTENT, null, limits);
    if (!result.isSuccessful()) throw error(result, RequestSafety.IDEMPOTENT, null);
    TrackWire wire = transport.json().read(ID, result, TrackWire.class, RequestSafety.IDEMPOTENT, null);
    if (wire.trackingNumber() == null) throw shape(result, null);
    return Tracking.of(wire.trackingNumber(), ID, List.of(), null, null, Map.of());
  }

  /** The one error mapper: {"code": "...", "message": "..."} bodies, anything else by status. */
  private CarrierException error(HttpResult result, RequestSafety safety, String key) {
    String ct = result.contentType() == null ? "" : result.contentType();
    if (ct.contains("json")) {
      try {
        JsonNode n = transport.json().tree(ID, result.body());
        return WireErrors.forStatus(ID, result, n.path("code").asText(null), n.path("message").asText(null),
            List.of(), clock, safety, key);
      } catch (CarrierException unreadable) {
        // fall through: map by status alone
      }
    }
    return WireErrors.forUnreadableError(ID, result, clock, safety, key);
  }

  private CarrierException shape(HttpResult result, String key) {
    return new CarrierException(CarrierException.details(ID, "the carrier answered with JSON of an unexpected shape")
        .httpStatus(result.status()).requestId(result.requestId()).idempotencyKey(key).outcomeUnknown(key != null));
  }
}
