package dev.shipbridge.testkit.conformance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.shipbridge.CarrierException;
import dev.shipbridge.testkit.Malformations;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rules for the testkit's {@link Malformations} matrix, per kind of broken answer and per
 * operation kind (a read; a purchase under a key the carrier honours; a purchase without one):
 *
 * <ul>
 *   <li>an error status or a socket fault is judged as the {@link Fault} it is ({@link #asFault}):
 *       a 500 as {@link Fault#STATUS_500}, a 400 as {@link Fault#STATUS_400}, a 404 as {@link
 *       Fault#STATUS_404}, a broken socket as {@link Fault#RESET_AFTER_SEND};
 *   <li>a 3xx (never followed) is a wrong answer: a read fails once, neither retryable nor
 *       outcome-unknown; a purchase is outcome-unknown, carrying its key;
 *   <li>a 2xx with a broken body may be read tolerantly (a non-null result); if it fails, the
 *       failure is a {@link CarrierException}: for a read never outcome-unknown, and retryable
 *       exactly when the answer is damaged (an empty body, not a well-formed JSON document, or a
 *       {@code Content-Encoding} it is not in: the carrier may answer whole next time) rather than
 *       well-formed JSON of the wrong shape (it would answer the same again);  well-formed JSON
 *       beyond a parser's limits (huge numbers, 10,000 levels, 10 MB) is of the wrong shape; well-formed
 *       XML ({@link #EITHER}) may be judged either way, so only its outcome and attempts are checked; for a purchase outcome-unknown, not
 *       retryable, carrying its key;
 *   <li>the server saw {@code attempts()} requests; a purchase whose key the carrier does not
 *       honour is sent once; a retryable read under a policy without quotas is tried {@code
 *       maxAttempts} times.
 * </ul>
 */
final class MalformationRules {
  private MalformationRules() {}

  /** The fault a kind stands for when it is not a broken 2xx body, else null. */
  static Fault asFault(Malformations.Kind k) {
    return switch (k) {
      case SERVER_ERROR_WITH_TRUNCATED_JSON -> Fault.STATUS_500;
      case CLIENT_ERROR_WITH_HTML -> Fault.STATUS_400;
      case NOT_FOUND_WITH_EMPTY_BODY -> Fault.STATUS_404;
      case SOCKET_MALFORMED_CHUNK, SOCKET_RANDOM_DATA, SOCKET_EMPTY_RESPONSE -> Fault.RESET_AFTER_SEND;
      default -> null;
    };
  }

  /**
   * Kinds whose retryability for a read is not checked: well-formed XML only. A carrier that also
   * answers in XML (Cainiao's TOP gateway sends {@code error_response} as XML) reads an XML body
   * as an answer of the wrong shape (not retryable), while a JSON-only reader (USPS, core's {@code
   * JsonCodec}) sees a body that is not JSON: damaged, retryable. JSON beyond a parser's limits
   * (numbers, nesting depth, document size) is checked: both adapters follow core's rule (a wrong
   * shape, not retryable).
   */
  static final java.util.Set<Malformations.Kind> EITHER = java.util.EnumSet.of(
      Malformations.Kind.XML_DOCUMENT, Malformations.Kind.XXE_DOCUMENT);

  /** Whether {@code a} is damaged: a body in an encoding it does not declare, or a damaged body. */
  static boolean damaged(Malformations.Answer a) {
    String encoding = a.headers().getOrDefault("Content-Encoding", "identity");
    boolean gzip = a.body() != null && a.body().length > 1 && (a.body()[0] & 0xff) == 0x1f && (a.body()[1] & 0xff) == 0x8b;
    if (encoding.equalsIgnoreCase("gzip") && !gzip) return true;
    return damaged(a.body());
  }

  /**
   * Whether {@code body} is damaged: empty, or not one well-formed JSON document (syntax only: a
   * document beyond a parser's depth, number or size limits is well-formed).
   */
  static boolean damaged(byte[] body) {
    if (body == null || body.length == 0) return true;
    JsonFactory f = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(Integer.MAX_VALUE).maxNumberLength(Integer.MAX_VALUE).maxStringLength(Integer.MAX_VALUE)
        .maxDocumentLength(-1).build()).build();
    try (JsonParser p = f.createParser(body)) {
      if (p.nextToken() == null) return true;
      p.skipChildren();
      return p.nextToken() != null;
    } catch (Exception e) {
      return true;
    }
  }

  /** The violations by the outcome {@code o} of an operation answered with {@code kind}'s {@code answer}. */
  static List<String> check(Malformations.Kind kind, Malformations.Answer answer, Rules.Context c, Rules.Observed o,
      List<Fault> fallbacks) {
    Fault like = asFault(kind);
    if (like != null) {
      if (o.failure() == null && fallbacks.contains(like) && o.result() != null) return List.of();
      return Rules.check(like, c, o);
    }
    List<String> v = new ArrayList<>();
    boolean redirect = answer.status() >= 300 && answer.status() < 400;
    if (o.failure() == null) {
      if (redirect) v.add("a " + answer.status() + " is not a result: got " + o.result());
      else if (o.result() == null) v.add("returned null");
      return v;
    }
    if (!(o.failure() instanceof CarrierException e)) {
      v.add("expected a CarrierException, got " + o.failure().getClass().getName() + ": " + o.failure().getMessage());
      return v;
    }
    boolean purchase = c.kind() == Operation.Kind.PURCHASE;
    boolean either = !purchase && EITHER.contains(kind);
    boolean wantRetryable = either ? e.retryable() : !purchase && !redirect && damaged(answer);
    if (e.outcomeUnknown() != purchase) v.add("outcomeUnknown() should be " + purchase + ": " + e.getMessage());
    if (e.retryable() != wantRetryable) v.add("retryable() should be " + wantRetryable + ": " + e.getMessage());
    if (purchase && !Objects.equals(e.idempotencyKey().orElse(null), c.idempotencyKey())) {
      v.add("idempotencyKey() should be " + c.idempotencyKey() + ", was " + e.idempotencyKey().orElse(null));
    }
    int attempts = e.attempts();
    if (attempts < 1 || attempts > c.maxAttempts()) v.add("attempts() should be in 1.." + c.maxAttempts() + ", was " + attempts);
    if (o.requestsSeen() != attempts) v.add("attempts() is " + attempts + " but the carrier saw " + o.requestsSeen() + " requests");
    if (!wantRetryable && !purchase && attempts != 1) v.add("must not be retried, was tried " + attempts + " times");
    if (purchase && !c.honoursKey() && o.requestsSeen() > 1) {
      v.add("a purchase without an honoured key was sent " + o.requestsSeen() + " times after an answer that may mean it was bought");
    }
    if (c.noQuota() && wantRetryable && attempts != c.maxAttempts()) {
      v.add("a damaged answer to a read without a quota is tried " + c.maxAttempts() + " times, was " + attempts);
    }
    return v;
  }
}
