package dev.shipbridge.usps.internal;

import dev.shipbridge.CarrierException;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.ValidationException;
import dev.shipbridge.TrackResult;
import dev.shipbridge.http.HttpResult;
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
import java.util.List;
import java.util.Map;

/**
 * The capabilities of a connected USPS carrier: each is map out, one exchange through {@link
 * UspsTransport}, map in.
 */
public final class UspsService {
  /** Numbers one {@code POST /tracking/v3r2/tracking} may carry. */
  public static final int MAX_TRACKING_BATCH = 35;

  private final UspsSettings settings;
  private final UspsTransport transport;
  private final JsonCodec json;
  private final UspsQuoting quoting;

  public UspsService(UspsSettings settings, CarrierContext context) {
    this(settings, QuoteSettings.DEFAULT, context);
  }

  public UspsService(UspsSettings settings, QuoteSettings quoteSettings, CarrierContext context) {
    this.settings = settings;
    this.transport = new UspsTransport(settings, context);
    this.json = transport.json();
    this.quoting = new UspsQuoting(settings, quoteSettings, transport);
  }

  /** The clock of the context this service was bound to. */
  public java.time.Clock clock() {
    return transport.clock();
  }

  /** Quotes every mail class: see {@link UspsQuoting} for which APIs answer. */
  public List<Quote> quote(QuoteRequest request) {
    return quoting.quote(request);
  }

  /**
   * Buys a label, sending the request's idempotency key as {@code X-Idempotency-Key} (as a UUID):
   * USPS returns the existing label for a repeated key and identical payload, so the call is
   * {@link RequestSafety#IDEMPOTENT_WITH_KEY}.
   */
  public Label label(LabelRequest request) {
    LabelMapper.Call c = LabelMapper.toWire(request, settings, Units.mailingDate(request.shipDate(), transport.clock()));
    String[] path = c.api() == UspsApi.DOMESTIC_LABELS ? new String[] {"label"} : new String[] {"international-label"};
    ApiCall call = ApiCall.post(c.api(), json.write(c.body()), path)
        .accept(ApiCall.LABELS_JSON)
        .safety(RequestSafety.IDEMPOTENT_WITH_KEY)
        .idempotency(request.idempotencyKey().value(), c.idempotencyUuid())
        .withPaymentToken();
    HttpResult r = transport.ok(call);
    return answer(r, call, () -> LabelMapper.fromWire(r.contentType(), r.body(), request, c.idempotencyUuid(), json));
  }

  /** Cancels (or asks a refund for) a label; S10 numbers ending {@code US} go to the international API. */
  public CancelResult cancel(String trackingNumber) {
    boolean international = S10Number.matches(trackingNumber);
    ApiCall call = international
        ? ApiCall.delete(UspsApi.INTERNATIONAL_LABELS, "international-label", trackingNumber)
        : ApiCall.delete(UspsApi.DOMESTIC_LABELS, "label", ImpbNumber.stripRouting(trackingNumber));
    HttpResult r = transport.send(call.withPaymentToken());
    if (r.status() == 400) {
      UspsErrors.Parsed p = UspsErrors.parse(r);
      var refusal = LabelMapper.cancelFromRefusal(p.message(), trackingNumber);
      if (refusal.isPresent()) return refusal.get();
    }
    if (!r.isSuccessful()) throw UspsErrors.map(r, call.api, transport.clock(), call.safety, null);
    LabelWire.CancelResponse wire = WireReader.read(json, r, LabelWire.CancelResponse.class, call.safety, null);
    return mapped("cancellation", () -> LabelMapper.cancelFromWire(wire, trackingNumber));
  }

  public Tracking track(String trackingNumber) {
    if (settings.trackingV3Detail()) return trackV3(trackingNumber);
    TrackResult r = trackMany(List.of(trackingNumber)).get(0);
    if (r.failure() != null) throw r.failure();
    return r.tracking();
  }

  /**
   * Up to {@link #MAX_TRACKING_BATCH} numbers in one v3r2 call (200 or 207 multi-status), one
   * result per number; with the v3 API configured, one GET per number.
   */
  public List<TrackResult> trackMany(List<String> numbers) {
    if (numbers.isEmpty()) return List.of();
    if (numbers.size() > MAX_TRACKING_BATCH) {
      throw new IllegalArgumentException("at most " + MAX_TRACKING_BATCH + " numbers per USPS tracking call");
    }
    if (settings.trackingV3Detail()) {
      return numbers.stream().map(n -> {
        try {
          return TrackResult.success(n, trackV3(n));
        } catch (NotFoundException e) {
          return TrackResult.failure(n, CarrierId.USPS, e);
        }
      }).toList();
    }
    ApiCall call = ApiCall.post(UspsApi.TRACKING_V3R2, json.write(TrackMapper.toWire(numbers)), "tracking")
        .safety(RequestSafety.IDEMPOTENT);
    HttpResult r = transport.ok(call);
    return answer(r, call,
        () -> mapped("tracking", () -> TrackMapper.fromBatch(r.body(), numbers, r.requestId(), json, transport.clock())));
  }

  private Tracking trackV3(String trackingNumber) {
    ApiCall call = ApiCall.get(UspsApi.TRACKING_V3, "tracking", ImpbNumber.stripRouting(trackingNumber))
        .query("expand", "DETAIL");
    HttpResult r = transport.ok(call);
    TrackWire.Detail wire = WireReader.read(json, r, TrackWire.Detail.class, call.safety, null);
    return mapped("tracking", () -> TrackMapper.fromDetail(wire, trackingNumber));
  }

  public AddressValidation validateAddress(Address address) {
    ApiCall call = ApiCall.get(UspsApi.ADDRESSES, "address");
    for (Map.Entry<String, String> e : AddressMapper.toWire(address).entrySet()) call.query(e.getKey(), e.getValue());
    HttpResult r = transport.ok(call);
    AddressWire.Response wire = WireReader.read(json, r, AddressWire.Response.class, call.safety, null);
    return mapped("address", () -> AddressMapper.fromWire(wire, address));
  }

  public Manifest manifest(ManifestRequest request) {
    ManifestMapper.Request body = ManifestMapper.toWire(request, Units.mailingDate(request.shipDate(), transport.clock()));
    ApiCall call = ApiCall.post(UspsApi.SCAN_FORMS, json.write(body), "scan-form").accept(ApiCall.LABELS_JSON).withPaymentToken();
    HttpResult r = transport.ok(call);
    return answer(r, call, () -> mapped("SCAN form", () -> ManifestMapper.fromWire(r.contentType(), r.body(), request, json)));
  }

  /**
   * Reads a 2xx answer with a parser of its own (a tree, a multipart label): an answer it cannot
   * read is classified by core's rules for the call's safety (a damaged answer to a read is
   * retryable; to a purchase, retried under its key), not left as a bare parse failure.
   */
  private <T> T answer(HttpResult r, ApiCall call, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (CarrierException e) {
      boolean underKey = call.safety == RequestSafety.IDEMPOTENT_WITH_KEY; // a replay returns the same label
      if (e.getClass() != CarrierException.class || e.retryable() || (e.outcomeUnknown() && !underKey)) throw e;
      throw json.unreadable(CarrierId.USPS, r, e.getCause() != null ? e.getCause() : e, call.safety, call.idempotencyKey);
    }
  }

  /**
   * Runs a mapping of an answer: a value the model refuses (an address that is not one, an
   * absurd number) is the carrier's fault, so it becomes a {@link CarrierException} naming the
   * refused fields, never a {@link ValidationException} that would blame the caller.
   */
  static <T> T mapped(String what, java.util.function.Supplier<T> mapping) {
    try {
      return mapping.get();
    } catch (ValidationException e) {
      throw unrepresentable(what, e);
    }
  }

  /** The failure for an answer holding values the model refuses; names the fields, never the values. */
  static CarrierException unrepresentable(String what, ValidationException e) {
    java.util.Set<String> fields = new java.util.TreeSet<>();
    for (ValidationException.Violation v : e.violations()) fields.add(v.path());
    return new CarrierException(CarrierException.details(CarrierId.USPS,
        "the carrier answered with a " + what + " Shipbridge cannot represent (" + String.join(", ", fields) + ")"));
  }
}
