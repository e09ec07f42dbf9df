package dev.shipbridge.usps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.NotFoundException;
import dev.shipbridge.QuoteResult;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.TrackResult;
import dev.shipbridge.ValidationException;
import dev.shipbridge.model.AddressValidation;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.CustomsDeclaration;
import dev.shipbridge.model.CustomsItem;
import dev.shipbridge.model.Dimensions;
import dev.shipbridge.model.Label;
import dev.shipbridge.model.LengthUnit;
import dev.shipbridge.model.Leg;
import dev.shipbridge.model.Manifest;
import dev.shipbridge.model.ManifestRequest;
import dev.shipbridge.model.Money;
import dev.shipbridge.model.Parcel;
import dev.shipbridge.model.Quote;
import dev.shipbridge.model.QuoteRequest;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingStatus;
import dev.shipbridge.model.Weight;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UspsQuoteTrackWireTest extends EmulatorTestBase {
  static final Parcel BOX = Parcel.of(Weight.grams(850), Dimensions.of("30", "20", "10", LengthUnit.CENTIMETRE));
  static final CustomsDeclaration CUSTOMS = CustomsDeclaration.of(CustomsDeclaration.ContentType.MERCHANDISE, List.of(
      new CustomsItem("Cotton T-shirt", 2, Money.of("9.50", "USD"), Weight.grams(400), "610910", "CN")));

  @Test
  void quotesDomesticParcelsFromTheTotalRatesSearch() {
    shipbridge.close();
    shipbridge = facade(carrier().shippingOptions(false).build());
    QuoteResult result = shipbridge.quote(QuoteRequest.builder().from(WAREHOUSE).to(CUSTOMER).parcel(BOX).build());
    assertThat(result.failures()).isEmpty();
    assertThat(result.quotes()).isNotEmpty().allSatisfy(q -> {
      assertThat(q.carrier()).isEqualTo(CarrierId.USPS);
      assertThat(q.legs()).containsExactly(Leg.LAST_MILE);
      assertThat(q.details()).containsKey("zone");
    });
    assertThat(usps.requestCount("POST", "/prices/v3/total-rates/search")).isEqualTo(1);
    assertThat(recorder.to("/prices/v3").get(0).requestText()).contains("\"originZIPCode\":\"63116\"");
  }

  @Test
  void quotesTheLastMileOfAParcelFromChinaFromTheInductionZip() {
    QuoteResult result = shipbridge.quote(QuoteRequest.builder().from(SHENZHEN).to(CUSTOMER).parcel(BOX)
        .customs(CUSTOMS).build());
    assertThat(result.quotes()).isNotEmpty().allSatisfy(q -> assertThat(q.details()).containsEntry("inductionZIPCode", "11430"));
    assertThat(recorder.to("/shipments/v3").get(0).requestText()).contains("\"originZIPCode\":\"11430\"");
  }

  @Test
  void withoutAnInductionZipAParcelFromChinaIsAFailureNotAnException() {
    try (Shipbridge noInduction = facade(UspsCarrier.builder().baseUrl(usps.baseUrl()).clientId(usps.clientId())
        .clientSecret(usps.clientSecret()).build())) {
      QuoteResult result = noInduction.quote(QuoteRequest.builder().from(SHENZHEN).to(CUSTOMER).parcel(BOX)
          .customs(CUSTOMS).build());
      assertThat(result.quotes()).isEmpty();
      assertThat(result.failures()).singleElement().satisfies(f -> assertThat(f.error()).isInstanceOf(ValidationException.class));
    }
    assertThat(usps.requestCount("*", "/prices/v3")).isZero();
    assertThat(usps.requestCount("*", "/shipments/v3")).isZero();
  }

  @Test
  void quotesInternationalParcelsFromTheInternationalPricesApi() {
    shipbridge.close();
    shipbridge = facade(carrier().shippingOptions(false).build());
    QuoteResult result = shipbridge.quote(QuoteRequest.builder().from(WAREHOUSE).to(PARIS).parcel(BOX).customs(CUSTOMS).build());
    assertThat(result.quotes()).isNotEmpty().extracting(Quote::serviceCode)
        .allSatisfy(code -> assertThat(code).contains("INTERNATIONAL"));
    assertThat(usps.requestCount("POST", "/international-prices/v3/total-rates/search")).isEqualTo(1);
  }

  @Test
  void tracks35NumbersInOneCallAndReportsUnknownOnesPerNumber() {
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < 34; i++) numbers.add(UspsLabelWireTest.buy(shipbridge, "batch-" + i).trackingNumber());
    numbers.add("9400111201080805483016"); // valid check digit, unknown to USPS
    recorder.clear();
    List<TrackResult> results = shipbridge.trackMany(numbers);
    assertThat(usps.requestCount("POST", "/tracking/v3r2/tracking")).isEqualTo(1);
    assertThat(results).hasSize(35);
    assertThat(results.subList(0, 34)).allSatisfy(r -> assertThat(r.isSuccess()).isTrue());
    assertThat(results.get(34).failure()).isInstanceOf(NotFoundException.class);
    assertThat(((NotFoundException) results.get(34).failure()).retryable()).isFalse();
  }

  @Test
  void thirtySixNumbersTakeTwoCalls() {
    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < 36; i++) numbers.add(UspsLabelWireTest.buy(shipbridge, "b36-" + i).trackingNumber());
    assertThat(shipbridge.trackMany(numbers)).allSatisfy(r -> assertThat(r.isSuccess()).isTrue());
    assertThat(usps.requestCount("POST", "/tracking/v3r2/tracking")).isEqualTo(2);
  }

  @Test
  void followsAnInboundParcelFromTheGatewayToDeliveryWithoutSleeping() {
    String impb = "9200190132607600833457";
    usps.expectInboundParcel(impb, clock.instant());
    assertThat(shipbridge.track("4201002334249200190132607600833457").status()).isNotEqualTo(TrackingStatus.DELIVERED);
    clock.advance(Duration.ofDays(3));
    Tracking t = shipbridge.track(impb);
    assertThat(t.status()).isEqualTo(TrackingStatus.DELIVERED);
    assertThat(t.events()).isNotEmpty();
    assertThat(t.events().get(0).time()).isBefore(t.events().get(t.events().size() - 1).time());
  }

  @Test
  void anUnknownNumberIsNotFoundOnV3r2() {
    assertThatThrownBy(() -> shipbridge.track("9400111201080805483016")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void theV3DetailApiCanBeChosenAndAnUnknownNumberIsNotFoundThere() {
    try (Shipbridge v3 = facade(carrier().trackingApi(UspsCarrier.TrackingApi.V3_DETAIL).build())) {
      Label label = UspsLabelWireTest.buy(v3, "v3-track");
      Tracking t = v3.track(label.trackingNumber());
      assertThat(t.status()).isEqualTo(TrackingStatus.PRE_TRANSIT);
      assertThatThrownBy(() -> v3.track("9400111201080805483016")).isInstanceOfSatisfying(NotFoundException.class,
          e -> assertThat(e.retryable()).isFalse());
    }
    assertThat(recorder.to("/tracking/v3/tracking/")).allSatisfy(e ->
        assertThat(e.url().queryParameter("expand")).isEqualTo("DETAIL"));
    assertThat(usps.requestCount("POST", "/tracking/v3r2")).isZero();
  }

  @Test
  void validatesAnAddress() {
    AddressValidation v = shipbridge.validateAddress(CUSTOMER);
    assertThat(v.deliverable()).isTrue();
    assertThat(v.standardized().city()).isEqualTo("SAINT LOUIS");
    WireRecorder.Exchange e = recorder.to("/addresses/v3/address").get(0);
    assertThat(e.url().queryParameter("streetAddress")).isEqualTo("1100 Wyoming");
    assertThat(e.url().queryParameter("ZIPCode")).isEqualTo("63118");
  }

  @Test
  void anAddressUspsCannotFindIsNotFound() {
    var nowhere = CUSTOMER.toBuilder().lines(List.of("Nowhere Boulevard")).build();
    assertThatThrownBy(() -> shipbridge.validateAddress(nowhere)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void makesAScanFormForTheDaysLabels() {
    Label a = UspsLabelWireTest.buy(shipbridge, "scan-a");
    Label b = UspsLabelWireTest.buy(shipbridge, "scan-b");
    Manifest m = shipbridge.manifest(new ManifestRequest(CarrierId.USPS,
        List.of(a.trackingNumber(), b.trackingNumber()), WAREHOUSE, null));
    assertThat(m.manifestId()).isNotBlank();
    assertThat(m.trackingNumbers()).containsExactlyInAnyOrder(a.trackingNumber(), b.trackingNumber());
    assertThat(new String(m.document(), StandardCharsets.ISO_8859_1)).startsWith("%PDF");
    assertThat(recorder.to("/scan-forms/v3").get(0).requestHeaders().get("X-Payment-Authorization-Token")).isNotBlank();
  }
}
