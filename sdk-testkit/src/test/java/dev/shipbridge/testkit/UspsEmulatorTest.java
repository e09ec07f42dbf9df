package dev.shipbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shipbridge.testkit.UspsEmulator.Fault;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UspsEmulatorTest {
  private static final Instant T0 = Instant.parse("2026-03-02T15:00:00Z");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private MutableClock clock;
  private UspsEmulator usps;

  @BeforeEach
  void start() {
    clock = MutableClock.startingAt(T0);
    usps = UspsEmulator.start(clock);
  }

  @AfterEach
  void stop() {
    usps.close();
  }

  // ------------------------------------------------------------------ helpers

  private HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
    return HTTP.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(usps.baseUrl() + path));
  }

  private HttpResponse<String> tokenResponse(String id, String secret) throws Exception {
    String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(id, StandardCharsets.UTF_8)
        + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return send(request("/oauth2/v3/token").header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  private String token() throws Exception {
    HttpResponse<String> r = tokenResponse(usps.clientId(), usps.clientSecret());
    assertThat(r.statusCode()).isEqualTo(200);
    return field(r.body(), "access_token");
  }

  private HttpResponse<String> postJson(String path, String token, String json, String... headers) throws Exception {
    HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    for (int k = 0; k < headers.length; k += 2) {
      b.header(headers[k], headers[k + 1]);
    }
    return send(b);
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return send(request(path).header("Authorization", "Bearer " + token).GET());
  }

  private HttpResponse<String> delete(String path, String token, String paymentToken) throws Exception {
    return send(request(path).header("Authorization", "Bearer " + token)
        .header("X-Payment-Authorization-Token", paymentToken).DELETE());
  }

  private static final String PAYMENT_BODY = "{\"roles\":["
      + "{\"roleName\":\"PAYER\",\"CRID\":\"56982563\",\"MID\":\"903619809\",\"manifestMID\":\"903619809\","
      + "\"accountType\":\"EPS\",\"accountNumber\":\"1000035478\"},"
      + "{\"roleName\":\"LABEL_OWNER\",\"CRID\":\"56982563\",\"MID\":\"903619809\",\"manifestMID\":\"903619809\","
      + "\"accountType\":\"EPS\",\"accountNumber\":\"1000035478\"}]}";

  private String paymentToken(String token) throws Exception {
    HttpResponse<String> r = postJson("/payments/v3/payment-authorization", token, PAYMENT_BODY);
    assertThat(r.statusCode()).isEqualTo(200);
    return field(r.body(), "paymentAuthorizationToken");
  }

  private static String labelRequest(String mailClass, String imageType) {
    return "{\"imageInfo\":{\"imageType\":\"" + imageType + "\",\"labelType\":\"4X6LABEL\",\"receiptOption\":\"NONE\","
        + "\"suppressPostage\":false,\"suppressMailDate\":false,\"returnLabel\":false},"
        + "\"toAddress\":{\"firstName\":\"Joe\",\"lastName\":\"Doe\",\"streetAddress\":\"1100 Wyoming Street\","
        + "\"secondaryAddress\":\"Suite 150\",\"city\":\"St. Louis\",\"state\":\"MO\",\"ZIPCode\":\"63118\"},"
        + "\"fromAddress\":{\"firstName\":\"John\",\"lastName\":\"Smith\",\"streetAddress\":\"1600 Pennsylvania Avenue NW\","
        + "\"city\":\"Washington\",\"state\":\"DC\",\"ZIPCode\":\"20500\"},"
        + "\"packageDescription\":{\"mailClass\":\"" + mailClass + "\",\"rateIndicator\":\"SP\",\"weightUOM\":\"lb\","
        + "\"weight\":2,\"dimensionsUOM\":\"in\",\"length\":9,\"width\":6,\"height\":2,"
        + "\"processingCategory\":\"MACHINABLE\",\"mailingDate\":\"2026-03-02\",\"extraServices\":[920],"
        + "\"destinationEntryFacilityType\":\"NONE\"}}";
  }

  private static final String INTERNATIONAL_LABEL = "{\"imageInfo\":{\"imageType\":\"PDF\",\"labelType\":\"4X6LABEL\"},"
      + "\"toAddress\":{\"firstName\":\"Charlie\",\"lastName\":\"Collins\",\"streetAddress\":\"118 Avenue De France\","
      + "\"city\":\"Paris\",\"postalCode\":\"75013\",\"country\":\"France\",\"countryISOAlpha2Code\":\"FR\"},"
      + "\"fromAddress\":{\"firstName\":\"Bob\",\"lastName\":\"Dole\",\"firm\":\"Shipbridge\",\"streetAddress\":\"901 D St SW\","
      + "\"city\":\"Washington\",\"state\":\"DC\",\"ZIPCode\":\"20024\"},"
      + "\"packageDescription\":{\"mailClass\":\"PRIORITY_MAIL_INTERNATIONAL\",\"rateIndicator\":\"SP\",\"weightUOM\":\"lb\","
      + "\"weight\":1.5,\"dimensionsUOM\":\"in\",\"length\":10,\"width\":6,\"height\":3,\"processingCategory\":\"MACHINABLE\","
      + "\"destinationEntryFacilityType\":\"NONE\",\"mailingDate\":\"2026-03-02\",\"extraServices\":[]},"
      + "\"customsForm\":{\"customsContentType\":\"MERCHANDISE\",\"AESITN\":\"NO EEI 30.37(a)\",\"contents\":["
      + "{\"itemDescription\":\"Cotton T-shirt\",\"itemQuantity\":2,\"itemTotalValue\":30,\"weightUOM\":\"lb\","
      + "\"itemTotalWeight\":1.2,\"HSTariffNumber\":\"610910\",\"countryofOrigin\":\"CN\"}]}}";

  private HttpResponse<String> buyLabel(String token, String pay, String body, String... headers) throws Exception {
    String[] all = new String[headers.length + 2];
    all[0] = "X-Payment-Authorization-Token";
    all[1] = pay;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return postJson("/labels/v3/label", token, body, all);
  }

  private String buyTrackingNumber(String token, String pay) throws Exception {
    HttpResponse<String> r = buyLabel(token, pay, labelRequest("PRIORITY_MAIL", "PDF"),
        "Accept", "application/vnd.usps.labels+json");
    assertThat(r.statusCode()).isEqualTo(200);
    return field(r.body(), "trackingNumber");
  }

  /** The string value of the first {@code "name":"value"} in a JSON text. */
  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]*)\"").matcher(json);
    return m.find() ? m.group(1) : null;
  }

  static List<String> fields(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"]*)\"").matcher(json);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  record Part(Map<String, String> headers, String body) {}

  static List<Part> parts(String contentType, String body) {
    String boundary = contentType.substring(contentType.indexOf("boundary=") + 9);
    List<Part> out = new ArrayList<>();
    for (String chunk : body.split(Pattern.quote("--" + boundary))) {
      if (chunk.startsWith("--") || chunk.isBlank()) {
        continue;
      }
      String c = chunk.substring(2); // CRLF after the delimiter
      int split = c.indexOf("\r\n\r\n");
      Map<String, String> h = new LinkedHashMap<>();
      for (String line : c.substring(0, split).split("\r\n")) {
        int colon = line.indexOf(':');
        h.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
      String content = c.substring(split + 4);
      out.add(new Part(h, content.endsWith("\r\n") ? content.substring(0, content.length() - 2) : content));
    }
    return out;
  }

  /** A well-formed IMpb the emulator never issued. */
  static String unknownValidImpb() {
    String body = "940010000000000000000";
    int sum = 0;
    boolean three = true;
    for (int k = body.length() - 1; k >= 0; k--) {
      sum += (three ? 3 : 1) * (body.charAt(k) - '0');
      three = !three;
    }
    return body + (10 - sum % 10) % 10;
  }

  static boolean validImpb(String n) {
    int sum = 0;
    boolean three = true;
    for (int k = n.length() - 2; k >= 0; k--) {
      sum += (three ? 3 : 1) * (n.charAt(k) - '0');
      three = !three;
    }
    return (10 - sum % 10) % 10 == n.charAt(n.length() - 1) - '0';
  }

  // ------------------------------------------------------------------ OAuth

  @Test
  void issuesTokenForValidClientCredentials() throws Exception {
    HttpResponse<String> r = tokenResponse(usps.clientId(), usps.clientSecret());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(field(r.body(), "token_type")).isEqualTo("Bearer");
    assertThat(field(r.body(), "access_token").split("\\.")).hasSize(3);
    assertThat(r.body()).contains("\"expires_in\":28799", "\"issued_at\":" + T0.toEpochMilli(), "\"status\":\"approved\"");
    assertThat(usps.requestCount("POST", "/oauth2/v3/token")).isEqualTo(1);
  }

  @Test
  void issuesTokenForJsonBody() throws Exception {
    HttpResponse<String> r = postJson("/oauth2/v3/token", null, "{\"grant_type\":\"client_credentials\",\"client_id\":\""
        + usps.clientId() + "\",\"client_secret\":\"" + usps.clientSecret() + "\"}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(field(r.body(), "access_token")).isNotBlank();
  }

  @Test
  void rejectsWrongClientSecretWithOAuthErrorShape() throws Exception {
    HttpResponse<String> r = tokenResponse(usps.clientId(), "wrong");

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(field(r.body(), "error")).isEqualTo("invalid_client");
    assertThat(field(r.body(), "error_description")).isNotBlank();
    assertThat(r.headers().firstValue("WWW-Authenticate")).isPresent();
  }

  @Test
  void rejectsUnsupportedGrantType() throws Exception {
    HttpResponse<String> r = send(request("/oauth2/v3/token").header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=magic&client_id=a&client_secret=b")));

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(field(r.body(), "error")).isEqualTo("unsupported_grant_type");
  }

  @Test
  void rejectsResourceCallWithoutBearerToken() throws Exception {
    HttpResponse<String> r = send(request("/addresses/v3/address?streetAddress=1+Main+St&city=Denver&state=CO").GET());

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(field(r.body(), "apiVersion")).isEqualTo("/addresses/v3");
    assertThat(field(r.body(), "code")).isEqualTo("401");
    assertThat(field(r.body(), "title")).isEqualTo("invalid_token");
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
  }

  @Test
  void tokenExpiresAfterEightHoursOfEmulatorClock() throws Exception {
    String token = token();
    String path = "/addresses/v3/address?streetAddress=1+Main+St&city=Denver&state=CO";
    assertThat(get(path, token).statusCode()).isEqualTo(200);

    clock.advance(Duration.ofHours(8));

    HttpResponse<String> r = get(path, token);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("expired");
  }

  // ------------------------------------------------------------------ payments

  @Test
  void paymentAuthorizationEchoesRolesWithToken() throws Exception {
    HttpResponse<String> r = postJson("/payments/v3/payment-authorization", token(), PAYMENT_BODY);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(field(r.body(), "paymentAuthorizationToken").split("\\.")).hasSize(3);
    assertThat(fields(r.body(), "roleName")).containsExactly("PAYER", "LABEL_OWNER");
  }

  @Test
  void paymentAuthorizationRequiresLabelOwner() throws Exception {
    HttpResponse<String> r = postJson("/payments/v3/payment-authorization", token(), "{\"roles\":[{\"roleName\":\"PAYER\","
        + "\"CRID\":\"56982563\",\"accountType\":\"EPS\",\"accountNumber\":\"1000035478\"}]}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(fields(r.body(), "code")).contains("400", "160229");
    assertThat(field(r.body(), "apiVersion")).isEqualTo("/payments/v3");
  }

  // ------------------------------------------------------------------ prices

  @Test
  void quotesDomesticRatesFromDeterministicTable() throws Exception {
    HttpResponse<String> r = postJson("/prices/v3/total-rates/search", token(), "{\"originZIPCode\":\"20500\","
        + "\"destinationZIPCode\":\"63118\",\"weight\":2,\"length\":9,\"width\":6,\"height\":2,"
        + "\"mailClass\":\"USPS_GROUND_ADVANTAGE\",\"priceType\":\"COMMERCIAL\",\"extraServices\":[920]}");

    assertThat(r.statusCode()).isEqualTo(200);
    // zone 4 (205 vs 631), 2 lb: 5.40 + 0.85 + 3 x 0.45
    assertThat(r.body()).startsWith("{\"rateOptions\":[{\"totalBasePrice\":7.6,")
        .contains("\"zone\":\"04\"", "\"mailClass\":\"USPS_GROUND_ADVANTAGE\"", "\"extraService\":\"920\"",
            "\"totalPrice\":7.6", "\"endDate\":\"\"");
  }

  @Test
  void rejectsRateSearchWithoutRequiredFields() throws Exception {
    HttpResponse<String> r = postJson("/prices/v3/total-rates/search", token(),
        "{\"originZIPCode\":\"20500\",\"destinationZIPCode\":\"6311\",\"length\":9,\"width\":6,\"height\":2}");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(field(r.body(), "apiVersion")).isEqualTo("/prices/v3");
    assertThat(r.body()).contains("\"parameter\":\"weight\"", "\"parameter\":\"destinationZIPCode\"");
  }

  @Test
  void quotesInternationalRatesByPriceGroup() throws Exception {
    HttpResponse<String> r = postJson("/international-prices/v3/total-rates/search", token(), "{\"originZIPCode\":\"20500\","
        + "\"destinationCountryCode\":\"CA\",\"weight\":1.2,\"length\":6,\"width\":6,\"height\":6,"
        + "\"mailClass\":\"PRIORITY_MAIL_EXPRESS_INTERNATIONAL\",\"priceType\":\"COMMERCIAL\"}");

    assertThat(r.statusCode()).isEqualTo(200);
    // group 01, 2 lb billable: 48.50 + 6.25
    assertThat(r.body()).contains("\"totalBasePrice\":54.75", "\"zone\":\"01\"", "\"warnings\":[]");
  }

  // ------------------------------------------------------------------ labels

  @Test
  void labelNumbersCarryValidImpbCheckDigit() throws Exception {
    String token = token();
    String pay = paymentToken(token);
    Set<String> numbers = new HashSet<>();
    for (int k = 0; k < 5; k++) {
      numbers.add(buyTrackingNumber(token, pay));
    }

    assertThat(numbers).hasSize(5).allSatisfy(n -> {
      assertThat(n).matches("92\\d{20}");
      assertThat(validImpb(n)).as(n).isTrue();
    });
    assertThat(usps.labelsPurchased()).isEqualTo(5);
  }

  @Test
  void multipartBoundaryContainsPlus() throws Exception {
    String token = token();
    HttpResponse<String> r = buyLabel(token, paymentToken(token), labelRequest("PRIORITY_MAIL", "PDF"));

    assertThat(r.statusCode()).isEqualTo(200);
    String ct = r.headers().firstValue("Content-Type").orElseThrow();
    assertThat(ct).startsWith("multipart/form-data; boundary=");
    assertThat(ct.substring(ct.indexOf('=') + 1)).contains("+");
    List<Part> parts = parts(ct, r.body());
    assertThat(parts).hasSize(2);
    assertThat(parts.get(0).headers().get("Content-Disposition")).isEqualTo("form-data; name=\"labelMetadata\"");
    assertThat(parts.get(0).headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(parts.get(0).body()).contains("\"trackingNumber\":\"92", "\"routingInformation\":\"42063118\"");
    assertThat(parts.get(1).headers().get("Content-Type")).isEqualTo("application/pdf");
    assertThat(parts.get(1).headers().get("Content-Disposition")).contains("name=\"labelImage\"");
    byte[] pdf = Base64.getDecoder().decode(parts.get(1).body());
    assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
    assertThat(new String(pdf, StandardCharsets.ISO_8859_1)).contains("startxref").endsWith("%%EOF\n");
  }

  @Test
  void answersOneJsonDocumentWhenAcceptAsksForVendorJson() throws Exception {
    String token = token();
    HttpResponse<String> r = buyLabel(token, paymentToken(token), labelRequest("USPS_GROUND_ADVANTAGE", "PDF"),
        "Accept", "application/vnd.usps.labels+json");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/vnd.usps.labels+json");
    assertThat(r.body()).startsWith("{\"labelAddress\":{").contains("\"constructCode\":\"C03\"",
        "\"streetAddress\":\"1100 WYOMING ST\"", "\"secondaryAddress\":\"STE 150\"", "\"city\":\"SAINT LOUIS\"");
    assertThat(Base64.getDecoder().decode(field(r.body(), "labelImage"))).startsWith("%PDF-".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void rendersZplAndPngWhenImageInfoAsks() throws Exception {
    String token = token();
    String pay = paymentToken(token);
    HttpResponse<String> zpl = buyLabel(token, pay, labelRequest("PRIORITY_MAIL", "ZPL203DPI"),
        "Accept", "application/vnd.usps.labels+json");
    HttpResponse<String> png = buyLabel(token, pay, labelRequest("PRIORITY_MAIL", "PNG"),
        "Accept", "application/vnd.usps.labels+json");

    String zplText = new String(Base64.getDecoder().decode(field(zpl.body(), "labelImage")), StandardCharsets.UTF_8);
    assertThat(zplText).startsWith("^XA").contains(field(zpl.body(), "trackingNumber")).endsWith("^XZ\n");
    byte[] pngBytes = Base64.getDecoder().decode(field(png.body(), "labelImage"));
    assertThat(pngBytes).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
  }

  @Test
  void sameIdempotencyKeyReturnsSameLabel() throws Exception {
    String token = token();
    String pay = paymentToken(token);
    String key = UUID.randomUUID().toString();
    HttpResponse<String> first = buyLabel(token, pay, labelRequest("PRIORITY_MAIL", "PDF"), "X-Idempotency-Key", key,
        "Accept", "application/vnd.usps.labels+json");
    HttpResponse<String> again = buyLabel(token, pay, labelRequest("PRIORITY_MAIL", "PDF"), "X-Idempotency-Key", key,
        "Accept", "application/vnd.usps.labels+json");

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(field(again.body(), "trackingNumber")).isEqualTo(field(first.body(), "trackingNumber"));
    assertThat(again.headers().firstValue("X-Idempotency-Key")).hasValue(key);
    assertThat(usps.labelsPurchased()).isEqualTo(1);
  }

  @Test
  void rejectsIdempotencyKeyReusedWithAnotherPayload() throws Exception {
    String token = token();
    String pay = paymentToken(token);
    String key = UUID.randomUUID().toString();
    buyLabel(token, pay, labelRequest("PRIORITY_MAIL", "PDF"), "X-Idempotency-Key", key);

    HttpResponse<String> r = buyLabel(token, pay, labelRequest("USPS_GROUND_ADVANTAGE", "PDF"), "X-Idempotency-Key", key);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(usps.labelsPurchased()).isEqualTo(1);
  }

  @Test
  void labelRequiresPaymentAuthorizationToken() throws Exception {
    HttpResponse<String> r = postJson("/labels/v3/label", token(), labelRequest("PRIORITY_MAIL", "PDF"));

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("X-Payment-Authorization-Token");
    assertThat(usps.labelsPurchased()).isZero();
  }

  @Test
  void rejectsLabelWithMissingRequiredFields() throws Exception {
    String token = token();
    String body = labelRequest("PRIORITY_MAIL", "PDF").replace("\"ZIPCode\":\"63118\"", "\"ZIPCode\":\"631\"")
        .replace("\"weight\":2,", "");
    HttpResponse<String> r = buyLabel(token, paymentToken(token), body);

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(field(r.body(), "apiVersion")).isEqualTo("/labels/v3");
    assertThat(r.body()).contains("toAddress.ZIPCode", "packageDescription.weight");
  }

  @Test
  void internationalLabelIsCreatedWith201AndValidS10Number() throws Exception {
    String token = token();
    HttpResponse<String> r = postJson("/international-labels/v3/international-label", token, INTERNATIONAL_LABEL,
        "X-Payment-Authorization-Token", paymentToken(token));

    assertThat(r.statusCode()).isEqualTo(201);
    List<Part> parts = parts(r.headers().firstValue("Content-Type").orElseThrow(), r.body());
    String meta = parts.get(0).body();
    String n = field(meta, "internationalTrackingNumber");
    assertThat(n).matches("CP\\d{9}US");
    int[] w = {8, 6, 4, 2, 3, 5, 9, 7};
    int sum = 0;
    for (int k = 0; k < 8; k++) {
      sum += (n.charAt(2 + k) - '0') * w[k];
    }
    int check = 11 - sum % 11;
    assertThat(n.charAt(10) - '0').isEqualTo(check == 10 ? 0 : check == 11 ? 5 : check);
    assertThat(meta).contains("\"dimensionalWeight\":\"0.0\"", "\"internationalPriceGroup\":\"05\"",
        "\"constructCode\":\"I01\"");
  }

  @Test
  void cancelsUnmanifestedLabelOnceThenRefusesAgain() throws Exception {
    String token = token();
    String pay = paymentToken(token);
    String n = buyTrackingNumber(token, pay);

    HttpResponse<String> first = delete("/labels/v3/label/" + n, token, pay);
    HttpResponse<String> second = delete("/labels/v3/label/" + n, token, pay);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("{\"trackingNumber\":\"" + n + "\",\"status\":\"CANCELED\"}");
    assertThat(second.statusCode()).isEqualTo(400);
    assertThat(fields(second.body(), "code")).contains("160186");
  }

  @Test
  void cancelAfterAcceptanceBecomesRefundDispute() throws Exception {
    String token = token();
    String pay = paymentToken(token);
    String n = buyTrackingNumber(token, pay);
    clock.advance(Duration.ofHours(7));

    HttpResponse<String> r = delete("/labels/v3/label/" + n, token(), pay);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(field(r.body(), "status")).isEqualTo("DISPUTED");
    assertThat(field(r.body(), "disputeId")).matches("\\d+");
  }

  // ------------------------------------------------------------------ tracking

  /** Tracks with a fresh token (the clock may have moved past an older one's 8 hours). */
  private String track(String ignoredToken, String... numbers) throws Exception {
    String token = token();
    StringBuilder b = new StringBuilder("[");
    for (int k = 0; k < numbers.length; k++) {
      b.append(k == 0 ? "" : ",").append("{\"trackingNumber\":\"").append(numbers[k]).append("\"}");
    }
    HttpResponse<String> r = postJson("/tracking/v3r2/tracking", token, b.append(']').toString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  @Test
  void trackingProgressesToDeliveredAsClockAdvances() throws Exception {
    String token = token();
    String n = buyTrackingNumber(token, paymentToken(token));

    assertThat(field(track(token, n), "statusCategory")).isEqualTo("Pre-Shipment");
    clock.advance(Duration.ofHours(7));
    assertThat(field(track(token, n), "statusCategory")).isEqualTo("Accepted");
    clock.advance(Duration.ofHours(20));
    assertThat(field(track(token, n), "statusCategory")).isEqualTo("In Transit");
    clock.advance(Duration.ofHours(34));
    assertThat(field(track(token, n), "statusCategory")).isEqualTo("Out for Delivery");
    clock.advance(Duration.ofHours(10));
    String body = track(token, n);
    assertThat(field(body, "statusCategory")).isEqualTo("Delivered");
    assertThat(fields(body, "eventCode")).containsExactly("01", "OF", "07", "A1", "TL", "T1", "10", "03", "GX");
    assertThat(field(body, "GMTTimestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    assertThat(field(body, "eventTimestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d-0[56]:00");
    assertThat(body).contains("\"eventZIPCode\":\"63118\"", "\"servicesEligibility\":{");
  }

  @Test
  void batchTrackingAnswers207WhenSomeNumbersAreUnknown() throws Exception {
    String token = token();
    String n = buyTrackingNumber(token, paymentToken(token));
    HttpResponse<String> r = postJson("/tracking/v3r2/tracking", token,
        "[{\"trackingNumber\":\"" + n + "\"},{\"trackingNumber\":\"9400100000000000000000\"}]");

    assertThat(r.statusCode()).isEqualTo(207);
    assertThat(fields(r.body(), "statusCode")).containsExactly("200", "404");
    assertThat(r.body()).contains("\"trackingNumber\":\"9400100000000000000000\"", "Tracking is not available");
  }

  @Test
  void batchTrackingRejectsMoreThan35Numbers() throws Exception {
    StringBuilder b = new StringBuilder("[");
    for (int k = 0; k < 36; k++) {
      b.append(k == 0 ? "" : ",").append("{\"trackingNumber\":\"9205590982952107001084\"}");
    }
    HttpResponse<String> r = postJson("/tracking/v3r2/tracking", token(), b.append(']').toString());

    assertThat(r.statusCode()).isEqualTo(400);
  }

  @Test
  void singleTrackingOfUnknownNumberIs400WithTrackingErrorCode() throws Exception {
    String token = token();
    HttpResponse<String> plausible = get("/tracking/v3/tracking/" + unknownValidImpb() + "?expand=DETAIL", token);
    HttpResponse<String> garbage = get("/tracking/v3/tracking/1234567890?expand=DETAIL", token);

    assertThat(plausible.statusCode()).isEqualTo(400);
    assertThat(fields(plausible.body(), "code")).contains("150001");
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(fields(garbage.body(), "code")).contains("150002");
  }

  @Test
  void singleTrackingDetailListsEventsNewestFirst() throws Exception {
    String token = token();
    String n = buyTrackingNumber(token, paymentToken(token));
    clock.advance(Duration.ofHours(12));
    token = token();

    HttpResponse<String> detail = get("/tracking/v3/tracking/" + n + "?expand=DETAIL", token);
    HttpResponse<String> summary = get("/tracking/v3/tracking/" + n, token);

    assertThat(detail.statusCode()).isEqualTo(200);
    assertThat(fields(detail.body(), "eventCode")).containsExactly("10", "03", "GX");
    assertThat(detail.body()).contains("\"eventZIP\":\"20500\"", "\"mailClass\":\"PRIORITY_MAIL\"",
        "\"RRAMenabled\":false");
    assertThat(summary.body()).startsWith("{\"trackingNumber\":\"" + n + "\"").contains("\"eventSummaries\":[");
  }

  @Test
  void inboundParcelIsUnknownBeforeHandoffAndDeliveredAfter() throws Exception {
    String token = token();
    String n = "9200190132607600833457";
    usps.expectInboundParcel("420100233424" + n, T0.plus(Duration.ofHours(5)));

    HttpResponse<String> before = postJson("/tracking/v3r2/tracking", token, "[{\"trackingNumber\":\"" + n + "\"}]");
    assertThat(before.statusCode()).isEqualTo(207);

    clock.advance(Duration.ofHours(6));
    String accepted = track(token, n);
    assertThat(field(accepted, "statusCategory")).isEqualTo("Accepted");
    assertThat(accepted).contains("\"eventCity\":\"JAMAICA\"", "\"eventZIPCode\":\"11430\"");
    assertThat(fields(accepted, "eventCode")).containsExactly("03");

    clock.advance(Duration.ofDays(3));
    assertThat(field(track(token(), n), "statusCategory")).isEqualTo("Delivered");
  }

  @Test
  void rejectsInboundParcelWithBadCheckDigit() {
    assertThatThrownBy(() -> usps.expectInboundParcel("9200190132607600833458", T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void knowsTheTestEnvironmentNumbers() throws Exception {
    String body = track(token(), "9205590982952107001084", "9241999996333426012948", "9361289673090019555035");

    assertThat(fields(body, "statusCategory")).containsExactly("Pre-Shipment", "Delivered", "Delivered");
    assertThat(fields(body, "status")).contains("Delivered, Front Door/Porch");
  }

  // ------------------------------------------------------------------ addresses, SCAN forms

  @Test
  void standardisesAddressWithZipPlus4() throws Exception {
    HttpResponse<String> r = get("/addresses/v3/address?streetAddress=3120%20M%20Street&secondaryAddress=Suite%20200"
        + "&city=Washington&state=DC&ZIPCode=20007", token());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"streetAddress\":\"3120 M ST\"", "\"secondaryAddress\":\"STE 200\"",
        "\"city\":\"WASHINGTON\"", "\"ZIPCode\":\"20007\"", "\"DPVConfirmation\":\"Y\"", "\"code\":\"31\"");
    assertThat(field(r.body(), "ZIPPlus4")).matches("\\d{4}");
  }

  @Test
  void unknownAddressIs404() throws Exception {
    HttpResponse<String> r = get("/addresses/v3/address?streetAddress=Nowhere%20Lane&city=Denver&state=CO", token());

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(fields(r.body(), "code")).contains("404", "010005");
  }

  @Test
  void scanFormManifestsLabelsWhichThenCannotBeCanceled() throws Exception {
    String token = token();
    String pay = paymentToken(token);
    String a = buyTrackingNumber(token, pay);
    String b = buyTrackingNumber(token, pay);
    HttpResponse<String> r = postJson("/scan-forms/v3/scan-form", token, "{\"mailingDate\":\"2026-03-02\","
        + "\"entryFacilityZIPCode\":\"20500\",\"destinationEntryFacilityType\":\"NONE\",\"shipment\":{\"trackingNumbers\":[\""
        + a + "\",\"" + b + "\"]},\"fromAddress\":{\"firm\":\"Shipbridge\",\"streetAddress\":\"1600 Pennsylvania Ave NW\","
        + "\"city\":\"Washington\",\"state\":\"DC\",\"ZIPCode\":\"20500\"}}");

    assertThat(r.statusCode()).isEqualTo(200);
    List<Part> parts = parts(r.headers().firstValue("Content-Type").orElseThrow(), r.body());
    assertThat(parts.get(0).headers().get("Content-Disposition")).contains("SCANFormMetaData");
    assertThat(parts.get(0).body()).contains("\"manifestNumber\":\"", "\"trackingNumbers\":[\"" + a + "\",\"" + b + "\"]");
    assertThat(Base64.getDecoder().decode(parts.get(1).body())).startsWith("%PDF-".getBytes(StandardCharsets.US_ASCII));
    assertThat(fields(delete("/labels/v3/label/" + a, token, pay).body(), "code")).contains("160174");
  }

  private static String scanForm(String zip, String type, String shipment) {
    return "{\"mailingDate\":\"2026-03-02\",\"entryFacilityZIPCode\":\"" + zip + "\",\"destinationEntryFacilityType\":\""
        + type + "\",\"shipment\":" + shipment + ",\"fromAddress\":{\"firm\":\"Shipbridge\","
        + "\"streetAddress\":\"1600 Pennsylvania Ave NW\",\"city\":\"Washington\",\"state\":\"DC\",\"ZIPCode\":\"20500\"}}";
  }

  @Test
  void aScanFormRefusesALabelOfAnotherEntryZipOrTypeAndAFormByMidTakesOnlyMatchingLabels() throws Exception {
    String token = token();
    String pay = paymentToken(token);
    String a = buyTrackingNumber(token, pay); // handed over at the sender: NONE, 20500
    String listed = "{\"trackingNumbers\":[\"" + a + "\"]}";

    HttpResponse<String> zip = postJson("/scan-forms/v3/scan-form", token, scanForm("63118", "NONE", listed));
    assertThat(zip.statusCode()).isEqualTo(400);
    assertThat(fields(zip.body(), "code")).contains("160161");
    assertThat(zip.body()).contains("with zip 20500 does not match SCAN Form request zip 63118");
    HttpResponse<String> type = postJson("/scan-forms/v3/scan-form", token,
        scanForm("20500", "DESTINATION_DELIVERY_UNIT", listed));
    assertThat(type.statusCode()).isEqualTo(400);
    assertThat(fields(type.body(), "code")).contains("160162");
    HttpResponse<String> unknown = postJson("/scan-forms/v3/scan-form", token, scanForm("20500", "DOCK_7", listed));
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(fields(unknown.body(), "code")).contains("160015");

    String byMid = "{\"MID\":\"903619809\"}";
    HttpResponse<String> none = postJson("/scan-forms/v3/scan-form", token, scanForm("63118", "NONE", byMid));
    assertThat(none.statusCode()).as("no label of this MID enters at 63118").isEqualTo(400);
    assertThat(fields(none.body(), "code")).contains("160037");
    HttpResponse<String> ok = postJson("/scan-forms/v3/scan-form", token, scanForm("20500", "NONE", byMid));
    assertThat(ok.statusCode()).as("the refused forms left the label free").isEqualTo(200);
    assertThat(ok.body()).contains("\"trackingNumbers\":[\"" + a + "\"]");
  }

  // ------------------------------------------------------------------ quota, faults, bookkeeping

  @Test
  void answers429BeyondConfiguredRate() throws Exception {
    String token = token();
    usps.rateLimit(2, Duration.ofHours(1));
    String path = "/addresses/v3/address?streetAddress=1+Main+St&city=Denver&state=CO";

    assertThat(get(path, token).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(15));
    assertThat(get(path, token).statusCode()).isEqualTo(200);
    HttpResponse<String> third = get(path, token);
    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.headers().firstValue("Retry-After")).hasValue("2700");
    assertThat(third.body()).contains("Quota limit exceeded");
    assertThat(postJson("/tracking/v3r2/tracking", token, "[{\"trackingNumber\":\"9205590982952107001084\"}]")
        .statusCode()).as("other APIs have their own quota").isEqualTo(200);

    clock.advance(Duration.ofMinutes(45));
    assertThat(get(path, token).statusCode()).isEqualTo(200);
  }

  @Test
  void connectionResetBreaksOnlyTheNextMatchingCall() throws Exception {
    String token = token();
    String pay = paymentToken(token);
    usps.injectFault("/labels/v3", Fault.CONNECTION_RESET, 1);

    assertThatThrownBy(() -> buyLabel(token, pay, labelRequest("PRIORITY_MAIL", "PDF"))).isInstanceOf(IOException.class);
    assertThat(buyLabel(token, pay, labelRequest("PRIORITY_MAIL", "PDF")).statusCode()).isEqualTo(200);
    assertThat(usps.labelsPurchased()).as("the reset happened after the purchase").isEqualTo(2);
  }

  @Test
  void statusFaultsAnswerInsteadOfTheApi() throws Exception {
    String token = token();
    String pay = paymentToken(token);
    usps.injectFault("any", Fault.HTTP_503, 1);
    usps.injectFault("any", Fault.HTTP_502_HTML, 1);
    usps.injectFault("any", Fault.HTTP_429, 1);

    HttpResponse<String> r503 = buyLabel(token, pay, labelRequest("PRIORITY_MAIL", "PDF"));
    HttpResponse<String> r502 = buyLabel(token, pay, labelRequest("PRIORITY_MAIL", "PDF"));
    HttpResponse<String> r429 = buyLabel(token, pay, labelRequest("PRIORITY_MAIL", "PDF"));

    assertThat(r503.statusCode()).isEqualTo(503);
    assertThat(r502.statusCode()).isEqualTo(502);
    assertThat(r502.headers().firstValue("Content-Type")).hasValue("text/html");
    assertThat(r429.statusCode()).isEqualTo(429);
    assertThat(r429.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(usps.labelsPurchased()).isZero();
  }

  @Test
  void truncatedJsonKeepsStatusButCutsTheBody() throws Exception {
    String token = token();
    usps.injectFault("/addresses", Fault.TRUNCATED_JSON, 1);

    HttpResponse<String> r = get("/addresses/v3/address?streetAddress=1+Main+St&city=Denver&state=CO", token);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("{\"address\":").doesNotEndWith("}");
  }

  @Test
  void delayFaultHoldsTheResponseBeyondTheClientsReadTimeout() throws Exception {
    String token = token();
    usps.injectDelay("/addresses", Duration.ofSeconds(3), 1);
    HttpRequest slow = request("/addresses/v3/address?streetAddress=1+Main+St&city=Denver&state=CO")
        .header("Authorization", "Bearer " + token).timeout(Duration.ofMillis(200)).GET().build();

    assertThatThrownBy(() -> HTTP.send(slow, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(HttpTimeoutException.class);
  }

  @Test
  void recordsRequestsAndForgetsEverythingOnReset() throws Exception {
    String token = token();
    String pay = paymentToken(token);
    String n = buyTrackingNumber(token, pay);
    usps.injectFault("any", Fault.HTTP_500, 5);
    usps.rateLimit(1, Duration.ofHours(1));

    assertThat(usps.requests()).extracting(UspsEmulator.RecordedCall::path)
        .containsExactly("/oauth2/v3/token", "/payments/v3/payment-authorization", "/labels/v3/label");
    assertThat(usps.requests().get(2).header("x-payment-authorization-token")).isEqualTo(pay);
    assertThat(usps.requestCount("*", "/labels")).isEqualTo(1);

    usps.reset();

    assertThat(usps.requests()).isEmpty();
    assertThat(usps.labelsPurchased()).isZero();
    String fresh = token();
    assertThat(postJson("/tracking/v3r2/tracking", fresh, "[{\"trackingNumber\":\"" + n + "\"}]").statusCode())
        .isEqualTo(207);
    assertThat(get("/tracking/v3/tracking/" + n, token).statusCode()).as("old tokens are forgotten").isEqualTo(401);
  }

  @Test
  void sixtyFourThreadsBuyDistinctLabels() throws Exception {
    String token = token();
    String pay = paymentToken(token);
    ExecutorService pool = Executors.newFixedThreadPool(64);
    try {
      List<Future<String>> futures = new ArrayList<>();
      for (int k = 0; k < 128; k++) {
        String key = k % 2 == 0 ? UUID.nameUUIDFromBytes(("k" + k / 4).getBytes(StandardCharsets.UTF_8)).toString() : null;
        futures.add(pool.submit(() -> {
          HttpResponse<String> r = key == null
              ? buyLabel(token, pay, labelRequest("PRIORITY_MAIL", "NONE"), "Accept", "application/vnd.usps.labels+json")
              : buyLabel(token, pay, labelRequest("PRIORITY_MAIL", "NONE"), "Accept", "application/vnd.usps.labels+json",
                  "X-Idempotency-Key", key);
          assertThat(r.statusCode()).isEqualTo(200);
          return field(r.body(), "trackingNumber");
        }));
      }
      Set<String> numbers = new HashSet<>();
      for (Future<String> f : futures) {
        numbers.add(f.get());
      }
      // 64 without a key, 64 with 32 distinct keys
      assertThat(numbers).hasSize(96);
      assertThat(usps.labelsPurchased()).isEqualTo(96);
    } finally {
      pool.shutdownNow();
    }
  }
}
