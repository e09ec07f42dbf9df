package dev.shipbridge.usps;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.testkit.Malformations;
import dev.shipbridge.testkit.UspsEmulator;
import dev.shipbridge.testkit.conformance.CarrierConformanceKit;
import dev.shipbridge.testkit.conformance.Operation;
import dev.shipbridge.usps.internal.Fixtures;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The real {@link UspsCarrier} through the facade, on the testkit's emulator, under the default policy (USPS's 60 an hour). */
class UspsConformanceTest extends CarrierConformanceKit {
  static UspsEmulator usps;
  static final String INBOUND = "9200190132607600833457";
  private static final AtomicInteger KEYS = new AtomicInteger();

  @BeforeAll
  static void startEmulator() {
    usps = UspsEmulator.start();
    usps.expectInboundParcel(INBOUND, UspsEmulator.DEFAULT_INSTANT);
  }

  @AfterAll
  static void stopEmulator() {
    usps.close();
  }

  @Override
  protected String upstream() {
    return usps.baseUrl();
  }

  /** A merchant who authorized the platform: the platform's client id, the merchant's own tokens (one quota). */
  @Override
  protected Carrier accountCarrier(String baseUrl, int n) {
    String merchant = "kit-merchant-" + n;
    String[] scopes = {"prices", "international-prices", "addresses", "tracking", "labels", "payments", "scan-forms"};
    String code = usps.authorizeMerchant(merchant, "https://platform.example/usps/callback", scopes);
    return UspsCarrier.builder().baseUrl(baseUrl).clientId(usps.clientId()).clientSecret(usps.clientSecret())
        .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525"))
        .inductionZip("11430").shippingOptions(false)
        .authorization(UspsAuthorization.merchant(merchant, scopes)
            .withAuthorizationCode(code, "https://platform.example/usps/callback")).build();
  }

  @Override
  protected Carrier carrier(String baseUrl) {
    return UspsCarrier.builder().baseUrl(baseUrl).clientId(usps.clientId()).clientSecret(usps.clientSecret())
        .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525"))
        .inductionZip("11430")
        // the kit breaks one endpoint per operation: quotes through the Prices APIs, whose faults surface
        // (Shipping Options falls back to Prices on 403/404 by design, see UspsShippingOptionsWireTest)
        .shippingOptions(false).build();
  }

  @Override
  protected List<String> secrets() {
    return List.of(usps.clientSecret());
  }

  @Override
  protected List<String> ownTrackingNumbers() {
    return List.of("9400111201080805483016", "9200190132607600833457");
  }

  @Override
  protected dev.shipbridge.spi.CarrierProvider provider() {
    return new dev.shipbridge.usps.internal.UspsCarrierProvider();
  }

  @Override
  protected List<Operation> operations() {
    String key = "conformance-" + KEYS.incrementAndGet();
    return List.of(
        Operation.read("quote", () -> post(urlPathEqualTo("/prices/v3/total-rates/search")),
            sb -> sb.quote(QuoteRequest.builder().from(EmulatorTestBase.WAREHOUSE).to(EmulatorTestBase.CUSTOMER)
                .parcel(UspsLabelWireTest.BOX).build()))
            .malformations(json(Fixtures.text("quote/domestic-total-rates.response.json"))),
        Operation.read("track", () -> post(urlPathEqualTo("/tracking/v3r2/tracking")),
            sb -> sb.track(INBOUND))
            .malformations(json(trackAnswer("03", "USPS in possession of item")))
            // the answer template: one event of a kind USPS never published (its code and its text)
            .eventCodes(code -> okJson(trackAnswer(code, code)))
            // one batch of two: USPS answers 200 for the first and a per-number 404 for the second
            .perNumberFailure(List.of(FIXTURE_NUMBER, "9400111201080805483016"), "9400111201080805483016",
                server -> server.stubFor(post(urlPathEqualTo("/tracking/v3r2/tracking")).atPriority(2)
                    .willReturn(okJson(Fixtures.text("track/v3r2-multistatus.response.json"))))),
        Operation.read("address", () -> get(urlPathEqualTo("/addresses/v3/address")),
            sb -> sb.validateAddress(EmulatorTestBase.CUSTOMER))
            .malformations(json(Fixtures.text("address/address.response.json"))),
        Operation.purchase("label", () -> post(urlPathEqualTo("/labels/v3/label")),
            sb -> UspsLabelWireTest.buy(sb, key), key)
            // check(): USPS takes a mailing date up to 7 days ahead, so this one is refused before any call
            .refusing(sb -> sb.label(UspsLabelWireTest.request(key + "-late").shipDate(java.time.LocalDate.of(2099, 1, 4)).build()))
            .malformations(new Malformations.Valid("application/vnd.usps.labels+json", "{\"labelMetadata\":"
                + UspsMalformedResponseTest.multipartJson(Fixtures.text("label/domestic.response.multipart.txt"))
                + ",\"labelImage\":\"" + UspsMalformedResponseTest.PDF_B64 + "\"}", "labelImage", "labelMetadata", "labelMetadata",
                "labelImage")));
  }

  /** The number of the tracking fixture (tracked with a 200), next to a per-number 404. */
  static final String FIXTURE_NUMBER = "9205590109769900012613";

  static Malformations.Valid json(String body) {
    return new Malformations.Valid("application/json", body, null, null, null, null);
  }

  /** A v3r2 answer for {@link #INBOUND} whose older event has {@code code} and {@code text}. */
  static String trackAnswer(String code, String text) {
    return Fixtures.text("track/v3r2-multistatus.response.json").replace(FIXTURE_NUMBER, INBOUND)
        .replace("\"eventCode\": \"03\"", "\"eventCode\": \"" + code + "\"")
        .replace("\"eventType\": \"USPS in possession of item\"", "\"eventType\": \"" + text + "\"");
  }
}
