package dev.shipbridge.examples;

import dev.shipbridge.CarrierException;
import dev.shipbridge.sandbox.ShipbridgeSandbox;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.http.AttemptLimits;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.http.HttpTransport;
import dev.shipbridge.http.RequestSafety;
import dev.shipbridge.http.WireErrors;
import dev.shipbridge.model.*;
import dev.shipbridge.spi.*;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * An integrator's adapter for a made-up carrier, Kestrel Post, with a {@link CarrierProvider} that
 * {@code ServiceLoader} finds (META-INF/services/dev.shipbridge.spi.CarrierProvider). It configures
 * Kestrel only when {@code KESTREL_API_KEY} is set, so it never joins an application that did not
 * ask for it. The adapter makes real HTTP calls through the facade's {@link HttpTransport} (here
 * to {@link KestrelApi}, a stand-in server on 127.0.0.1), maps Kestrel's errors with {@link
 * WireErrors} and reads its answers with {@link dev.shipbridge.http.JsonCodec}, so retries and
 * outcomes follow Shipbridge's rules; {@code KestrelConformanceTest} runs the conformance kit on it.
 * <pre>java -cp examples/target/shipbridge-examples.jar dev.shipbridge.examples.CustomCarrier</pre>
 */
public final class CustomCarrier {
  public static void main(String[] args) {
    run(System.out);
  }

  public static void run(PrintStream out) {
    out.println("Mode: embedded sandbox (USPS emulator and a Kestrel Post stand-in on 127.0.0.1), Kestrel found by ServiceLoader");
    try (ShipbridgeSandbox sandbox = Sandbox.start(); KestrelApi kestrelApi = KestrelApi.start()) {
      // Settings would come from the environment; here they are given in code, and nothing else.
      Map<String, String> env = Map.of("KESTREL_API_KEY", "demo-key", "KESTREL_BASE_URL", kestrelApi.baseUrl());
      CarrierProvider.Settings settings = name -> Optional.ofNullable(env.get(name));
      try (Shipbridge shipbridge = Shipbridge.builder().discoverCarriers(true).settings(settings)   // discovery is opt-in
          .carrier(sandbox.uspsCarrier().build()).clock(sandbox.clock()).build()) {
        out.println("Carriers: " + shipbridge.carriers() + " (usps from the builder, kestrel discovered)");
        QuoteRequest request = QuoteRequest.builder().from(Sandbox.stLouisWarehouse()).to(Sandbox.brooklynConsumer())
            .parcel(Parcel.of(Weight.pounds("2"))).build();
        CrossBorderShipment.printQuotes(shipbridge.quote(request), out);
        sandbox.clock().advance(Duration.ofHours(30));
        Tracking t = shipbridge.track("KP123456786");  // no carrier named: Kestrel's matcher claims it
        out.println("Tracking " + t.trackingNumber() + " on " + t.carrier() + ": " + t.status());
        t.events().forEach(e -> out.println("  " + e.time() + "  " + e.status() + "  " + e.description()));
      }
    }
  }

  /**
   * The adapter: quotes and tracking for Kestrel Post over its HTTP API ({@code POST /v1/rates},
   * {@code GET /v1/parcels/{number}/events}, errors as {@code {"error":{"code","message"}}}).
   */
  public static final class KestrelCarrier implements Carrier, QuoteCapability, TrackingCapability {
    static final CarrierId ID = CarrierId.of("kestrel");
    private static final MediaType JSON = MediaType.get("application/json");
    private final HttpUrl baseUrl;
    private final String apiKey;
    private final HttpTransport http;
    private final Clock clock;
    /** The limits of the attempt this view is for ({@link #forAttempt}); null when bound. */
    private final AttemptLimits limits;

    /** An unbound adapter; {@link #bind} gives it the facade's transport and clock. */
    public KestrelCarrier(String baseUrl, String apiKey) {
      this(HttpUrl.get(baseUrl), apiKey, null, Clock.systemUTC(), null);
    }

    private KestrelCarrier(HttpUrl baseUrl, String apiKey, HttpTransport http, Clock clock, AttemptLimits limits) {
      this.baseUrl = baseUrl;
      this.apiKey = apiKey;
      this.http = http;
      this.clock = clock;
      this.limits = limits;
    }

    public CarrierId id() {
      return ID;
    }

    /** "KP", eight digits and a check digit (their sum mod 10): claims no other carrier's number. */
    public TrackingNumberMatcher trackingNumbers() {
      return n -> n.matches("KP\\d{9}") && n.substring(2, 10).chars().map(c -> c - '0').sum() % 10 == n.charAt(10) - '0';
    }

    /** Connects to the facade's HTTP transport (its pool, timeouts, User-Agent, redacted logs) and clock. */
    public Carrier bind(CarrierContext context) {
      return new KestrelCarrier(baseUrl, apiKey, context.transport().withRedactedFields("X-Api-Key"), context.clock(), null);
    }

    /** Each attempt's view: its exchanges run under the attempt's timeouts and one deadline. */
    public Carrier forAttempt(AttemptLimits limits) {
      return new KestrelCarrier(baseUrl, apiKey, http, clock, limits);
    }

    public List<Quote> quote(QuoteRequest r) {
      if (r.isInternational() || !r.from().country().equals("US")) return List.of(); // not served: no quote, no failure
      Map<String, Object> body = Map.of("from_zip", r.from().postalCode(), "to_zip", r.to().postalCode(),
          "weight_lb", r.parcel().weight().in(WeightUnit.POUND));
      HttpResult answer = send(new Request.Builder().url(baseUrl.resolve("/v1/rates"))
          .post(RequestBody.create(http.json().write(body), JSON)));
      Rates rates = http.json().read(ID, answer, Rates.class, RequestSafety.IDEMPOTENT, null);
      if (rates.rates() == null) throw unreadable(answer, null);
      try { // a value the model refuses (no currency, a null rate) is a bad answer, not the caller's mistake
        return rates.rates().stream().map(rate -> Quote.builder(ID, "KESTREL_" + rate.service(),
                Money.of(rate.amount(), rate.currency())).serviceName(rate.name())
            .serviceLevel(ServiceLevel.EXPRESS).transitDays(rate.days(), rate.days()).legs(Set.of(Leg.LAST_MILE)).build()).toList();
      } catch (RuntimeException refused) {
        throw unreadable(answer, refused);
      }
    }

    public Tracking track(String number) {
      HttpUrl url = baseUrl.newBuilder().addPathSegments("v1/parcels").addPathSegment(number).addPathSegment("events").build();
      HttpResult answer = send(new Request.Builder().url(url).get());
      Events wire = http.json().read(ID, answer, Events.class, RequestSafety.IDEMPOTENT, null);
      if (wire.events() == null) throw unreadable(answer, null);
      try {
        List<TrackingEvent> events = wire.events().stream().map(e -> new TrackingEvent(
            java.time.OffsetDateTime.parse(e.at()), status(e.code()), e.code(), e.text(), null, ID)).sorted(java.util.Comparator.comparing(TrackingEvent::time)).toList();
        return Tracking.of(number, ID, events, null, null, Map.of());
      } catch (RuntimeException refused) {
        throw unreadable(answer, refused);
      }
    }

    private static TrackingStatus status(String code) {
      return switch (code == null ? "" : code) {
        case "PU" -> TrackingStatus.IN_TRANSIT;
        case "OD" -> TrackingStatus.OUT_FOR_DELIVERY;
        case "DL" -> TrackingStatus.DELIVERED;
        default -> TrackingStatus.UNKNOWN; // the raw code stays in the event
      };
    }

    /** One attempt; a non-2xx answer becomes the typed exception core's rules give its status. */
    private HttpResult send(Request.Builder request) {
      HttpResult r = http.execute(ID, request.header("X-Api-Key", apiKey).header("Accept", "application/json").build(),
          RequestSafety.IDEMPOTENT, null, limits);
      if (r.isSuccessful()) return r;
      String code = null;
      String message = null;
      try {
        var error = http.json().mapper().readTree(r.body()).path("error");
        code = error.path("code").asText(null);
        message = error.path("message").asText(null);
      } catch (java.io.IOException | RuntimeException unreadable) {
        // the status decides; the body is never quoted
      }
      throw WireErrors.forStatus(ID, r, code, message, List.of(), clock, RequestSafety.IDEMPOTENT, null);
    }

    private CarrierException unreadable(HttpResult answer, RuntimeException why) {
      return http.json().unreadable(ID, answer, why, RequestSafety.IDEMPOTENT, null);
    }

    record Rates(List<Rate> rates) {}

    record Rate(String service, String name, java.math.BigDecimal amount, String currency, int days) {}

    record Events(String number, List<Event> events) {}

    record Event(String at, String code, String text) {} // a time as text, parsed by the mapping
  }

  /** Found by {@code ServiceLoader}; configures Kestrel only when its API key is set. */
  public static final class KestrelProvider implements CarrierProvider {
    /** Kestrel's production API; a made-up host in this example. */
    static final String DEFAULT_BASE_URL = "https://api.kestrel-post.invalid";

    public CarrierId id() {
      return KestrelCarrier.ID;
    }

    public Optional<Carrier> create(Settings settings) {
      return settings.get("KESTREL_API_KEY").map(key ->
          new KestrelCarrier(settings.get("KESTREL_BASE_URL").orElse(DEFAULT_BASE_URL), key));
    }
  }
}
