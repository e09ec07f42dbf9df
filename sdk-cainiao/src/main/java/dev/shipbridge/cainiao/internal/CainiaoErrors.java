package dev.shipbridge.cainiao.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shipbridge.AuthenticationException;
import dev.shipbridge.CarrierException;
import dev.shipbridge.CarrierUnavailableException;
import dev.shipbridge.InvalidRequestException;
import dev.shipbridge.NotFoundException;
import dev.shipbridge.RateLimitedException;
import dev.shipbridge.http.FailureRules;
import dev.shipbridge.http.HttpResult;
import dev.shipbridge.http.JsonCodec;
import dev.shipbridge.http.RequestSafety;
import dev.shipbridge.http.WireErrors;
import dev.shipbridge.model.CarrierId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one place where Cainiao's answers (IOP, TOP {@code error_response} in JSON or XML, LINK)
 * become exceptions: credential codes {@link AuthenticationException}s, call limits and bans {@link
 * RateLimitedException}s (an app ban lasts until 24:00 Beijing time), {@code ISP}/{@code SYSTEM}
 * errors {@link CarrierUnavailableException}s, other client errors {@link InvalidRequestException}s;
 * never a parser exception.
 */
public final class CainiaoErrors {
  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final Set<String> AUTH_CODES = Set.of(
      "s02", "incompletesignature", "invalidsignature", "illegalaccesstoken", "missingaccesstoken",
      "invalidaccesstoken", "accesstokenexpired", "invalidappkey", "appkeynotexist", "invalidsession",
      "missingsession", "sessionexpired", "appkeynotauthorized", "s23",
      "25", "26", "27", "28", "29", "53");
  private static final Set<String> NOT_FOUND_CODES = Set.of("p-011-0201-00-00-502");

  private CainiaoErrors() {}

  /** What is being called, for classifying a failure. */
  public record Call(CarrierId carrier, String api, boolean changesState, String idempotencyKey, Clock clock) {}

  /**
   * The business object of an IOP answer, parsed once: the root, or the {@code <method>_response}
   * object inside it when the answer was not simplified, as {@code type} beside its status. Throws
   * for every error envelope and for an unreadable body.
   */
  public static <T> CainiaoWire.Reply<T> readIop(HttpResult r, Call call, Class<T> type) {
    JsonNode root = parse(r, call);
    if (root == null) {
      if (!r.isSuccessful()) throw http(r, null, null, call);
      throw unreadable(r, call);
    }
    if (!root.isObject()) throw malformed(call, r, "a body that is not a JSON object");
    CainiaoWire.Envelope top = CainiaoJson.read(root, CainiaoWire.Envelope.class);
    if (top.errorResponse() != null) throw iopError(r, top.errorResponse(), call);
    String code = top.code();
    if (code != null && !"0".equals(code) && (top.type() != null || top.msg() != null)) throw iopError(r, top, call);
    if (!r.isSuccessful()) throw http(r, code, top.msg(), call);
    JsonNode node = root.path(call.api() == null ? "" : call.api().replace('.', '_') + "_response");
    if (!node.isObject() && root.size() <= 2) {
      for (var it = root.fieldNames(); it.hasNext(); ) {
        String name = it.next();
        if (name.endsWith("_response") && root.get(name).isObject()) node = root.get(name);
      }
    }
    if (!node.isObject()) node = root;
    return new CainiaoWire.Reply<>(CainiaoJson.read(node, CainiaoWire.Envelope.class), CainiaoJson.read(node, type));
  }

  /** The tree of a JSON answer; throws for XML and HTML, null when it is not JSON. */
  private static JsonNode parse(HttpResult r, Call call) {
    String body = r.bodyText().stripLeading();
    if (body.startsWith("<")) {
      if (!CainiaoJson.isHtml(body)) throw fromXml(r, body, call);
      if (!r.isSuccessful()) throw http(r, null, null, call);
      throw damaged(call, r, "HTML where JSON was expected"); // a gateway or maintenance page: may be whole next time
    }
    return CainiaoJson.tree(r.body());
  }

  private static CarrierException iopError(HttpResult r, CainiaoWire.Envelope err, Call call) {
    String requestId = err.requestId();
    return classify(r.status(), err.type(), err.code(), err.subCode(), join(err.msg(), err.subMsg()),
        requestId != null ? requestId : r.requestId(), call, WireErrors.retryAfter(r, call.clock()));
  }

  /** An XML answer (where JSON was asked for): TOP's {@code error_response}, or any other XML read leniently. */
  static CarrierException fromXml(HttpResult r, String body, Call call) {
    CainiaoWire.Envelope e = CainiaoJson.xml(body);
    if (e != null && (e.failed() || e.retry())) return fromEnvelope(r, e, call);
    if (!r.isSuccessful()) return http(r, null, null, call);
    return malformed(call, r, e == null ? "XML that could not be read safely" : "XML where JSON was asked for");
  }

  /**
   * The first layer of a JSON answer that says anything (TOP's {@code error_response}, else the top
   * level, {@code response}, {@code result}), or null.
   */
  static CainiaoWire.Envelope saying(CainiaoWire.Envelope root) {
    if (root == null) return null;
    if (root.errorResponse() != null) return root.errorResponse().says() ? root.errorResponse() : null;
    for (CainiaoWire.Envelope e : new CainiaoWire.Envelope[] {root, root.response(), root.result()}) {
      if (e != null && e.says()) return e;
    }
    return null;
  }

  /** The failure an envelope reports. */
  static CarrierException fromEnvelope(HttpResult r, CainiaoWire.Envelope e, Call call) {
    String rid = e.requestId() != null ? e.requestId() : r.requestId();
    if (e.retry()) return business(call, e.failureCode(), e.fullMessage(), true, rid);
    return classify(r.status(), e.type(), e.failureCode(), e.subCode(), e.fullMessage(), rid, call,
        WireErrors.retryAfter(r, call.clock()));
  }

  /** Throws when the per-API status inside a successful envelope is a false flag (absent or blank is no failure). */
  public static void requireSuccess(CainiaoWire.Envelope answer, Call call) {
    if (answer == null) return;
    Boolean ok = answer.flag();
    if (ok == null && answer.result() != null) ok = answer.result().flag();
    if (Boolean.FALSE.equals(ok)) throw businessFailure(answer, call);
  }

  /** The exception for an answer whose business status is a failure. */
  public static CarrierException businessFailure(CainiaoWire.Envelope answer, Call call) {
    CainiaoWire.ErrorInfo info = answer.errorInfo();
    CainiaoWire.Envelope result = answer.result();
    CainiaoWire.Envelope e = saying(answer);
    String code = first(info == null ? null : info.errorCode(), answer.errorCodeSnake(), answer.resultErrorCode(),
        result == null ? null : result.errorCodeSnake(), e == null ? null : e.failureCode());
    String msg = first(info == null ? null : info.errorMsg(), answer.errorDesc(), answer.errorMsg(),
        result == null ? null : result.errorMsg(), result == null ? null : result.errorDesc(),
        e == null ? null : e.fullMessage());
    return business(call, code, msg, answer.retry() || (e != null && e.retry()), answer.requestId());
  }

  static String join(String a, String b) {
    if (a == null) return b;
    if (b == null || b.equals(a)) return a;
    return a + ": " + b;
  }

  private static String first(String... values) {
    for (String v : values) if (v != null) return v;
    return null;
  }

  /** A per-API failure inside a successful envelope; {@code needRetry}: Cainiao did not act, it may be sent again. */
  public static CarrierException business(Call call, String code, String message, boolean needRetry, String requestId) {
    String msg = message == null ? "the call to " + call.api() + " failed" : message;
    String lc = code == null ? "" : code.toLowerCase(Locale.ROOT);
    CarrierException.Details d = CarrierException.details(call.carrier(), msg).carrierCode(code).requestId(requestId)
        .idempotencyKey(call.idempotencyKey());
    if (isAuth(lc, null)) return new AuthenticationException(d);
    if (isRate(lc, null, msg)) return rateLimited(d, lc, null, msg, null, call.clock());
    if (needRetry) return new CarrierUnavailableException(d.retryable(true));
    if (NOT_FOUND_CODES.contains(lc) || lc.contains("not-found") || lc.contains("not_found") || lc.contains("notfound")) {
      return new NotFoundException(d);
    }
    return new InvalidRequestException(d, List.of());
  }

  /**
   * The business object of a LINK answer: the layer whose envelope says success (the top level,
   * {@code response} or {@code result}), as {@code type}; throws for a failure flag, an error code,
   * a retry hint or an unreadable body. An XML answer is read leniently for its error.
   */
  public static <T> CainiaoWire.Reply<T> readLink(HttpResult r, Call call, Class<T> type) {
    JsonNode root = parse(r, call);
    if (root == null || !root.isObject()) {
      if (!r.isSuccessful()) throw http(r, null, null, call);
      throw root == null ? unreadable(r, call) : malformed(call, r, "a body that is not a JSON object");
    }
    CainiaoWire.Envelope top = CainiaoJson.read(root, CainiaoWire.Envelope.class);
    CainiaoWire.Envelope e = saying(top);
    if (e == null) {
      if (!r.isSuccessful()) throw http(r, null, null, call);
      throw malformed(call, r, "a LINK answer without success or errorCode");
    }
    if (Boolean.TRUE.equals(e.flag()) && !e.failed() && !e.retry() && r.isSuccessful()) {
      JsonNode layer = e == top ? root
          : root.path(e == top.result() ? "result" : e == top.response() ? "response" : "error_response");
      if (layer.isTextual()) layer = CainiaoJson.tree(layer.asText().getBytes(StandardCharsets.UTF_8));
      return new CainiaoWire.Reply<>(e, CainiaoJson.read(layer, type));
    }
    if (!r.isSuccessful() && e.flag() == null && !e.failed()) throw http(r, null, e.fullMessage(), call);
    if (!e.failed() && !e.retry()) throw malformed(call, r, "a LINK answer without success or errorCode");
    throw fromEnvelope(r, e, call);
  }

  /**
   * A non-2xx answer without a Cainiao envelope, by status and by what the request was: a 5xx to
   * a create is outcome-unknown (Cainiao may have acted before failing), to a read retryable.
   */
  public static CarrierException http(HttpResult r, String code, String message, Call call) {
    String m = message != null ? message : r.status() >= 500 ? "Cainiao is failing (HTTP " + r.status() + ")" : null;
    return WireErrors.forStatus(call.carrier(), r, code, m, List.of(), call.clock(), safety(call), call.idempotencyKey());
  }

  /** What the call is, for core's {@link FailureRules}: Cainiao deduplicates no state change by a key. */
  static RequestSafety safety(Call call) {
    return call.changesState() ? RequestSafety.NON_IDEMPOTENT : RequestSafety.IDEMPOTENT;
  }

  /**
   * A damaged answer (truncated or unparseable JSON, an empty body): a read may simply be sent
   * again; for a create the order may exist, so the outcome is unknown.
   */
  public static CarrierException damaged(Call call, HttpResult r, String what) {
    CarrierException.Details d = CarrierException.details(call.carrier(),
            "Cainiao answered " + call.api() + " with " + what)
        .httpStatus(r.status()).requestId(r.requestId()).idempotencyKey(call.idempotencyKey());
    FailureRules.classify(d, FailureRules.Fault.DAMAGED_ANSWER, safety(call));
    return call.changesState() ? d.build() : new CarrierUnavailableException(d);
  }

  /**
   * A 2xx body that gave no JSON tree, judged by core's one rule ({@link JsonCodec#unreadable}):
   * damaged (a read may be sent again) or beyond the parser's limits (malformed: Cainiao would
   * answer the same). For a create both are outcome-unknown.
   */
  static CarrierException unreadable(HttpResult r, Call call) {
    boolean damaged = JsonCodec.standard().unreadable(call.carrier(), r, null, RequestSafety.IDEMPOTENT, null).retryable();
    if (damaged) return damaged(call, r, r.body().length == 0 ? "an empty body" : "a body that is not JSON (truncated?)");
    return malformed(call, r, "JSON beyond the parser's limits (size, nesting or number length)");
  }

  /** An answer that could not be understood. */
  public static CarrierException malformed(Call call, HttpResult r, String what) {
    CarrierException.Details d = CarrierException.details(call.carrier(),
            "Cainiao answered " + call.api() + " with " + what)
        .httpStatus(r == null ? 0 : r.status()).requestId(r == null ? null : r.requestId())
        .idempotencyKey(call.idempotencyKey());
    return FailureRules.classify(d, FailureRules.Fault.WRONG_ANSWER, safety(call)).build();
  }

  static CarrierException classify(int status, String type, String code, String subCode, String message,
      String requestId, Call call, Duration retryAfter) {
    String lc = code == null ? "" : code.toLowerCase(Locale.ROOT);
    String lsub = subCode == null ? "" : subCode.toLowerCase(Locale.ROOT);
    String shownCode = subCode != null ? (code != null ? code + "/" + subCode : subCode) : code;
    String msg = message != null ? message : "Cainiao refused " + call.api();
    CarrierException.Details d = CarrierException.details(call.carrier(), msg).httpStatus(status)
        .carrierCode(shownCode).requestId(requestId).idempotencyKey(call.idempotencyKey());
    if (isAuth(lc, lsub)) return new AuthenticationException(d);
    if (isRate(lc, lsub, msg)) return rateLimited(d, lc, lsub, msg, retryAfter, call.clock());
    if (NOT_FOUND_CODES.contains(lc)) return new NotFoundException(d);
    String t = type != null ? type.toUpperCase(Locale.ROOT)
        : lsub.startsWith("isp.") || lc.startsWith("isp.") ? "ISP"
        : lsub.startsWith("isv.") || lc.startsWith("isv.") ? "ISV" : null;
    if ("ISP".equals(t) || "SYSTEM".equals(t) || status >= 500) {
      // A provider or platform error: transient, and for a create possibly carried out.
      return new CarrierUnavailableException(FailureRules.classify(d, FailureRules.Fault.SERVER_FAILED, safety(call)));
    }
    if ("ISV".equals(t) || lsub.contains("invalid") || lsub.contains("missing") || "s12".equals(lc) || "s16".equals(lc)) {
      if (lsub.contains("not-found") || lsub.contains("not-exist")) return new NotFoundException(d);
      return new InvalidRequestException(d, List.of());
    }
    return d.build();
  }

  private static boolean isAuth(String code, String sub) {
    if (AUTH_CODES.contains(code)) return true;
    String s = sub == null ? "" : sub;
    return s.contains("signature") || s.contains("session") || s.contains("access-token") || s.contains("accesstoken")
        || s.contains("invalid-app-key") || s.contains("digest") || code.contains("signature") || code.contains("accesstoken")
        || code.contains("digest") || code.startsWith("sign_") || code.endsWith("_sign") || code.contains("sign_check")
        || code.contains("signcheck") || code.contains("signerror") || code.contains("sign_error");
  }

  private static boolean isRate(String code, String sub, String message) {
    String s = sub == null ? "" : sub;
    if ("7".equals(code) || code.contains("calllimit") || code.contains("limited") || code.contains("flowcontrol")
        || code.contains("ban")) return true;
    if (s.startsWith("accesscontrol.limited") || s.contains("call-limit") || s.contains("flow-control")) return true;
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    return m.contains("call limit") || m.contains("call limited") || m.contains("frequency") || m.contains("banned");
  }

  private static RateLimitedException rateLimited(CarrierException.Details d, String code, String sub, String message,
      Duration retryAfter, Clock clock) {
    String s = sub == null ? "" : sub;
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    boolean appBan = code.contains("appcalllimit") || s.contains("app-access-count") || "7".equals(code)
        || m.contains("banned") || m.contains("24:00") || m.contains("day");
    if (appBan) {
      // The daily ban ends at 24:00 Beijing time (GMT+8); retrying before then only extends it.
      ZonedDateTime now = ZonedDateTime.now(clock).withZoneSameInstant(BEIJING);
      ZonedDateTime midnight = LocalDate.from(now).plusDays(1).atStartOfDay(BEIJING);
      return new RateLimitedException(d.retryable(false), Duration.between(now, midnight));
    }
    return new RateLimitedException(d.retryable(true), retryAfter);
  }
}
