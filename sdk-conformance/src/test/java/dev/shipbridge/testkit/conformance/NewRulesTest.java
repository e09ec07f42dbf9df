package dev.shipbridge.testkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.TrackResult;
import dev.shipbridge.ValidationException;
import dev.shipbridge.model.CarrierId;
import dev.shipbridge.model.Tracking;
import dev.shipbridge.model.TrackingEvent;
import dev.shipbridge.model.TrackingStatus;
import dev.shipbridge.spi.TokenStore;
import dev.shipbridge.testkit.Malformations;
import dev.shipbridge.testkit.Malformations.Kind;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kit's newer rules each fail when broken: one deliberate breakage per rule. */
class NewRulesTest {
  private static final CarrierId C = CarrierId.of("acme");
  private static final Rules.Context READ = new Rules.Context(Operation.Kind.READ, null, false, 3, false);
  private static final Rules.Context READ_NO_QUOTA = new Rules.Context(Operation.Kind.READ, null, false, 3, true);
  private static final Rules.Context BUY = new Rules.Context(Operation.Kind.PURCHASE, "k-1", false, 3, false);
  private static final Rules.Context BUY_WITH_KEY = new Rules.Context(Operation.Kind.PURCHASE, "k-1", true, 3, false);
  private static final Malformations.Valid VALID = new Malformations.Valid("application/json",
      "{\"rates\":[{\"service\":\"NEXT_DAY\",\"amount\":7.2,\"currency\":\"USD\"}]}", null, null, null, null);

  private static CarrierException.Details d(int status, int attempts) {
    return CarrierException.details(C, "x").httpStatus(status).attempts(attempts);
  }

  private static void broken(List<String> violations, String about) {
    assertTrue(violations.stream().anyMatch(v -> v.contains(about)), "expected a violation about " + about + ": " + violations);
  }

  // ---------------------------------------------------------------- reset before sending

  private static List<String> reset(Rules.Context c, Throwable e, int connections) {
    return Rules.check(Fault.RESET_BEFORE_SEND, c, new Rules.Observed(null, e, connections));
  }

  @Test
  void aResetBeforeSendingThatIsRetryableAndNotOutcomeUnknownPasses() {
    assertEquals(List.of(), reset(BUY, new CarrierUnavailableException(d(0, 1).retryable(true).idempotencyKey("k-1")), 1));
    assertEquals(List.of(), reset(READ, new CarrierUnavailableException(d(0, 3).retryable(true)), 3));
  }

  @Test
  void aPurchaseResetBeforeSendingReportedAsOutcomeUnknownBreaksTheNotSentRule() {
    broken(reset(BUY, new CarrierUnavailableException(d(0, 1).outcomeUnknown(true).idempotencyKey("k-1")), 1),
        "outcomeUnknown() should be false");
    broken(reset(BUY_WITH_KEY, new CarrierUnavailableException(d(0, 1).idempotencyKey("k-1")), 1), "retryable() should be true");
  }

  @Test
  void attemptsThatDoNotMatchTheConnectionsResetBreakTheAttemptsRule() {
    broken(reset(READ, new CarrierUnavailableException(d(0, 1).retryable(true)), 3), "3 connections were opened");
  }

  // ---------------------------------------------------------------- malformations

  private static List<String> malformed(Kind k, Rules.Context c, Object result, Throwable e, int seen) {
    return MalformationRules.check(k, k.answer(VALID), c, new Rules.Observed(result, e, seen), List.of());
  }

  private static CarrierException answer(boolean retryable, boolean unknown, int attempts, String key) {
    return new CarrierException(d(200, attempts).retryable(retryable).outcomeUnknown(unknown).idempotencyKey(key));
  }

  @Test
  void conformingMalformationOutcomesPass() {
    assertEquals(List.of(), malformed(Kind.TRUNCATED_JSON, READ, null, answer(true, false, 2, null), 2));
    assertEquals(List.of(), malformed(Kind.NULL_DOCUMENT, READ, null, answer(false, false, 1, null), 1));
    assertEquals(List.of(), malformed(Kind.BOM_PREFIXED, READ, "a tolerant parse", null, 1));
    assertEquals(List.of(), malformed(Kind.HTML_PAGE, BUY, null, answer(false, true, 1, "k-1"), 1));
    assertEquals(List.of(), malformed(Kind.HTML_PAGE, BUY_WITH_KEY, null, answer(false, true, 3, "k-1"), 3));
    assertEquals(List.of(), malformed(Kind.TRUNCATED_JSON, READ_NO_QUOTA, null, answer(true, false, 3, null), 3));
  }

  @Test
  void aDamagedReadAnswerThatIsNotRetryableBreaksTheMalformationRule() {
    broken(malformed(Kind.EMPTY_BODY, READ, null, answer(false, false, 1, null), 1), "retryable() should be true");
    broken(malformed(Kind.GZIP_HEADER_PLAIN_BODY, READ, null, answer(false, false, 1, null), 1), "retryable() should be true");
  }

  @Test
  void aWrongShapedReadAnswerThatIsRetriedBreaksTheMalformationRule() {
    broken(malformed(Kind.ARRAY_INSTEAD_OF_OBJECT, READ, null, answer(true, false, 3, null), 3), "retryable() should be false");
  }

  @Test
  void aBrokenPurchaseAnswerNotReportedAsOutcomeUnknownBreaksTheMalformationRule() {
    broken(malformed(Kind.TRUNCATED_JSON, BUY_WITH_KEY, null, answer(true, false, 1, "k-1"), 1), "outcomeUnknown() should be true");
    broken(malformed(Kind.TRUNCATED_JSON, BUY, null, answer(false, true, 1, null), 1), "idempotencyKey()");
  }

  @Test
  void aBrokenPurchaseAnswerSentTwiceWithoutAnHonouredKeyBreaksTheMalformationRule() {
    broken(malformed(Kind.HTML_PAGE, BUY, null, answer(false, true, 2, "k-1"), 2), "was sent 2 times");
  }

  @Test
  void anUntypedFailureOrARedirectTakenAsAResultBreaksTheMalformationRule() {
    broken(malformed(Kind.NULLS_EVERYWHERE, READ, null, new ValidationException(List.of(
        new ValidationException.Violation("currency", "missing"))), 1), "expected a CarrierException");
    broken(malformed(Kind.UNEXPECTED_STATUS_WITH_JSON, READ, "quotes", null, 1), "is not a result");
  }

  @Test
  void aDamagedReadTriedOnceWithoutAQuotaBreaksTheMalformationRule() {
    broken(malformed(Kind.TRUNCATED_JSON, READ_NO_QUOTA, null, answer(true, false, 1, null), 1), "tried 3 times");
  }

  @Test
  void statusAndSocketKindsAreJudgedAsTheFaultTheyAre() {
    broken(malformed(Kind.SOCKET_EMPTY_RESPONSE, BUY, null, new CarrierUnavailableException(d(0, 1).retryable(true)
        .idempotencyKey("k-1")), 1), "outcomeUnknown() should be true");
    broken(malformed(Kind.NOT_FOUND_WITH_EMPTY_BODY, READ, "quotes", null, 1), "expected a CarrierException");
    assertEquals(List.of(), MalformationRules.check(Kind.NOT_FOUND_WITH_EMPTY_BODY, Kind.NOT_FOUND_WITH_EMPTY_BODY.answer(VALID),
        READ, new Rules.Observed("quotes from the fallback", null, 1), List.of(Fault.STATUS_404)));
    assertEquals(List.of(), malformed(Kind.NOT_FOUND_WITH_EMPTY_BODY, READ, null, new NotFoundException(d(404, 1)), 1));
  }

  @Test
  void damagedMeansEmptyNotWellFormedOrMisencodedNotBeyondParserLimits() {
    assertTrue(MalformationRules.damaged(Kind.TRUNCATED_INSIDE_A_STRING.answer(VALID)));
    assertTrue(MalformationRules.damaged(Kind.TRAILING_GARBAGE.answer(VALID)));
    assertTrue(MalformationRules.damaged(Kind.NAN_TOKENS.answer(VALID)));
    assertFalse(MalformationRules.damaged(Kind.DEEP_NESTING.answer(VALID)));
    assertFalse(MalformationRules.damaged(Kind.DUPLICATE_KEYS.answer(VALID)));
    assertFalse(MalformationRules.damaged(Kind.STRING_DOCUMENT.answer(VALID)));
  }

  // ---------------------------------------------------------------- tracking

  private static TrackingEvent event(String code, TrackingStatus status) {
    return new TrackingEvent(OffsetDateTime.of(2026, 3, 2, 12, 0, 0, 0, ZoneOffset.UTC), status, code, "text", null, C);
  }

  private static Tracking tracking(String number, TrackingEvent... events) {
    return Tracking.of(number, C, List.of(events), null, null, Map.of());
  }

  @Test
  void anUnknownCodeKeptRawAsUnknownPasses() {
    assertEquals(List.of(), TrackingRules.unknownCodeKept(tracking("AC1", event("ZZ97", TrackingStatus.UNKNOWN)), null, "ZZ97"));
  }

  @Test
  void anUnknownCodeMappedToAStatusOrDroppedOrFailingBreaksTheUnknownCodeRule() {
    broken(TrackingRules.unknownCodeKept(tracking("AC1", event("ZZ97", TrackingStatus.DELIVERED)), null, "ZZ97"), "was mapped to DELIVERED");
    broken(TrackingRules.unknownCodeKept(tracking("AC1", event(null, TrackingStatus.UNKNOWN)), null, "ZZ97"), "no event kept");
    broken(TrackingRules.unknownCodeKept(null, new CarrierException(d(200, 1)), "ZZ97"), "must still be read");
  }

  private static final List<String> NUMBERS = List.of("AC1", "AC2", "AC3");

  private static List<TrackResult> results(TrackResult middle) {
    return List.of(TrackResult.success("AC1", tracking("AC1")), middle, TrackResult.success("AC3", tracking("AC3")));
  }

  @Test
  void aTypedPerNumberFailurePasses() {
    assertEquals(List.of(), TrackingRules.perNumberFailure(NUMBERS, "AC2", C,
        results(TrackResult.failure("AC2", C, new NotFoundException(d(404, 1)))), null));
  }

  @Test
  void aWholeFailureAnUntypedOneOrMisorderedResultsBreakTheTrackManyRule() {
    broken(TrackingRules.perNumberFailure(NUMBERS, "AC2", C, null, new NotFoundException(d(404, 1))), "must not fail the whole");
    broken(TrackingRules.perNumberFailure(NUMBERS, "AC2", C, results(TrackResult.failure("AC2", C,
        new ValidationException(List.of(new ValidationException.Violation("n", "bad"))))), null), "should be a CarrierException");
    broken(TrackingRules.perNumberFailure(NUMBERS, "AC2", C, List.of(TrackResult.success("AC3", tracking("AC3")),
        TrackResult.failure("AC2", C, new NotFoundException(d(404, 1))), TrackResult.success("AC1", tracking("AC1"))), null), "in the order given");
    broken(TrackingRules.perNumberFailure(NUMBERS, "AC2", C, results(TrackResult.success("AC2", tracking("AC2"))), null), "should have failed");
    broken(TrackingRules.perNumberFailure(NUMBERS, "AC2", C, List.of(TrackResult.success("AC1", tracking("AC9")),
        TrackResult.failure("AC2", C, new NotFoundException(d(404, 1))), TrackResult.success("AC3", tracking("AC3"))), null),
        "answered with the tracking of AC9");
    broken(TrackingRules.perNumberFailure(NUMBERS, "AC2", C, results(TrackResult.failure("AC2", C,
        new NotFoundException(CarrierException.details(CarrierId.of("other"), "x")))), null), "names carrier other");
  }

  // ---------------------------------------------------------------- binding

  private static final Instant KIT_NOW = Instant.parse("2026-03-02T15:00:00Z");
  private static final Instant MACHINE_NOW = Instant.parse("2026-12-02T21:00:00Z");

  @Test
  void tokensAndRequestsOnTheFacadesClockPass() {
    assertEquals(List.of(), BindingRules.tokenExpiries(List.of(new TokenStore.Token("t", KIT_NOW.plusSeconds(28_799))), KIT_NOW));
    assertEquals(List.of(), BindingRules.systemClockInRequests(List.of("POST /x?timestamp=" + KIT_NOW.toEpochMilli()
        + "\n{\"mailingDate\":\"2026-03-02\"}"), MACHINE_NOW, KIT_NOW));
  }

  @Test
  void aTokenExpiryCountedOnTheMachinesClockBreaksTheClockRule() {
    broken(BindingRules.tokenExpiries(List.of(new TokenStore.Token("t", MACHINE_NOW.plusSeconds(28_799))), KIT_NOW),
        "not counted on the facade's clock");
  }

  @Test
  void aRequestCarryingTheMachinesDateOrEpochBreaksTheClockRule() {
    broken(BindingRules.systemClockInRequests(List.of("{\"mailingDate\":\"2026-12-02\"}"), MACHINE_NOW, KIT_NOW), "machine's date");
    broken(BindingRules.systemClockInRequests(List.of("POST /sync?timestamp=" + MACHINE_NOW.minusSeconds(5).toEpochMilli()),
        MACHINE_NOW, KIT_NOW), "epoch time of the machine's clock");
  }

  @Test
  void aPlantedTokenNotSentOrATokenFetchedAnywayBreaksTheTokenStoreRule() {
    assertEquals(List.of(), BindingRules.plantedTokensUsed(List.of("tok-1"), List.of("Authorization: Bearer tok-1"), 0, 0));
    broken(BindingRules.plantedTokensUsed(List.of("tok-1"), List.of("Authorization: Bearer tok-2"), 1, 1), "was not sent");
    broken(BindingRules.plantedTokensUsed(List.of("tok-1"), List.of("Authorization: Bearer tok-1"), 1, 1), "fetched 1");
  }

  // ---------------------------------------------------------------- TRACE canary

  @Test
  void aSecretInATraceLineBreaksTheCanaryRuleAndCaptureRecordsTrace() {
    org.slf4j.Logger log = new CapturingLogs().getLoggerFactory().getLogger("dev.shipbridge.http");
    assertFalse(log.isTraceEnabled(), "TRACE is off outside a capture");
    CapturingLogs.start();
    List<String> lines;
    try {
      assertTrue(log.isTraceEnabled());
      log.trace("{} request\n{}", "POST /v1/labels", "{\"apiKey\":\"s3cr3t-canary-42\"}");
    } finally {
      lines = CapturingLogs.stop();
    }
    assertTrue(CapturingLogs.levels().contains(org.slf4j.event.Level.TRACE));
    broken(Rules.leaks(List.of("s3cr3t-canary-42"), Map.of("log line #1", lines.get(0))), "leaked into the log line #1");
  }
}
