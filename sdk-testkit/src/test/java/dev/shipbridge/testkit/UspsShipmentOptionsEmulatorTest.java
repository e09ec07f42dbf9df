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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator's Shipping Options and Service Standards: as strict as their specs, and consistent. */
class UspsShipmentOptionsEmulatorTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String PACKAGE = "\"packageDescription\":{\"weight\":2,\"length\":10,\"width\":6,\"height\":4,"
      + "\"mailClass\":\"ALL_OUTBOUND\",\"mailingDate\":\"2026-03-02\"}";
  private UspsEmulator usps;
  private String token;

  @BeforeEach
  void start() throws Exception {
    usps = UspsEmulator.start(MutableClock.startingAt(Instant.parse("2026-03-02T15:00:00Z")));
    String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(usps.clientId(), StandardCharsets.UTF_8)
        + "&client_secret=" + URLEncoder.encode(usps.clientSecret(), StandardCharsets.UTF_8);
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(usps.baseUrl() + "/oauth2/v3/token"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(r.body());
    assertThat(m.find()).isTrue();
    token = m.group(1);
  }

  @AfterEach
  void stop() {
    usps.close();
  }

  private HttpResponse<String> options(String json) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(usps.baseUrl() + "/shipments/v3/options/search"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> standards(String query) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(usps.baseUrl() + "/service-standards/v3/standards?" + query))
        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aDomesticSearchAnswersEveryClassWithACommitmentMatchingServiceStandards() throws Exception {
    HttpResponse<String> r = options("{\"pricingOptions\":[{\"priceType\":\"RETAIL\"}],\"originZIPCode\":\"63116\","
        + "\"destinationZIPCode\":\"11201\",\"destinationEntryFacilityType\":\"NONE\"," + PACKAGE + "}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"mailClass\":\"USPS_GROUND_ADVANTAGE\"", "\"mailClass\":\"PRIORITY_MAIL_EXPRESS\"",
        "\"commitment\":{\"name\":");
    Matcher ga = Pattern.compile("\"mailClass\":\"PRIORITY_MAIL\",\"rateOptions\":\\[\\{\"commitment\":\\{\"name\":\"(\\d+)")
        .matcher(r.body());
    assertThat(ga.find()).isTrue();
    HttpResponse<String> s = standards("originZIPCode=631&destinationZIPCode=11201&mailClass=PRIORITY_MAIL&weight=2");
    assertThat(s.statusCode()).isEqualTo(200);
    assertThat(s.body()).contains("\"days\":" + ga.group(1));
  }

  @Test
  void aSearchWithAnUnknownFieldMissingPricingOrZeroSizesIsRefusedWithEveryProblem() throws Exception {
    HttpResponse<String> r = options("{\"originZIPCode\":\"63116\",\"destinationZIPCode\":\"11201\",\"mailClasses\":[\"ALL\"],"
        + "\"packageDescription\":{\"weight\":2,\"length\":0,\"width\":6,\"height\":4,\"mailClass\":\"CHEAPEST\"}}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("mailClasses", "pricingOptions", "packageDescription.length", "packageDescription.mailClass");
  }

  @Test
  void anInternationalSearchHasNoCommitmentAndRefusesDomesticFields() throws Exception {
    HttpResponse<String> ok = options("{\"pricingOptions\":[{\"priceType\":\"COMMERCIAL\"}],\"originZIPCode\":\"63116\","
        + "\"destinationCountryCode\":\"FR\",\"foreignPostalCode\":\"75013\","
        + PACKAGE.replace("ALL_OUTBOUND", "ALL") + "}");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("PRIORITY_MAIL_INTERNATIONAL").doesNotContain("commitment").doesNotContain("warnings");
    HttpResponse<String> bad = options("{\"pricingOptions\":[{\"priceType\":\"COMMERCIAL\"}],\"originZIPCode\":\"63116\","
        + "\"destinationCountryCode\":\"FR\",\"destinationZIPCode\":\"63118\"," + PACKAGE.replace("ALL_OUTBOUND", "ALL") + "}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("destinationZIPCode");
  }

  @Test
  void standardsNeedBothZipsInTheirShapesAndADeniedApiAnswers403() throws Exception {
    assertThat(standards("originZIPCode=63&destinationZIPCode=11201").statusCode()).isEqualTo(400);
    assertThat(standards("originZIPCode=631").statusCode()).isEqualTo(400);
    assertThat(standards("originZIPCode=631&destinationZIPCode=11201&mailClass=ALL&weight=0.5").body())
        .contains("WEIGHT_LESS_THAN_1_POUND").doesNotContain("WEIGHT_GREATER");
    usps.denyApi("/shipments/v3");
    assertThat(options("{}").statusCode()).isEqualTo(403);
    usps.reset();
  }
}
