package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.CustomsItem;
import dev.shipbridge.model.Dimensions;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LabelFormat;
import dev.shipbridge.model.LabelRequest;
import dev.shipbridge.model.LengthUnit;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Weight;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs every capability against the emulator and checks each request the adapter sent, and each
 * JSON answer the emulator gave, against USPS's OpenAPI specs. Skipped (with "USPS spec
 * conformance skipped") when {@code -Dshipbridge.usps.specs} is not set; every other wire test
 * also checks its own exchanges when it is.
 */
class UspsSpecConformanceTest extends EmulatorTestBase {
  static final Parcel BOX = Parcel.of(Weight.grams(850), Dimensions.of("30", "20", "10", LengthUnit.CENTIMETRE));

  @BeforeEach
  void requireSpecs() {
    SpecConformance.assumeSpecs();
  }

  @Test
  void everyRequestOfEveryCapabilityConformsToItsSpec() {
    shipbridge.quote(QuoteRequest.builder().from(WAREHOUSE).to(CUSTOMER).parcel(BOX).build());
    CustomsDeclaration customs = CustomsDeclaration.of(CustomsDeclaration.ContentType.OTHER, List.of(
        new CustomsItem("Ceramic mug", 1, Money.of("12.00", "USD"), Weight.grams(300), "691200", "CN")));
    shipbridge.quote(QuoteRequest.builder().from(WAREHOUSE).to(PARIS).parcel(BOX).customs(customs).build());
    shipbridge.quote(QuoteRequest.builder().from(SHENZHEN).to(CUSTOMER).parcel(BOX).customs(customs).build());
    try (var pricesOnly = facade(carrier().shippingOptions(false).build())) { // Prices, then Service Standards
      pricesOnly.quote(QuoteRequest.builder().from(WAREHOUSE).to(CUSTOMER).parcel(BOX).build());
      pricesOnly.quote(QuoteRequest.builder().from(WAREHOUSE).to(PARIS).parcel(BOX).customs(customs).build());
    }
    Label domestic = UspsLabelWireTest.buy(shipbridge, "conf-1");
    shipbridge.label(UspsLabelWireTest.request("conf-2").format(LabelFormat.PNG_4X6).reference("order 77").build());
    Label intl = shipbridge.label(LabelRequest.builder().carrier(CarrierId.USPS).serviceCode("PRIORITY_MAIL_INTERNATIONAL")
        .from(WAREHOUSE).to(PARIS).parcel(BOX).customs(customs).format(LabelFormat.zpl(300)).build());
    shipbridge.trackMany(List.of(domestic.trackingNumber(), intl.trackingNumber(), "9400111201080805483016"));
    shipbridge.validateAddress(CUSTOMER);
    shipbridge.manifest(new ManifestRequest(CarrierId.USPS, List.of(domestic.trackingNumber()), WAREHOUSE, null));
    shipbridge.cancel(intl.trackingNumber());

    Set<String> apis = recorder.exchanges().stream().map(e -> e.path().split("/")[1]).collect(Collectors.toSet());
    assertThat(apis).contains("oauth2", "payments", "prices", "international-prices", "labels", "international-labels",
        "tracking", "addresses", "scan-forms", "shipments", "service-standards");
    assertThat(SpecConformance.violations(recorder.exchanges())).isEmpty();
  }

  @Test
  void theV3TrackingRequestConformsToItsSpec() {
    try (var v3 = facade(carrier().trackingApi(UspsCarrier.TrackingApi.V3_DETAIL).build())) {
      v3.track(UspsLabelWireTest.buy(v3, "conf-v3").trackingNumber());
    }
    assertThat(recorder.to("/tracking/v3/")).isNotEmpty();
    assertThat(SpecConformance.violations(recorder.exchanges())).isEmpty();
  }

  @Test
  void theCheckCatchesARequestThatBreaksTheSpec() {
    byte[] bad = ("{\"originZIPCode\":\"631\",\"destinationZIPCode\":\"63118\",\"weight\":1,\"length\":1,\"width\":1,"
        + "\"height\":1,\"priceType\":\"CHEAP\"}").getBytes(StandardCharsets.UTF_8);
    WireRecorder.Exchange e = new WireRecorder.Exchange("POST", HttpUrl.get("http://127.0.0.1/prices/v3/total-rates/search"),
        Headers.of("Content-Type", "application/json", "Accept", "application/json"), bad, "application/json", -1,
        Headers.of(), new byte[0]);
    assertThat(SpecConformance.violations(e)).anySatisfy(v -> assertThat(v).contains("priceType"))
        .anySatisfy(v -> assertThat(v).contains("originZIPCode"));
  }

  @Test
  void theCheckCatchesAnOptionsSearchThatBreaksTheSpec() {
    byte[] bad = ("{\"originZIPCode\":\"63116\",\"destinationZIPCode\":\"63118\",\"mailClasses\":[\"ALL\"],"
        + "\"pricingOptions\":[],\"packageDescription\":{\"weight\":1,\"length\":1,\"width\":1,\"height\":1,"
        + "\"mailClass\":\"ALL_OUTBOUND\"}}").getBytes(StandardCharsets.UTF_8);
    WireRecorder.Exchange e = new WireRecorder.Exchange("POST", HttpUrl.get("http://127.0.0.1/shipments/v3/options/search"),
        Headers.of("Content-Type", "application/json", "Accept", "application/json"), bad, "application/json", -1,
        Headers.of(), new byte[0]);
    assertThat(SpecConformance.violations(e)).isNotEmpty();
    WireRecorder.Exchange standards = new WireRecorder.Exchange("GET",
        HttpUrl.get("http://127.0.0.1/service-standards/v3/standards?originZIPCode=63&destinationZIPCode=63118"),
        Headers.of("Accept", "application/json"), null, null, -1, Headers.of(), new byte[0]);
    assertThat(SpecConformance.violations(standards)).anySatisfy(v -> assertThat(v).contains("\"63\" is too short"));
  }

  @Test
  void theCheckCatchesAnAnswerThatBreaksTheSpec() {
    WireRecorder.Exchange e = new WireRecorder.Exchange("POST", HttpUrl.get("http://127.0.0.1/prices/v3/total-rates/search"),
        Headers.of("Content-Type", "application/json"),
        "{\"originZIPCode\":\"63116\",\"destinationZIPCode\":\"63118\",\"weight\":1,\"length\":1,\"width\":1,\"height\":1}"
            .getBytes(StandardCharsets.UTF_8), "application/json", 200, Headers.of("Content-Type", "application/json"),
        "{\"rateOptions\":\"not a list\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(SpecConformance.violations(e)).isNotEmpty();
  }

  @Test
  void theCheckCatchesPickupAndSubscriptionRequestsThatBreakTheirSpecs() {
    byte[] pickup = ("{\"pickupDate\":\"2026-03-03\",\"pickupAddress\":{\"firstName\":\"Joe\",\"lastName\":\"Doe\","
        + "\"address\":{\"streetAddress\":\"1 Main St\",\"ZIPCode\":\"63116\"},\"contact\":[{\"email\":\"j@example.com\"}]},"
        + "\"packages\":[{\"packageType\":\"PARCEL\",\"packageCount\":1}],\"estimatedWeight\":1,"
        + "\"pickupLocation\":{\"packageLocation\":\"FRONT_DOOR\"}}").getBytes(StandardCharsets.UTF_8);
    WireRecorder.Exchange p = new WireRecorder.Exchange("POST", HttpUrl.get("http://127.0.0.1/pickup/v3/carrier-pickup"),
        Headers.of("Content-Type", "application/json", "Accept", "application/json"), pickup, "application/json", -1,
        Headers.of(), new byte[0]);
    assertThat(SpecConformance.violations(p)).anySatisfy(v -> assertThat(v).contains("PARCEL"));
    byte[] sub = ("{\"listenerURL\":\"https://h.example.com/\",\"secret\":\"short\",\"adminNotification\":[],"
        + "\"filterProperties\":{\"MID\":\"12345\"}}").getBytes(StandardCharsets.UTF_8);
    WireRecorder.Exchange s = new WireRecorder.Exchange("POST",
        HttpUrl.get("http://127.0.0.1/subscriptions-tracking/v3r2/subscriptions"),
        Headers.of("Content-Type", "application/json", "Accept", "application/json"), sub, "application/json", -1,
        Headers.of(), new byte[0]);
    assertThat(SpecConformance.violations(s)).isNotEmpty();
  }
}
