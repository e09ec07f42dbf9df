package dev.shipbridge.redis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback carrier that answers every request 200 and records when each arrived, on the test's
 * clock, and which instance sent it ({@code X-Instance}): the quota is counted at the server.
 */
final class ArrivalServer implements AutoCloseable {
  record Arrival(Instant at, String instance) {}

  private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
  private final WireMockServer server;

  ArrivalServer(Clock clock) {
    server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
        .extensions(new ServeEventListener() {
          @Override
          public String getName() {
            return "arrivals";
          }

          @Override
          public void beforeMatch(ServeEvent e, Parameters p) {
            arrivals.add(new Arrival(clock.instant(), e.getRequest().getHeader("X-Instance")));
          }
        }));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{}")));
  }

  /** The next request gets 429 with {@code Retry-After: seconds}; later ones 200. */
  void answer429Once(int seconds) {
    answer429Once(String.valueOf(seconds));
  }

  /** The next request gets 429 with {@code Retry-After: value} as given; later ones 200. */
  void answer429Once(String value) {
    server.resetScenarios();
    server.stubFor(any(anyUrl()).inScenario("429").whenScenarioStateIs(
            com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", value)
            .withHeader("Content-Type", "application/json").withBody("{}"))
        .willSetStateTo("served"));
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  List<Arrival> arrivals() {
    return List.copyOf(arrivals);
  }

  List<Instant> times() {
    List<Instant> out = new ArrayList<>();
    for (Arrival a : arrivals) out.add(a.at());
    return out;
  }

  List<Instant> timesFrom(String instance) {
    List<Instant> out = new ArrayList<>();
    for (Arrival a : arrivals) if (instance.equals(a.instance())) out.add(a.at());
    return out;
  }

  void clear() {
    arrivals.clear();
  }

  @Override
  public void close() {
    server.stop();
  }
}
