package dev.shipbridge.testkit.conformance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shipbridge.QuoteResult;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.CarrierProvider;
import dev.shipbridge.spi.LabelCapability;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance kit every carrier adapter must pass: extend it in a JUnit 5 test, say how to
 * build the carrier against a base URL and which operations it supports, and the kit runs, through
 * the {@link Shipbridge} facade and the real adapter on a WireMock server of its own, one valid
 * call per operation and every {@link Fault} (the status matrix, Retry-After forms, transport
 * faults, a damaged answer) per operation, checking each against the {@link Rules}.
 *
 * <pre>{@code
 * class AcmeConformanceTest extends CarrierConformanceKit {
 *   @Override protected Carrier carrier(String baseUrl) {
 *     return new AcmeCarrier(baseUrl, "test-key");
 *   }
 *   @Override protected List<Operation> operations() {
 *     return List.of(
 *         Operation.read("track", () -> get(urlPathMatching("/v1/track/.*")), sb -> sb.track("AC123"))
 *             .answer(okJson(TRACK_JSON)),
 *         Operation.purchase("label", () -> post(urlPathEqualTo("/v1/labels")), sb -> sb.label(REQUEST), "order-42")
 *             .answer(okJson(LABEL_JSON)));
 *   }
 * }
 * // and once more under a policy without quotas:
 * class AcmePermissiveConformanceTest extends AcmeConformanceTest {
 *   @Override protected Mode mode() { return Mode.PERMISSIVE; }
 * }
 * }</pre>
 *
 * Requests other than the operation's target are answered by {@link #upstream()} (an emulator
 * the kit proxies to) or by what {@link #stubSupport(WireMockServer)} stubs (tokens, ...). Time is
 * virtual: the facade gets the kit's clock and a sleeper that moves it, so backoff, Retry-After
 * and quota waits cost nothing; only {@link Fault#STALL} waits for real, for the short attempt
 * timeout the kit sets.
 */
public abstract class CarrierConformanceKit {
  /** The policy the kit runs the carrier under. */
  public enum Mode {
    /** Shipbridge's defaults laid over the carrier's own ({@code Carrier.defaultPolicy()}, its quotas). */
    DEFAULT,
    /** No quotas, 3 attempts. */
    PERMISSIVE
  }

  /** The carrier under test, talking to {@code baseUrl} (the kit's server, or a dead port). */
  protected abstract Carrier carrier(String baseUrl);

  /** The operations the carrier supports, one valid call each. */
  protected abstract List<Operation> operations();

  /** The policy mode; {@link Mode#DEFAULT} unless overridden. */
  protected Mode mode() {
    return Mode.DEFAULT;
  }

  /** A server answering every request but the broken one (an emulator's base URL), or null. */
  protected String upstream() {
    return null;
  }

  /** Stubs what the carrier needs besides the operations (a token endpoint, ...); nothing by default. */
  protected void stubSupport(WireMockServer server) {}

  /** Where the kit's clock starts. */
  protected Instant start() {
    return Instant.parse("2026-03-02T15:00:00Z");
  }

  /** The faults run against each operation; all of them unless overridden. */
  protected List<Fault> faults() {
    return List.of(Fault.values());
  }

  /** Numbers the carrier's matcher must claim (empty: the matcher case is not run). */
  protected List<String> ownTrackingNumbers() {
    return List.of();
  }

  /** The carrier's provider, whose {@code create} must configure nothing from empty settings; null to skip. */
  protected CarrierProvider provider() {
    return null;
  }

  /**
   * The secrets {@link #carrier(String)} builds the carrier with (API keys, client secrets, access
   * tokens): after every case the kit checks none of them appears in the exception (messages,
   * {@code toString()}, causes), the result's, the carrier's or the facade's {@code toString()}.
   * Empty (the default): not checked.
   */
  protected List<String> secrets() {
    return List.of();
  }

  /** Other carriers' numbers no other adapter may claim. */
  static final Map<String, String> FOREIGN_NUMBERS = Map.of("usps", "9400111201080805483016", "cainiao", "LP00123456789012");

  /** Every case: the matcher and the provider, then per operation one valid call and one per {@link Fault}. */
  @TestFactory
  Stream<DynamicNode> conformance() {
    List<DynamicNode> ops = new ArrayList<>();
    if (!ownTrackingNumbers().isEmpty()) {
      ops.add(DynamicTest.dynamicTest("the matcher claims its own numbers and no other carrier's", this::matcher));
    }
    if (provider() != null) {
      ops.add(DynamicTest.dynamicTest("the provider configures nothing from empty settings", () -> {
        if (provider().create(name -> java.util.Optional.empty()).isPresent()) {
          throw new AssertionError("a provider with no settings configured a carrier");
        }
      }));
    }
    for (Operation op : operations()) {
      List<DynamicNode> cases = new ArrayList<>();
      cases.add(DynamicTest.dynamicTest(op.name() + " answers a valid call", () -> happy(op)));
      if (op.refused() != null) {
        cases.add(DynamicTest.dynamicTest(op.name() + " refuses an invalid call before sending any request", () -> refused(op)));
      }
      for (Fault f : faults()) {
        cases.add(DynamicTest.dynamicTest(op.name() + " under " + f, () -> fault(op, f)));
      }
      ops.add(DynamicContainer.dynamicContainer(op + " [" + mode() + "]", cases));
    }
    return ops.stream();
  }

  /** The number of cases {@link #conformance()} runs. */
  public final int caseCount() {
    List<Operation> ops = operations();
    return ops.size() * (1 + faults().size()) + (int) ops.stream().filter(o -> o.refused() != null).count()
        + (ownTrackingNumbers().isEmpty() ? 0 : 1)
        + (provider() == null ? 0 : 1);
  }

  private void matcher() {
    Carrier c = carrier("http://127.0.0.1:9");
    for (String own : ownTrackingNumbers()) {
      if (!c.trackingNumbers().matches(own)) throw new AssertionError("the matcher does not claim " + own);
    }
    FOREIGN_NUMBERS.forEach((carrier, number) -> {
      if (!carrier.equals(c.id().value()) && c.trackingNumbers().matches(number)) {
        throw new AssertionError("the matcher claims " + carrier + "'s number " + number);
      }
    });
  }

  private void happy(Operation op) throws Exception {
    try (Run run = new Run(op, null)) {
      Object result = op.call(run.shipbridge);
      if (result == null) throw new AssertionError(op.name() + " returned null");
      run.noLeaks(result, result instanceof QuoteResult q && !q.failures().isEmpty() ? q.failures().get(0).error() : null);
      for (var request : run.server.findAll(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder.like(op.target().build().getRequest()))) {
        String ua = request.getHeader("User-Agent");
        if (ua == null || !ua.startsWith("shipbridge/")) {
          throw new AssertionError("the request did not go through the facade's transport (User-Agent: " + ua + ")");
        }
      }
      if (result instanceof QuoteResult q) {
        if (!q.failures().isEmpty()) throw new AssertionError("quote failed: " + q.failures());
        if (q.quotes().isEmpty()) throw new AssertionError("a valid quote answer gave no quote");
      }
      if (result instanceof Tracking t) {
        for (int i = 1; i < t.events().size(); i++) {
          if (t.events().get(i - 1).time().isAfter(t.events().get(i).time())) {
            throw new AssertionError("tracking events are not in time order: " + t.events());
          }
        }
      }
    }
  }

  private void refused(Operation op) throws Exception {
    try (Run run = new Run(op, null)) {
      Object result = null;
      Throwable failure = null;
      try {
        result = op.refused().apply(run.shipbridge);
      } catch (Throwable t) {
        failure = t;
      }
      List<String> v = new ArrayList<>(Rules.refusedBeforeSending(new Rules.Observed(result, failure, run.server.getAllServeEvents().size())));
      v.addAll(run.leaks(result, failure));
      if (!v.isEmpty()) {
        AssertionError e = new AssertionError(op + " [" + mode() + "]: " + String.join("; ", v));
        if (failure != null) e.addSuppressed(failure);
        throw e;
      }
    }
  }

  private void fault(Operation op, Fault f) throws Exception {
    try (Run run = new Run(op, f)) {
      Object result = null;
      Throwable failure = null;
      try {
        result = op.call(run.shipbridge);
        if (result instanceof QuoteResult q && !q.failures().isEmpty()) failure = q.failures().get(0).error();
      } catch (Throwable t) {
        failure = t;
      }
      boolean honours = run.carrier.capability(LabelCapability.class).map(LabelCapability::honoursIdempotencyKey).orElse(false);
      Rules.Context c = new Rules.Context(op.kind(), op.idempotencyKey(), honours, MAX_ATTEMPTS, mode() == Mode.PERMISSIVE);
      List<String> v = new ArrayList<>(Rules.check(f, c, new Rules.Observed(result, failure, run.targetRequests())));
      v.addAll(run.leaks(result, failure));
      if (!v.isEmpty()) {
        AssertionError e = new AssertionError(op + " under " + f + " [" + mode() + "]: " + String.join("; ", v));
        if (failure != null) e.addSuppressed(failure);
        throw e;
      }
    }
  }

  static final int MAX_ATTEMPTS = 3;

  /**
   * The policy of {@code mode}; with {@code shortTimeouts} (the {@link Fault#STALL} case only) an
   * attempt times out after a second, so a stall costs little; every other case gets generous ones:
   * on a loaded machine a one-second timeout could expire before the kit's server recorded the
   * request, and the retry then made {@code attempts()} exceed the requests seen (a Cainiao track
   * under a 401 reported 2 attempts for 1 request once).
   */
  static ResiliencePolicy policy(Mode mode, boolean shortTimeouts) {
    Duration read = shortTimeouts ? Duration.ofSeconds(1) : Duration.ofSeconds(20);
    ResiliencePolicy.Builder b = ResiliencePolicy.custom().all(s -> s.maxAttempts(MAX_ATTEMPTS)
        .readTimeout(read).attemptTimeout(read.plusMillis(500)));
    if (mode == Mode.PERMISSIVE) b.all(s -> s.unlimited());
    return b.build();
  }

  /** One case: a server, a carrier, a facade. */
  private final class Run implements AutoCloseable {
    final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
    final KitClock clock = new KitClock(start());
    final Operation op;
    final Carrier carrier;
    final Shipbridge shipbridge;

    Run(Operation op, Fault fault) {
      this.op = op;
      server.start();
      if (upstream() != null) {
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(upstream())));
      }
      stubSupport(server);
      if (op.answer() != null) server.stubFor(op.target().atPriority(5).willReturn(op.answer()));
      if (fault != null && fault != Fault.CONNECT_REFUSED) {
        server.stubFor(op.target().atPriority(1).willReturn(fault.response(clock)));
      }
      String base = fault == Fault.CONNECT_REFUSED ? "http://127.0.0.1:" + deadPort() : server.baseUrl();
      this.carrier = carrier(base);
      this.shipbridge = Shipbridge.builder().discoverCarriers(false).carrier(carrier).clock(clock)
          .sleeper(d -> clock.advance(d)).resilience(policy(mode(), fault == Fault.STALL)).build();
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
      if (!v.isEmpty()) throw new AssertionError(op + " [" + mode() + "]: " + String.join("; ", v));
    }

    int targetRequests() {
      return server.countRequestsMatching(op.target().build().getRequest()).getCount();
    }

    @Override
    public void close() {
      try {
        shipbridge.close();
      } finally {
        server.stop();
      }
    }
  }

  private static int deadPort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
