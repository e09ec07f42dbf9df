package dev.shipbridge.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The baseline: what a developer would write by hand with OkHttp and Jackson. It sends the bytes the
 * SDK sent (same URL, headers and JSON, the JSON re-serialised from a tree each call) with the
 * tokens the SDK obtained, and parses each answer into a tree and reads the fields a caller needs.
 * No validation, no mapping to a model, no resilience.
 */
final class RawClient {
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient client;
  private final ObjectWriter writer;
  private final ObjectReader reader;
  private final Call quote;
  private final Call track;
  private final Call label;

  private record Call(HttpUrl url, Headers headers, JsonNode body) {}

  RawClient(OkHttpClient client, Fixtures.Recording recording, String baseUrl) {
    this.client = client;
    ObjectMapper mapper = new ObjectMapper();
    this.writer = mapper.writer();
    this.reader = mapper.reader();
    this.quote = call(recording.get("/prices/"), baseUrl);
    this.track = call(recording.get("/tracking/"), baseUrl);
    this.label = call(recording.get("/labels/"), baseUrl);
  }

  private Call call(Fixtures.Exchange e, String baseUrl) {
    Headers.Builder h = new Headers.Builder();
    for (Map.Entry<String, String> kv : e.requestHeaders().entrySet()) {
      if (!kv.getKey().equalsIgnoreCase("Content-Type")) h.add(kv.getKey(), kv.getValue());
    }
    try {
      return new Call(HttpUrl.get(baseUrl + e.path()), h.build(), reader.readTree(e.requestBody()));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private JsonNode send(Call c) {
    try {
      Request request = new Request.Builder().url(c.url).headers(c.headers)
          .post(RequestBody.create(writer.writeValueAsBytes(c.body), JSON)).build();
      try (Response response = client.newCall(request).execute()) {
        if (!response.isSuccessful()) throw new IllegalStateException("HTTP " + response.code());
        return reader.readTree(response.body().bytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cheapest price among the rate options. */
  double quote() {
    double best = Double.MAX_VALUE;
    for (JsonNode o : send(quote).path("rateOptions")) best = Math.min(best, o.path("totalBasePrice").asDouble());
    return best;
  }

  /** The status and the number of events of the first tracked parcel. */
  int track() {
    JsonNode first = send(track).path(0);
    return first.path("status").asText().length() + first.path("trackingEvents").size();
  }

  /** The tracking number and the decoded label image. */
  int label() {
    JsonNode r = send(label);
    byte[] image = Base64.getDecoder().decode(r.path("labelImage").asText());
    return r.path("trackingNumber").asText().length() + image.length;
  }
}
