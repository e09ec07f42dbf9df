package dev.shipbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The USPS emulator's destination-entry offers and labels, and its receipts, at the wire: as strict
 * as the Labels spec and USPS's error list ({@code destinationEntryFacilityAddress}, {@code
 * receiptOption}).
 */
class UspsDestinationEntryEmulatorTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String VENDOR_JSON = "application/vnd.usps.labels+json";
  private static final String DDU_FACILITY = "{\"streetAddress\":\"3415 Gravois Ave\",\"city\":\"St. Louis\","
      + "\"state\":\"MO\",\"ZIPCode\":\"63118\"}";

  private UspsEmulator usps;

  private void start(String instant) {
    usps = UspsEmulator.start(MutableClock.startingAt(Instant.parse(instant)));
  }

  @AfterEach
  void stop() {
    if (usps != null) usps.close();
  }

  private HttpResponse<String> post(String path, String json, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(usps.baseUrl() + path))
        .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    for (int k = 0; k < headers.length; k += 2) b.header(headers[k], headers[k + 1]);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String[] auth() throws Exception {
    String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(usps.clientId(), StandardCharsets.UTF_8)
        + "&client_secret=" + URLEncoder.encode(usps.clientSecret(), StandardCharsets.UTF_8);
    HttpResponse<String> t = HTTP.send(HttpRequest.newBuilder(URI.create(usps.baseUrl() + "/oauth2/v3/token"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
        .build(), HttpResponse.BodyHandlers.ofString());
    String token = UspsEmulatorTest.field(t.body(), "access_token");
    HttpResponse<String> p = post("/payments/v3/payment-authorization", "{\"roles\":["
        + "{\"roleName\":\"PAYER\",\"CRID\":\"56982563\",\"MID\":\"903619809\",\"manifestMID\":\"903619809\","
        + "\"accountType\":\"EPS\",\"accountNumber\":\"1000035478\"},"
        + "{\"roleName\":\"LABEL_OWNER\",\"CRID\":\"56982563\",\"MID\":\"903619809\",\"manifestMID\":\"903619809\","
        + "\"accountType\":\"EPS\",\"accountNumber\":\"1000035478\"}]}", "Authorization", "Bearer " + token);
    return new String[] {"Authorization", "Bearer " + token, "X-Payment-Authorization-Token",
        UspsEmulatorTest.field(p.body(), "paymentAuthorizationToken"), "Accept", VENDOR_JSON};
  }

  private static String label(String imageInfo, String entryType, String facility, String mailingDate) {
    return "{\"imageInfo\":" + imageInfo + ","
        + "\"toAddress\":{\"firstName\":\"Joe\",\"lastName\":\"Doe\",\"streetAddress\":\"1100 Wyoming Street\","
        + "\"city\":\"St. Louis\",\"state\":\"MO\",\"ZIPCode\":\"63118\"},"
        + "\"fromAddress\":{\"firstName\":\"John\",\"lastName\":\"Smith\",\"streetAddress\":\"4120 Bingham Ave\","
        + "\"city\":\"St. Louis\",\"state\":\"MO\",\"ZIPCode\":\"63116\"},"
        + "\"packageDescription\":{\"mailClass\":\"PARCEL_SELECT\",\"rateIndicator\":\"SP\",\"weightUOM\":\"lb\","
        + "\"weight\":2,\"dimensionsUOM\":\"in\",\"length\":9,\"width\":6,\"height\":2,"
        + "\"processingCategory\":\"MACHINABLE\",\"mailingDate\":\"" + mailingDate + "\","
        + "\"destinationEntryFacilityType\":\"" + entryType + "\""
        + (facility == null ? "" : ",\"destinationEntryFacilityAddress\":" + facility) + "}}";
  }

  private static final String PDF_NO_RECEIPT = "{\"imageType\":\"PDF\",\"labelType\":\"4X6LABEL\",\"receiptOption\":\"NONE\"}";

  @Test
  void quotesOfferParcelSelectDestinationEntryOnlyWhenTheAccountIsEnrolled() throws Exception {
    start("2026-01-05T15:00:00Z");
    String search = "{\"originZIPCode\":\"63116\",\"destinationZIPCode\":\"63118\",\"weight\":2,\"length\":9,"
        + "\"width\":6,\"height\":2,\"mailClass\":\"ALL\",\"priceType\":\"COMMERCIAL\",\"mailingDate\":\"2026-01-05\"}";
    String[] a = auth();
    HttpResponse<String> plain = post("/prices/v3/total-rates/search", search, a[0], a[1]);
    assertThat(UspsEmulatorTest.fields(plain.body(), "destinationEntryFacilityType")).containsOnly("NONE");

    usps.offerDestinationEntry(true);
    HttpResponse<String> enrolled = post("/prices/v3/total-rates/search", search, a[0], a[1]);
    assertThat(UspsEmulatorTest.fields(enrolled.body(), "destinationEntryFacilityType")).contains(
        "DESTINATION_DELIVERY_UNIT", "DESTINATION_SECTIONAL_CENTER_FACILITY", "DESTINATION_NETWORK_DISTRIBUTION_CENTER");
    assertThat(enrolled.body()).contains("Parcel Select Machinable DDU Single-piece", "\"rateIndicator\":\"DE\"");

    HttpResponse<String> afterCutOff = post("/prices/v3/total-rates/search", search.replace("2026-01-05", "2026-01-18"),
        a[0], a[1]);
    assertThat(UspsEmulatorTest.fields(afterCutOff.body(), "destinationEntryFacilityType"))
        .contains("DESTINATION_DELIVERY_UNIT").doesNotContain("DESTINATION_NETWORK_DISTRIBUTION_CENTER");
  }

  @Test
  void aDestinationEntryLabelIsBoughtWithTheFacilityThatServesTheDestination() throws Exception {
    start("2026-03-02T15:00:00Z");
    HttpResponse<String> r = post("/labels/v3/label",
        label(PDF_NO_RECEIPT, "DESTINATION_DELIVERY_UNIT", DDU_FACILITY, "2026-03-02"), auth());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"SKU\":\"DVXP0XXUXC");
  }

  @Test
  void aDestinationEntryLabelWithoutTheFacilityIsRefused() throws Exception {
    start("2026-03-02T15:00:00Z");
    HttpResponse<String> r = post("/labels/v3/label", label(PDF_NO_RECEIPT, "DESTINATION_DELIVERY_UNIT", null,
        "2026-03-02"), auth());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("160093", "packageDescription.destinationEntryFacilityAddress");
    assertThat(usps.labelsPurchased()).isZero();
  }

  @Test
  void aFacilityWithoutItsRequiredFieldsIsRefusedFieldByField() throws Exception {
    start("2026-03-02T15:00:00Z");
    HttpResponse<String> r = post("/labels/v3/label", label(PDF_NO_RECEIPT, "DESTINATION_DELIVERY_UNIT",
        "{\"secondaryAddress\":\"" + "X".repeat(51) + "\",\"ZIPPlus4\":\"12\"}", "2026-03-02"), auth());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("160113", "160114", "160115", "160116", "160119",
        "destinationEntryFacilityAddress.secondaryAddress");
  }

  @Test
  void aFacilityThatDoesNotServeTheDestinationOrAnAddressWithTypeNoneIsRefused() throws Exception {
    start("2026-03-02T15:00:00Z");
    String[] a = auth();
    String elsewhere = DDU_FACILITY.replace("63118", "63116");
    HttpResponse<String> ddu = post("/labels/v3/label", label(PDF_NO_RECEIPT, "DESTINATION_DELIVERY_UNIT", elsewhere,
        "2026-03-02"), a);
    assertThat(ddu.statusCode()).isEqualTo(400);
    assertThat(ddu.body()).contains("does not serve the destination ZIP Code 63118");
    HttpResponse<String> scf = post("/labels/v3/label", label(PDF_NO_RECEIPT, "DESTINATION_SECTIONAL_CENTER_FACILITY",
        DDU_FACILITY.replace("63118", "20500"), "2026-03-02"), a);
    assertThat(scf.statusCode()).isEqualTo(400);
    HttpResponse<String> okScf = post("/labels/v3/label", label(PDF_NO_RECEIPT, "DESTINATION_SECTIONAL_CENTER_FACILITY",
        DDU_FACILITY.replace("63118", "63155"), "2026-03-02"), a);
    assertThat(okScf.statusCode()).as(okScf.body()).isEqualTo(200);
    HttpResponse<String> none = post("/labels/v3/label", label(PDF_NO_RECEIPT, "NONE", DDU_FACILITY, "2026-03-02"), a);
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(none.body()).contains("destinationEntryFacilityType is NONE");
  }

  @Test
  void dndcEntryForParcelSelectIsRefusedFromTheEighteenthOfJanuary2026() throws Exception {
    start("2026-01-16T15:00:00Z");
    String[] a = auth();
    String facility = DDU_FACILITY.replace("63118", "63045");
    HttpResponse<String> before = post("/labels/v3/label", label(PDF_NO_RECEIPT,
        "DESTINATION_NETWORK_DISTRIBUTION_CENTER", facility, "2026-01-17"), a);
    assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
    HttpResponse<String> after = post("/labels/v3/label", label(PDF_NO_RECEIPT,
        "DESTINATION_NETWORK_DISTRIBUTION_CENTER", facility, "2026-01-18"), a);
    assertThat(after.statusCode()).isEqualTo(400);
    assertThat(after.body()).contains("160015", "cannot be used as drop off location for PARCEL_SELECT");
  }

  @Test
  void aSeparatePageReceiptIsTheReceiptImagePartAndZplCarriesItInTheLabel() throws Exception {
    start("2026-03-02T15:00:00Z");
    String[] a = auth();
    HttpResponse<String> pdf = post("/labels/v3/label", label(
        "{\"imageType\":\"PDF\",\"labelType\":\"4X6LABEL\",\"receiptOption\":\"SEPARATE_PAGE\"}", "NONE", null,
        "2026-03-02").replace("PARCEL_SELECT", "PRIORITY_MAIL"), a);
    assertThat(pdf.statusCode()).as(pdf.body()).isEqualTo(200);
    assertThat(new String(Base64.getDecoder().decode(UspsEmulatorTest.field(pdf.body(), "receiptImage")),
        StandardCharsets.ISO_8859_1)).startsWith("%PDF");

    String[] multipart = {a[0], a[1], a[2], a[3]}; // no Accept: USPS's default multipart answer
    HttpResponse<String> parts = post("/labels/v3/label", label(
        "{\"imageType\":\"PDF\",\"labelType\":\"4X6LABEL\",\"receiptOption\":\"SEPARATE_PAGE\"}", "NONE", null,
        "2026-03-02").replace("PARCEL_SELECT", "PRIORITY_MAIL"), multipart);
    assertThat(UspsEmulatorTest.parts(parts.headers().firstValue("Content-Type").orElseThrow(), parts.body()))
        .extracting(p -> p.headers().get("Content-Disposition"))
        .containsExactly("form-data; name=\"labelMetadata\"",
            "form-data; filename=\"labelImage.pdf\"; name=\"labelImage\"",
            "form-data; filename=\"receiptImage.pdf\"; name=\"receiptImage\"");

    HttpResponse<String> zpl = post("/labels/v3/label", label(
        "{\"imageType\":\"ZPL203DPI\",\"labelType\":\"4X6LABEL\",\"receiptOption\":\"SEPARATE_PAGE\"}", "NONE", null,
        "2026-03-02").replace("PARCEL_SELECT", "PRIORITY_MAIL"), a);
    assertThat(zpl.statusCode()).as(zpl.body()).isEqualTo(200);
    assertThat(UspsEmulatorTest.field(zpl.body(), "receiptImage")).isNull();
    String image = new String(Base64.getDecoder().decode(UspsEmulatorTest.field(zpl.body(), "labelImage")),
        StandardCharsets.UTF_8);
    assertThat(image.split("\\^XA", -1)).hasSize(3); // the label and the receipt segment
    assertThat(image).contains("CUSTOMER RECEIPT");
  }

  @Test
  void receiptOptionsTheSpecRulesOutAreRefused() throws Exception {
    start("2026-03-02T15:00:00Z");
    String[] a = auth();
    String zplSamePage = label("{\"imageType\":\"ZPL203DPI\",\"labelType\":\"4X6LABEL\",\"receiptOption\":\"SAME_PAGE\"}",
        "NONE", null, "2026-03-02").replace("PARCEL_SELECT", "PRIORITY_MAIL");
    assertThat(post("/labels/v3/label", zplSamePage, a).body()).contains("160009");
    String zpl4x4 = label("{\"imageType\":\"ZPL300DPI\",\"labelType\":\"4X4LABEL\",\"receiptOption\":\"SEPARATE_PAGE\"}",
        "NONE", null, "2026-03-02").replace("PARCEL_SELECT", "PRIORITY_MAIL");
    assertThat(post("/labels/v3/label", zpl4x4, a).body()).contains("160370");
    String broker = label("{\"imageType\":\"LABEL_BROKER\",\"labelType\":\"4X6LABEL\",\"receiptOption\":\"SEPARATE_PAGE\"}",
        "NONE", null, "2026-03-02").replace("PARCEL_SELECT", "PRIORITY_MAIL");
    assertThat(post("/labels/v3/label", broker, a).body()).contains("160008");
    String unknown = label("{\"imageType\":\"PDF\",\"labelType\":\"4X6LABEL\",\"receiptOption\":\"EMAIL\"}",
        "NONE", null, "2026-03-02").replace("PARCEL_SELECT", "PRIORITY_MAIL");
    assertThat(post("/labels/v3/label", unknown, a).body()).contains("imageInfo.receiptOption EMAIL is not valid");
    assertThat(usps.labelsPurchased()).isZero();
  }
}
