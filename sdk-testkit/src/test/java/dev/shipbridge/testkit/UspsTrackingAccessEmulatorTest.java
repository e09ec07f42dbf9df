package dev.shipbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shipbridge.testkit.cainiao.Numbers;
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

/**
 * The USPS emulator's tracking access rule on the wire (issue 18 item 7): off by default; when
 * enforced, a parcel's data go only to a caller authorized for the Mailer ID in its barcode, and a
 * refusal is a 403 {@code ErrorMessage} naming the MID, per number in the v3r2 batch's 207.
 */
class UspsTrackingAccessEmulatorTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String REDIRECT = "https://platform.example/usps/callback";
  private static final String TEST_NUMBER = "9241999996333426012948";

  private MutableClock clock;
  private UspsEmulator usps;
  private String allowed;
  private String refused;

  @BeforeEach
  void start() {
    clock = MutableClock.startingAt(Instant.parse("2026-04-06T15:00:00Z"));
    usps = UspsEmulator.start(clock);
    allowed = Numbers.impb(12_345_670_000_001L);
    refused = Numbers.impb(98_765_430_000_002L);
    usps.expectInboundParcel(allowed, clock.instant().minus(Duration.ofHours(10)));
    usps.expectInboundParcel(refused, clock.instant().minus(Duration.ofHours(10)));
  }

  @AfterEach
  void stop() {
    usps.close();
  }

  @Test
  void offByDefaultEveryCallerSeesEveryParcel() throws Exception {
    HttpResponse<String> r = batch(platformToken(), allowed, refused);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).doesNotContain("\"403\"");
  }

  @Test
  void enforcedARefusedNumberIsA403ItemNamingTheMidWhileTheOthersAreAnswered() throws Exception {
    usps.enforceTrackingAccess(true);
    usps.allowTrackingMid(usps.clientId(), UspsEmulator.mailerIdOf(allowed));
    HttpResponse<String> r = batch(platformToken(), allowed, refused, TEST_NUMBER);
    assertThat(r.statusCode()).isEqualTo(207);
    String[] items = r.body().split("\\},\\{\"");
    String refusedItem = java.util.Arrays.stream(items).filter(i -> i.contains(refused)).findFirst().orElseThrow();
    assertThat(refusedItem).contains("statusCode\":\"403\"").contains("\"code\":\"403\"")
        .contains("Mailer ID " + UspsEmulator.mailerIdOf(refused)).doesNotContain("trackingEvents");
    assertThat(r.body()).contains("\"trackingNumber\":\"" + allowed + "\"").contains("\"trackingNumber\":\"" + TEST_NUMBER + "\"");
    assertThat(count(r.body(), "\"statusCode\":\"200\"")).isEqualTo(2);

    HttpResponse<String> one = send("GET", "/tracking/v3/tracking/" + refused + "?expand=DETAIL", null, platformToken());
    assertThat(one.statusCode()).isEqualTo(403);
    assertThat(one.body()).contains("\"apiVersion\"").contains("Mailer ID " + UspsEmulator.mailerIdOf(refused));
    assertThat(send("GET", "/tracking/v3/tracking/" + allowed + "?expand=DETAIL", null, platformToken()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aMerchantTokenSeesTheMidsAllowedToThatMerchantAndThePlatformTokenDoesNot() throws Exception {
    usps.enforceTrackingAccess(true);
    usps.allowTrackingMid("merchant-7", UspsEmulator.mailerIdOf(refused));
    String merchant = merchantToken("merchant-7");
    assertThat(batch(merchant, refused).statusCode()).isEqualTo(200);
    assertThat(batch(platformToken(), refused).body()).contains("\"statusCode\":\"403\"");
    assertThat(batch(merchant, allowed).body()).contains("\"statusCode\":\"403\"");
  }

  @Test
  void resetLiftsTheRule() throws Exception {
    usps.enforceTrackingAccess(true);
    assertThat(batch(platformToken(), refused).statusCode()).isEqualTo(207);
    usps.reset();
    usps.expectInboundParcel(refused, clock.instant().minus(Duration.ofHours(10)));
    assertThat(batch(platformToken(), refused).statusCode()).isEqualTo(200);
  }

  @Test
  void theMidIsReadFromTheBarcode() {
    assertThat(UspsEmulator.mailerIdOf("9205590271123400000017")).isEqualTo("902711234");
    assertThat(UspsEmulator.mailerIdOf(refused)).hasSize(6).startsWith("11");
    assertThat(UspsEmulator.mailerIdOf("LX123456785US")).isNull();
  }

  private HttpResponse<String> batch(String token, String... numbers) throws Exception {
    StringBuilder body = new StringBuilder("[");
    for (String n : numbers) body.append(body.length() > 1 ? "," : "").append("{\"trackingNumber\":\"").append(n).append("\"}");
    return send("POST", "/tracking/v3r2/tracking", body.append(']').toString(), token);
  }

  private String platformToken() throws Exception {
    return field(form("grant_type=client_credentials&" + client()), "access_token");
  }

  private String merchantToken(String merchant) throws Exception {
    String code = usps.authorizeMerchant(merchant, REDIRECT, "tracking");
    return field(form("grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(REDIRECT) + "&" + client()),
        "access_token");
  }

  private String client() {
    return "client_id=" + enc(usps.clientId()) + "&client_secret=" + enc(usps.clientSecret());
  }

  private String form(String body) throws Exception {
    HttpRequest r = HttpRequest.newBuilder(URI.create(usps.baseUrl() + "/oauth2/v3/token")).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return HTTP.send(r, HttpResponse.BodyHandlers.ofString()).body();
  }

  private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(usps.baseUrl() + path)).timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + token)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) n++;
    return n;
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    return m.find() ? m.group(1) : null;
  }
}
