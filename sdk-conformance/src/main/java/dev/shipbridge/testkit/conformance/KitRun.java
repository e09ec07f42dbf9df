package dev.shipbridge.testkit.conformance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.spi.Carrier;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One case of the kit: a server, a carrier, a facade on the kit's clock and recording token store. */
final class KitRun implements AutoCloseable {
  final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
  final KitClock clock;
  final Operation op;
  final Carrier carrier;
  final Shipbridge shipbridge;
  final RecordingTokenStore tokens;
  private final CarrierConformanceKit kit;
  private final ResettingServer resetting;

  /**
   * @param fault the fault served for the operation's target, or null
   * @param broken an answer served for the target instead (a malformation, a planted event code), or null
   */
  KitRun(CarrierConformanceKit kit, Operation op, Fault fault, ResponseDefinitionBuilder broken) {
    this.kit = kit;
    this.op = op;
    this.clock = new KitClock(kit.start());
    this.tokens = new RecordingTokenStore(clock);
    server.start();
    if (kit.upstream() != null) {
      server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(kit.upstream())));
    }
    kit.stubSupport(server);
    if (op.answer() != null) server.stubFor(op.target().atPriority(5).willReturn(op.answer()));
    if (broken != null) server.stubFor(op.target().atPriority(1).willReturn(broken));
    if (fault != null && !fault.neverSent()) server.stubFor(op.target().atPriority(1).willReturn(fault.response(clock)));
    this.resetting = fault == Fault.RESET_BEFORE_SEND ? new ResettingServer() : null;
    String base = fault == Fault.CONNECT_REFUSED ? "http://127.0.0.1:" + deadPort()
        : resetting != null ? "https://127.0.0.1:" + resetting.port() : server.baseUrl();
    this.carrier = kit.carrier(base);
    this.shipbridge = Shipbridge.builder().discoverCarriers(false).carrier(carrier).clock(clock).tokenStore(tokens)
        .sleeper(d -> clock.advance(d)).resilience(CarrierConformanceKit.policy(kit.mode(), fault == Fault.STALL)).build();
  }

  /** The secrets planted: the carrier's, and every token the facade's store held or was given. */
  List<String> secrets() {
    List<String> s = new ArrayList<>(kit.secrets());
    tokens.stored.forEach(t -> s.add(t.value()));
    tokens.contents().forEach(t -> s.add(t.value()));
    return s;
  }

  List<String> leaks(Object result, Throwable failure) {
    Map<String, String> texts = new java.util.LinkedHashMap<>();
    texts.put("exception", Rules.describe(failure));
    texts.put("result's toString()", String.valueOf(result));
    texts.put("carrier's toString()", String.valueOf(carrier));
    texts.put("facade's toString()", String.valueOf(shipbridge));
    return Rules.leaks(secrets(), texts);
  }

  void noLeaks(Object result, Throwable failure) {
    List<String> v = leaks(result, failure);
    if (!v.isEmpty()) throw new AssertionError(op + " [" + kit.mode() + "]: " + String.join("; ", v));
  }

  /** Requests that reached the operation's target (connections, for a reset before sending). */
  int targetRequests() {
    if (resetting != null) return resetting.accepted();
    return server.countRequestsMatching(op.target().build().getRequest()).getCount();
  }

  /** Every request the server saw, as text: method, URL, headers, body. */
  List<String> requests() {
    List<String> out = new ArrayList<>();
    for (LoggedRequest r : server.findAll(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder.allRequests())) {
      out.add(r.getMethod() + " " + r.getAbsoluteUrl() + "\n" + r.getHeaders() + "\n" + r.getBodyAsString());
    }
    return out;
  }

  @Override
  public void close() {
    try {
      shipbridge.close();
    } finally {
      try {
        server.stop();
      } finally {
        if (resetting != null) resetting.close();
      }
    }
  }

  static int deadPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
