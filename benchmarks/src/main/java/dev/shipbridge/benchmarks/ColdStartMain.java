package dev.shipbridge.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.usps.UspsCarrier;
import java.io.IOException;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * One cold start, as a whole process: a fresh JVM builds a client and gets the first tracking
 * answer from the loopback {@link ColdStartServer} (a USPS OAuth token, then one tracking call),
 * then exits. Time the process from outside (repeated, alternating runs; {@code cold-start.sh}
 * next to the module's pom does that with {@code date} and counts loaded classes with
 * {@code -Xlog:class+load}).
 *
 * <ul>
 *   <li>{@code sdk}: {@link Shipbridge} with the USPS adapter ({@link UspsCarrier}), default
 *       resilience policy, default HTTP client, then {@code track(number)};
 *   <li>{@code raw}: what a developer writes by hand with OkHttp and Jackson: a default
 *       {@code OkHttpClient}, a default {@code ObjectMapper}, the same token request (form body)
 *       and the same tracking request (JSON), each answer read into a tree.
 * </ul>
 *
 * <p>Usage: {@code java -cp "$(cat benchmarks/target/cold-start.classpath)"
 * dev.shipbridge.benchmarks.ColdStartMain sdk|raw <baseUrl> <trackingNumber>}. This class touches
 * only what a user's program would (no testkit, no JMH), so the classes counted are the client's.
 * It prints one line: the mode, the tracking status and the time from {@code main} to the answer.
 */
public final class ColdStartMain {
  private ColdStartMain() {}

  public static void main(String[] args) throws IOException {
    long start = System.nanoTime();
    if (args.length != 3 || !(args[0].equals("sdk") || args[0].equals("raw"))) {
      System.err.println("usage: ColdStartMain sdk|raw <baseUrl> <trackingNumber>");
      System.exit(2);
    }
    String status = args[0].equals("sdk") ? sdk(args[1], args[2]) : raw(args[1], args[2]);
    long micros = (System.nanoTime() - start) / 1_000;
    System.out.println(args[0] + " " + status + " in main " + micros / 1000 + "." + (micros % 1000) / 100 + " ms");
  }

  static String sdk(String baseUrl, String number) {
    try (Shipbridge shipbridge = Shipbridge.builder()
        .carrier(UspsCarrier.builder().baseUrl(baseUrl).clientId("cold-start-id").clientSecret("cold-start-secret").build())
        .build()) {
      Tracking tracking = shipbridge.track(number);
      return tracking.status() + " (" + tracking.events().size() + " events)";
    }
  }

  static String raw(String baseUrl, String number) throws IOException {
    OkHttpClient client = new OkHttpClient();
    ObjectMapper mapper = new ObjectMapper();
    try {
      Request tokenRequest = new Request.Builder().url(baseUrl + "/oauth2/v3/token")
          .post(new FormBody.Builder().add("grant_type", "client_credentials")
              .add("client_id", "cold-start-id").add("client_secret", "cold-start-secret").build())
          .build();
      String token;
      try (Response response = client.newCall(tokenRequest).execute()) {
        if (!response.isSuccessful()) throw new IOException("token: HTTP " + response.code());
        token = mapper.readTree(response.body().bytes()).path("access_token").asText();
      }
      byte[] body = mapper.writeValueAsBytes(mapper.createArrayNode().add(mapper.createObjectNode().put("trackingNumber", number)));
      Request trackRequest = new Request.Builder().url(baseUrl + "/tracking/v3r2/tracking")
          .header("Authorization", "Bearer " + token)
          .post(RequestBody.create(body, MediaType.get("application/json"))).build();
      try (Response response = client.newCall(trackRequest).execute()) {
        if (!response.isSuccessful()) throw new IOException("tracking: HTTP " + response.code());
        JsonNode first = mapper.readTree(response.body().bytes()).path(0);
        return first.path("status").asText() + " (" + first.path("trackingEvents").size() + " events)";
      }
    } finally {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }
}
