package dev.shipbridge.usps;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.shipbridge.testkit.CanonicalAnswers.USPS;
import static dev.shipbridge.testkit.CanonicalAnswers.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.shipbridge.CarrierException;
import dev.shipbridge.QuoteResult;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.ShipbridgeBuilder;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.model.Address;
import dev.shipbridge.model.AddressValidation;
import dev.shipbridge.model.CancelResult;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.CustomsItem;
import dev.shipbridge.model.Dimensions;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.LengthUnit;
import dev.shipbridge.model.Manifest;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingStatus;
import dev.shipbridge.model.Weight;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.testkit.CanonicalAnswers;
import dev.shipbridge.testkit.MutableClock;
import dev.shipbridge.testkit.UspsEmulator;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One source of truth per wire format: every canonical answer the testkit's USPS emulator answers
 * from ({@code dev/shipbridge/testkit/usps/answers/*.json}) is served by a plain WireMock server and
 * read through the adapter's public path ({@link Shipbridge} with a {@link UspsCarrier}), under the
 * default resilience policy and a permissive one. A new answer file fails {@link
 * #everyCanonicalAnswerIsReadByTheAdapter()} until a scenario here reads it.
 */
class UspsCanonicalAnswersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> READ = new TreeSet<>();
  private static final String NUMBER = "9205590982952107001084";
  private static final String S10 = "LZ123456785US";
  private static final byte[] PDF = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1);

  static final Address WAREHOUSE = Address.builder().name("Shipping Desk").company("Acme Goods")
      .line("4120 Bingham Ave").city("St. Louis").region("MO").postalCode("63116").country("US")
      .phone("314-555-0100").build();
  static final Address CUSTOMER = Address.builder().name("Joe Doe").line("1100 Wyoming").line("Suite 150")
      .city("St. Louis").region("MO").postalCode("63118").country("US").build();
  static final Address PARIS = Address.builder().name("Charlie Collins").line("118 Avenue De France").city("Paris")
      .postalCode("75013").country("FR").phone("+33153235555").build();
  static final Parcel BOX = Parcel.of(Weight.grams(850), Dimensions.of("30", "20", "10", LengthUnit.CENTIMETRE));

  private final MutableClock clock = MutableClock.startingAt(UspsEmulator.DEFAULT_INSTANT);
  private WireMockServer server;
  private Shipbridge shipbridge;
  private boolean shippingOptions;

  private Shipbridge start(String policy) {
    server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    stub(post(urlPathEqualTo("/oauth2/v3/token")), 200, answer("oauth-token", "accessToken",
        "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl", "issuedAt", clock.millis(), "expiresIn", 28_799,
        "scope", "addresses international-prices prices tracking labels scan-forms payments", "clientId", "test-client"));
    stub(post(urlPathEqualTo("/payments/v3/payment-authorization")), 200, answer("payment-authorization",
        "token", "eyJhbGciOiJSUzI1NiJ9.eyJjcmlkIjoiNTY5ODI1NjMifQ.c2ln", "roles", List.of(
            Map.of("roleName", "PAYER", "CRID", "56982563", "accountType", "EPS", "accountNumber", "1000405525"),
            Map.of("roleName", "LABEL_OWNER", "CRID", "56982563", "MID", "904128936", "manifestMID", "904128937"))));
    UspsCarrier carrier = UspsCarrier.builder().baseUrl(server.baseUrl()).clientId("test-client")
        .clientSecret("test-secret").shippingOptions(shippingOptions)
        .paymentAccount(UspsCarrier.PaymentAccount.eps("56982563", "904128936", "904128937", "1000405525")).build();
    ShipbridgeBuilder b = Shipbridge.builder().discoverCarriers(false).carrier(carrier).clock(clock).sleeper(d -> { });
    if (policy.equals("permissive")) {
      b.resilience(ResiliencePolicy.custom().carrier(CarrierId.USPS,
          s -> s.maxAttempts(1).unlimited().maxConcurrentCalls(200)).build());
    }
    shipbridge = b.build();
    READ.add("oauth-token");
    return shipbridge;
  }

  @AfterEach
  void stop() {
    if (shipbridge != null) shipbridge.close();
    if (server != null) server.stop();
    shipbridge = null;
    server = null;
    shippingOptions = false;
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "permissive"})
  void theCanonicalAddressAnswerStandardisesTheAddress(String policy) {
    start(policy);
    stub(get(urlPathEqualTo("/addresses/v3/address")), 200, answer("address", "firm", null,
        "streetAddress", "1100 WYOMING ST", "secondaryAddress", "STE 150", "city", "SAINT LOUIS", "state", "MO",
        "ZIPCode", "63118", "ZIPPlus4", "2615", "urbanization", null, "deliveryPoint", "50", "carrierRoute", "C012",
        "DPVConfirmation", "Y", "business", "N", "centralDeliveryPoint", "N", "corrections", List.of(),
        "matches", List.of(Map.of("code", "31", "text", "Single Response - exact match"))));
    AddressValidation v = shipbridge.validateAddress(CarrierId.USPS, CUSTOMER);
    assertThat(v.deliverable()).isTrue();
    assertThat(v.standardized().postalCode()).startsWith("63118");
    READ.add("address");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "permissive"})
  void theCanonicalDomesticRateOptionIsAQuote(String policy) {
    start(policy);
    Map<String, Object> option = tree("domestic-rate-option", "price", new BigDecimal("9.45"),
        "SKU", "DUXP0XXXXC02010", "description", "USPS Ground Advantage Machinable Single-piece",
        "priceType", "COMMERCIAL", "weight", new BigDecimal("1.88"), "dimWeight", new BigDecimal("1"),
        "mailClass", "USPS_GROUND_ADVANTAGE", "zone", "02", "productName", "USPS Ground Advantage",
        "extraServices", List.of(), "totalPrice", null);
    stub(post(urlPathEqualTo("/prices/v3/total-rates/search")), 200, write(Map.of("rateOptions", List.of(option))));
    QuoteResult result = shipbridge.quote(QuoteRequest.builder().from(WAREHOUSE).to(CUSTOMER).parcel(BOX).build());
    assertThat(result.failures()).isEmpty();
    assertThat(result.quotes()).singleElement().satisfies(q -> {
      assertThat(q.carrier()).isEqualTo(CarrierId.USPS);
      assertThat(q.total()).isEqualTo(Money.of("9.45", "USD"));
    });
    READ.add("domestic-rate-option");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "permissive"})
  void theCanonicalShipmentOptionsAnswerIsAQuoteWithItsCommitment(String policy) {
    shippingOptions = true;
    start(policy);
    Map<String, Object> option = new LinkedHashMap<>();
    option.put("commitment", Map.of("name", "2 Days", "scheduleDeliveryDate", "2026-03-04",
        "expectedDeliveryDate", "2026-03-04", "guaranteedDelivery", false, "isPriorityMailNextDay", false));
    option.putAll(tree("domestic-rate-option", "price", new BigDecimal("7.25"), "SKU", "DUXP0XXXXC01020",
        "description", "USPS Ground Advantage Machinable Single-piece", "priceType", "COMMERCIAL",
        "weight", new BigDecimal("2.0"), "dimWeight", null, "mailClass", "USPS_GROUND_ADVANTAGE", "zone", "01",
        "productName", "USPS Ground Advantage", "extraServices", List.of(), "totalPrice", null));
    stub(post(urlPathEqualTo("/shipments/v3/options/search")), 200, answer("options-search",
        "originZIPCode", "63116", "destinationZIPCode", "63118", "foreignPostalCode", null,
        "destinationCountryCode", null, "priceType", "COMMERCIAL", "paymentAccount", null, "shippingOptions",
        List.of(Map.of("mailClass", "USPS_GROUND_ADVANTAGE", "rateOptions", List.of(option)))));
    QuoteResult result = shipbridge.quote(QuoteRequest.builder().from(WAREHOUSE).to(CUSTOMER).parcel(BOX).build());
    assertThat(result.failures()).isEmpty();
    assertThat(result.quotes()).singleElement().satisfies(q -> {
      assertThat(q.total()).isEqualTo(Money.of("7.25", "USD"));
      assertThat(q.deliveryDate()).hasToString("2026-03-04");
    });
    READ.add("options-search");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "permissive"})
  void theCanonicalInternationalRateOptionIsAQuote(String policy) {
    start(policy);
    Map<String, Object> option = tree("international-rate-option", "price", new BigDecimal("68.20"),
        "SKU", "IPXX0XXXXC0101", "description", "Priority Mail International", "priceType", "COMMERCIAL",
        "weight", new BigDecimal("1.88"), "dimWeight", null, "mailClass", "PRIORITY_MAIL_INTERNATIONAL",
        "priceGroup", "05", "productName", "Priority Mail International", "dutiesTaxesFeesQuote", null,
        "extraServices", List.of(), "totalPrice", null);
    stub(post(urlPathEqualTo("/international-prices/v3/total-rates/search")), 200,
        write(Map.of("rateOptions", List.of(option))));
    CustomsDeclaration customs = CustomsDeclaration.of(CustomsDeclaration.ContentType.GIFT, List.of(
        new CustomsItem("Cotton T-shirt", 2, Money.of("9.50", "USD"), Weight.grams(400), "610910", "US")));
    QuoteResult result = shipbridge.quote(QuoteRequest.builder().from(WAREHOUSE).to(PARIS).parcel(BOX)
        .customs(customs).build());
    assertThat(result.failures()).isEmpty();
    assertThat(result.quotes()).singleElement().satisfies(q -> {
      assertThat(q.serviceCode()).startsWith("PRIORITY_MAIL_INTERNATIONAL");
      assertThat(q.total()).isEqualTo(Money.of("68.20", "USD"));
    });
    READ.add("international-rate-option");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "permissive"})
  void theCanonicalDomesticLabelAnswerIsALabel(String policy) {
    start(policy);
    Map<String, Object> meta = tree("domestic-label", "labelAddress", Map.of("firstName", "JOE", "lastName", "DOE",
            "streetAddress", "1100 WYOMING ST", "city", "SAINT LOUIS", "state", "MO", "ZIPCode", "63118"),
        "toZIPCode", "63118", "trackingNumber", NUMBER, "SKU", "DUXP0XXXXC02010", "postage", new BigDecimal("9.45"),
        "extraServices", List.of(), "zone", "02", "commitmentName", "2 Days", "scheduleDeliveryDate", "2026-03-04",
        "weight", new BigDecimal("1.88"), "dimensionalWeight", null, "fees", List.of(), "serviceTypeCode", "001",
        "mailingDate", "2026-03-02T22:00:00-06:00", "labelBrokerID", null);
    stubLabel("/labels/v3/label", meta, "labelMetadata", "labelImage");
    Label label = shipbridge.label(LabelRequest.builder().carrier(CarrierId.USPS)
        .serviceCode("USPS_GROUND_ADVANTAGE:SP:MACHINABLE").from(WAREHOUSE).to(CUSTOMER).parcel(BOX).build());
    assertThat(label.trackingNumber()).isEqualTo(NUMBER);
    assertThat(label.content()).isEqualTo(PDF);
    READ.add("payment-authorization");
    READ.add("domestic-label");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "permissive"})
  void theCanonicalInternationalLabelAnswerIsALabel(String policy) {
    start(policy);
    Map<String, Object> meta = tree("international-label", "labelAddress", Map.of("firstName", "CHARLIE",
            "lastName", "COLLINS", "streetAddress", "118 AVENUE DE FRANCE", "city", "PARIS", "postalCode", "75013",
            "countryISOAlpha2Code", "FR"),
        "internationalTrackingNumber", S10, "SKU", "IPXX0XXXXC0101", "postage", new BigDecimal("68.20"),
        "extraServices", List.of(), "internationalPriceGroup", "05", "weight", new BigDecimal("1.88"),
        "mailingDate", "2026-03-02", "labelBrokerID", null);
    stubLabel("/international-labels/v3/international-label", meta, "labelMetadata",
        "labelImage");
    CustomsDeclaration customs = CustomsDeclaration.of(CustomsDeclaration.ContentType.GIFT, List.of(
        new CustomsItem("Cotton T-shirt", 2, Money.of("9.50", "USD"), Weight.grams(400), "610910", "US")));
    Label label = shipbridge.label(LabelRequest.builder().carrier(CarrierId.USPS)
        .serviceCode("PRIORITY_MAIL_INTERNATIONAL").from(WAREHOUSE).to(PARIS).parcel(BOX).customs(customs).build());
    assertThat(label.trackingNumber()).isEqualTo(S10);
    READ.add("international-label");
  }

  @ParameterizedTest
  @ValueSource(strings = {"CANCELED", "DISPUTED"})
  void theCanonicalCancelAnswerIsACancelResult(String status) {
    start("default");
    stub(delete(urlPathMatching("/labels/v3/label/.*")), 200, answer("cancel", "trackingNumber", NUMBER,
        "status", status, "disputeId", status.equals("DISPUTED") ? "103790" : null));
    CancelResult result = shipbridge.cancel(CarrierId.USPS, NUMBER);
    assertThat(result.trackingNumber()).isEqualTo(NUMBER);
    assertThat(result.status()).isEqualTo(status.equals("CANCELED") ? CancelResult.Status.CANCELED
        : CancelResult.Status.PENDING);
    READ.add("cancel");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "permissive"})
  void theCanonicalScanFormAnswerIsAManifest(String policy) {
    start(policy);
    Map<String, Object> meta = tree("scan-form", "imageType", "PDF", "labelType", "8.5X11LABEL",
        "mailingDate", "2026-03-02", "overwriteMailingDate", false, "entryFacilityZIPCode", "63116",
        "destinationEntryFacilityType", "NONE", "shipment", Map.of("trackingNumbers", List.of(NUMBER)),
        "fromAddress", Map.of("firm", "ACME GOODS", "streetAddress", "4120 BINGHAM AVE", "city", "SAINT LOUIS",
            "state", "MO", "ZIPCode", "63116"),
        "manifestNumber", "9475709899581000000011", "trackingNumbers", List.of(NUMBER));
    stubLabel("/scan-forms/v3/scan-form", meta, "SCANFormMetaData", "SCANFormImage");
    Manifest m = shipbridge.manifest(new ManifestRequest(CarrierId.USPS, List.of(NUMBER), WAREHOUSE, null));
    assertThat(m.manifestId()).isEqualTo("9475709899581000000011");
    assertThat(m.trackingNumbers()).containsExactly(NUMBER);
    READ.add("scan-form");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "permissive"})
  void theCanonicalTrackingAnswerIsATrackingWithItsEvents(String policy) {
    start(policy);
    List<Object> events = List.of(
        tree("tracking-event-v3r2", "eventType", "DELIVERED, IN/AT MAILBOX", "eventTimestamp", "2026-03-04T14:12:00",
            "GMTTimestamp", "2026-03-04T19:12:00Z", "GMTOffset", "-05:00", "eventCountry", null,
            "eventCity", "WASHINGTON", "eventState", "DC", "eventZIPCode", "20500", "eventCode", "01"),
        tree("tracking-event-v3r2", "eventType", "USPS in possession of item", "eventTimestamp", "2026-03-02T22:00:00",
            "GMTTimestamp", "2026-03-03T04:00:00Z", "GMTOffset", "-06:00", "eventCountry", null,
            "eventCity", "SAINT LOUIS", "eventState", "MO", "eventZIPCode", "63116", "eventCode", "03"));
    Map<String, Object> detail = tree("tracking-v3r2", "trackingNumber", NUMBER, "destinationCity", "WASHINGTON",
        "destinationCountry", "US", "destinationState", "DC", "destinationZIPCode", "20500",
        "mailClass", "Priority Mail<SUP>&#174;</SUP>", "mailingDate", "2026-03-02", "mailType", "DOMESTIC_MAIL",
        "originCity", "SAINT LOUIS", "originState", "MO", "originZIPCode", "63116", "serviceTypeCode", "001",
        "status", "Delivered, In/At Mailbox", "statusCategory", "Delivered",
        "statusSummary", "Your item was delivered in or at the mailbox.", "uniqueTrackingID", "5551212699300000000",
        "deliveryDateExpectation", null, "proofOfDeliveryEnabled", true, "trackingEvents", events);
    stub(post(urlPathEqualTo("/tracking/v3r2/tracking")), 200, write(List.of(detail)));
    Tracking t = shipbridge.track(CarrierId.USPS, NUMBER);
    assertThat(t.trackingNumber()).isEqualTo(NUMBER);
    assertThat(t.status()).isEqualTo(TrackingStatus.DELIVERED);
    assertThat(t.events()).hasSize(2);
    READ.add("tracking-v3r2");
    READ.add("tracking-event-v3r2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "permissive"})
  void theCanonicalErrorEnvelopeIsATypedCarrierError(String policy) {
    start(policy);
    stub(get(urlPathEqualTo("/addresses/v3/address")), 404, answer("error", "apiVersion", "/addresses/v3",
        "code", "404", "message", "Address Not Found.", "errors", List.of(Map.of("status", "404", "code", "010005",
            "title", "Address Not Found", "detail", "There is no match for the address requested.",
            "source", Map.of("parameter", "streetAddress")))));
    assertThatThrownBy(() -> shipbridge.validateAddress(CarrierId.USPS, CUSTOMER))
        .isInstanceOf(NotFoundException.class)
        .satisfies(e -> assertThat(((CarrierException) e).carrierCode()).contains("010005"));
    READ.add("error");
  }

  @Test
  void everyCanonicalAnswerIsReadByTheAdapter() {
    List<Runnable> scenarios = List.of(
        () -> theCanonicalAddressAnswerStandardisesTheAddress("default"),
        () -> theCanonicalDomesticRateOptionIsAQuote("default"),
        () -> theCanonicalInternationalRateOptionIsAQuote("default"),
        () -> theCanonicalShipmentOptionsAnswerIsAQuoteWithItsCommitment("default"),
        () -> theCanonicalDomesticLabelAnswerIsALabel("default"),
        () -> theCanonicalInternationalLabelAnswerIsALabel("default"),
        () -> theCanonicalCancelAnswerIsACancelResult("DISPUTED"),
        () -> theCanonicalScanFormAnswerIsAManifest("default"),
        () -> theCanonicalTrackingAnswerIsATrackingWithItsEvents("default"),
        () -> theCanonicalErrorEnvelopeIsATypedCarrierError("default"));
    for (Runnable scenario : scenarios) {
      try {
        scenario.run();
      } finally {
        stop();
      }
    }
    assertThat(READ).containsExactlyInAnyOrderElementsOf(CanonicalAnswers.names(USPS));
  }

  // ---------------------------------------------------------------- helpers

  private static Map<String, Object> tree(String name, Object... namesAndValues) {
    return CanonicalAnswers.tree(USPS, name, values(namesAndValues));
  }

  private static String answer(String name, Object... namesAndValues) {
    return CanonicalAnswers.json(USPS, name, values(namesAndValues));
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void stub(MappingBuilder request, int status, String body) {
    server.stubFor(request.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody(body)));
  }

  /**
   * Answers a label or SCAN form in the form asked for: USPS's vendor JSON (the metadata flat, the
   * image as base64 beside it) or multipart/form-data (metadata part, then the image part).
   */
  private void stubLabel(String path, Map<String, Object> meta,
      String metaPart, String imagePart) {
    Map<String, Object> flat = new LinkedHashMap<>(meta);
    flat.put(imagePart, Base64.getEncoder().encodeToString(PDF));
    String boundary = "canonical-answer-boundary";
    List<String> parts = new ArrayList<>();
    parts.add("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + metaPart
        + "\"\r\nContent-Type: application/json\r\n\r\n" + write(meta) + "\r\n");
    parts.add("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + imagePart + "\"; filename=\""
        + imagePart + ".pdf\"\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + Base64.getEncoder().encodeToString(PDF) + "\r\n");
    String multipart = String.join("", parts) + "--" + boundary + "--\r\n";
    server.stubFor(post(urlPathEqualTo(path)).withHeader("Accept", containing("vnd.usps.labels+json"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/vnd.usps.labels+json")
            .withBody(write(flat))));
    server.stubFor(post(urlPathEqualTo(path)).withHeader("Accept", notContaining("vnd.usps.labels+json"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type",
            "multipart/form-data; boundary=" + boundary).withBody(multipart)));
  }
}
