package dev.shipbridge.benchmarks;

import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.CustomsItem;
import dev.shipbridge.model.Dimensions;
import dev.shipbridge.model.IdempotencyKey;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.LengthUnit;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Weight;
import dev.shipbridge.resilience.RateLimit;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import dev.shipbridge.usps.UspsCarrier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.OkHttpClient;

/** Request data shared by the benchmarks, and wire fixtures recorded from the USPS emulator. */
final class Fixtures {
  private Fixtures() {}

  static final Address WAREHOUSE = Address.builder().name("Shipping Desk").company("Acme Goods")
      .line("4120 Bingham Ave").city("St. Louis").region("MO").postalCode("63116").country("US")
      .phone("314-555-0100").build();
  static final Address CUSTOMER = Address.builder().name("Joe Doe").line("1100 Wyoming").line("Suite 150")
      .city("St. Louis").region("MO").postalCode("63118").country("US").build();
  static final Address SHENZHEN = Address.builder().name("Li Wei").line("1 Keji Road").city("Shenzhen")
      .region("Guangdong").postalCode("518057").country("CN").phone("+86 13800000000").build();
  static final Address BROOKLYN = Address.builder().name("Ada Lovelace").line("123 Main St").city("Brooklyn")
      .region("NY").postalCode("11201").country("US").phone("+1 555 123 4567").email("ada@example.com").build();
  static final Parcel BOX = Parcel.of(Weight.grams(850), Dimensions.of("30", "20", "10", LengthUnit.CENTIMETRE));
  static final CustomsDeclaration CUSTOMS = CustomsDeclaration.of(CustomsDeclaration.ContentType.MERCHANDISE, List.of(
      new CustomsItem("Phone case", 2, Money.of("9.99", "USD"), Weight.grams(300), "392690", "CN")));

  /** A domestic USPS quote (St. Louis to St. Louis). */
  static final QuoteRequest DOMESTIC_QUOTE = QuoteRequest.builder().from(WAREHOUSE).to(CUSTOMER).parcel(BOX).build();
  /** China to the US: Cainiao end to end, USPS for the last mile from the induction ZIP. */
  static final QuoteRequest CROSS_BORDER_QUOTE = QuoteRequest.builder().from(SHENZHEN).to(BROOKLYN)
      .parcel(Parcel.of(Weight.of("0.35", dev.shipbridge.model.WeightUnit.KILOGRAM),
          Dimensions.of("20", "15", "4.2", LengthUnit.CENTIMETRE)))
      .customs(CUSTOMS).build();

  static LabelRequest labelRequest(String key) {
    return LabelRequest.builder().carrier(CarrierId.USPS).serviceCode("USPS_GROUND_ADVANTAGE:SP:MACHINABLE")
        .from(WAREHOUSE).to(CUSTOMER).parcel(BOX).idempotencyKey(IdempotencyKey.of(key)).build();
  }

  static UspsCarrier.Builder usps(String baseUrl, String clientId, String clientSecret) {
    return UspsCarrier.builder().baseUrl(baseUrl).clientId(clientId).clientSecret(clientSecret)
        .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525"))
        .inductionZip("11430")
        // the Prices call the raw client makes too, so SDK and raw compare one and the same exchange
        .shippingOptions(false).serviceStandardsCache(java.time.Duration.ZERO);
  }

  /**
   * USPS without its 60-an-hour default quota but with the limiter still in the path (a limit no
   * benchmark reaches), 1 attempt, room for many concurrent calls.
   */
  static ResiliencePolicy benchmarkPolicy() {
    return ResiliencePolicy.custom()
        .all(s -> s.maxAttempts(1).rateLimit(RateLimit.perSecond(1_000_000_000)).maxConcurrentCalls(500))
        .build();
  }

  /** One recorded exchange: what the SDK sent and what the emulator answered. */
  record Exchange(String method, String path, String url, Map<String, String> requestHeaders, byte[] requestBody,
      int status, String contentType, byte[] responseBody) {}

  /** What the SDK sends and receives for a token, a quote, a label and a tracked parcel, recorded once. */
  record Recording(Map<String, Exchange> byPath, String trackingNumber) {
    Exchange get(String pathPrefix) {
      for (var e : byPath.entrySet()) if (e.getKey().startsWith(pathPrefix)) return e.getValue();
      throw new IllegalStateException("nothing recorded for " + pathPrefix + "; have " + byPath.keySet());
    }
  }

  /**
   * Runs a domestic quote, a label purchase and a tracking call (the parcel 30 hours in transit, so
   * its record has several events) against the USPS emulator and keeps the last exchange per path.
   */
  static Recording record() {
    MutableClock clock = MutableClock.startingAt(UspsEmulator.DEFAULT_INSTANT);
    Map<String, Exchange> byPath = new ConcurrentHashMap<>();
    try (UspsEmulator emulator = UspsEmulator.start(clock)) {
      OkHttpClient client = new OkHttpClient.Builder().addInterceptor(chain -> {
        var request = chain.request();
        okio.Buffer sent = new okio.Buffer();
        if (request.body() != null) request.body().writeTo(sent);
        var response = chain.proceed(request);
        byte[] body = response.peekBody(Long.MAX_VALUE).bytes();
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (var h : request.headers()) headers.put(h.getFirst(), h.getSecond());
        if (request.body() != null && request.body().contentType() != null) {
          headers.put("Content-Type", request.body().contentType().toString());
        }
        byPath.put(request.url().encodedPath(), new Exchange(request.method(), request.url().encodedPath(),
            request.url().toString(), headers, sent.readByteArray(), response.code(), response.header("Content-Type"), body));
        return response;
      }).build();
      try (Shipbridge sb = Shipbridge.builder().discoverCarriers(false).clock(clock).sleeper(d -> { })
          .httpClient(client).resilience(benchmarkPolicy())
          .carrier(usps(emulator.baseUrl(), emulator.clientId(), emulator.clientSecret()).build()).build()) {
        sb.quote(DOMESTIC_QUOTE);
        Label label = sb.label(labelRequest("bench-recording"));
        clock.advance(Duration.ofHours(30));
        sb.track(label.trackingNumber());
        return new Recording(Map.copyOf(byPath), label.trackingNumber());
      }
    }
  }

  public static void main(String[] args) {
    Recording r = record();
    System.out.println("tracking number " + r.trackingNumber());
    for (Exchange e : r.byPath().values()) {
      System.out.println("== " + e.method() + " " + e.url() + " " + e.requestHeaders() + " req " + e.requestBody().length
          + " B -> " + e.status() + " " + e.contentType() + " " + e.responseBody().length + " B");
      System.out.println("   > " + new String(e.requestBody()));
      String resp = new String(e.responseBody());
      System.out.println("   < " + (resp.length() > 1500 ? resp.substring(0, 1500) + "..." : resp));
    }
  }
}
