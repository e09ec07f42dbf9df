package dev.shipbridge.testkit.conformance;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shipbridge.QuoteResult;
import dev.shipbridge.Shipbridge;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.resilience.ResiliencePolicy;
import dev.shipbridge.spi.Carrier;
import dev.shipbridge.spi.CarrierProvider;
import dev.shipbridge.spi.LabelCapability;
import dev.shipbridge.testkit.Malformations;
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
 * Beyond that, where an operation gives what they need: one case per testkit {@code
 * Malformations.Kind} ({@link Operation#malformations}), an unknown tracking event code kept raw
 * ({@link Operation#eventCodes}), a {@code trackMany} per-number failure ({@link
 * Operation#perNumberFailure}); and once per run: the facade's clock and token store reach the
 * adapter, and no secret reaches a TRACE log line ({@link CapturingLogs}, {@link #traceLogs()}).
 *
 * <p>Requests other than the operation's target are answered by {@link #upstream()} (an emulator
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

  /**
   * The carrier as account {@code n} (1 or 2) of a platform, talking to {@code baseUrl}: credentials
   * or an authorization of its own, so the accounts rule can check that two accounts share no token,
   * no breaker, and a rate limiter only when their carriers name one quota ({@code
   * Carrier.quotaKey()}). Null (the default): the accounts rule is not run.
   */
  protected Carrier accountCarrier(String baseUrl, int n) {
    return null;
  }

  /** Other carriers' numbers no other adapter may claim. */
  static final Map<String, String> FOREIGN_NUMBERS = Map.of("usps", "9400111201080805483016", "cainiao", "LP00123456789012");

  /**
   * Whether the kit runs its TRACE canary ("no secret reaches a TRACE log line"), which needs SLF4J
   * bound to {@link CapturingLogs} in the test JVM; true unless overridden.
   */
  protected boolean traceLogs() {
    return true;
  }

  /** The kinds of broken answer run against each operation with a valid answer; all unless overridden. */
  protected List<Malformations.Kind> malformationKinds() {
    return List.of(Malformations.Kind.values());
  }

  /**
   * Every case: the matcher, the provider, the binding of clock and token store, the TRACE canary,
   * then per operation one valid call, the refused call, one case per {@link Fault}, the unknown
   * event code, the {@code trackMany} per-number failure and one case per {@link Malformations}
   * kind, where the operation gives what they need.
   */
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
    if (!operations().isEmpty()) {
      ops.add(DynamicTest.dynamicTest("the facade's clock and token store reach the adapter", () -> KitCases.binding(this)));
    }
    if (traceLogs()) {
      ops.add(DynamicTest.dynamicTest("no secret reaches a TRACE log line", () -> KitCases.traceCanary(this)));
    }
    if (!operations().isEmpty() && accountCarrier("http://127.0.0.1:9", 1) != null) {
      ops.add(DynamicTest.dynamicTest("two accounts share no token, limiter or breaker", () -> AccountCases.accounts(this)));
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
      if (op.eventCodeAnswer() != null) {
        cases.add(DynamicTest.dynamicTest(op.name() + " keeps an unknown event code raw as UNKNOWN", () -> KitCases.unknownCode(this, op)));
      }
      if (op.trackManyCase() != null) {
        cases.add(DynamicTest.dynamicTest("trackMany: one number fails with a typed failure, the others are tracked",
            () -> KitCases.trackMany(this, op)));
      }
      if (op.valid() != null) {
        for (Malformations.Kind k : malformationKinds()) {
          cases.add(DynamicTest.dynamicTest(op.name() + " answered with " + k, () -> KitCases.malformed(this, op, k)));
        }
      }
      ops.add(DynamicContainer.dynamicContainer(op + " [" + mode() + "]", cases));
    }
    return ops.stream();
  }

  /** The number of cases {@link #conformance()} runs. */
  public final int caseCount() {
    List<Operation> ops = operations();
    int n = (ownTrackingNumbers().isEmpty() ? 0 : 1) + (provider() == null ? 0 : 1) + (ops.isEmpty() ? 0 : 1)
        + (traceLogs() ? 1 : 0) + (!ops.isEmpty() && accountCarrier("http://127.0.0.1:9", 1) != null ? 1 : 0);
    for (Operation o : ops) {
      n += 1 + faults().size() + (o.refused() != null ? 1 : 0) + (o.eventCodeAnswer() != null ? 1 : 0)
          + (o.trackManyCase() != null ? 1 : 0) + (o.valid() != null ? malformationKinds().size() : 0);
    }
    return n;
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
    try (KitRun run = new KitRun(this, op, null, null)) {
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
    try (KitRun run = new KitRun(this, op, null, null)) {
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
    try (KitRun run = new KitRun(this, op, f, null)) {
      Outcome o = Outcome.of(op, run.shipbridge);
      List<String> v = new ArrayList<>();
      if (!(o.failure() == null && o.result() != null && op.fallbacks().contains(f))) {
        v.addAll(Rules.check(f, context(op, run), new Rules.Observed(o.result(), o.failure(), run.targetRequests())));
      }
      v.addAll(run.leaks(o.result(), o.failure()));
      fail(op + " under " + f, v, o.failure());
    }
  }

  Rules.Context context(Operation op, KitRun run) {
    boolean honours = run.carrier.capability(LabelCapability.class).map(LabelCapability::honoursIdempotencyKey).orElse(false);
    return new Rules.Context(op.kind(), op.idempotencyKey(), honours, MAX_ATTEMPTS, mode() == Mode.PERMISSIVE);
  }

  /** Throws the violations {@code v} of case {@code what}, if any, with the failure observed. */
  void fail(String what, List<String> v, Throwable failure) {
    if (v.isEmpty()) return;
    AssertionError e = new AssertionError(what + " [" + mode() + "]: " + String.join("; ", v));
    if (failure != null) e.addSuppressed(failure);
    throw e;
  }

  /** What a call gave: a result or a failure (a quote's first per-carrier failure counts as one). */
  record Outcome(Object result, Throwable failure) {
    static Outcome of(Operation op, Shipbridge sb) {
      try {
        Object r = op.call(sb);
        if (r instanceof QuoteResult q && !q.failures().isEmpty()) return new Outcome(r, q.failures().get(0).error());
        return new Outcome(r, null);
      } catch (Throwable t) {
        return new Outcome(null, t);
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
}
