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

/**
 * The USPS emulator's Carrier Pickup, Subscriptions - Tracking and returns/reprint endpoints are as
 * strict as the specs and USPS's error list: wire-level, without SDK code.
 */
class UspsEmulatorServicesTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String ADDRESS = "{\"firstName\":\"Joe\",\"lastName\":\"Doe\",\"address\":{\"streetAddress\":"
      + "\"4120 Bingham Ave\",\"city\":\"St. Louis\",\"state\":\"MO\",\"ZIPCode\":\"63116\"},"
      + "\"contact\":[{\"email\":\"joe@example.com\"}]}";

  private MutableClock clock;
  private UspsEmulator usps;
  private String token;

  @BeforeEach
  void start() throws Exception {
    clock = MutableClock.startingAt(Instant.parse("2026-03-02T15:00:00Z")); // a Monday
    usps = UspsEmulator.start(clock);
    String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(usps.clientId(), StandardCharsets.UTF_8)
        + "&client_secret=" + URLEncoder.encode(usps.clientSecret(), StandardCharsets.UTF_8);
    token = field(send("POST", "/oauth2/v3/token", form, "Content-Type", "application/x-www-form-urlencoded").body(),
        "access_token");
  }

  @AfterEach
  void stop() {
    usps.close();
  }

  private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(usps.baseUrl() + path)).timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) b.header("Authorization", "Bearer " + token);
    if (body != null && headers.length == 0) b.header("Content-Type", "application/json");
    for (int k = 0; k < headers.length; k += 2) b.header(headers[k], headers[k + 1]);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    return m.find() ? m.group(1) : null;
  }

  private static String pickup(String date, String location, String extra) {
    return "{\"pickupDate\":\"" + date + "\",\"pickupAddress\":" + ADDRESS + ",\"packages\":[{\"packageType\":"
        + "\"PRIORITY_MAIL\",\"packageCount\":2}],\"estimatedWeight\":5,\"pickupLocation\":{\"packageLocation\":\""
        + location + "\"}" + extra + "}";
  }

  @Test
  void pickupsFollowUspsDateLocationAndETagRules() throws Exception {
    assertThat(send("POST", "/pickup/v3/carrier-pickup", pickup("2026-03-01", "FRONT_DOOR", "")).body()).contains("020016");
    assertThat(send("POST", "/pickup/v3/carrier-pickup", pickup("2027-03-03", "FRONT_DOOR", "")).body()).contains("020017");
    assertThat(send("POST", "/pickup/v3/carrier-pickup", pickup("2026-03-08", "FRONT_DOOR", "")).body()).contains("020018");
    assertThat(send("POST", "/pickup/v3/carrier-pickup", pickup("2026-03-03", "OTHER", "")).body()).contains("020020");
    assertThat(send("POST", "/pickup/v3/carrier-pickup", pickup("2026-03-03", "FRONT_DOOR", ",\"extra\":1")).statusCode())
        .as("additionalProperties: false").isEqualTo(400);

    HttpResponse<String> booked = send("POST", "/pickup/v3/carrier-pickup", pickup("2026-03-08", "PORCH",
        ",\"nextAvailablePickup\":true"));
    assertThat(booked.statusCode()).isEqualTo(200);
    assertThat(field(booked.body(), "pickupDate")).as("the next day with service").isEqualTo("2026-03-09");
    assertThat(send("POST", "/pickup/v3/carrier-pickup", pickup("2026-03-09", "PORCH", "")).body()).contains("020001");
    String number = field(booked.body(), "confirmationNumber");
    String etag = booked.headers().firstValue("ETag").orElseThrow();

    assertThat(send("DELETE", "/pickup/v3/carrier-pickup/" + number, null).statusCode()).isEqualTo(400);
    clock.advance(Duration.ofMinutes(61));
    assertThat(send("DELETE", "/pickup/v3/carrier-pickup/" + number, null, "If-Match", etag).statusCode())
        .as("an ETag is good for an hour").isEqualTo(412);
    HttpResponse<String> read = send("GET", "/pickup/v3/carrier-pickup/" + number, null);
    assertThat(read.body()).startsWith("[");
    String fresh = read.headers().firstValue("ETag").orElseThrow();
    assertThat(send("DELETE", "/pickup/v3/carrier-pickup/" + number, null, "If-Match", fresh).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/pickup/v3/carrier-pickup/" + number, null).body()).contains("020015");
  }

  @Test
  void subscriptionsFollowTheSpecsLimitsAndSignTheirNotifications() throws Exception {
    String base = "{\"listenerURL\":\"https://hooks.example.com/u\",\"adminNotification\":[{\"email\":\"o@example.com\"}],";
    assertThat(send("POST", "/subscriptions-tracking/v3r2/subscriptions", base + "\"secret\":\"short\","
        + "\"filterProperties\":{\"MID\":\"904128936\"}}").body()).contains("exactly 32");
    assertThat(send("POST", "/subscriptions-tracking/v3r2/subscriptions", base + "\"secret\":\"" + "k".repeat(32) + "\","
        + "\"filterProperties\":{\"trackingNumber\":\"9205590982952107001084\",\"trackingEventTypes\":[\"SCAN_EVENT_EXTRACT\"]}}")
        .statusCode()).as("scan extracts are for MID subscriptions").isEqualTo(400);
    HttpResponse<String> created = send("POST", "/subscriptions-tracking/v3r2/subscriptions", base + "\"secret\":\""
        + "k".repeat(32) + "\",\"filterProperties\":{\"trackingNumber\":\"9205590982952107001084\"}}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).isPresent();
    String id = field(created.body(), "subscriptionId");

    UspsEmulator.Notification n = usps.notification(id, "9205590982952107001084");
    assertThat(n.headers()).containsKey("X-HMAC");
    assertThat(n.body()).contains("\"subscriptionId\":\"" + id + "\"", "\"payload\"");

    usps.denyApi("/subscriptions-tracking/v3r2");
    HttpResponse<String> denied = send("GET", "/subscriptions-tracking/v3r2/subscriptions/" + id, null);
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(denied.body()).contains("not authorized for this API product");
  }
}
