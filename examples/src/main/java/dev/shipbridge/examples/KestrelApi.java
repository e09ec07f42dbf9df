package dev.shipbridge.examples;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A stand-in for Kestrel Post's API on 127.0.0.1, for {@link CustomCarrier}: one rate, and three
 * events for any parcel. Requests without {@code X-Api-Key} get Kestrel's 401 envelope.
 */
public final class KestrelApi implements AutoCloseable {
  /** The rate answer: 4.90 + 1.15 a pound, for the 2 lb parcel of the example. */
  public static final String RATES = "{\"rates\":[{\"service\":\"NEXT_DAY\",\"name\":\"Kestrel Next Day\","
      + "\"amount\":\"7.20\",\"currency\":\"USD\",\"days\":1}]}";
  /** The events answer. */
  public static final String EVENTS = "{\"number\":\"KP123456786\",\"events\":["
      + "{\"at\":\"2026-03-02T21:00:00Z\",\"code\":\"OD\",\"text\":\"Out for delivery\"},"
      + "{\"at\":\"2026-03-02T01:00:00Z\",\"code\":\"PU\",\"text\":\"Picked up\"},"
      + "{\"at\":\"2026-03-03T03:00:00Z\",\"code\":\"DL\",\"text\":\"Delivered to the front desk\"}]}";

  private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

  private KestrelApi() {
    server.start();
    server.stubFor(post(urlPathEqualTo("/v1/rates")).atPriority(10).willReturn(com.github.tomakehurst.wiremock.client.WireMock
        .aResponse().withStatus(401).withHeader("Content-Type", "application/json")
        .withBody("{\"error\":{\"code\":\"NO_KEY\",\"message\":\"missing X-Api-Key\"}}")));
    server.stubFor(post(urlPathEqualTo("/v1/rates")).withHeader("X-Api-Key",
        com.github.tomakehurst.wiremock.client.WireMock.matching(".+")).atPriority(5).willReturn(okJson(RATES)));
    server.stubFor(get(urlPathMatching("/v1/parcels/[^/]+/events")).willReturn(okJson(EVENTS)));
  }

  public static KestrelApi start() {
    return new KestrelApi();
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  @Override
  public void close() {
    server.stop();
  }
}
