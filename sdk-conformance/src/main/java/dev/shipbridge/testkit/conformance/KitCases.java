package dev.shipbridge.testkit.conformance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.shipbridge.TrackResult;
import dev.shipbridge.spi.TokenStore;
import dev.shipbridge.testkit.Malformations;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The kit's cases beyond the valid call and the fault matrix. */
final class KitCases {
  private KitCases() {}

  /** The operation's target answered with {@code kind}'s broken answer, judged by {@link MalformationRules}. */
  static void malformed(CarrierConformanceKit kit, Operation op, Malformations.Kind kind) throws Exception {
    Malformations.Answer a = kind.answer(op.valid());
    ResponseDefinitionBuilder r = aResponse().withStatus(a.status());
    a.headers().forEach(r::withHeader);
    if (a.fault() != null) r.withFault(a.fault());
    else r.withBody(a.body());
    try (KitRun run = new KitRun(kit, op, null, r)) {
      CarrierConformanceKit.Outcome o = CarrierConformanceKit.Outcome.of(op, run.shipbridge);
      List<String> v = new ArrayList<>(MalformationRules.check(kind, a, kit.context(op, run),
          new Rules.Observed(o.result(), o.failure(), run.targetRequests()), op.fallbacks()));
      v.addAll(run.leaks(o.result(), o.failure()));
      kit.fail(op + " answered with " + kind, v, o.failure());
    }
  }

  /** A tracking answer carrying {@link Operation#UNKNOWN_EVENT_CODE}: kept raw, as UNKNOWN. */
  static void unknownCode(CarrierConformanceKit kit, Operation op) throws Exception {
    try (KitRun run = new KitRun(kit, op, null, op.eventCodeAnswer().apply(Operation.UNKNOWN_EVENT_CODE))) {
      CarrierConformanceKit.Outcome o = CarrierConformanceKit.Outcome.of(op, run.shipbridge);
      List<String> v = new ArrayList<>(TrackingRules.unknownCodeKept(o.result(), o.failure(), Operation.UNKNOWN_EVENT_CODE));
      v.addAll(run.leaks(o.result(), o.failure()));
      kit.fail(op + " with an unknown event code", v, o.failure());
    }
  }

  /** {@code trackMany} with one untrackable number. */
  static void trackMany(CarrierConformanceKit kit, Operation op) throws Exception {
    Operation.TrackManyCase c = op.trackManyCase();
    try (KitRun run = new KitRun(kit, op, null, null)) {
      c.stubs().accept(run.server);
      List<TrackResult> results = null;
      Throwable failure = null;
      try {
        results = run.shipbridge.trackMany(c.numbers());
      } catch (Throwable t) {
        failure = t;
      }
      List<String> v = new ArrayList<>(TrackingRules.perNumberFailure(c.numbers(), c.failing(), run.carrier.id(), results, failure));
      Throwable perNumber = results == null ? null : results.stream().filter(r -> !r.isSuccess()).map(r -> (Throwable) r.failure())
          .findFirst().orElse(null);
      v.addAll(run.leaks(results, failure != null ? failure : perNumber));
      kit.fail("trackMany " + c.numbers(), v, failure != null ? failure : perNumber);
    }
  }

  /**
   * The facade's clock and token store: a valid call of the first operation stores tokens that
   * expire on the facade's clock and sends no time of the machine's clock; then, in a fresh facade
   * whose store holds those tokens, the same call sends them and fetches none.
   */
  static void binding(CarrierConformanceKit kit) throws Exception {
    Operation op = kit.operations().get(0);
    List<TokenStore.Token> held;
    List<String> v = new ArrayList<>();
    Throwable failure;
    try (KitRun run = new KitRun(kit, op, null, null)) {
      CarrierConformanceKit.Outcome o = CarrierConformanceKit.Outcome.of(op, run.shipbridge);
      failure = o.failure();
      if (failure != null) v.add("the valid call failed: " + failure);
      v.addAll(BindingRules.tokenExpiries(run.tokens.stored, run.clock.instant()));
      v.addAll(BindingRules.systemClockInRequests(run.requests(), Instant.now(), run.clock.instant()));
      v.addAll(run.leaks(o.result(), o.failure()));
      held = run.tokens.contents();
    }
    kit.fail(op + ": the facade's clock", v, failure);
    if (held.isEmpty()) return; // the carrier caches no token: nothing to plant
    try (KitRun run = new KitRun(kit, op, null, null)) {
      run.tokens.plant(held);
      CarrierConformanceKit.Outcome o = CarrierConformanceKit.Outcome.of(op, run.shipbridge);
      if (o.failure() != null) v.add("the valid call with planted tokens failed: " + o.failure());
      v.addAll(BindingRules.plantedTokensUsed(held.stream().map(TokenStore.Token::value).toList(), run.requests(),
          run.tokens.fetches.get(), run.tokens.stored.size()));
      v.addAll(run.leaks(o.result(), o.failure()));
      kit.fail(op + ": the facade's token store", v, o.failure());
    }
  }

  /** Faults the TRACE canary runs besides each operation's valid call. */
  static final List<Fault> TRACE_FAULTS = List.of(Fault.STATUS_401, Fault.STATUS_500, Fault.RESET_AFTER_SEND);

  /**
   * Every operation's valid call and {@link #TRACE_FAULTS}, with SLF4J at TRACE: some TRACE line
   * was recorded, and no line holds a secret the carrier was built with or a token the facade's
   * store held.
   */
  static void traceCanary(CarrierConformanceKit kit) throws Exception {
    if (!CapturingLogs.bound()) {
      throw new AssertionError("SLF4J is not bound to the kit's capture (" + org.slf4j.LoggerFactory.getILoggerFactory()
          .getClass().getName() + "): register dev.shipbridge.testkit.conformance.CapturingLogs in your test resources'"
          + " META-INF/services/org.slf4j.spi.SLF4JServiceProvider, or override traceLogs() to leave this case out");
    }
    List<String> secrets = new ArrayList<>();
    List<String> lines;
    CapturingLogs.start();
    try {
      for (Operation op : kit.operations()) {
        List<Fault> faults = new ArrayList<>();
        faults.add(null);
        faults.addAll(TRACE_FAULTS);
        for (Fault f : faults) {
          try (KitRun run = new KitRun(kit, op, f, null)) {
            CarrierConformanceKit.Outcome.of(op, run.shipbridge);
            secrets.addAll(run.secrets());
          }
        }
      }
    } finally {
      lines = CapturingLogs.stop();
    }
    List<String> v = new ArrayList<>();
    if (!CapturingLogs.levels().contains(org.slf4j.event.Level.TRACE)) v.add("no TRACE line was recorded");
    Map<String, String> texts = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) texts.put("log line #" + (i + 1), lines.get(i));
    v.addAll(Rules.leaks(secrets.stream().distinct().toList(), texts));
    kit.fail("TRACE logs", v, null);
  }
}
