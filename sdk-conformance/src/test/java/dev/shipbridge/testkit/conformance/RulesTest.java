package dev.shipbridge.testkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.InvalidRequestException;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.model.CarrierId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of the kit fails when it is broken: one deliberate breakage per rule. */
class RulesTest {
  private static final CarrierId C = CarrierId.of("acme");
  private static final Rules.Context READ = new Rules.Context(Operation.Kind.READ, null, false, 3, false);
  private static final Rules.Context READ_NO_QUOTA = new Rules.Context(Operation.Kind.READ, null, false, 3, true);
  private static final Rules.Context BUY = new Rules.Context(Operation.Kind.PURCHASE, "k-1", false, 3, false);
  private static final Rules.Context BUY_WITH_KEY = new Rules.Context(Operation.Kind.PURCHASE, "k-1", true, 3, false);

  private static CarrierException.Details d(int status, int attempts) {
    return CarrierException.details(C, "x").httpStatus(status).attempts(attempts);
  }

  private static List<String> check(Fault f, Rules.Context c, Throwable e, int seen) {
    return Rules.check(f, c, new Rules.Observed(null, e, seen));
  }

  private static void broken(List<String> violations, String about) {
    assertTrue(violations.stream().anyMatch(v -> v.contains(about)), "expected a violation about " + about + ": " + violations);
  }

  @Test
  void conformingOutcomesPass() {
    assertEquals(List.of(), check(Fault.STATUS_503, READ, new CarrierUnavailableException(d(503, 2).retryable(true)), 2));
    assertEquals(List.of(), check(Fault.STATUS_400, BUY, new InvalidRequestException(d(400, 1).idempotencyKey("k-1"), List.of()), 1));
    assertEquals(List.of(), check(Fault.RESET_AFTER_SEND, BUY,
        new CarrierUnavailableException(d(0, 1).outcomeUnknown(true).idempotencyKey("k-1")), 1));
    assertEquals(List.of(), check(Fault.CONNECT_REFUSED, READ, new CarrierUnavailableException(d(0, 3).retryable(true)), 0));
  }

  @Test
  void anUntypedFailureBreaksTheTypeRule() {
    broken(check(Fault.STATUS_503, READ, new NullPointerException(), 1), "expected a CarrierException");
    broken(check(Fault.STATUS_503, READ, new RateLimitedException(d(503, 1).retryable(true), null), 1),
        "expected CarrierUnavailableException");
  }

  @Test
  void aRetryableRefusalBreaksTheFourHundredRule() {
    broken(check(Fault.STATUS_422, READ, new InvalidRequestException(d(422, 1).retryable(true), List.of()), 1), "retryable()");
  }

  @Test
  void aReadOutageThatIsNotRetryableBreaksTheReadRule() {
    broken(check(Fault.STATUS_500, READ, new CarrierUnavailableException(d(500, 1)), 1), "retryable() should be true");
  }

  @Test
  void aLostPurchaseNotReportedAsOutcomeUnknownBreaksTheOutcomeRule() {
    broken(check(Fault.STATUS_502, BUY_WITH_KEY, new CarrierUnavailableException(d(502, 2).retryable(true).idempotencyKey("k-1")), 2),
        "outcomeUnknown() should be true");
  }

  @Test
  void aThrottledCallReportedAsOutcomeUnknownBreaksTheOutcomeRule() {
    broken(check(Fault.STATUS_429_SECONDS, BUY, new RateLimitedException(d(429, 1).outcomeUnknown(true).idempotencyKey("k-1"), null), 1),
        "outcomeUnknown() should be false");
  }

  @Test
  void aPurchaseFailureWithoutItsKeyBreaksTheKeyRule() {
    broken(check(Fault.EMPTY_CLOSE, BUY, new CarrierUnavailableException(d(0, 1).outcomeUnknown(true)), 1), "idempotencyKey()");
  }

  @Test
  void attemptsThatDoNotMatchTheRequestsSeenBreakTheAttemptsRule() {
    broken(check(Fault.STATUS_503, READ, new CarrierUnavailableException(d(503, 1).retryable(true)), 3), "saw 3 requests");
    broken(check(Fault.STATUS_503, READ, new CarrierUnavailableException(d(503, 0).retryable(true)), 0), "attempts() should be in");
  }

  @Test
  void aPurchaseWithoutAnHonouredKeySentTwiceBreaksTheNoDoubleBuyRule() {
    broken(check(Fault.STATUS_503, BUY, new CarrierUnavailableException(d(503, 2).outcomeUnknown(true).idempotencyKey("k-1")), 2),
        "was sent 2 times");
  }

  @Test
  void aReadOutageTriedOnceWithoutAQuotaBreaksTheRetryRule() {
    broken(check(Fault.STATUS_504, READ_NO_QUOTA, new CarrierUnavailableException(d(504, 1).retryable(true)), 1), "tried 3 times");
  }

  @Test
  void aRetriedRefusalBreaksTheNoRetryRule() {
    broken(check(Fault.STATUS_404, READ, new dev.shipbridge.NotFoundException(d(404, 2)), 2), "must not be retried");
  }

  private static final dev.shipbridge.ValidationException REFUSED = new dev.shipbridge.ValidationException(
      List.of(new dev.shipbridge.ValidationException.Violation("format", "PDF only")));

  @Test
  void aRefusalBeforeSendingPasses() {
    assertEquals(List.of(), Rules.refusedBeforeSending(new Rules.Observed(null, REFUSED, 0)));
  }

  @Test
  void anInvalidCallThatReachesTheServerBreaksTheCheckBeforeSendingRule() {
    broken(Rules.refusedBeforeSending(new Rules.Observed(null, REFUSED, 1)), "must send nothing");
  }

  @Test
  void anInvalidCallRefusedByTheCarrierInsteadOfCheckBreaksTheCheckBeforeSendingRule() {
    broken(Rules.refusedBeforeSending(new Rules.Observed(null, new InvalidRequestException(d(400, 1), List.of()), 1)),
        "expected a ValidationException");
    broken(Rules.refusedBeforeSending(new Rules.Observed("a label", null, 0)), "expected a ValidationException");
  }

  private static final String SECRET = "s3cr3t-canary-42";

  @Test
  void textsWithoutThePlantedSecretsPass() {
    assertEquals(List.of(), Rules.leaks(List.of(SECRET), java.util.Map.of("exception",
        Rules.describe(new CarrierUnavailableException(d(503, 1).retryable(true))), "result's toString()", "Label[...]")));
  }

  @Test
  void aSecretInACauseMessageBreaksTheCanaryRuleWithoutRepeatingTheSecret() {
    RuntimeException cause = new IllegalStateException("token endpoint said: bad client_secret=" + SECRET);
    CarrierException e = new CarrierUnavailableException(d(503, 1).retryable(true).cause(cause));
    List<String> v = Rules.leaks(List.of("other", SECRET), java.util.Map.of("exception", Rules.describe(e)));
    broken(v, "secret #2 leaked into the exception");
    assertTrue(v.stream().noneMatch(x -> x.contains(SECRET)), "a violation must not repeat the secret: " + v);
  }

  @Test
  void aSecretInAToStringBreaksTheCanaryRule() {
    broken(Rules.leaks(List.of(SECRET), java.util.Map.of("carrier's toString()", "AcmeCarrier[key=" + SECRET + "]")),
        "leaked into the carrier's toString()");
  }
}
