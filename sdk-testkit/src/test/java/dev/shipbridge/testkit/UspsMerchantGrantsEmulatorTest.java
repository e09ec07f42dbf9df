package dev.shipbridge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator's authorization-code and refresh-token grants are as strict as the OAuth spec and RFC 6749. */
class UspsMerchantGrantsEmulatorTest {
  private static final String REDIRECT = "https://platform.example/usps/callback";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final MutableClock clock = MutableClock.startingAt(UspsEmulator.DEFAULT_INSTANT);
  private UspsEmulator usps;

  @BeforeEach
  void start() {
    usps = UspsEmulator.start(clock);
  }

  @AfterEach
  void stop() {
    usps.close();
  }

  private HttpResponse<String> post(String path, String form, String authorization) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(usps.baseUrl() + path)).timeout(Duration.ofSeconds(20))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
    if (authorization != null) b.header("Authorization", authorization);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> token(String grant, String... pairs) throws Exception {
    StringBuilder form = new StringBuilder("grant_type=" + grant + "&client_id=" + usps.clientId() + "&client_secret="
        + usps.clientSecret());
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      form.append('&').append(pairs[i]).append('=').append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    return post("/oauth2/v3/token", form.toString(), null);
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    return m.find() ? m.group(1) : null;
  }

  private HttpResponse<String> address(String accessToken) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(usps.baseUrl()
        + "/addresses/v3/address?streetAddress=1100%20Wyoming&state=MO&ZIPCode=63118"))
        .header("Authorization", "Bearer " + accessToken).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aCodeIsSingleUseBoundToItsRedirectUriAndExpiresAfterTenMinutes() throws Exception {
    String code = usps.authorizeMerchant("m-1", REDIRECT, "addresses");
    assertThat(token("authorization_code", "code", code).body()).contains("redirect_uri parameter is required");
    assertThat(token("authorization_code", "redirect_uri", REDIRECT).body()).contains("code parameter is required");
    HttpResponse<String> other = token("authorization_code", "code", code, "redirect_uri", "https://evil.example/cb");
    assertThat(other.statusCode()).isEqualTo(400);
    assertThat(other.body()).contains("invalid_grant"); // and the code is spent
    assertThat(token("authorization_code", "code", code, "redirect_uri", REDIRECT).body()).contains("invalid_grant");

    String fresh = usps.authorizeMerchant("m-1", REDIRECT, "addresses");
    HttpResponse<String> ok = token("authorization_code", "code", fresh, "redirect_uri", REDIRECT);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(field(ok.body(), "refresh_token")).isNotBlank();
    assertThat(ok.body()).contains("\"refresh_token_expires_in\":43199");
    assertThat(token("authorization_code", "code", fresh, "redirect_uri", REDIRECT).body()).contains("invalid_grant");

    String late = usps.authorizeMerchant("m-1", REDIRECT, "addresses");
    clock.advance(Duration.ofMinutes(10));
    assertThat(token("authorization_code", "code", late, "redirect_uri", REDIRECT).body()).contains("invalid_grant");
    assertThat(usps.codeGrants()).isEqualTo(1);
  }

  @Test
  void aRefreshRotatesTheRefreshTokenAndTheOldOneIsRefusedFromThenOn() throws Exception {
    String code = usps.authorizeMerchant("m-1", REDIRECT, "addresses", "tracking");
    String first = field(token("authorization_code", "code", code, "redirect_uri", REDIRECT).body(), "refresh_token");
    assertThat(token("refresh_token").body()).contains("refresh_token parameter is required");
    HttpResponse<String> refreshed = token("refresh_token", "refresh_token", first);
    assertThat(refreshed.statusCode()).isEqualTo(200);
    String second = field(refreshed.body(), "refresh_token");
    assertThat(second).isNotBlank().isNotEqualTo(first);
    HttpResponse<String> reused = token("refresh_token", "refresh_token", first);
    assertThat(reused.statusCode()).isEqualTo(400);
    assertThat(reused.body()).contains("invalid_grant");
    assertThat(token("refresh_token", "refresh_token", second).statusCode()).isEqualTo(200);
    assertThat(usps.refreshGrants()).isEqualTo(2);
  }

  @Test
  void aRefreshTokenExpiresWithItsStatedLifetime() throws Exception {
    String code = usps.authorizeMerchant("m-1", REDIRECT, "addresses");
    String refresh = field(token("authorization_code", "code", code, "redirect_uri", REDIRECT).body(), "refresh_token");
    clock.advance(Duration.ofSeconds(43_199));
    assertThat(token("refresh_token", "refresh_token", refresh).body()).contains("invalid_grant");
    assertThat(usps.merchantAuthorized("m-1")).isFalse();
  }

  @Test
  void scopesBeyondTheMerchantsConsentAreRefusedAndTokensReachOnlyTheirScopes() throws Exception {
    String code = usps.authorizeMerchant("m-1", REDIRECT, "tracking");
    HttpResponse<String> wider = token("authorization_code", "code", code, "redirect_uri", REDIRECT, "scope", "tracking labels");
    assertThat(wider.statusCode()).isEqualTo(400);
    assertThat(wider.body()).contains("invalid_scope").contains("labels");

    String again = usps.authorizeMerchant("m-1", REDIRECT, "tracking");
    HttpResponse<String> ok = token("authorization_code", "code", again, "redirect_uri", REDIRECT, "scope", "tracking");
    HttpResponse<String> refused = address(field(ok.body(), "access_token"));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("scope addresses");
    // a refresh cannot widen the consent either, and a refused one does not spend the token
    String refresh = field(ok.body(), "refresh_token");
    assertThat(token("refresh_token", "refresh_token", refresh, "scope", "addresses").body()).contains("invalid_scope");
    assertThat(token("refresh_token", "refresh_token", refresh).statusCode()).isEqualTo(200);
  }

  @Test
  void revokingARefreshTokenNeedsBasicAuthAndEndsItsWholeFamily() throws Exception {
    String code = usps.authorizeMerchant("m-1", REDIRECT, "addresses");
    HttpResponse<String> issued = token("authorization_code", "code", code, "redirect_uri", REDIRECT);
    String refresh = field(issued.body(), "refresh_token");
    String access = field(issued.body(), "access_token");
    assertThat(post("/oauth2/v3/revoke", "token=" + refresh, null).statusCode()).isEqualTo(401);
    String basic = "Basic " + Base64.getEncoder().encodeToString(
        (usps.clientId() + ":" + usps.clientSecret()).getBytes(StandardCharsets.UTF_8));
    assertThat(post("/oauth2/v3/revoke", "token=" + refresh + "&token_type_hint=id_token", basic).body())
        .contains("unsupported_token_type");
    assertThat(post("/oauth2/v3/revoke", "token=" + refresh + "&token_type_hint=refresh_token", basic).statusCode())
        .isEqualTo(200);
    assertThat(token("refresh_token", "refresh_token", refresh).body()).contains("invalid_grant");
    assertThat(address(access).statusCode()).isEqualTo(401);
    assertThat(usps.merchantAuthorized("m-1")).isFalse();
  }
}
